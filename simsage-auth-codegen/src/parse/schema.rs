//! Turns component schemas and inline schemas into model types.
//!
//! Component schemas that are objects, string enumerations or tagged unions become named
//! types. Any other component schema (a string, an array, a map, a free-form object) is
//! an alias: a `$ref` to it resolves to the Rust type of its content. Inline objects,
//! enumerations and unions become named types too, named after where they appear (the
//! struct and property, the parameter, or the operation and role).

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, AnySchema, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema,
    SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::error::{Error, Pointer};
use crate::model::{EnumDef, StructDef, TypeDef, TypeRef, Variant};
use crate::naming;
use crate::parse::extensions;
use crate::parse::object::{ObjectShape, is_object_like};

pub(crate) const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Name of the catch-all variant of enums generated from schemas.
const CATCH_ALL: &str = "Unknown";

/// A schema or a reference to one, whether the document boxes it or not.
#[derive(Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    Reference(&'a str),
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Schema>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(value: &'a ReferenceOr<Box<Schema>>) -> Self {
        match value {
            ReferenceOr::Reference { reference } => SchemaRef::Reference(reference),
            ReferenceOr::Item(schema) => SchemaRef::Item(schema),
        }
    }
}

/// The kind of Rust type a component schema becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ComponentKind {
    Struct,
    Enum,
    Union,
    /// No type of its own: a `$ref` to it means the type of its content.
    Alias,
}

/// Resolves schemas against the document's components and collects the named types.
pub(crate) struct Schemas<'a> {
    pub(crate) components: BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    /// Rust names of component schemas that become types, by document name.
    pub(crate) names: BTreeMap<&'a str, String>,
    /// Types generated so far, by Rust name, with the pointer that defined them.
    pub(crate) types: BTreeMap<String, (TypeDef, Pointer)>,
    /// Components that other components extend through `allOf`, with those extensions
    /// sorted by name.
    pub(crate) children: BTreeMap<&'a str, Vec<&'a str>>,
    /// Discriminator property that each union variant struct leaves out, by struct name.
    pub(crate) tag_fields: BTreeMap<String, String>,
    /// Alias components being resolved, to detect an alias that contains itself.
    resolving: Vec<&'a str>,
    /// Inline object schemas being converted, with their type names. An inline schema can
    /// meet itself again through an `allOf` member that refers to its parent component.
    inline_in_progress: Vec<(&'a Schema, String)>,
    /// Whether inline enumerations met now get no catch-all variant (parameters).
    closed_enums: bool,
}

impl<'a> Schemas<'a> {
    /// Names every component schema and converts each into a type.
    pub(crate) fn from_components(spec: &'a OpenAPI) -> Result<Self, Error> {
        let components: BTreeMap<&str, &ReferenceOr<Schema>> = spec
            .components
            .iter()
            .flat_map(|c| c.schemas.iter())
            .map(|(name, schema)| (name.as_str(), schema))
            .collect();
        let mut schemas = Schemas {
            components,
            names: BTreeMap::new(),
            types: BTreeMap::new(),
            children: BTreeMap::new(),
            tag_fields: BTreeMap::new(),
            resolving: Vec::new(),
            inline_in_progress: Vec::new(),
            closed_enums: false,
        };
        schemas.find_children();
        schemas.name_components()?;
        let entries: Vec<(&str, &ReferenceOr<Schema>)> =
            schemas.components.iter().map(|(k, v)| (*k, *v)).collect();
        for (name, schema) in entries {
            if let ReferenceOr::Item(schema) = schema {
                schemas.convert_component(name, schema)?;
            }
        }
        Ok(schemas)
    }

    /// Records, for each component, the components whose `allOf` refers to it.
    fn find_children(&mut self) {
        for (name, schema) in &self.components {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            for member in all_of_members(schema) {
                if let ReferenceOr::Reference { reference } = member
                    && let Some(parent) = reference.strip_prefix(SCHEMA_REF_PREFIX)
                    && let Some((parent, _)) = self.components.get_key_value(parent)
                {
                    self.children.entry(*parent).or_default().push(*name);
                }
            }
        }
        for children in self.children.values_mut() {
            children.sort_unstable();
            children.dedup();
        }
    }

