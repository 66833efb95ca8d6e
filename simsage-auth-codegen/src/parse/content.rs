//! Media types: which content of a request body or response the client uses, and how.

use openapiv3::{RequestBody, Response, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty};

use crate::error::{Error, Pointer};
use crate::model::{Body, Location, Param, QueryStyle, ResponseBody, TypeRef};
use crate::naming;
use crate::parse::extensions;
use crate::parse::object::ObjectShape;
use crate::parse::operation::{argument_name, is_scalar};
use crate::parse::schema::{SchemaRef, Schemas};

const MULTIPART: &str = "multipart/form-data";

/// A request body as the method receives it.
pub(crate) enum RequestContent {
    /// One argument, serialized as JSON.
    Json(Body),
    /// One argument per part of a `multipart/form-data` body.
    Form(Vec<Param>),
}

/// Returns whether a content type carries JSON: `application/json` with any parameters
/// (such as `application/json;charset=UTF-8`), `application/*+json`, or `*/*`, which
/// springdoc emits for JSON endpoints.
pub(crate) fn is_json(content_type: &str) -> bool {
    let essence = essence(content_type);
    essence == "application/json"
        || essence == "*/*"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Returns the media type without parameters, in lowercase.
fn essence(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Converts a `multipart/form-data` body into form-part parameters.
///
/// A part is a file (`format: binary`) or a string, number, boolean or enum sent as text.
/// When the body is optional, every part is optional.
pub(crate) fn form_parts<'a>(
    schemas: &mut Schemas<'a>,
    body: &'a RequestBody,
    pointer: &Pointer,
    operation_id: &str,
) -> Result<RequestContent, Error> {
    let Some((content_type, media)) = body.content.iter().find(|(c, _)| essence(c) == MULTIPART)
    else {
        return Err(Error::unsupported(
            &pointer.join("content"),
            "only JSON (application/json or */*) and multipart/form-data request bodies are supported",
        ));
    };
    let media_pointer = pointer.join("content").join(content_type);
    let Some(schema) = &media.schema else {
        return Err(Error::invalid(&media_pointer, "media type has no schema"));
    };
    let schema_pointer = media_pointer.join("schema");
    let (schema, schema_pointer) = match schema {
        openapiv3::ReferenceOr::Item(schema) => (schema, schema_pointer),
        openapiv3::ReferenceOr::Reference { reference } => {
            let (name, target) = schemas.component(reference, &schema_pointer)?;
            match target {
                openapiv3::ReferenceOr::Item(schema) => {
                    (schema, crate::parse::schema::component_pointer(name))
                }
                openapiv3::ReferenceOr::Reference { .. } => {
                    return Err(Error::unsupported(
                        &schema_pointer.join("$ref"),
                        "a multipart schema must not be a reference to another reference",
                    ));
                }
            }
        }
    };
    if !ObjectShape::is_object_schema(schema) {
        return Err(Error::unsupported(
            &schema_pointer,
            "a multipart/form-data schema must be an object whose properties are the parts",
        ));
    }
    let shape = ObjectShape::of_schema(schemas, schema, &schema_pointer)?;
    let mut parts = Vec::new();
    for (name, property, property_pointer, required) in shape.properties() {
        let hint = format!(
            "{}{}",
            naming::upper_camel_case(operation_id, "T").unwrap_or_default(),
            naming::upper_camel_case(name, "V").unwrap_or_default()
        );
        let ty = if is_binary(property) {
            TypeRef::File
        } else {
            schemas.parameter_type_ref(property, property_pointer, &hint)?
        };
        if ty != TypeRef::File && !is_scalar(schemas, &ty) {
            return Err(Error::unsupported(
                property_pointer,
                "a form part must be a file (`format: binary`) or a string, integer, number, \
                 boolean or enum",
            ));
        }
        let description = match property {
            SchemaRef::Item(schema) => schema.schema_data.description.clone(),
            SchemaRef::Reference(reference) => schemas.component_description(reference),
        };
        parts.push(Param {
            wire_name: name.to_string(),
            rust_name: argument_name(name, property_pointer)?,
            location: Location::Form,
            required: body.required && required,
            by_reference: matches!(ty, TypeRef::File | TypeRef::String),
            query_style: QueryStyle::Form,
            ty,
            sensitive: false,
            empty_value: None,
            slash_replacement: None,
            description,
        });
    }
    Ok(RequestContent::Form(parts))
}

fn is_binary(schema: SchemaRef<'_>) -> bool {
    matches!(
        schema,
        SchemaRef::Item(schema) if matches!(
            &schema.schema_kind,
            SchemaKind::Type(Type::String(string))
                if string.format == VariantOrUnknownOrEmpty::Item(StringFormat::Binary)
        )
    )
}

/// Decides how the successful response is read, and the `Accept` header it needs.
///
/// JSON content wins. Otherwise `text/plain` is read like a JSON string, other `text/*`
/// types as text, and anything else (PDF, images, spreadsheets, octet streams) as bytes.
/// The `Accept` header lists the response's media types when the response is not JSON,
/// because Spring responds with 406 to `Accept: application/json` for such operations.
pub(crate) fn response_body<'a>(
    schemas: &mut Schemas<'a>,
    response: &'a Response,
    pointer: &Pointer,
    operation_id: &str,
) -> Result<(ResponseBody, Option<String>), Error> {
    if response.content.is_empty() {
        return Ok((ResponseBody::Empty, None));
    }
    let content_pointer = pointer.join("content");
    if let Some((content_type, media)) = response.content.iter().find(|(c, _)| is_json(c)) {
        let media_pointer = content_pointer.join(content_type);
        let body = json_or_text(schemas, media.schema.as_ref(), &media_pointer, operation_id)?;
        return Ok((body, None));
    }
    let accept = accept_header(response, &content_pointer)?;
    if let Some((content_type, media)) = response
        .content
        .iter()
        .find(|(c, _)| essence(c) == "text/plain")
    {
        let media_pointer = content_pointer.join(content_type);
        let body = json_or_text(schemas, media.schema.as_ref(), &media_pointer, operation_id)?;
        return Ok((body, Some(accept)));
    }
    if response
        .content
        .keys()
        .any(|c| essence(c).starts_with("text/"))
    {
        return Ok((ResponseBody::RawText, Some(accept)));
    }
    for (content_type, media) in &response.content {
        let is_bytes = match &media.schema {
            None => true,
            Some(openapiv3::ReferenceOr::Item(schema)) => {
                matches!(&schema.schema_kind, SchemaKind::Type(Type::String(s)) if s.enumeration.is_empty())
            }
            Some(openapiv3::ReferenceOr::Reference { .. }) => false,
        };
        if !is_bytes {
            return Err(Error::unsupported(
                &content_pointer.join(content_type).join("schema"),
                format!(
                    "`{content_type}` with a structured schema is not supported; only JSON \
                     is decoded, and other media types are returned as bytes"
                ),
            ));
        }
    }
    Ok((ResponseBody::Bytes, Some(accept)))
}

