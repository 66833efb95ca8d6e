//! Turns component schemas and inline schemas into model types.

use std::collections::BTreeMap;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, ReferenceOr, Schema, SchemaKind,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::error::{Error, Pointer};
use crate::model::{EnumDef, Field, StructDef, TypeDef, TypeRef, Variant};
use crate::naming;
use crate::parse::extensions;

const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

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

/// Resolves schemas against the document's components and collects the named types.
pub(crate) struct Schemas<'a> {
    components: BTreeMap<&'a str, &'a ReferenceOr<Schema>>,
    /// Rust names of component schemas that become types, by document name.
    names: BTreeMap<&'a str, String>,
    /// Types generated so far, by Rust name, with the pointer that defined them.
    types: BTreeMap<String, (TypeDef, Pointer)>,
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
        };
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

    fn name_components(&mut self) -> Result<(), Error> {
        let mut owners: BTreeMap<String, &str> = BTreeMap::new();
        for (name, schema) in &self.components {
            let ReferenceOr::Item(schema) = schema else {
                continue;
            };
            if !defines_type(schema) {
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
        let def = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                let fields = self.fields(&rust_name, object, &pointer)?;
                TypeDef::Struct(StructDef {
                    name: rust_name,
                    spec_name: name.to_string(),
                    description,
                    fields,
                })
            }
            SchemaKind::Type(Type::String(string)) => {
                let variants = enum_variants(&string.enumeration, &pointer)?;
                TypeDef::Enum(EnumDef {
                    name: rust_name,
                    spec_name: name.to_string(),
                    description,
                    variants,
                })
            }
            _ => return Ok(()),
        };
        self.add_type(def, pointer)
    }

    fn fields(
        &mut self,
        struct_name: &str,
        object: &'a openapiv3::ObjectType,
        pointer: &Pointer,
    ) -> Result<Vec<Field>, Error> {
        for (index, required) in object.required.iter().enumerate() {
            if !object.properties.contains_key(required) {
                return Err(Error::invalid(
                    &pointer.join("required").index(index),
                    format!("required property `{required}` is not among the properties"),
                ));
            }
        }
        if let Some(extra) = &object.additional_properties
            && !matches!(extra, AdditionalProperties::Any(false))
        {
            return Err(Error::unsupported(
                &pointer.join("additionalProperties"),
                "an object with both `properties` and `additionalProperties` is not supported",
            ));
        }
        let mut fields: Vec<Field> = Vec::with_capacity(object.properties.len());
        let mut owners: BTreeMap<String, String> = BTreeMap::new();
        for (wire_name, property) in &object.properties {
            let property_pointer = pointer.join("properties").join(wire_name);
            let rust_name = naming::snake_case(wire_name).ok_or_else(|| {
                Error::invalid(
                    &property_pointer,
                    format!("property name `{wire_name}` has no ASCII letters or digits"),
                )
            })?;
            if let Some(other) = owners.insert(rust_name.clone(), wire_name.clone()) {
                return Err(Error::NameClash {
                    rust_name,
                    first: pointer.join("properties").join(&other).to_string(),
                    second: property_pointer.to_string(),
                });
            }
            let property = SchemaRef::from(property);
            let hint = format!(
                "{struct_name}{}",
                naming::upper_camel_case(wire_name, "V").unwrap_or_default()
            );
            let ty = self.type_ref(property, &property_pointer, &hint)?;
            // A `$ref` property cannot carry its own description in OpenAPI 3.0, so it
            // takes the description of the schema it refers to.
            let description = match property {
                SchemaRef::Item(schema) => schema.schema_data.description.clone(),
                SchemaRef::Reference(reference) => self.component_description(reference),
            };
            fields.push(Field {
                wire_name: wire_name.clone(),
                rust_name,
                ty,
                required: object.required.contains(wire_name),
                sensitive: property_is_sensitive(property, &property_pointer)?,
                description,
            });
        }
        Ok(fields)
    }

    /// Returns the Rust type for a schema, creating a named enum for an inline enumeration.
    ///
    /// `hint` names such an enum; it is derived from the struct and property, or from the
    /// parameter, that holds the schema.
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

    /// Follows `$ref` aliases to a named type or an inline schema, iteratively so that a
    /// long alias chain cannot exhaust the stack.
    fn resolve_reference(&mut self, reference: &str, pointer: &Pointer) -> Result<TypeRef, Error> {
        let mut current = reference;
        let mut current_pointer = pointer.clone();
        for _ in 0..=self.components.len() {
            let Some(name) = current.strip_prefix(SCHEMA_REF_PREFIX) else {
                return Err(Error::unsupported(
                    &current_pointer.join("$ref"),
                    format!("`{current}` is not a reference into #/components/schemas"),
                ));
            };
            let Some(target) = self.components.get(name).copied() else {
                return Err(Error::invalid(
                    &current_pointer.join("$ref"),
                    format!("`{current}` refers to a schema that does not exist"),
                ));
            };
            if let Some(rust_name) = self.names.get(name) {
                return Ok(TypeRef::Named(rust_name.clone()));
            }
            match target {
                ReferenceOr::Reference { reference } => {
                    current = reference;
                    current_pointer = component_pointer(name);
                }
                ReferenceOr::Item(schema) => {
                    return self.inline_type(schema, &component_pointer(name), name);
                }
            }
        }
        Err(Error::invalid(
            &current_pointer,
            "schema aliases refer to each other in a cycle",
        ))
    }

    fn inline_type(
        &mut self,
        schema: &'a Schema,
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        let typ = match &schema.schema_kind {
            SchemaKind::Type(typ) => typ,
            other => {
                return Err(Error::unsupported(
                    pointer,
                    format!("{} schemas are not supported yet", kind_name(other)),
                ));
            }
        };
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
            Type::Object(object) => self.inline_object(object, pointer, hint),
        }
    }

    fn inline_object(
        &mut self,
        object: &'a openapiv3::ObjectType,
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        if !object.properties.is_empty() {
            return Err(Error::unsupported(
                pointer,
                "inline object schemas with properties are not supported; \
                 define the object under #/components/schemas and refer to it with $ref",
            ));
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
            _ => Err(Error::unsupported(
                pointer,
                "free-form objects (no properties and no typed additionalProperties) are not supported yet",
            )),
        }
    }

    fn inline_enum(
        &mut self,
        schema: &Schema,
        values: &[Option<String>],
        pointer: &Pointer,
        hint: &str,
    ) -> Result<TypeRef, Error> {
        let name = naming::upper_camel_case(hint, "T").ok_or_else(|| {
            Error::invalid(pointer, format!("cannot name an enum after `{hint}`"))
        })?;
        let def = TypeDef::Enum(EnumDef {
            name: name.clone(),
            spec_name: hint.to_string(),
            description: schema.schema_data.description.clone(),
            variants: enum_variants(values, pointer)?,
        });
        self.add_type(def, pointer.clone())?;
        Ok(TypeRef::Named(name))
    }

    /// Registers a type; an identical enum with the same name is shared, anything else clashes.
    fn add_type(&mut self, def: TypeDef, pointer: Pointer) -> Result<(), Error> {
        if let Some((existing, existing_pointer)) = self.types.get(def.name()) {
            let same_enum = match (existing, &def) {
                (TypeDef::Enum(a), TypeDef::Enum(b)) => a.variants == b.variants,
                _ => false,
            };
            if same_enum {
                return Ok(());
            }
            return Err(Error::NameClash {
                rust_name: def.name().to_string(),
                first: existing_pointer.to_string(),
                second: pointer.to_string(),
            });
        }
        self.types.insert(def.name().to_string(), (def, pointer));
        Ok(())
    }

    fn component_description(&self, reference: &str) -> Option<String> {
        let name = reference.strip_prefix(SCHEMA_REF_PREFIX)?;
        match self.components.get(name)? {
            ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
            ReferenceOr::Reference { .. } => None,
        }
    }

    /// Returns the struct with this Rust name, if there is one.
    pub(crate) fn struct_def(&self, rust_name: &str) -> Option<&StructDef> {
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
                TypeRef::Vec(inner) | TypeRef::Map(inner) => pending.push(inner),
                TypeRef::Named(name) if seen.insert(name.as_str()) => {
                    if let Some(def) = self.struct_def(name) {
                        if def.has_sensitive_fields() {
                            return true;
                        }
                        pending.extend(def.fields.iter().map(|f| &f.ty));
                    }
                }
                _ => {}
            }
        }
        false
    }

    /// Returns whether this Rust name is a generated enum.
    pub(crate) fn is_enum(&self, rust_name: &str) -> bool {
        matches!(self.types.get(rust_name), Some((TypeDef::Enum(_), _)))
    }

    /// Returns the types sorted by Rust name.
    pub(crate) fn into_types(self) -> Vec<TypeDef> {
        self.types.into_values().map(|(def, _)| def).collect()
    }
}