    /// Returns what the component `name` becomes.
    pub(crate) fn component_kind(&self, name: &str, schema: &Schema) -> ComponentKind {
        let has_children = self.children.get(name).is_some_and(|c| !c.is_empty());
        let is_base = schema.schema_data.discriminator.is_some() && has_children;
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                ComponentKind::Enum
            }
            SchemaKind::OneOf { .. } => ComponentKind::Union,
            _ if is_base && ObjectShape::is_object_schema(schema) => ComponentKind::Union,
            SchemaKind::Type(Type::Object(object)) => {
                if object.properties.is_empty()
                    && !matches!(
                        object.additional_properties,
                        Some(AdditionalProperties::Any(false))
                    )
                {
                    ComponentKind::Alias
                } else {
                    ComponentKind::Struct
                }
            }
            SchemaKind::AllOf { .. } => ComponentKind::Struct,
            SchemaKind::Any(any) if is_object_like(any) && !is_empty_any(any) => {
                ComponentKind::Struct
            }
            _ => ComponentKind::Alias,
        }
    }

    fn name_components(&mut self) -> Result<(), Error> {
        let mut owners: BTreeMap<String, &str> = BTreeMap::new();
        for (name, schema) in &self.components {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            if self.component_kind(name, schema) == ComponentKind::Alias {
                continue;
            }
            let pointer = component_pointer(name);
            let rust_name = naming::upper_camel_case(name, "T").ok_or_else(|| {
                Error::invalid(
                    &pointer,
                    format!("schema name `{name}` has no ASCII letters or digits"),
                )
            })?;
            if let Some(other) = owners.insert(rust_name.clone(), name) {
                return Err(Error::NameClash {
                    rust_name,
                    first: component_pointer(other).to_string(),
                    second: pointer.to_string(),
                });
            }
            self.names.insert(name, rust_name);
        }
        Ok(())
    }

    fn convert_component(&mut self, name: &'a str, schema: &'a Schema) -> Result<(), Error> {
        let Some(rust_name) = self.names.get(name).cloned() else {
            return Ok(());
        };
        let pointer = component_pointer(name);
        let description = schema.schema_data.description.clone();
        let def = match self.component_kind(name, schema) {
            ComponentKind::Struct => {
                let shape = ObjectShape::of_schema(self, schema, &pointer)?;
                TypeDef::Struct(self.struct_def(rust_name, name, description, &shape)?)
            }
            ComponentKind::Enum => {
                let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
                    return Ok(());
                };
                let variants = enum_variants(&string.enumeration, &pointer)?;
                TypeDef::Enum(EnumDef {
                    catch_all: Some(catch_all_name(&variants)),
                    name: rust_name,
                    spec_name: name.to_string(),
                    description,
                    variants,
                })
            }
            ComponentKind::Union => {
                let union = match &schema.schema_kind {
                    SchemaKind::OneOf { one_of } => {
                        self.one_of_union(rust_name, name, schema, one_of, &pointer)?
                    }
                    _ => self.base_union(rust_name, name, schema, &pointer)?,
                };
                TypeDef::Union(union)
            }
            ComponentKind::Alias => return Ok(()),
        };
        self.add_type(def, pointer)
    }

    /// Builds a struct from an object shape, converting each property's type.
    pub(crate) fn struct_def(
        &mut self,
        rust_name: String,
        spec_name: &str,
        description: Option<String>,
        shape: &ObjectShape<'a>,
    ) -> Result<StructDef, Error> {
        let fields = shape.fields(self, &rust_name)?;
        let additional_properties = shape.additional_properties(self, &rust_name)?;
        Ok(StructDef {
            name: rust_name,
            spec_name: spec_name.to_string(),
            description,
            fields,
            additional_properties,
        })
    }

    /// Returns the Rust type for a schema, creating named types for inline objects,
    /// enumerations and unions.
    ///
    /// `hint` names such a type. It is derived from the struct and property, or from the
    /// parameter or operation, that contains the schema.
    pub(crate) fn type_ref(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        match schema {
            SchemaRef::Reference(reference) => self.resolve_reference(reference, pointer),
            SchemaRef::Item(schema) => self.inline_type(schema, pointer, hint),
        }
    }

    /// Returns the Rust type of a parameter's schema, whose inline enums get no catch-all
    /// variant: a caller cannot send a value the server does not know.
    pub(crate) fn parameter_type_ref(
        &mut self,
        schema: SchemaRef<'a>,
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        self.closed_enums = true;
        let result = self.type_ref(schema, pointer, hint);
        self.closed_enums = false;
        result
    }

    /// Returns the component that `reference` names, or a located error.
    pub(crate) fn component(
        &self,
        reference: &str,
        pointer: &Pointer,
    ) -> Result<(&'a str, &'a ReferenceOr<Schema>), Error> {
        let Some(name) = reference.strip_prefix(SCHEMA_REF_PREFIX) else {
            return Err(Error::unsupported(
                &pointer.join("$ref"),
                format!("`{reference}` is not a reference into #/components/schemas"),
            ));
        };
        match self.components.get_key_value(name) {
            Some((name, target)) => Ok((*name, *target)),
            None => Err(Error::invalid(
                &pointer.join("$ref"),
                format!("`{reference}` refers to a schema that does not exist"),
            )),
        }
    }

    /// Follows `$ref` aliases to a named type or an inline schema, iteratively so that a
    /// long alias chain cannot exhaust the stack.
    fn resolve_reference(&mut self, reference: &str, pointer: &Pointer) -> Result<TypeRef, Error> {
        let mut current = reference;
        let mut current_pointer = pointer.clone();
        for _ in 0..=self.components.len() {
            let (name, target) = self.component(current, &current_pointer)?;
            if let Some(rust_name) = self.names.get(name) {
                return Ok(TypeRef::Named(rust_name.clone()));
            }
            match target {
                ReferenceOr::Reference { reference } => {
                    current = reference;
                    current_pointer = component_pointer(name);
                }
                ReferenceOr::Item(schema) => return self.resolve_alias(name, schema),
            }
        }
        Err(Error::invalid(
            &current_pointer,
            "schema aliases refer to each other in a cycle",
        ))
    }

    /// Returns the type of the alias component `name`, rejecting an alias that contains
    /// itself.
    fn resolve_alias(&mut self, name: &'a str, schema: &'a Schema) -> Result<TypeRef, Error> {
        if self.resolving.contains(&name) {
            return Err(Error::unsupported(
                &component_pointer(name),
                "the schema contains itself only through arrays or maps, which has no \
                 Rust type; make it an object with properties",
            ));
        }
        self.resolving.push(name);
        let result = self.inline_type(schema, &component_pointer(name), name);
        self.resolving.pop();
        result
    }

    fn inline_type(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        match &schema.schema_kind {
            SchemaKind::Type(typ) => self.typed(schema, typ, pointer, hint),
            SchemaKind::AllOf { .. } => self.inline_struct(schema, pointer, hint),
            SchemaKind::OneOf { one_of } => {
                let name = self.inline_name(hint, pointer)?;
                let union = self.one_of_union(name.clone(), hint, schema, one_of, pointer)?;
                self.add_type(TypeDef::Union(union), pointer.clone())?;
                Ok(TypeRef::Named(name))
            }
            SchemaKind::Any(any) if is_empty_any(any) => Ok(TypeRef::Json),
            SchemaKind::Any(any) if is_object_like(any) => {
                self.inline_struct(schema, pointer, hint)
            }
            SchemaKind::Any(any) => Err(Error::unsupported(
                pointer,
                format!(
                    "a schema that mixes keywords of different types ({}) is not supported",
                    describe_any(any)
                ),
            )),
            SchemaKind::AnyOf { .. } => Err(Error::unsupported(
                pointer,
                "`anyOf` schemas are not supported; use `oneOf` with a discriminator",
            )),
            SchemaKind::Not { .. } => Err(Error::unsupported(
                pointer,
                "`not` schemas are not supported",
            )),
        }
    }

    fn typed(
        &mut self,
        schema: &'a Schema,
        typ: &'a Type,
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        match typ {
            Type::String(string) if !string.enumeration.is_empty() => {
                self.inline_enum(schema, &string.enumeration, pointer, hint)
            }
            Type::String(string) => string_type(&string.format, pointer),
            Type::Integer(integer) => match &integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Ok(TypeRef::I32),
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64)
                | VariantOrUnknownOrEmpty::Empty => Ok(TypeRef::I64),
                VariantOrUnknownOrEmpty::Unknown(format) => Err(Error::unsupported(
                    &pointer.join("format"),
                    format!("integer format `{format}` is not supported; use int32 or int64"),
                )),
            },
            Type::Number(number) => match &number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Ok(TypeRef::F32),
                VariantOrUnknownOrEmpty::Item(NumberFormat::Double)
                | VariantOrUnknownOrEmpty::Empty => Ok(TypeRef::F64),
                VariantOrUnknownOrEmpty::Unknown(format) => Err(Error::unsupported(
                    &pointer.join("format"),
                    format!("number format `{format}` is not supported; use float or double"),
                )),
            },
            Type::Boolean(_) => Ok(TypeRef::Bool),
            Type::Array(array) => {
                let Some(items) = &array.items else {
                    return Err(Error::invalid(pointer, "array schema has no `items`"));
                };
                let item_hint = format!("{hint}Item");
                let item = self.type_ref(items.into(), &pointer.join("items"), &item_hint)?;
                Ok(TypeRef::Vec(Box::new(item)))
            }
            Type::Object(object) => {
                if !object.properties.is_empty()
                    || matches!(
                        object.additional_properties,
                        Some(AdditionalProperties::Any(false))
                    )
                {
                    return self.inline_struct(schema, pointer, hint);
                }
                match &object.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        let value_hint = format!("{hint}Value");
                        let value = self.type_ref(
                            values.as_ref().into(),
                            &pointer.join("additionalProperties"),
                            &value_hint,
                        )?;
                        Ok(TypeRef::Map(Box::new(value)))
                    }
                    _ => Ok(TypeRef::Json),
                }
            }
        }
    }

    /// Generates a struct named after `hint` for an inline object schema.
    fn inline_struct(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        let in_progress = self
            .inline_in_progress
            .iter()
            .find(|(other, _)| std::ptr::eq(*other, schema));
        if let Some((_, name)) = in_progress {
            return Ok(TypeRef::Named(name.clone()));
        }
        let name = self.inline_name(hint, pointer)?;
        self.inline_in_progress.push((schema, name.clone()));
        let def = ObjectShape::of_schema(self, schema, pointer).and_then(|shape| {
            let description = schema.schema_data.description.clone();
            self.struct_def(name.clone(), hint, description, &shape)
        });
        self.inline_in_progress.pop();
        self.add_type(TypeDef::Struct(def?), pointer.clone())?;
        Ok(TypeRef::Named(name))
    }

    fn inline_name(&self, hint: &str, pointer: &Pointer) -> Result<String, Error> {
        naming::upper_camel_case(hint, "T")
            .ok_or_else(|| Error::invalid(pointer, format!("cannot name a type after `{hint}`")))
    }

    fn inline_enum(
        &mut self,
        schema: &Schema,
        values: &[Option<String>],
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        let name = self.inline_name(hint, pointer)?;
        let variants = enum_variants(values, pointer)?;
        let catch_all = (!self.closed_enums).then(|| catch_all_name(&variants));
        let def = TypeDef::Enum(EnumDef {
            name: name.clone(),
            spec_name: hint.to_string(),
            description: schema.schema_data.description.clone(),
            variants,
            catch_all,
        });
        self.add_type(def, pointer.clone())?;
        Ok(TypeRef::Named(name))
    }

    /// Registers a type. An enum with the same name and values is shared, with a
    /// catch-all variant if either has one. Anything else with the same name clashes.
    pub(crate) fn add_type(&mut self, def: TypeDef, pointer: Pointer) -> Result<(), Error> {
        if let Some((existing, existing_pointer)) = self.types.get_mut(def.name()) {
            if let (TypeDef::Enum(a), TypeDef::Enum(b)) = (&mut *existing, &def)
                && a.variants == b.variants
            {
                if a.catch_all.is_none() {
                    a.catch_all.clone_from(&b.catch_all);
                }
                return Ok(());
            }
            let (first, second) = ordered(existing_pointer.to_string(), pointer.to_string());
            return Err(Error::NameClash {
                rust_name: def.name().to_string(),
                first,
                second,
            });
        }
        self.types.insert(def.name().to_string(), (def, pointer));
        Ok(())
    }

    pub(crate) fn component_description(&self, reference: &str) -> Option<String> {
        let name = reference.strip_prefix(SCHEMA_REF_PREFIX)?;
        match self.components.get(name)? {
            ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// Returns the struct with this Rust name, if there is one.
    pub(crate) fn struct_def_named(&self, rust_name: &str) -> Option<&StructDef> {
        match self.types.get(rust_name) {
            Some((TypeDef::Struct(def), _)) => Some(def),
            _ => None,
        }
    }

    /// Returns whether a value of `ty` can hold a field marked sensitive, at any depth.
    pub(crate) fn has_secrets(&self, ty: &TypeRef) -> bool {
        let mut seen = std::collections::BTreeSet::new();
        let mut pending = vec![ty];
        while let Some(ty) = pending.pop() {
            match ty {
                TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Boxed(inner) => {
                    pending.push(inner)
                }
                TypeRef::Named(name) if seen.insert(name.as_str()) => match self.types.get(name) {
                    Some((TypeDef::Struct(def), _)) => {
                        if def.has_sensitive_fields() {
                            return true;
                        }
                        pending.extend(def.fields.iter().map(|f| &f.ty));
                        pending.extend(&def.additional_properties);
                    }
                    Some((TypeDef::Union(def), _)) => {
                        pending.extend(def.variants.iter().map(|v| &v.ty));
                    }
                    _ => {}
                },
                _ => {}
            }
        }
        false
    }

    /// Returns whether this Rust name is a generated enum.
    pub(crate) fn is_enum(&self, rust_name: &str) -> bool {
        matches!(self.types.get(rust_name), Some((TypeDef::Enum(_), _)))
    }
}

/// Returns the `allOf` members of a schema, whether openapiv3 read it as `allOf` alone or
/// as `allOf` next to `type: object`.
pub(crate) fn all_of_members(schema: &Schema) -> &[ReferenceOr<Schema>] {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } => all_of,
        SchemaKind::Any(any) => &any.all_of,
        _ => &[],
    }
}

