//! Turns path items into model operations.

use std::collections::BTreeMap;

use openapiv3::{
    MediaType, OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody,
    Response, StatusCode,
};

use crate::Settings;
use crate::error::{Error, Pointer};
use crate::model::{
    Body, Location, Method, Operation, Param, PathPart, QueryStyle, ResponseBody, Success, TypeRef,
};
use crate::naming;
use crate::parse::content::{self, RequestContent};
use crate::parse::extensions;
use crate::parse::schema::{SchemaRef, Schemas};

/// Name of the request body argument of every method that takes one.
pub(crate) const BODY_ARGUMENT: &str = "body";

/// Name of the request variable in every generated method.
const CALL_VARIABLE: &str = "call";

/// The result of converting one operation.
enum Converted {
    Operation(Box<Operation>),
    /// The path template and the path parameters disagree.
    InvalidPath(Error),
}

/// An operation found in the document, before its method name is decided.
struct Found<'a> {
    id: &'a str,
    method: Method,
    path: &'a str,
    item: &'a PathItem,
    operation: &'a openapiv3::Operation,
    pointer: Pointer,
}

/// Converts every operation of the document, sorted by method name.
///
/// With `skip_invalid_paths`, an operation whose path template and path parameters
/// disagree is left out and returned in the second list instead of failing.
pub(crate) fn operations<'a>(
    spec: &'a OpenAPI,
    schemas: &mut Schemas<'a>,
    settings: &Settings,
) -> Result<(Vec<Operation>, Vec<Error>), Error> {
    let found = find_operations(spec)?;
    let names = method_names(&found, settings)?;
    let mut operations = Vec::with_capacity(found.len());
    let mut skipped = Vec::new();
    for (entry, rust_name) in found.iter().zip(names) {
        match convert(spec, schemas, entry, rust_name, settings)? {
            Converted::Operation(operation) => operations.push(*operation),
            Converted::InvalidPath(error) if settings.skip_invalid_paths => skipped.push(error),
            Converted::InvalidPath(error) => return Err(error),
        }
    }
    operations.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    Ok((operations, skipped))
}

/// Lists the operations sorted by path and method, so that nothing that follows depends
/// on the order of the document.
fn find_operations(spec: &OpenAPI) -> Result<Vec<Found<'_>>, Error> {
    let mut found = Vec::new();
    for (path, item) in &spec.paths.paths {
        let path_pointer = Pointer::root().join("paths").join(path);
        let ReferenceOr::Item(item) = item else {
            return Err(Error::unsupported(
                &path_pointer,
                "path items given by $ref are not supported",
            ));
        };
        if !path.starts_with('/') {
            return Err(Error::invalid(
                &path_pointer,
                format!("path `{path}` does not start with `/`"),
            ));
        }
        if item.trace.is_some() {
            return Err(Error::unsupported(
                &path_pointer.join("trace"),
                "TRACE operations are not supported",
            ));
        }
        for (method_name, operation) in item.iter() {
            let pointer = path_pointer.join(method_name);
            let method = parse_method(method_name, &pointer)?;
            let Some(id) = operation.operation_id.as_deref() else {
                return Err(Error::invalid(
                    &pointer,
                    "operation has no operationId; add one, because it names the client method",
                ));
            };
            found.push(Found {
                id,
                method,
                path,
                item,
                operation,
                pointer,
            });
        }
    }
    found.sort_by(|a, b| (a.path, a.method).cmp(&(b.path, b.method)));
    let mut ids: BTreeMap<&str, &Pointer> = BTreeMap::new();
    for entry in &found {
        if let Some(first) = ids.insert(entry.id, &entry.pointer) {
            return Err(Error::invalid(
                &entry.pointer.join("operationId"),
                format!(
                    "operationId `{}` is already used at {}",
                    entry.id,
                    first.join("operationId")
                ),
            ));
        }
    }
    Ok(found)
}

