//! Tagged unions (`oneOf` with a discriminator) and the last pass over the types, which
//! settles what unions and cycles require of the structs that use them.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{Discriminator, ReferenceOr, Schema};

use crate::error::{Error, Pointer};
use crate::model::{TypeDef, TypeRef, UnionDef, UnionVariant};
use crate::parse::schema::{
    ComponentKind, SCHEMA_REF_PREFIX, Schemas, all_of_members, component_pointer,
};

impl<'a> Schemas<'a> {
    /// Builds the union of a `oneOf` whose alternatives are `$ref`s to object schemas.
    ///
    /// The discriminator is the `oneOf` schema's own, or else the one that every
    /// alternative inherits through `allOf` from a common base.
    pub(crate) fn one_of_union(
        &mut self,
        rust_name: String,
        spec_name: &str,
        schema: &'a Schema,
        one_of: &'a [ReferenceOr<Schema>],
        pointer: &Pointer,
    ) -> Result<UnionDef, Error> {
        if one_of.is_empty() {
            return Err(Error::invalid(pointer, "`oneOf` has no alternatives"));
        }
        let mut alternatives = Vec::with_capacity(one_of.len());
        for (index, alternative) in one_of.iter().enumerate() {
            let alternative_pointer = pointer.join("oneOf").index(index);
            let ReferenceOr::Reference { reference } = alternative else {
                return Err(Error::unsupported(
                    &alternative_pointer,
                    "a `oneOf` alternative must be a $ref to an object schema, because a \
                     discriminator selects schemas by name",
                ));
            };
            let (name, _) = self.component(reference, &alternative_pointer)?;
            alternatives.push((name, alternative_pointer));
        }
        let discriminator = match &schema.schema_data.discriminator {
            Some(discriminator) => discriminator,
            None => self.inherited_discriminator(&alternatives, pointer)?,
        };
        let description = schema.schema_data.description.clone();
        self.union_def(
            rust_name,
            spec_name,
            description,
            &alternatives,
            discriminator,
            pointer,
        )
    }

    /// Builds the union of the components that extend the base `name` through `allOf`.
    pub(crate) fn base_union(
        &mut self,
        rust_name: String,
        name: &'a str,
        schema: &'a Schema,
        pointer: &Pointer,
    ) -> Result<UnionDef, Error> {
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return Err(Error::invalid(pointer, "the schema has no discriminator"));
        };
        // NOTE: only direct extensions become variants; a schema that extends an
        // extension is not one.
        let alternatives: Vec<(&'a str, Pointer)> = self
            .children
            .get(name)
            .into_iter()
            .flatten()
            .map(|child| (*child, component_pointer(child)))
            .collect();
        let description = schema.schema_data.description.clone();
        self.union_def(
            rust_name,
            name,
            description,
            &alternatives,
            discriminator,
            pointer,
        )
    }

