//! Checks the model and code generated for `tests/fixtures/features.yaml`, one example of
//! each OpenAPI feature beyond the auth subset, and the located errors for constructs the
//! generator rejects.
//!
//! `.ci/whole-api-check.sh` compiles the same fixture and runs behaviour tests against it.

use std::path::Path;

use simsage_auth_codegen::model::{
    Api, Location, Operation, Param, QueryStyle, ResponseBody, StructDef, TypeDef, TypeRef,
};
use simsage_auth_codegen::{Error, Generated, Settings, parse};

fn fixture() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/features.yaml");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
}

fn model() -> Api {
    let document = parse::parse_document(&fixture()).expect("fixture parses");
    parse::build_model(&document, &Settings::default()).expect("fixture builds")
}

fn generated() -> Generated {
    simsage_auth_codegen::generate(&fixture()).expect("fixture generates")
}

fn operation<'a>(api: &'a Api, id: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no operation {id}"))
}

fn param<'a>(operation: &'a Operation, wire_name: &str) -> &'a Param {
    operation
        .params
        .iter()
        .find(|p| p.wire_name == wire_name)
        .unwrap_or_else(|| panic!("no parameter {wire_name}"))
}

fn type_def<'a>(api: &'a Api, name: &str) -> &'a TypeDef {
    api.types
        .iter()
        .find(|t| t.name() == name)
        .unwrap_or_else(|| panic!("no type {name}"))
}

fn struct_def<'a>(api: &'a Api, name: &str) -> &'a StructDef {
    match type_def(api, name) {
        TypeDef::Struct(def) => def,
        other => panic!("{name} is not a struct: {other:?}"),
    }
}

/// Generates `spec` and returns the error's pointer and message.
fn rejection(spec: &str) -> (String, String) {
    match simsage_auth_codegen::generate(spec) {
        Ok(_) => panic!("expected an error for:\n{spec}"),
        Err(error) => (error.pointer().to_string(), error.to_string()),
    }
}

/// Wraps one operation's YAML (indented for `/p:`) and components into a document.
fn document(operation: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.1\ninfo: {{ title: t, version: '1' }}\npaths:\n  /p:\n{operation}\ncomponents:\n  schemas:\n{schemas}\n"
    )
}

#[test]
fn integer_and_boolean_path_parameters() {
    let api = model();
    let get_item = operation(&api, "getItem");
    assert_eq!(param(get_item, "id").ty, TypeRef::I64);
    assert_eq!(param(get_item, "enabled").ty, TypeRef::Bool);
    let client = generated().client;
    assert!(client.contains("call.path_display(id);"), "{client}");
    assert!(client.contains("call.path_display(enabled);"), "{client}");
}

#[test]
fn query_parameters_get_types_and_styles() {
    let api = model();
    let get_item = operation(&api, "getItem");
    assert_eq!(param(get_item, "ott").ty, TypeRef::String);
    assert_eq!(
        param(get_item, "sort").ty,
        TypeRef::Named("Sort".to_string())
    );
    assert_eq!(param(get_item, "limit").ty, TypeRef::I32);
    let filter = param(get_item, "filter");
    assert_eq!(filter.ty, TypeRef::Map(Box::new(TypeRef::String)));
    assert_eq!(filter.query_style, QueryStyle::Form);
    assert!(filter.by_reference);
    assert_eq!(param(get_item, "range").query_style, QueryStyle::DeepObject);
    assert_eq!(
        param(get_item, "ids").query_style,
        QueryStyle::FormUnexploded
    );
}

/// Removes whitespace and the trailing commas of wrapped lists, so that checks do not
/// depend on how prettyplease wraps lines.
fn compact(text: &str) -> String {
    let joined: String = text.split_whitespace().collect();
    joined.replace(",)", ")").replace(",>", ">")
}