fn parse_method(name: &str, pointer: &Pointer) -> Result<Method, Error> {
    Ok(match name {
        "get" => Method::Get,
        "put" => Method::Put,
        "post" => Method::Post,
        "delete" => Method::Delete,
        "patch" => Method::Patch,
        "head" => Method::Head,
        "options" => Method::Options,
        other => {
            return Err(Error::unsupported(
                pointer,
                format!("HTTP method `{other}` is not supported"),
            ));
        }
    })
}

/// Decides method names: snake_case of the operationId, without springdoc's `_<n>` suffix
/// when no other operation has the same stem.
fn method_names(found: &[Found<'_>], settings: &Settings) -> Result<Vec<String>, Error> {
    let stem = |id: &str| naming::strip_dedup_suffix(id).unwrap_or(id).to_string();
    let mut stem_counts: BTreeMap<String, usize> = BTreeMap::new();
    for entry in found {
        *stem_counts.entry(stem(entry.id)).or_default() += 1;
    }
    let mut owners: BTreeMap<String, &Pointer> = BTreeMap::new();
    let mut names = Vec::with_capacity(found.len());
    for entry in found {
        let stem = stem(entry.id);
        let source = if stem_counts[&stem] == 1 {
            stem.as_str()
        } else {
            entry.id
        };
        let id_pointer = entry.pointer.join("operationId");
        let name = naming::snake_case(source).ok_or_else(|| {
            Error::invalid(
                &id_pointer,
                format!("operationId `{}` has no ASCII letters or digits", entry.id),
            )
        })?;
        if settings.reserved_methods.contains(&name) {
            return Err(Error::invalid(
                &id_pointer,
                format!(
                    "operationId `{}` maps to the method name `{name}`, which the client already defines; rename the operation",
                    entry.id
                ),
            ));
        }
        if let Some(other) = owners.insert(name.clone(), &entry.pointer) {
            let (first, second) = ordered(other.join("operationId"), id_pointer);
            return Err(Error::NameClash {
                rust_name: name,
                first,
                second,
            });
        }
        names.push(name);
    }
    Ok(names)
}

/// Orders two pointers so that clash errors read the same whatever the document order.
fn ordered(a: Pointer, b: Pointer) -> (String, String) {
    let (a, b) = (a.to_string(), b.to_string());
    if a <= b { (a, b) } else { (b, a) }
}

fn convert<'a>(
    spec: &'a OpenAPI,
    schemas: &mut Schemas<'a>,
    entry: &Found<'a>,
    rust_name: String,
    settings: &Settings,
) -> Result<Converted, Error> {
    let mut params = parameters(spec, schemas, entry)?;
    let path_parts = match path_parts(entry.path, &params, &entry.pointer) {
        Ok(parts) => parts,
        Err(error) => return Ok(Converted::InvalidPath(error)),
    };
    let body = match &entry.operation.request_body {
        Some(body) => match request_body(spec, schemas, body, entry)? {
            RequestContent::Json(body) => Some(body),
            RequestContent::Form(parts) => {
                add_form_parts(&mut params, parts, &entry.pointer)?;
                None
            }
        },
        None => None,
    };
    if body.is_some()
        && let Some(param) = params.iter().find(|p| p.rust_name == BODY_ARGUMENT)
    {
        return Err(Error::invalid(
            &entry.pointer.join("parameters"),
            format!(
                "parameter `{}` clashes with the request body argument `body`",
                param.wire_name
            ),
        ));
    }
    // Required parameters keep document order and come first. Path parts refer to
    // parameters by index, so they are renumbered to the new order.
    let (required, optional): (Vec<usize>, Vec<usize>) =
        (0..params.len()).partition(|&i| params[i].required);
    let body_position = required.len();
    let order: Vec<usize> = required.into_iter().chain(optional).collect();
    let mut new_index = vec![0; params.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let path_parts = path_parts
        .into_iter()
        .map(|part| match part {
            PathPart::Param(old) => PathPart::Param(new_index[old]),
            literal => literal,
        })
        .collect();
    let params: Vec<Param> = order.iter().map(|&i| params[i].clone()).collect();
    let (success, error_statuses) = responses(spec, schemas, entry)?;
    let secret_response = match &success.body {
        ResponseBody::Text { sensitive } => *sensitive,
        ResponseBody::Json(ty) => schemas.has_secrets(ty),
        ResponseBody::Empty | ResponseBody::RawText | ResponseBody::Bytes => false,
    };
    let session_param = settings.session_header.as_deref().and_then(|header| {
        params.iter().position(|p: &Param| {
            p.location == Location::Header && p.required && p.wire_name.eq_ignore_ascii_case(header)
        })
    });
    let idempotent = match extensions::optional_flag(
        &entry.operation.extensions,
        "x-idempotent",
        &entry.pointer,
    )? {
        Some(flag) => flag,
        None => entry.method.is_idempotent(),
    };
    Ok(Converted::Operation(Box::new(Operation {
        id: entry.id.to_string(),
        rust_name,
        method: entry.method,
        path: entry.path.to_string(),
        path_parts,
        params,
        body_position,
        body,
        success,
        error_statuses,
        summary: entry.operation.summary.clone(),
        description: entry.operation.description.clone(),
        session_param,
        idempotent,
        ends_session: settings.sign_out_operation.as_deref() == Some(entry.id),
        secret_response,
    })))
}

/// Appends the parts of a multipart body to the parameters, rejecting name clashes.
fn add_form_parts(
    params: &mut Vec<Param>,
    parts: Vec<Param>,
    pointer: &Pointer,
) -> Result<(), Error> {
    for part in parts {
        if let Some(other) = params.iter().find(|p| p.rust_name == part.rust_name) {
            return Err(Error::invalid(
                &pointer.join("requestBody"),
                format!(
                    "form part `{}` and parameter `{}` both map to the argument name `{}`",
                    part.wire_name, other.wire_name, part.rust_name
                ),
            ));
        }
        params.push(part);
    }
    Ok(())
}

/// Collects path-level and operation-level parameters; an operation-level parameter
/// replaces a path-level one with the same name and location.
fn parameters<'a>(
    spec: &'a OpenAPI,
    schemas: &mut Schemas<'a>,
    entry: &Found<'a>,
) -> Result<Vec<Param>, Error> {
    let path_pointer = Pointer::root().join("paths").join(entry.path);
    let mut resolved: Vec<(&Parameter, Pointer)> = Vec::new();
    let inherited = entry
        .item
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, path_pointer.join("parameters").index(i)));
    let own = entry
        .operation
        .parameters
        .iter()
        .enumerate()
        .map(|(i, p)| (p, entry.pointer.join("parameters").index(i)));
    for (parameter, pointer) in inherited.chain(own) {
        let (parameter, pointer) = resolve_parameter(spec, parameter, &pointer)?;
        let data = parameter.parameter_data_ref();
        resolved.retain(|(p, _)| {
            let other = p.parameter_data_ref();
            !(other.name == data.name
                && std::mem::discriminant(*p) == std::mem::discriminant(parameter))
        });
        resolved.push((parameter, pointer));
    }
    let mut params: Vec<Param> = Vec::with_capacity(resolved.len());
    for (parameter, pointer) in resolved {
        let param = parameter_model(schemas, parameter, &pointer)?;
        if let Some(other) = params.iter().find(|p| p.rust_name == param.rust_name) {
            return Err(Error::invalid(
                &pointer,
                format!(
                    "parameters `{}` and `{}` both map to the argument name `{}`",
                    other.wire_name, param.wire_name, param.rust_name
                ),
            ));
        }
        params.push(param);
    }
    Ok(params)
}