    fn union_def(
        &mut self,
        rust_name: String,
        spec_name: &str,
        description: Option<String>,
        alternatives: &[(&'a str, Pointer)],
        discriminator: &Discriminator,
        pointer: &Pointer,
    ) -> Result<UnionDef, Error> {
        let tag = &discriminator.property_name;
        if tag.is_empty() {
            return Err(Error::invalid(
                &pointer.join("discriminator").join("propertyName"),
                "the discriminator's `propertyName` is empty",
            ));
        }
        let mut variants: Vec<UnionVariant> = Vec::with_capacity(alternatives.len());
        for (name, alternative_pointer) in alternatives {
            let is_struct = match self.components.get(name) {
                Some(ReferenceOr::Item(schema)) => {
                    self.component_kind(name, schema) == ComponentKind::Struct
                }
                _ => false,
            };
            let Some(struct_name) = self.names.get(name).filter(|_| is_struct).cloned() else {
                return Err(Error::unsupported(
                    alternative_pointer,
                    format!("union alternative `{name}` must be an object schema"),
                ));
            };
            let tag_value = tag_value(discriminator, name);
            if let Some(other) = variants.iter().find(|v| v.tag_value == tag_value) {
                return Err(Error::invalid(
                    alternative_pointer,
                    format!(
                        "discriminator value `{tag_value}` selects both `{}` and `{struct_name}`",
                        other.rust_name
                    ),
                ));
            }
            self.tag_fields.insert(struct_name.clone(), tag.clone());
            variants.push(UnionVariant {
                tag_value,
                rust_name: struct_name.clone(),
                ty: TypeRef::Named(struct_name),
            });
        }
        variants.sort_by(|a, b| a.tag_value.cmp(&b.tag_value));
        Ok(UnionDef {
            name: rust_name,
            spec_name: spec_name.to_string(),
            description,
            tag: tag.clone(),
            variants,
        })
    }

    /// Returns the discriminator that every alternative inherits through `allOf`.
    fn inherited_discriminator(
        &self,
        alternatives: &[(&'a str, Pointer)],
        pointer: &Pointer,
    ) -> Result<&'a Discriminator, Error> {
        let mut found: Option<&'a Discriminator> = None;
        for (name, _) in alternatives {
            let inherited = self.ancestor_discriminator(name, 0);
            match (found, inherited) {
                (_, None) => {
                    return Err(Error::unsupported(
                        pointer,
                        format!(
                            "`oneOf` without a discriminator is not supported; add one, or give \
                             `{name}` an `allOf` base schema with a discriminator"
                        ),
                    ));
                }
                (Some(first), Some(this)) if first.property_name != this.property_name => {
                    return Err(Error::unsupported(
                        pointer,
                        format!(
                            "the alternatives inherit different discriminators (`{}` and `{}`)",
                            first.property_name, this.property_name
                        ),
                    ));
                }
                (None, Some(this)) => found = Some(this),
                _ => {}
            }
        }
        found.ok_or_else(|| Error::invalid(pointer, "`oneOf` has no alternatives"))
    }

    /// Returns the first discriminator among the `allOf` ancestors of the component `name`.
    fn ancestor_discriminator(&self, name: &str, depth: usize) -> Option<&'a Discriminator> {
        if depth > self.components.len() {
            return None;
        }
        let ReferenceOr::Item(schema) = self.components.get(name)? else {
            return None;
        };
        all_of_members(schema).iter().find_map(|member| {
            let ReferenceOr::Reference { reference } = member else {
                return None;
            };
            let parent = reference.strip_prefix(SCHEMA_REF_PREFIX)?;
            match self.components.get(parent)? {
                ReferenceOr::Item(parent_schema) => parent_schema
                    .schema_data
                    .discriminator
                    .as_ref()
                    .or_else(|| self.ancestor_discriminator(parent, depth + 1)),
                ReferenceOr::Reference { .. } => None,
            }
        })
    }

    /// Returns the types sorted by Rust name, after the passes that need all of them:
    ///
    /// - union variant structs lose the discriminator property, which the union's serde
    ///   tag reads and writes;
    /// - a required field whose type is a union becomes optional, because a union has no
    ///   empty value to stand for a missing one;
    /// - a field on a cycle of types that contain each other directly becomes an optional
    ///   `Box`, which gives the types a finite size and a `Default` that terminates.
    pub(crate) fn into_types(self) -> Vec<TypeDef> {
        let mut types: BTreeMap<String, TypeDef> = self
            .types
            .into_iter()
            .map(|(name, (def, _))| (name, def))
            .collect();
        for (struct_name, tag) in &self.tag_fields {
            if let Some(TypeDef::Struct(def)) = types.get_mut(struct_name) {
                def.fields.retain(|field| field.wire_name != *tag);
            }
        }
        let unions: BTreeSet<String> = types
            .values()
            .filter(|def| matches!(def, TypeDef::Union(_)))
            .map(|def| def.name().to_string())
            .collect();
        for def in types.values_mut() {
            if let TypeDef::Struct(def) = def {
                for field in &mut def.fields {
                    if matches!(&field.ty, TypeRef::Named(name) if unions.contains(name)) {
                        field.required = false;
                    }
                }
            }
        }
        break_cycles(&mut types);
        types.into_values().collect()
    }
}

/// Returns the discriminator value of the component `name`: its key in the `mapping`,
/// or else its name.
fn tag_value(discriminator: &Discriminator, name: &str) -> String {
    let full = format!("{SCHEMA_REF_PREFIX}{name}");
    discriminator
        .mapping
        .iter()
        .find(|(_, target)| **target == full || *target == name)
        .map(|(value, _)| value.clone())
        .unwrap_or_else(|| name.to_string())
}

/// Boxes every field and union variant that lies on a cycle of direct containment.
fn break_cycles(types: &mut BTreeMap<String, TypeDef>) {
    let graph: BTreeMap<String, Vec<String>> = types
        .iter()
        .map(|(name, def)| (name.clone(), direct_members(def)))
        .collect();
    for (name, def) in types.iter_mut() {
        match def {
            TypeDef::Struct(def) => {
                for field in &mut def.fields {
                    if let TypeRef::Named(member) = &field.ty
                        && reaches(&graph, member, name)
                    {
                        field.ty = TypeRef::Boxed(Box::new(field.ty.clone()));
                        field.required = false;
                    }
                }
            }
            TypeDef::Union(def) => {
                for variant in &mut def.variants {
                    if let TypeRef::Named(member) = &variant.ty
                        && reaches(&graph, member, name)
                    {
                        variant.ty = TypeRef::Boxed(Box::new(variant.ty.clone()));
                    }
                }
            }
            TypeDef::Enum(_) => {}
        }
    }
}

/// Returns the named types that a value of `def` contains inline (not through a `Vec`
/// or map, which allocate).
fn direct_members(def: &TypeDef) -> Vec<String> {
    let named = |ty: &TypeRef| match ty {
        TypeRef::Named(name) => Some(name.clone()),
        _ => None,
    };
    match def {
        TypeDef::Struct(def) => def.fields.iter().filter_map(|f| named(&f.ty)).collect(),
        TypeDef::Union(def) => def.variants.iter().filter_map(|v| named(&v.ty)).collect(),
        TypeDef::Enum(_) => Vec::new(),
    }
}

/// Returns whether `target` can be reached from `start` along direct containment.
fn reaches(graph: &BTreeMap<String, Vec<String>>, start: &str, target: &str) -> bool {
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut stack = vec![start];
    while let Some(current) = stack.pop() {
        if current == target {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some(next) = graph.get(current) {
            stack.extend(next.iter().map(String::as_str));
        }
    }
    false
}