/// Reads a JSON (or text/plain) media type: a plain string schema is text, anything else
/// is decoded as JSON, and no schema at all means any JSON value.
fn json_or_text<'a>(
    schemas: &mut Schemas<'a>,
    schema: Option<&'a openapiv3::ReferenceOr<openapiv3::Schema>>,
    media_pointer: &Pointer,
    operation_id: &str,
) -> Result<ResponseBody, Error> {
    let Some(schema) = schema else {
        return Ok(ResponseBody::Json(TypeRef::Json));
    };
    let schema = SchemaRef::from(schema);
    if let SchemaRef::Item(item) = schema
        && let SchemaKind::Type(Type::String(string)) = &item.schema_kind
        && string.enumeration.is_empty()
    {
        let sensitive = extensions::flag(
            &item.schema_data.extensions,
            "x-sensitive",
            &media_pointer.join("schema"),
        )?;
        return Ok(ResponseBody::Text { sensitive });
    }
    let hint = format!(
        "{}Response",
        naming::upper_camel_case(operation_id, "T").unwrap_or_default()
    );
    let ty = schemas.type_ref(schema, &media_pointer.join("schema"), &hint)?;
    Ok(ResponseBody::Json(ty))
}

/// Joins the response's media types into an `Accept` value, checking that each can be
/// sent in a header.
fn accept_header(response: &Response, content_pointer: &Pointer) -> Result<String, Error> {
    for content_type in response.content.keys() {
        let valid = !content_type.trim().is_empty()
            && content_type
                .bytes()
                .all(|b| (0x20..0x7f).contains(&b) && b != b',');
        if !valid {
            return Err(Error::invalid(
                &content_pointer.join(content_type),
                format!("media type `{content_type}` cannot be sent in an Accept header"),
            ));
        }
    }
    Ok(response
        .content
        .keys()
        .map(|c| c.trim())
        .collect::<Vec<_>>()
        .join(", "))
}