/// Returns whether an untyped schema has no keywords at all (`{}`): any JSON value.
fn is_empty_any(any: &AnySchema) -> bool {
    *any == AnySchema::default()
}

fn describe_any(any: &AnySchema) -> String {
    let mut keywords = Vec::new();
    if let Some(typ) = &any.typ {
        keywords.push(format!("type: {typ}"));
    }
    if let Some(format) = &any.format {
        keywords.push(format!("format: {format}"));
    }
    let present = [
        ("properties", !any.properties.is_empty()),
        ("items", any.items.is_some()),
        ("enum", !any.enumeration.is_empty()),
        ("oneOf", !any.one_of.is_empty()),
        ("allOf", !any.all_of.is_empty()),
        ("anyOf", !any.any_of.is_empty()),
        ("not", any.not.is_some()),
        ("pattern", any.pattern.is_some()),
        ("minimum", any.minimum.is_some()),
        ("maximum", any.maximum.is_some()),
    ];
    keywords.extend(
        present
            .iter()
            .filter(|(_, present)| *present)
            .map(|(name, _)| (*name).to_string()),
    );
    keywords.join(", ")
}

pub(crate) fn component_pointer(name: &str) -> Pointer {
    Pointer::root()
        .join("components")
        .join("schemas")
        .join(name)
}