/// Resolves a parameter reference; the returned pointer addresses the parameter's
/// definition, so errors in it point where it is written.
fn resolve_parameter<'a>(
    spec: &'a OpenAPI,
    parameter: &'a ReferenceOr<Parameter>,
    pointer: &Pointer,
) -> Result<(&'a Parameter, Pointer), Error> {
    match parameter {
        ReferenceOr::Item(parameter) => Ok((parameter, pointer.clone())),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/parameters/");
            let target = name.and_then(|name| spec.components.as_ref()?.parameters.get(name));
            match (name, target) {
                (Some(name), Some(ReferenceOr::Item(parameter))) => Ok((
                    parameter,
                    Pointer::root()
                        .join("components")
                        .join("parameters")
                        .join(name),
                )),
                (_, Some(ReferenceOr::Reference { .. })) => Err(Error::unsupported(
                    &pointer.join("$ref"),
                    format!("`{reference}` is a reference to another reference"),
                )),
                _ => Err(Error::invalid(
                    &pointer.join("$ref"),
                    format!("`{reference}` refers to a parameter that does not exist"),
                )),
            }
        }
    }
}

fn parameter_model<'a>(
    schemas: &mut Schemas<'a>,
    parameter: &'a Parameter,
    pointer: &Pointer,
) -> Result<Param, Error> {
    let (data, location) = match parameter {
        Parameter::Path { parameter_data, .. } => (parameter_data, Location::Path),
        Parameter::Query { parameter_data, .. } => (parameter_data, Location::Query),
        Parameter::Header { parameter_data, .. } => (parameter_data, Location::Header),
        Parameter::Cookie { .. } => {
            return Err(Error::unsupported(
                pointer,
                "cookie parameters are not supported",
            ));
        }
    };
    let rust_name = argument_name(&data.name, &pointer.join("name"))?;
    if location == Location::Path && !data.required {
        return Err(Error::invalid(
            &pointer.join("required"),
            "path parameters must be required",
        ));
    }
    if location == Location::Header && !is_header_name(&data.name) {
        return Err(Error::invalid(
            &pointer.join("name"),
            format!("`{}` is not a valid HTTP header name", data.name),
        ));
    }
    let ParameterSchemaOrContent::Schema(schema) = &data.format else {
        return Err(Error::unsupported(
            pointer,
            "parameters described by `content` are not supported; use `schema`",
        ));
    };
    let schema_pointer = pointer.join("schema");
    let ty = schemas.parameter_type_ref(schema.into(), &schema_pointer, &data.name)?;
    let scalar = is_scalar(schemas, &ty);
    if location != Location::Query && !scalar {
        return Err(Error::unsupported(
            &schema_pointer,
            "path and header parameters must be strings, integers, numbers, booleans or enums",
        ));
    }
    let query_style = query_style(parameter, &ty, scalar, schemas, pointer)?;
    let param = Param {
        wire_name: data.name.clone(),
        rust_name,
        location,
        required: data.required,
        sensitive: extensions::flag(&data.extensions, "x-sensitive", pointer)?,
        empty_value: extensions::text(&data.extensions, "x-empty-value", pointer)?,
        slash_replacement: extensions::text(&data.extensions, "x-slash-replacement", pointer)?,
        description: data.description.clone(),
        by_reference: !scalar || ty == TypeRef::String,
        query_style,
        ty,
    };
    check_path_extensions(&param, pointer)?;
    Ok(param)
}