#[test]
fn query_parameter_code() {
    let client = compact(&generated().client);
    let expected = [
        "call.query(\"ott\",ott);",
        "call.query_value(\"filter\",\"filter\",crate::runtime::QueryStyle::Form,filter)?;",
        "call.query_value(\"range\",\"range\",crate::runtime::QueryStyle::DeepObject,range)?;",
        "call.query_value(\"limit\",\"limit\",crate::runtime::QueryStyle::Form,&limit)?;",
        "filter:&::std::collections::BTreeMap<",
    ];
    for code in expected {
        assert!(client.contains(code), "missing {code} in {client}");
    }
}

#[test]
fn parameter_enum_has_no_catch_all() {
    let api = model();
    let TypeDef::Enum(sort) = type_def(&api, "Sort") else {
        panic!("Sort is not an enum")
    };
    assert_eq!(sort.catch_all, None);
}

#[test]
fn schema_enums_get_catch_all() {
    let api = model();
    let TypeDef::Enum(status) = type_def(&api, "Status") else {
        panic!("Status is not an enum")
    };
    // `UNKNOWN` is a value of the enum, so the catch-all takes the next free name.
    assert_eq!(status.catch_all.as_deref(), Some("UnknownValue"));
    let TypeDef::Enum(priority) = type_def(&api, "ItemPriority") else {
        panic!("ItemPriority is not an enum")
    };
    assert_eq!(priority.catch_all.as_deref(), Some("Unknown"));
    let types = generated().types;
    assert!(
        types.contains("#[serde(other, skip_serializing)]"),
        "{types}"
    );
}

#[test]
fn formats_map_to_types() {
    let api = model();
    let item = struct_def(&api, "Item");
    let ty = |name: &str| {
        &item
            .fields
            .iter()
            .find(|f| f.wire_name == name)
            .unwrap_or_else(|| panic!("no field {name}"))
            .ty
    };
    assert_eq!(ty("created"), &TypeRef::DateTime);
    assert_eq!(ty("data"), &TypeRef::Base64);
    assert_eq!(ty("ratio"), &TypeRef::F32);
    assert_eq!(ty("weight"), &TypeRef::F64);
    assert_eq!(ty("config"), &TypeRef::Json);
    assert_eq!(ty("labels"), &TypeRef::Map(Box::new(TypeRef::String)));
    assert_eq!(ty("extra"), &TypeRef::Named("ItemExtra".to_string()));
}

#[test]
fn runtime_features_follow_the_spec() {
    assert_eq!(
        generated().runtime_features,
        ["base64", "date-time", "multipart"]
    );
}

#[test]
fn self_reference_is_boxed_and_optional() {
    let api = model();
    let item = struct_def(&api, "Item");
    let parent = item
        .fields
        .iter()
        .find(|f| f.wire_name == "parent")
        .expect("parent");
    assert_eq!(
        parent.ty,
        TypeRef::Boxed(Box::new(TypeRef::Named("Item".to_string())))
    );
    assert!(
        !parent.required,
        "a required self-reference has no finite default"
    );
    let children = item
        .fields
        .iter()
        .find(|f| f.wire_name == "children")
        .expect("children");
    assert_eq!(
        children.ty,
        TypeRef::Vec(Box::new(TypeRef::Named("Item".to_string()))),
        "a Vec already breaks the cycle"
    );
}

#[test]
fn additional_properties_become_flattened_map() {
    let api = model();
    let labelled = struct_def(&api, "Labelled");
    assert_eq!(labelled.additional_properties, Some(TypeRef::I32));
    let types = generated().types;
    assert!(types.contains("#[serde(flatten)]"), "{types}");
}

#[test]
fn all_of_merges_members() {
    let api = model();
    let simple = struct_def(&api, "SimpleQuery");
    let names: Vec<&str> = simple.fields.iter().map(|f| f.wire_name.as_str()).collect();
    // `type` is the discriminator, which the union carries.
    assert_eq!(names, ["text"]);
    assert!(simple.fields[0].required);
}