/// Orders two pointers so that clash errors read the same whatever the document order.
pub(crate) fn ordered(a: String, b: String) -> (String, String) {
    if a <= b { (a, b) } else { (b, a) }
}

fn string_type(
    format: &VariantOrUnknownOrEmpty<StringFormat>,
    pointer: &Pointer,
) -> Result<TypeRef, Error> {
    match format {
        VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => Ok(TypeRef::DateTime),
        VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Ok(TypeRef::Base64),
        VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Err(Error::unsupported(
            &pointer.join("format"),
            "`format: binary` is supported only for multipart parts and whole response bodies; \
             inside JSON, use `format: byte`",
        )),
        VariantOrUnknownOrEmpty::Empty
        | VariantOrUnknownOrEmpty::Item(StringFormat::Password | StringFormat::Date)
        | VariantOrUnknownOrEmpty::Unknown(_) => Ok(TypeRef::String),
    }
}

fn enum_variants(values: &[Option<String>], pointer: &Pointer) -> Result<Vec<Variant>, Error> {
    let mut variants: Vec<Variant> = Vec::with_capacity(values.len());
    for (index, value) in values.iter().enumerate() {
        let value_pointer = pointer.join("enum").index(index);
        let Some(value) = value else {
            return Err(Error::unsupported(
                &value_pointer,
                "`null` enum values are not supported",
            ));
        };
        let rust_name = naming::upper_camel_case(value, "V").ok_or_else(|| {
            Error::invalid(
                &value_pointer,
                format!("enum value `{value}` has no ASCII letters or digits"),
            )
        })?;
        if let Some(other) = variants.iter().position(|v| v.rust_name == rust_name) {
            return Err(Error::NameClash {
                rust_name,
                first: pointer.join("enum").index(other).to_string(),
                second: value_pointer.to_string(),
            });
        }
        variants.push(Variant {
            wire_name: value.clone(),
            rust_name,
        });
    }
    Ok(variants)
}

/// Returns a name for the catch-all variant that no value of the enum already uses.
fn catch_all_name(variants: &[Variant]) -> String {
    let mut name = CATCH_ALL.to_string();
    while variants.iter().any(|v| v.rust_name == name) {
        name.push_str("Value");
    }
    name
}

/// Returns whether a schema carries `x-sensitive: true` or the `password` format.
pub(crate) fn property_is_sensitive(
    schema: SchemaRef<'_>,
    pointer: &Pointer,
) -> Result<bool, Error> {
    let SchemaRef::Item(schema) = schema else {
        return Ok(false);
    };
    let marked = extensions::flag(&schema.schema_data.extensions, "x-sensitive", pointer)?;
    let password = matches!(
        &schema.schema_kind,
        SchemaKind::Type(Type::String(s)) if s.format == VariantOrUnknownOrEmpty::Item(StringFormat::Password)
    );
    Ok(marked || password)
}