/// Returns the argument name for a parameter or form part, escaping the name of the
/// generated method's local variable.
pub(crate) fn argument_name(name: &str, pointer: &Pointer) -> Result<String, Error> {
    let mut rust_name = naming::snake_case(name).ok_or_else(|| {
        Error::invalid(
            pointer,
            format!("parameter name `{name}` has no ASCII letters or digits"),
        )
    })?;
    if rust_name == CALL_VARIABLE {
        rust_name.push('_');
    }
    Ok(rust_name)
}

/// Returns whether a type is a single value that a path or header can carry.
pub(crate) fn is_scalar(schemas: &Schemas<'_>, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::String
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::F32
        | TypeRef::F64
        | TypeRef::Bool => true,
        TypeRef::Named(name) => schemas.is_enum(name),
        _ => false,
    }
}

/// Reads `style` and `explode` of a query parameter.
fn query_style(
    parameter: &Parameter,
    ty: &TypeRef,
    scalar: bool,
    schemas: &Schemas<'_>,
    pointer: &Pointer,
) -> Result<QueryStyle, Error> {
    let Parameter::Query {
        parameter_data,
        style,
        ..
    } = parameter
    else {
        return Ok(QueryStyle::Form);
    };
    let explode = parameter_data.explode.unwrap_or(true);
    let is_object = matches!(ty, TypeRef::Map(_) | TypeRef::Json)
        || matches!(ty, TypeRef::Named(name) if schemas.struct_def_named(name).is_some());
    match style {
        openapiv3::QueryStyle::Form if explode => Ok(QueryStyle::Form),
        openapiv3::QueryStyle::Form => Ok(QueryStyle::FormUnexploded),
        openapiv3::QueryStyle::DeepObject if is_object && explode => Ok(QueryStyle::DeepObject),
        openapiv3::QueryStyle::DeepObject if scalar || !is_object => Err(Error::unsupported(
            &pointer.join("style"),
            "`deepObject` applies only to object parameters",
        )),
        openapiv3::QueryStyle::DeepObject => Err(Error::unsupported(
            &pointer.join("explode"),
            "`deepObject` with `explode: false` is not defined by OpenAPI 3.0",
        )),
        openapiv3::QueryStyle::SpaceDelimited | openapiv3::QueryStyle::PipeDelimited => {
            Err(Error::unsupported(
                &pointer.join("style"),
                "only the `form` and `deepObject` query styles are supported",
            ))
        }
    }
}

