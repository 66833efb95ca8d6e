//! First stage: reads an OpenAPI document and builds the [`Api`] model.

mod content;
mod document;
mod extensions;
mod object;
mod operation;
mod schema;
mod union;

pub use document::parse_document;

use openapiv3::OpenAPI;

use crate::Settings;
use crate::error::Error;
use crate::model::Api;

/// Builds the model of every operation and component schema in `spec`.
pub fn build_model(spec: &OpenAPI, settings: &Settings) -> Result<Api, Error> {
    let mut schemas = schema::Schemas::from_components(spec)?;
    let (operations, skipped) = operation::operations(spec, &mut schemas, settings)?;
    Ok(Api {
        operations,
        types: schemas.into_types(),
        skipped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Method, PathPart, ResponseBody, TypeDef, TypeRef};

    const SPEC: &str = r##"
openapi: 3.0.1
info: { title: test, version: "1" }
paths:
  /api/auth/group/{organisationId}/{name}:
    put:
      operationId: saveGroupByName
      parameters:
        - { name: API-Version, in: header, schema: { type: string, enum: ["1"] } }
        - { name: organisationId, in: path, required: true, schema: { type: string } }
        - { name: name, in: path, required: true, schema: { type: string } }
        - { name: session-id, in: header, required: true, x-sensitive: true, schema: { type: string } }
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/CMSignIn' }
      responses:
        "500": { description: failed, content: { application/json: { schema: { $ref: '#/components/schemas/JsonMessage' } } } }
        "200": { description: saved, content: { application/json: { schema: { type: array, items: { $ref: '#/components/schemas/CMSignIn' } } } } }
  /api/auth/ott/{page}:
    get:
      operationId: getOTT
      parameters:
        - { name: page, in: path, required: true, schema: { type: integer, format: int32 } }
        - { name: filter, in: query, schema: { type: string } }
      responses:
        "200": { description: token, content: { application/json: { schema: { type: string, x-sensitive: true } } } }
  /api/auth/version:
    get:
      operationId: version_8
      responses:
        "200": { description: ok }
components:
  schemas:
    JsonMessage:
      type: object
      properties:
        error: { type: string }
    CMSignIn:
      type: object
      required: [email, password]
      properties:
        email: { type: string }
        password: { type: string, x-sensitive: true }
        timeOut: { type: integer }
        ratio: { type: number, format: float }
        nameValue: { type: object, additionalProperties: { type: string } }
        async: { type: boolean, writeOnly: true }
"##;

    fn model() -> Api {
        build_model(
            &parse_document(SPEC).expect("spec parses"),
            &Settings::default(),
        )
        .expect("model builds")
    }

    #[test]
    fn types_are_sorted_and_named() {
        let api = model();
        let names: Vec<&str> = api.types.iter().map(TypeDef::name).collect();
        assert_eq!(names, ["ApiVersion", "CmSignIn", "JsonMessage"]);
    }

    #[test]
    fn fields_map_types_and_flags() {
        let api = model();
        let TypeDef::Struct(sign_in) = &api.types[1] else {
            panic!("CmSignIn is not a struct")
        };
        assert_eq!(sign_in.spec_name, "CMSignIn");
        let field = |name: &str| {
            sign_in
                .fields
                .iter()
                .find(|f| f.wire_name == name)
                .expect(name)
        };
        assert!(field("email").required);
        assert!(field("password").sensitive);
        assert!(!field("email").sensitive);
        assert_eq!(field("timeOut").ty, TypeRef::I64);
        assert_eq!(field("timeOut").rust_name, "time_out");
        assert!(!field("timeOut").required);
        assert_eq!(field("ratio").ty, TypeRef::F32);
        assert_eq!(
            field("nameValue").ty,
            TypeRef::Map(Box::new(TypeRef::String))
        );
        assert_eq!(field("async").rust_name, "async_");
    }

    #[test]
    fn operations_sorted_with_dedup_suffix_stripped() {
        let names: Vec<String> = model()
            .operations
            .into_iter()
            .map(|o| o.rust_name)
            .collect();
        assert_eq!(names, ["get_ott", "save_group_by_name", "version"]);
    }

    #[test]
    fn parameters_required_first_then_body_then_optional() {
        let api = model();
        let op = api
            .operations
            .iter()
            .find(|o| o.id == "saveGroupByName")
            .expect("operation");
        let names: Vec<&str> = op.params.iter().map(|p| p.rust_name.as_str()).collect();
        assert_eq!(
            names,
            ["organisation_id", "name", "session_id", "api_version"]
        );
        assert_eq!(op.body_position, 3);
        assert_eq!(op.method, Method::Put);
        assert_eq!(op.params[3].ty, TypeRef::Named("ApiVersion".to_string()));
        assert!(op.params[2].sensitive);
        assert_eq!(op.session_param, Some(2));
        assert!(op.idempotent);
        assert_eq!(op.params[2].location, Location::Header);
    }

    #[test]
    fn path_parts_follow_reordered_parameters() {
        let api = model();
        let op = api
            .operations
            .iter()
            .find(|o| o.id == "saveGroupByName")
            .expect("operation");
        assert_eq!(
            op.path_parts,
            [
                PathPart::Literal("/api/auth/group/".to_string()),
                PathPart::Param(0),
                PathPart::Literal("/".to_string()),
                PathPart::Param(1),
            ]
        );
    }

    #[test]
    fn body_records_secret_fields() {
        let api = model();
        let op = api
            .operations
            .iter()
            .find(|o| o.id == "saveGroupByName")
            .expect("operation");
        let body = op.body.as_ref().expect("body");
        assert_eq!(body.secret_fields, ["password"]);
        assert_eq!(op.error_statuses, ["500"]);
    }

    #[test]
    fn responses_map_to_body_kinds() {
        let api = model();
        let kinds: Vec<(&str, &ResponseBody)> = api
            .operations
            .iter()
            .map(|o| (o.id.as_str(), &o.success.body))
            .collect();
        assert_eq!(
            kinds[0],
            ("getOTT", &ResponseBody::Text { sensitive: true })
        );
        assert_eq!(
            kinds[1].1,
            &ResponseBody::Json(TypeRef::Vec(Box::new(TypeRef::Named(
                "CmSignIn".to_string()
            ))))
        );
        assert_eq!(kinds[2], ("version_8", &ResponseBody::Empty));
    }

    #[test]
    fn query_and_integer_path_parameters() {
        let api = model();
        let op = &api.operations[0];
        assert_eq!(op.params[0].ty, TypeRef::I32);
        assert_eq!(op.params[1].location, Location::Query);
        assert!(!op.params[1].required);
    }
}
