//! Object schemas: their properties, `required` lists and `additionalProperties`, with
//! `allOf` members merged into one list.

use std::collections::BTreeMap;

use openapiv3::{AdditionalProperties, AnySchema, ReferenceOr, Schema, SchemaKind, Type};

use crate::error::{Error, Pointer};
use crate::model::{Field, TypeRef};
use crate::naming;
use crate::parse::schema::{SchemaRef, Schemas, component_pointer, ordered, property_is_sensitive};

/// Name of the struct field that keeps the properties `additionalProperties` describes.
pub(crate) const ADDITIONAL_PROPERTIES_FIELD: &str = "additional_properties";

/// The properties of an object schema, after merging its `allOf` members.
pub(crate) struct ObjectShape<'a> {
    /// Properties in the order they first appear; a member's come before the next member's.
    properties: Vec<Property<'a>>,
    /// Names listed as required, each with the pointer of its `required` entry.
    required: Vec<(&'a str, Pointer)>,
    /// The `additionalProperties` keyword, with its pointer.
    additional: Option<(&'a AdditionalProperties, Pointer)>,
}

struct Property<'a> {
    name: &'a str,
    schema: &'a ReferenceOr<Box<Schema>>,
    pointer: Pointer,
}

impl<'a> ObjectShape<'a> {
    /// Returns whether the schema describes an object, alone or through `allOf`.
    pub(crate) fn is_object_schema(schema: &Schema) -> bool {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. } => true,
            SchemaKind::Any(any) => is_object_like(any),
            _ => false,
        }
    }

    /// Collects the properties of `schema`, following `allOf` members into their
    /// components.
    pub(crate) fn of_schema(
        schemas: &Schemas<'a>,
        schema: &'a Schema,
        pointer: &Pointer,
    ) -> Result<Self, Error> {
        let mut shape = ObjectShape {
            properties: Vec::new(),
            required: Vec::new(),
            additional: None,
        };
        shape.add_schema(schemas, schema, pointer, 0)?;
        shape.check_required()?;
        Ok(shape)
    }

    fn add_schema(
        &mut self,
        schemas: &Schemas<'a>,
        schema: &'a Schema,
        pointer: &Pointer,
        depth: usize,
    ) -> Result<(), Error> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => self.add_object(
                &object.properties,
                &object.required,
                object.additional_properties.as_ref(),
                pointer,
            ),
            SchemaKind::AllOf { all_of } => self.add_members(schemas, all_of, pointer, depth),
            SchemaKind::Any(any) if is_object_like(any) => {
                self.add_object(
                    &any.properties,
                    &any.required,
                    any.additional_properties.as_ref(),
                    pointer,
                )?;
                self.add_members(schemas, &any.all_of, pointer, depth)
            }
            _ => Err(Error::unsupported(
                pointer,
                "only object schemas can be merged by `allOf`",
            )),
        }
    }

    fn add_members(
        &mut self,
        schemas: &Schemas<'a>,
        members: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
        depth: usize,
    ) -> Result<(), Error> {
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer.join("allOf").index(index);
            match member {
                ReferenceOr::Item(schema) => {
                    self.add_schema(schemas, schema, &member_pointer, depth)?;
                }
                ReferenceOr::Reference { reference } => {
                    self.add_reference(schemas, reference, &member_pointer, depth + 1)?;
                }
            }
        }
        Ok(())
    }

    fn add_reference(
        &mut self,
        schemas: &Schemas<'a>,
        reference: &str,
        pointer: &Pointer,
        depth: usize,
    ) -> Result<(), Error> {
        let (name, target) = schemas.component(reference, pointer)?;
        if depth > schemas.components.len() {
            return Err(Error::invalid(
                &component_pointer(name),
                "`allOf` members refer to each other in a cycle",
            ));
        }
        match target {
            ReferenceOr::Item(schema) => {
                self.add_schema(schemas, schema, &component_pointer(name), depth)
            }
            ReferenceOr::Reference { reference } => {
                self.add_reference(schemas, reference, &component_pointer(name), depth + 1)
            }
        }
    }

    fn add_object(
        &mut self,
        properties: &'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
        required: &'a [String],
        additional: Option<&'a AdditionalProperties>,
        pointer: &Pointer,
    ) -> Result<(), Error> {
        for (name, schema) in properties {
            let property_pointer = pointer.join("properties").join(name);
            if let Some(existing) = self.properties.iter().find(|p| p.name == name) {
                if existing.schema == schema {
                    continue;
                }
                return Err(Error::unsupported(
                    &property_pointer,
                    format!(
                        "property `{name}` is also defined at {} with a different schema",
                        existing.pointer
                    ),
                ));
            }
            self.properties.push(Property {
                name,
                schema,
                pointer: property_pointer,
            });
        }
        for (index, name) in required.iter().enumerate() {
            self.required
                .push((name, pointer.join("required").index(index)));
        }
        if let Some(additional) = additional {
            let additional_pointer = pointer.join("additionalProperties");
            match &self.additional {
                Some((existing, at)) if *existing != additional => {
                    return Err(Error::unsupported(
                        &additional_pointer,
                        format!("`additionalProperties` differs from the one at {at}"),
                    ));
                }
                _ => self.additional = Some((additional, additional_pointer)),
            }
        }
        Ok(())
    }

    fn check_required(&self) -> Result<(), Error> {
        for (name, pointer) in &self.required {
            if !self.properties.iter().any(|p| p.name == *name) {
                return Err(Error::invalid(
                    pointer,
                    format!("required property `{name}` is not among the properties"),
                ));
            }
        }
        Ok(())
    }

    /// Returns each property's name, schema, pointer and whether it is required.
    pub(crate) fn properties(
        &self,
    ) -> impl Iterator<Item = (&'a str, SchemaRef<'a>, &Pointer, bool)> {
        self.properties.iter().map(|property| {
            let required = self.required.iter().any(|(name, _)| *name == property.name);
            (
                property.name,
                SchemaRef::from(property.schema),
                &property.pointer,
                required,
            )
        })
    }

    /// Converts the properties into struct fields of the struct `struct_name`.
    pub(crate) fn fields(
        &self,
        schemas: &mut Schemas<'a>,
        struct_name: &str,
    ) -> Result<Vec<Field>, Error> {
        let mut fields: Vec<Field> = Vec::with_capacity(self.properties.len());
        let mut owners: BTreeMap<String, &Pointer> = BTreeMap::new();
        for property in &self.properties {
            let wire_name = property.name;
            let rust_name = naming::snake_case(wire_name).ok_or_else(|| {
                Error::invalid(
                    &property.pointer,
                    format!("property name `{wire_name}` has no ASCII letters or digits"),
                )
            })?;
            if let Some(other) = owners.insert(rust_name.clone(), &property.pointer) {
                let (first, second) = ordered(other.to_string(), property.pointer.to_string());
                return Err(Error::NameClash {
                    rust_name,
                    first,
                    second,
                });
            }
            let schema = SchemaRef::from(property.schema);
            let hint = format!(
                "{struct_name}{}",
                naming::upper_camel_case(wire_name, "V").unwrap_or_default()
            );
            let ty = schemas.type_ref(schema, &property.pointer, &hint)?;
            // A `$ref` property cannot carry its own description in OpenAPI 3.0, so it
            // takes the description of the schema it refers to.
            let description = match schema {
                SchemaRef::Item(schema) => schema.schema_data.description.clone(),
                SchemaRef::Reference(reference) => schemas.component_description(reference),
            };
            fields.push(Field {
                wire_name: wire_name.to_string(),
                rust_name,
                ty,
                required: self.required.iter().any(|(name, _)| *name == wire_name),
                sensitive: property_is_sensitive(schema, &property.pointer)?,
                description,
            });
        }
        if let Some(pointer) = owners.get(ADDITIONAL_PROPERTIES_FIELD)
            && self.additional_type_schema().is_some()
        {
            return Err(Error::invalid(
                pointer,
                format!(
                    "the property maps to `{ADDITIONAL_PROPERTIES_FIELD}`, the field that keeps \
                     the values `additionalProperties` describes; rename the property"
                ),
            ));
        }
        Ok(fields)
    }

    /// Returns the value type of a typed `additionalProperties`, or `None` when there is
    /// none or it allows anything (`true` or `{}`), because unknown properties are ignored.
    pub(crate) fn additional_properties(
        &self,
        schemas: &mut Schemas<'a>,
        struct_name: &str,
    ) -> Result<Option<TypeRef>, Error> {
        let Some((schema, pointer)) = self.additional_type_schema() else {
            return Ok(None);
        };
        let hint = format!("{struct_name}Value");
        schemas
            .type_ref(SchemaRef::from(schema), pointer, &hint)
            .map(Some)
    }

    fn additional_type_schema(&self) -> Option<(&'a ReferenceOr<Schema>, &Pointer)> {
        match &self.additional {
            Some((AdditionalProperties::Schema(schema), pointer)) => {
                let allows_anything = matches!(
                    schema.as_ref(),
                    ReferenceOr::Item(Schema { schema_kind: SchemaKind::Any(any), .. })
                        if *any == AnySchema::default()
                );
                (!allows_anything).then_some((schema.as_ref(), pointer))
            }
            _ => None,
        }
    }
}

/// Returns whether an untyped schema uses only object keywords (`properties`, `required`,
/// `additionalProperties`, `allOf`), with `type` absent or `object`.
pub(crate) fn is_object_like(any: &AnySchema) -> bool {
    let typ_ok = any.typ.as_deref().is_none_or(|t| t == "object");
    typ_ok
        && any.pattern.is_none()
        && any.multiple_of.is_none()
        && any.exclusive_minimum.is_none()
        && any.exclusive_maximum.is_none()
        && any.minimum.is_none()
        && any.maximum.is_none()
        && any.items.is_none()
        && any.min_items.is_none()
        && any.max_items.is_none()
        && any.unique_items.is_none()
        && any.enumeration.is_empty()
        && any.format.is_none()
        && any.min_length.is_none()
        && any.max_length.is_none()
        && any.one_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
}