fn check_path_extensions(param: &Param, pointer: &Pointer) -> Result<(), Error> {
    let has_path_extension = param.empty_value.is_some() || param.slash_replacement.is_some();
    if has_path_extension && (param.location != Location::Path || param.ty != TypeRef::String) {
        return Err(Error::invalid(
            pointer,
            "`x-empty-value` and `x-slash-replacement` apply only to string path parameters",
        ));
    }
    if param
        .slash_replacement
        .as_deref()
        .is_some_and(|r| r.contains('/'))
    {
        return Err(Error::invalid(
            &pointer.join("x-slash-replacement"),
            "the replacement must not contain `/`",
        ));
    }
    if param
        .empty_value
        .as_deref()
        .is_some_and(|v| v.is_empty() || v.contains('/'))
    {
        return Err(Error::invalid(
            &pointer.join("x-empty-value"),
            "the empty-value segment must be non-empty and must not contain `/`",
        ));
    }
    Ok(())
}

/// Returns whether `name` is an HTTP token (RFC 9110), the syntax of header names.
fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Splits a path template into literals and parameter indices, checking that template
/// variables and path parameters match one to one.
fn path_parts(path: &str, params: &[Param], pointer: &Pointer) -> Result<Vec<PathPart>, Error> {
    let mut parts = Vec::new();
    let mut used = vec![false; params.len()];
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            return Err(Error::invalid(
                pointer,
                format!("path template `{path}` has an unclosed `{{`"),
            ));
        };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_string()));
        }
        let name = &rest[open + 1..close];
        let index = params
            .iter()
            .position(|p| p.location == Location::Path && p.wire_name == name)
            .ok_or_else(|| {
                Error::invalid(
                    pointer,
                    format!("path template `{path}` uses `{{{name}}}`, but the operation declares no path parameter `{name}`"),
                )
            })?;
        if used[index] {
            return Err(Error::invalid(
                pointer,
                format!("path template `{path}` uses `{{{name}}}` twice"),
            ));
        }
        used[index] = true;
        parts.push(PathPart::Param(index));
        rest = &rest[close + 1..];
    }
    if rest.contains('}') {
        return Err(Error::invalid(
            pointer,
            format!("path template `{path}` has an unmatched `}}`"),
        ));
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_string()));
    }
    if let Some(unused) = params
        .iter()
        .zip(&used)
        .find(|(p, used)| p.location == Location::Path && !**used)
    {
        return Err(Error::invalid(
            pointer,
            format!(
                "path parameter `{}` does not appear in the path template `{path}`",
                unused.0.wire_name
            ),
        ));
    }
    Ok(parts)
}