#[test]
fn discriminated_schemas_become_unions() {
    let api = model();
    let TypeDef::Union(base) = type_def(&api, "QueryDefinition") else {
        panic!("QueryDefinition is not a union")
    };
    assert_eq!(base.tag, "type");
    let tags: Vec<(&str, &str)> = base
        .variants
        .iter()
        .map(|v| (v.tag_value.as_str(), v.rust_name.as_str()))
        .collect();
    assert_eq!(
        tags,
        [
            ("CompoundQuery", "CompoundQuery"),
            ("simple", "SimpleQuery")
        ]
    );
    let TypeDef::Union(choice) = type_def(&api, "QueryChoice") else {
        panic!("QueryChoice is not a union")
    };
    assert_eq!(choice.tag, "type", "inherited from the allOf base");
    let types = generated().types;
    assert!(types.contains("#[serde(tag = \"type\")]"), "{types}");
}

#[test]
fn union_fields_are_optional() {
    let api = model();
    let item = struct_def(&api, "Item");
    let query = item
        .fields
        .iter()
        .find(|f| f.wire_name == "query")
        .expect("query");
    assert!(!query.required, "a union has no empty value");
}

#[test]
fn responses_map_to_body_kinds() {
    let api = model();
    let kind = |id: &str| &operation(&api, id).success;
    assert_eq!(kind("getPreview").body, ResponseBody::Bytes);
    assert_eq!(
        kind("getPreview").accept.as_deref(),
        Some("image/jpeg, image/svg+xml")
    );
    assert_eq!(kind("getPdf").body, ResponseBody::Bytes);
    assert_eq!(kind("getPage").body, ResponseBody::RawText);
    assert_eq!(kind("getPage").accept.as_deref(), Some("text/html"));
    assert_eq!(kind("getAnything").body, ResponseBody::Json(TypeRef::Json));
    assert_eq!(kind("getAnything").accept, None);
    assert_eq!(
        kind("getItem").body,
        ResponseBody::Json(TypeRef::Named("Item".to_string())),
        "application/json;charset=UTF-8 is JSON"
    );
    let client = generated().client;
    assert!(
        client.contains("call.accept(\"image/jpeg, image/svg+xml\");"),
        "{client}"
    );
    assert!(client.contains("crate::runtime::Bytes"), "{client}");
    assert!(client.contains("call.send_raw_text().await"), "{client}");
}

#[test]
fn error_statuses_include_401() {
    let api = model();
    assert_eq!(operation(&api, "getItem").error_statuses, ["401", "500"]);
    let client = generated().client;
    assert!(client.contains("(documented: `401`, `500`)"), "{client}");
}

#[test]
fn multipart_parts_become_arguments() {
    let api = model();
    let upload = operation(&api, "uploadItem");
    let parts: Vec<(&str, &TypeRef, bool)> = upload
        .params
        .iter()
        .filter(|p| p.location == Location::Form)
        .map(|p| (p.rust_name.as_str(), &p.ty, p.required))
        .collect();
    // The body is optional, so every part is.
    assert_eq!(
        parts,
        [
            ("file", &TypeRef::File, false),
            ("note", &TypeRef::String, false),
            ("pages", &TypeRef::I32, false)
        ]
    );
    assert!(upload.body.is_none());
    let client = generated().client;
    assert!(
        client.contains("call.multipart_file(\"file\", file)?;"),
        "{client}"
    );
    assert!(
        client.contains("call.multipart_text(\"pages\", pages)?;"),
        "{client}"
    );
    assert!(
        client.contains("file: ::std::option::Option<&crate::runtime::FilePart>"),
        "{client}"
    );
}

#[test]
fn optional_json_body_is_option() {
    let api = model();
    let save = operation(&api, "saveItem");
    assert!(!save.body.as_ref().expect("body").required);
    let client = generated().client;
    assert!(
        client.contains("body: ::std::option::Option<&crate::types::Item>"),
        "{client}"
    );
}