fn defines_type(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(_)) => true,
        SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
        _ => false,
    }
}

fn component_pointer(name: &str) -> Pointer {
    Pointer::root()
        .join("components")
        .join("schemas")
        .join(name)
}

fn string_type(
    format: &VariantOrUnknownOrEmpty<StringFormat>,
    pointer: &Pointer,
) -> Result<TypeRef, Error> {
    match format {
        VariantOrUnknownOrEmpty::Empty
        | VariantOrUnknownOrEmpty::Item(StringFormat::Password)
        | VariantOrUnknownOrEmpty::Unknown(_) => Ok(TypeRef::String),
        VariantOrUnknownOrEmpty::Item(other) => {
            let name = match other {
                StringFormat::Date => "date",
                StringFormat::DateTime => "date-time",
                StringFormat::Byte => "byte",
                StringFormat::Binary => "binary",
                StringFormat::Password => "password",
            };
            Err(Error::unsupported(
                &pointer.join("format"),
                format!("string format `{name}` is not supported yet"),
            ))
        }
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

fn kind_name(kind: &SchemaKind) -> &'static str {
    match kind {
        SchemaKind::Type(_) => "typed",
        SchemaKind::OneOf { .. } => "`oneOf`",
        SchemaKind::AllOf { .. } => "`allOf`",
        SchemaKind::AnyOf { .. } => "`anyOf`",
        SchemaKind::Not { .. } => "`not`",
        SchemaKind::Any(_) => "untyped",
    }
}