fn request_body<'a>(
    spec: &'a OpenAPI,
    schemas: &mut Schemas<'a>,
    body: &'a ReferenceOr<RequestBody>,
    entry: &Found<'a>,
) -> Result<RequestContent, Error> {
    let (body, pointer) = resolve_component(
        body,
        &entry.pointer.join("requestBody"),
        "requestBodies",
        |name| spec.components.as_ref()?.request_bodies.get(name),
    )?;
    let Some((content_type, media)) = body.content.iter().find(|(c, _)| content::is_json(c)) else {
        return content::form_parts(schemas, body, &pointer, entry.id);
    };
    let media_pointer = pointer.join("content").join(content_type);
    let schema = media_schema(media, &media_pointer)?;
    let hint = format!(
        "{}Body",
        naming::upper_camel_case(entry.id, "T").unwrap_or_default()
    );
    let ty = schemas.type_ref(schema, &media_pointer.join("schema"), &hint)?;
    let secret_fields = match &ty {
        TypeRef::Named(name) => schemas
            .struct_def_named(name)
            .map(|s| {
                s.fields
                    .iter()
                    .filter(|f| f.sensitive && f.ty == TypeRef::String)
                    .map(|f| f.rust_name.clone())
                    .collect()
            })
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(RequestContent::Json(Body {
        ty,
        required: body.required,
        secret_fields,
        description: body.description.clone(),
    }))
}

fn media_schema<'a>(media: &'a MediaType, pointer: &Pointer) -> Result<SchemaRef<'a>, Error> {
    media
        .schema
        .as_ref()
        .map(SchemaRef::from)
        .ok_or_else(|| Error::invalid(pointer, "media type has no schema"))
}

fn responses<'a>(
    spec: &'a OpenAPI,
    schemas: &mut Schemas<'a>,
    entry: &Found<'a>,
) -> Result<(Success, Vec<String>), Error> {
    let pointer = entry.pointer.join("responses");
    let mut success: Option<(u16, &ReferenceOr<Response>)> = None;
    let mut error_statuses = Vec::new();
    for (status, response) in &entry.operation.responses.responses {
        match status {
            StatusCode::Code(code) if (200..300).contains(code) => {
                if success.is_none_or(|(best, _)| *code < best) {
                    success = Some((*code, response));
                }
            }
            other => error_statuses.push(other.to_string()),
        }
    }
    if entry.operation.responses.default.is_some() {
        error_statuses.push("default".to_string());
    }
    error_statuses.sort();
    let Some((code, response)) = success else {
        return Err(Error::unsupported(
            &pointer,
            "the operation documents no 2xx response",
        ));
    };
    let response_pointer = pointer.join(&code.to_string());
    let (response, response_pointer) =
        resolve_component(response, &response_pointer, "responses", |name| {
            spec.components.as_ref()?.responses.get(name)
        })?;
    let (body, accept) = content::response_body(schemas, response, &response_pointer, entry.id)?;
    let success = Success {
        status: code.to_string(),
        body,
        accept,
        description: Some(response.description.clone()).filter(|d| !d.is_empty()),
    };
    Ok((success, error_statuses))
}

/// Resolves a reference into `#/components/<section>`; the returned pointer addresses
/// the item's definition, so errors in it point where it is written.
fn resolve_component<'a, T>(
    item: &'a ReferenceOr<T>,
    pointer: &Pointer,
    section: &str,
    lookup: impl Fn(&str) -> Option<&'a ReferenceOr<T>>,
) -> Result<(&'a T, Pointer), Error> {
    let reference = match item {
        ReferenceOr::Item(item) => return Ok((item, pointer.clone())),
        ReferenceOr::Reference { reference } => reference,
    };
    let prefix = format!("#/components/{section}/");
    let found = reference
        .strip_prefix(&prefix)
        .and_then(|name| match lookup(name)? {
            ReferenceOr::Item(item) => Some((
                item,
                Pointer::root().join("components").join(section).join(name),
            )),
            ReferenceOr::Reference { .. } => None,
        });
    found.ok_or_else(|| {
        Error::invalid(
            &pointer.join("$ref"),
            format!("`{reference}` does not refer to an item of #/components/{section}"),
        )
    })
}