#[test]
fn runtime_path_setting_rebases_paths() {
    let settings = Settings::default()
        .with_runtime_path("::simsage_auth::__private")
        .with_source_name("features.yaml");
    let generated =
        simsage_auth_codegen::generate_with(&fixture(), &settings).expect("fixture generates");
    for source in [&generated.types, &generated.client] {
        assert!(!source.contains("crate::runtime"), "{source}");
        assert!(source.starts_with("// @generated by simsage-auth-codegen from features.yaml."));
    }
    assert!(
        generated
            .types
            .contains("\"::simsage_auth::__private::null_as_default\"")
    );
    assert!(
        generated
            .client
            .contains("::simsage_auth::__private::Call::new")
    );
}

#[test]
fn invalid_runtime_path_is_rejected() {
    let settings = Settings::default().with_runtime_path("not a path");
    let error = simsage_auth_codegen::generate_with(&fixture(), &settings).unwrap_err();
    assert!(
        matches!(
            error,
            Error::InvalidSetting {
                setting: "runtime_path",
                ..
            }
        ),
        "{error}"
    );
}

#[test]
fn path_mismatch_is_skipped_only_on_request() {
    let spec = document(
        "    post:\n      operationId: resetAll\n      parameters:\n        - { name: organisation-id, in: header, required: true, schema: { type: string } }\n      responses:\n        '200': { description: ok }\n  /p/{organisationId}:\n    post:\n      operationId: reset\n      parameters:\n        - { name: organisation-id, in: header, required: true, schema: { type: string } }\n      responses:\n        '200': { description: ok }",
        "    A: { type: object, properties: { a: { type: string } } }",
    );
    let (pointer, message) = rejection(&spec);
    assert_eq!(pointer, "#/paths/~1p~1{organisationId}/post");
    assert!(
        message.contains("declares no path parameter `organisationId`"),
        "{message}"
    );

    let settings = Settings::default().with_skip_invalid_paths(true);
    let generated = simsage_auth_codegen::generate_with(&spec, &settings).expect("generates");
    assert_eq!(generated.skipped.len(), 1);
    assert_eq!(
        generated.skipped[0].pointer(),
        "#/paths/~1p~1{organisationId}/post"
    );
    assert!(generated.client.contains("pub async fn reset_all("));
    assert!(!generated.client.contains("pub async fn reset("));
}

#[test]
fn unsupported_constructs_are_located() {
    let get = |parameters: &str, response: &str| {
        format!(
            "    get:\n      operationId: op\n      parameters:\n{parameters}\n      responses:\n        '200':\n          description: ok\n{response}"
        )
    };
    let no_parameters = "        []";
    let json_of = |schema: &str| {
        format!("          content:\n            application/json:\n              schema: {schema}")
    };
    let cases: Vec<(String, &str, &str)> = vec![
        (
            document(
                &get(
                    no_parameters,
                    &json_of("{ anyOf: [{ type: string }, { type: integer }] }"),
                ),
                "    X: { type: string }",
            ),
            "#/paths/~1p/get/responses/200/content/application~1json/schema",
            "`anyOf`",
        ),
        (
            document(
                &get(
                    no_parameters,
                    &json_of("{ $ref: '#/components/schemas/Choice' }"),
                ),
                "    A: { type: object, properties: { a: { type: string } } }\n    B: { type: object, properties: { b: { type: string } } }\n    Choice: { oneOf: [{ $ref: '#/components/schemas/A' }, { $ref: '#/components/schemas/B' }] }",
            ),
            "#/components/schemas/Choice",
            "without a discriminator",
        ),
        (
            document(
                &get(
                    no_parameters,
                    &json_of(
                        "{ oneOf: [{ type: object, properties: { a: { type: string } } }], discriminator: { propertyName: a } }",
                    ),
                ),
                "    X: { type: string }",
            ),
            "#/paths/~1p/get/responses/200/content/application~1json/schema/oneOf/0",
            "must be a $ref",
        ),
        (
            document(
                &get(
                    "        - { name: ids, in: query, style: pipeDelimited, schema: { type: array, items: { type: string } } }",
                    "",
                ),
                "    X: { type: string }",
            ),
            "#/paths/~1p/get/parameters/0/style",
            "`form` and `deepObject`",
        ),
        (
            document(
                &get(
                    "        - { name: id, in: query, style: deepObject, schema: { type: string } }",
                    "",
                ),
                "    X: { type: string }",
            ),
            "#/paths/~1p/get/parameters/0/style",
            "only to object parameters",
        ),
        (
            document(
                &get(
                    "        - { name: ids, in: header, schema: { type: array, items: { type: string } } }",
                    "",
                ),
                "    X: { type: string }",
            ),
            "#/paths/~1p/get/parameters/0/schema",
            "path and header parameters must be",
        ),
        (
            document(
                &get(
                    no_parameters,
                    "          content:\n            application/xml:\n              schema: { type: object, properties: { a: { type: string } } }",
                ),
                "    X: { type: string }",
            ),
            "#/paths/~1p/get/responses/200/content/application~1xml/schema",
            "structured schema",
        ),
        (
            document(
                &get(
                    no_parameters,
                    &json_of(
                        "{ type: object, properties: { f: { type: string, format: binary } } }",
                    ),
                ),
                "    X: { type: string }",
            ),
            "#/paths/~1p/get/responses/200/content/application~1json/schema/properties/f/format",
            "`format: binary`",
        ),
        (
            document(
                &get(
                    no_parameters,
                    &json_of("{ $ref: '#/components/schemas/Loop' }"),
                ),
                "    Loop: { type: array, items: { $ref: '#/components/schemas/Loop' } }",
            ),
            "#/components/schemas/Loop",
            "contains itself only through arrays or maps",
        ),
        (
            document(
                &get(
                    no_parameters,
                    &json_of("{ $ref: '#/components/schemas/A' }"),
                ),
                "    A: { allOf: [{ $ref: '#/components/schemas/B' }, { type: object, properties: { x: { type: string } } }] }\n    B: { type: object, properties: { x: { type: integer } } }",
            ),
            "#/components/schemas/A/allOf/1/properties/x",
            "with a different schema",
        ),
        (
            document(
                &get(
                    no_parameters,
                    &json_of("{ $ref: '#/components/schemas/A' }"),
                ),
                "    A: { allOf: [{ $ref: '#/components/schemas/B' }] }\n    B: { allOf: [{ $ref: '#/components/schemas/A' }] }",
            ),
            "#/components/schemas/B",
            "in a cycle",
        ),
        (
            document(
                "    post:\n      operationId: op\n      requestBody:\n        content:\n          application/x-www-form-urlencoded:\n            schema: { type: object }\n      responses:\n        '200': { description: ok }",
                "    X: { type: string }",
            ),
            "#/paths/~1p/post/requestBody/content",
            "multipart/form-data request bodies are supported",
        ),
        (
            document(
                "    post:\n      operationId: op\n      requestBody:\n        content:\n          multipart/form-data:\n            schema: { type: object, properties: { tags: { type: array, items: { type: string } } } }\n      responses:\n        '200': { description: ok }",
                "    X: { type: string }",
            ),
            "#/paths/~1p/post/requestBody/content/multipart~1form-data/schema/properties/tags",
            "a form part must be",
        ),
    ];
    for (spec, expected_pointer, expected_text) in cases {
        let (pointer, message) = rejection(&spec);
        assert_eq!(pointer, expected_pointer, "{message}\n{spec}");
        assert!(message.contains(expected_text), "{message}\n{spec}");
    }
}
