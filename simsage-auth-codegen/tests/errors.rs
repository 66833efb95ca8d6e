//! Checks that broken specifications come back as errors that locate the problem.
//!
//! Most cases change one thing in a minimal valid specification (one operation, two
//! schemas that refer to each other) and assert the JSON pointer and a key phrase of
//! the error that [`generate`] returns. A panic in the generator fails the test.

use simsage_auth_codegen::{Error, generate};

/// Paths of the valid specification, at zero indentation.
const PATHS: &str = r##"
/api/user/{id}:
  get:
    operationId: getUser
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    responses:
      "200":
        description: The user.
        content:
          application/json:
            schema: {$ref: "#/components/schemas/CMUser"}
"##;

/// Component schemas of the valid specification, at zero indentation.
const SCHEMAS: &str = r##"
CMUser:
  type: object
  required: [id]
  properties:
    id: {type: string}
    group: {$ref: "#/components/schemas/CMGroup"}
CMGroup:
  type: object
  properties:
    name: {type: string}
    owner: {$ref: "#/components/schemas/CMUser"}
"##;

/// A second operation that `PATHS` can be extended with.
const USERS_PATH: &str = r##"
/api/users:
  get:
    operationId: listUsers
    responses:
      "200":
        description: All users.
        content:
          application/json:
            schema: {type: array, items: {$ref: "#/components/schemas/CMUser"}}
"##;

/// Builds a specification from `paths` and `schemas`, both written at zero indentation.
fn spec(paths: &str, schemas: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: errors, version: \"1\"}}\npaths:\n{}components:\n  schemas:\n{}",
        indent(paths, 2),
        indent(schemas, 4)
    )
}

fn indent(text: &str, width: usize) -> String {
    let margin = " ".repeat(width);
    let mut out = String::new();
    for line in text.lines().filter(|line| !line.trim().is_empty()) {
        out.push_str(&margin);
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// The variant of [`Error`] that a case expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    Parse,
    Unsupported,
    Invalid,
}

fn variant(error: &Error) -> Option<Variant> {
    match error {
        Error::Parse { .. } => Some(Variant::Parse),
        Error::Unsupported { .. } => Some(Variant::Unsupported),
        Error::Invalid { .. } => Some(Variant::Invalid),
        _ => None,
    }
}

/// A broken specification and the located error it must produce.
struct Case {
    name: &'static str,
    spec: String,
    variant: Variant,
    pointer: &'static str,
    phrase: &'static str,
}

fn case(
    name: &'static str,
    spec: String,
    variant: Variant,
    pointer: &'static str,
    phrase: &'static str,
) -> Case {
    Case {
        name,
        spec,
        variant,
        pointer,
        phrase,
    }
}

/// Returns the error for `spec`, failing the test when generation succeeds.
fn error_of(name: &str, spec: &str) -> Error {
    match generate(spec) {
        Ok(_) => panic!("case `{name}`: generation succeeded, but an error was expected"),
        Err(error) => error,
    }
}

fn check_cases(cases: &[Case]) {
    for case in cases {
        let error = error_of(case.name, &case.spec);
        let message = error.to_string();
        assert_eq!(
            error.pointer(),
            case.pointer,
            "case `{}`: wrong pointer in `{message}`",
            case.name
        );
        assert!(
            message.contains(case.phrase),
            "case `{}`: `{message}` does not contain `{}`",
            case.name,
            case.phrase
        );
        assert_eq!(
            variant(&error),
            Some(case.variant),
            "case `{}`: wrong variant {error:?}",
            case.name
        );
    }
}

/// Returns a specification whose only schema, `CMUser`, has the property `id` and the
/// property written in `property`.
fn with_user_property(property: &str) -> String {
    let schemas = format!(
        "CMUser:\n  type: object\n  properties:\n    id: {{type: string}}\n    {property}\n"
    );
    spec(PATHS, &schemas)
}

fn schema_cases() -> Vec<Case> {
    use Variant::*;
    vec![
        case(
            "missing $ref target",
            spec(
                PATHS,
                &SCHEMAS.replace("schemas/CMUser\"}\n", "schemas/CMMissing\"}\n"),
            ),
            Invalid,
            "#/components/schemas/CMGroup/properties/owner/$ref",
            "does not exist",
        ),
        case(
            "$ref outside component schemas",
            with_user_property("group: {$ref: \"other.yaml#/CMGroup\"}"),
            Unsupported,
            "#/components/schemas/CMUser/properties/group/$ref",
            "is not a reference into #/components/schemas",
        ),
        case(
            "format binary inside JSON",
            with_user_property("createdAt: {type: string, format: binary}"),
            Unsupported,
            "#/components/schemas/CMUser/properties/createdAt/format",
            "`format: binary` is supported only for multipart parts",
        ),
        case(
            "oneOf with inline alternatives",
            with_user_property("contact: {oneOf: [{type: string}, {type: integer}]}"),
            Unsupported,
            "#/components/schemas/CMUser/properties/contact/oneOf/0",
            "must be a $ref to an object schema",
        ),
        case(
            "anyOf property",
            with_user_property("address: {anyOf: [{type: string}, {type: integer}]}"),
            Unsupported,
            "#/components/schemas/CMUser/properties/address",
            "`anyOf` schemas are not supported",
        ),
        case(
            "not property",
            with_user_property("extra: {not: {type: string}}"),
            Unsupported,
            "#/components/schemas/CMUser/properties/extra",
            "`not` schemas are not supported",
        ),
        case(
            "array without items",
            with_user_property("tags: {type: array}"),
            Invalid,
            "#/components/schemas/CMUser/properties/tags",
            "array schema has no `items`",
        ),
        case(
            "required property not among properties",
            spec(
                PATHS,
                &SCHEMAS.replace("required: [id]", "required: [id, email]"),
            ),
            Invalid,
            "#/components/schemas/CMUser/required/1",
            "required property `email` is not among the properties",
        ),
        case(
            "property name of symbols only",
            with_user_property("\"$$\": {type: string}"),
            Invalid,
            "#/components/schemas/CMUser/properties/$$",
            "property name `$$` has no ASCII letters or digits",
        ),
        case(
            "non-boolean x-sensitive on a property",
            with_user_property("password: {type: string, x-sensitive: \"yes\"}"),
            Invalid,
            "#/components/schemas/CMUser/properties/password/x-sensitive",
            "`x-sensitive` must be true or false",
        ),
    ]
}

#[test]
fn schema_errors_are_located() {
    check_cases(&schema_cases());
}

/// Returns the valid specification with the parameter list of `getUser` replaced by
/// `parameters`: sequence entries whose lines after the first carry the list's indentation.
fn with_parameters(parameters: &str) -> String {
    let paths = PATHS.replace(
        "      - {name: id, in: path, required: true, schema: {type: string}}\n",
        &format!("      {parameters}\n"),
    );
    spec(&paths, SCHEMAS)
}

/// Returns the valid specification plus an operation at `/api/users` that takes a JSON
/// request body of `body_schema`. `extra` contains further keys of the operation.
fn post_users(extra: &str, body_schema: &str) -> String {
    let paths = format!(
        "{PATHS}/api/users:\n  post:\n    operationId: createUser\n{extra}    requestBody:\n      required: true\n      content:\n        application/json:\n          schema: {body_schema}\n    responses:\n      \"204\": {{description: Created.}}\n"
    );
    spec(&paths, SCHEMAS)
}

const USER_REF: &str = "{$ref: \"#/components/schemas/CMUser\"}";

fn operation_cases() -> Vec<Case> {
    use Variant::*;
    vec![
        case(
            "duplicate operationId",
            spec(
                &format!("{PATHS}{}", USERS_PATH.replace("listUsers", "getUser")),
                SCHEMAS,
            ),
            Invalid,
            "#/paths/~1api~1users/get/operationId",
            "operationId `getUser` is already used at #/paths/~1api~1user~1{id}/get/operationId",
        ),
        case(
            "missing operationId",
            spec(
                &format!(
                    "{PATHS}{}",
                    USERS_PATH.replace("    operationId: listUsers\n", "")
                ),
                SCHEMAS,
            ),
            Invalid,
            "#/paths/~1api~1users/get",
            "operation has no operationId",
        ),
        case(
            "parameter named body beside a request body",
            post_users(
                "    parameters:\n      - {name: body, in: query, schema: {type: string}}\n",
                USER_REF,
            ),
            Invalid,
            "#/paths/~1api~1users/post/parameters",
            "parameter `body` clashes with the request body argument `body`",
        ),
        case(
            "template variable without path parameter",
            spec(
                &format!(
                    "{PATHS}{}",
                    USERS_PATH.replace("/api/users:", "/api/users/{groupId}:")
                ),
                SCHEMAS,
            ),
            Invalid,
            "#/paths/~1api~1users~1{groupId}/get",
            "declares no path parameter `groupId`",
        ),
        case(
            "path parameter not in the template",
            spec(&PATHS.replace("/api/user/{id}:", "/api/user:"), SCHEMAS),
            Invalid,
            "#/paths/~1api~1user/get",
            "path parameter `id` does not appear in the path template `/api/user`",
        ),
        case(
            "optional path parameter",
            with_parameters("- {name: id, in: path, required: false, schema: {type: string}}"),
            Invalid,
            "#/paths/~1api~1user~1{id}/get/parameters/0/required",
            "path parameters must be required",
        ),
        case(
            "cookie parameter",
            with_parameters(
                "- {name: id, in: path, required: true, schema: {type: string}}\n      \
                 - {name: token, in: cookie, schema: {type: string}}",
            ),
            Unsupported,
            "#/paths/~1api~1user~1{id}/get/parameters/1",
            "cookie parameters are not supported",
        ),
        case(
            "non-boolean x-sensitive on a parameter",
            with_parameters(
                "- {name: id, in: path, required: true, schema: {type: string}}\n      \
                 - {name: api-key, in: header, schema: {type: string}, x-sensitive: \"yes\"}",
            ),
            Invalid,
            "#/paths/~1api~1user~1{id}/get/parameters/1/x-sensitive",
            "`x-sensitive` must be true or false",
        ),
        case(
            "x-empty-value on a header",
            with_parameters(
                "- {name: id, in: path, required: true, schema: {type: string}}\n      \
                 - {name: X-Tenant, in: header, schema: {type: string}, x-empty-value: \"-\"}",
            ),
            Invalid,
            "#/paths/~1api~1user~1{id}/get/parameters/1",
            "apply only to string path parameters",
        ),
    ]
}

#[test]
fn operation_errors_are_located() {
    check_cases(&operation_cases());
}

const HEADER: &str = "openapi: 3.0.3\ninfo: {title: errors, version: \"1\"}\n";

/// Documents that do not deserialize as OpenAPI 3.0, whole or in part.
fn document_cases() -> Vec<Case> {
    use Variant::*;
    vec![
        case("empty document", String::new(), Parse, "#", "the document is empty"),
        case(
            "blank document",
            " \n\t\n".to_string(),
            Parse,
            "#",
            "the document is empty",
        ),
        case(
            "document of comments only",
            "# nothing here\n".to_string(),
            Parse,
            "#",
            "the document is empty",
        ),
        case(
            "document that is a sequence",
            "- a\n".to_string(),
            Parse,
            "#",
            "the document is a sequence",
        ),
        case(
            "document that is a string",
            "openapi\n".to_string(),
            Parse,
            "#",
            "the document is a string",
        ),
        case(
            "OpenAPI 3.1",
            spec(PATHS, SCHEMAS).replace("openapi: 3.0.3", "openapi: 3.1.0"),
            Unsupported,
            "#/openapi",
            "OpenAPI version `3.1.0` is not supported",
        ),
        case(
            "OpenAPI 3.1 with 3.1-only schema syntax",
            "openapi: 3.1.0\ninfo: {title: t, version: \"1\"}\npaths: {}\ncomponents:\n  schemas:\n    A: {type: [string, \"null\"]}\n"
                .to_string(),
            Unsupported,
            "#/openapi",
            "3.1.0",
        ),
        case(
            "Swagger 2.0",
            "swagger: \"2.0\"\ninfo: {title: t, version: \"1\"}\npaths:\n  /a:\n    post:\n      parameters:\n        - {name: body, in: body, schema: {type: string}}\n      responses: {\"200\": {description: ok}}\n".to_string(),
            Unsupported,
            "#/swagger",
            "Swagger 2.0",
        ),
        case(
            "NaN in a schema",
            with_user_property("score: {type: number, minimum: .nan}"),
            Parse,
            "#/components/schemas/CMUser/properties/score/minimum",
            "`.nan` is not a finite number",
        ),
        case(
            "infinity in a parameter description",
            with_parameters(
                "- {name: id, in: path, required: true, description: -.inf, schema: {type: string}}",
            ),
            Parse,
            "#/paths/~1api~1user~1{id}/get/parameters/0/description",
            "`-.inf` is not a finite number",
        ),
        case(
            "integer beyond 64 bits",
            with_user_property("count: {type: integer, maximum: 99999999999999999999}"),
            Parse,
            "#/components/schemas/CMUser/properties/count/maximum",
            "integer `99999999999999999999` as u128",
        ),
        case(
            "duplicate key",
            with_user_property("name: {type: string, type: integer}"),
            Parse,
            "#/components/schemas/CMUser/properties/name",
            "duplicate entry with key \"type\"",
        ),
        case(
            "missing openapi",
            "info: {title: t, version: \"1\"}\npaths: {}\n".to_string(),
            Parse,
            "#",
            "missing field `openapi`",
        ),
        case(
            "missing info",
            "openapi: 3.0.3\npaths: {}\n".to_string(),
            Parse,
            "#",
            "missing field `info`",
        ),
        case(
            "missing paths",
            HEADER.to_string(),
            Parse,
            "#",
            "missing field `paths`",
        ),
        case(
            "wrong type in info",
            "openapi: 3.0.3\ninfo: {title: [t], version: \"1\"}\npaths: {}\n".to_string(),
            Parse,
            "#/info/title",
            "invalid type: sequence, expected a string",
        ),
        case(
            "server without url",
            format!("{HEADER}servers: [{{description: local}}]\npaths: {{}}\n"),
            Parse,
            "#/servers/0",
            "missing field `url`",
        ),
        case(
            "wrong-typed operationId",
            format!(
                "{HEADER}paths:\n  /a:\n    get:\n      operationId: 5\n      responses: {{}}\n"
            ),
            Parse,
            "#/paths/~1a/get/operationId",
            "invalid type: integer `5`, expected a string",
        ),
        case(
            "wrong-typed operationId in a JSON document",
            r#"{"openapi": "3.0.3", "info": {"title": "t", "version": "1"},
                "paths": {"/a": {"get": {"operationId": ["x"], "responses": {}}}}}"#
                .to_string(),
            Parse,
            "#/paths/~1a/get/operationId",
            "invalid type: sequence, expected a string",
        ),
        case(
            "plain scalar for a string beside missing paths",
            "openapi: 3.0.3\ninfo: {title: t, version: 1.0}\n".to_string(),
            Parse,
            "#",
            "missing field `paths`",
        ),
        case(
            "plain scalar for a string beside an error under paths",
            "openapi: 3.0.3\ninfo: {title: t, version: 1.0}\npaths:\n  /a:\n    get: {operationId: [a], responses: {}}\n"
                .to_string(),
            Parse,
            "#/paths/~1a/get/operationId",
            "expected a string",
        ),
        case(
            "version written as a number",
            "openapi: 3.0\ninfo: {title: t, version: \"1\"}\npaths: {}\n".to_string(),
            Unsupported,
            "#/openapi",
            "OpenAPI version `3.0` is not supported",
        ),
        case(
            "extension keys beside a broken path item",
            format!(
                "{HEADER}paths:\n  x-owner: 5\n  /a:\n    x-note: [1]\n    get: {{operationId: 5, responses: {{x-count: 1}}}}\n"
            ),
            Parse,
            "#/paths/~1a/get/operationId",
            "invalid type: integer `5`, expected a string",
        ),
        case(
            "default response without description",
            spec(
                &PATHS.replace("    responses:\n", "    responses:\n      default: {content: {}}\n"),
                SCHEMAS,
            ),
            Parse,
            "#/paths/~1api~1user~1{id}/get/responses/default",
            "missing field `description`",
        ),
        case(
            "status range response without description",
            spec(
                &PATHS.replace("    responses:\n", "    responses:\n      4XX: {content: {}}\n"),
                SCHEMAS,
            ),
            Parse,
            "#/paths/~1api~1user~1{id}/get/responses/4XX",
            "missing field `description`",
        ),
        case(
            "wrong type in a response header",
            spec(
                &PATHS.replace(
                    "        description: The user.\n",
                    "        description: The user.\n        headers:\n          X-Rate: {schema: {type: integer, minimum: x}}\n",
                ),
                SCHEMAS,
            ),
            Parse,
            "#/paths/~1api~1user~1{id}/get/responses/200/headers/X-Rate/schema",
            "invalid type: string \"x\"",
        ),
        case(
            "closed object with a broken property",
            with_user_property(
                "labels: {type: object, additionalProperties: false, properties: {a: {type: string, minLength: x}}}",
            ),
            Parse,
            "#/components/schemas/CMUser/properties/labels/properties/a",
            "expected usize",
        ),
        case(
            "parameter in body, as in Swagger 2.0",
            with_parameters("- {name: id, in: body, schema: {type: string}}"),
            Parse,
            "#/paths/~1api~1user~1{id}/get/parameters/0/in",
            "unknown variant `body`",
        ),
        case(
            "parameter without name",
            with_parameters("- {in: path, required: true, schema: {type: string}}"),
            Parse,
            "#/paths/~1api~1user~1{id}/get/parameters/0",
            "missing field `name`",
        ),
        case(
            "wrong type in a parameter schema",
            with_parameters(
                "- {name: id, in: path, required: true, schema: {type: string, maxLength: long}}",
            ),
            Parse,
            "#/paths/~1api~1user~1{id}/get/parameters/0/schema",
            "expected usize",
        ),
        case(
            "response without description",
            spec(&PATHS.replace("        description: The user.\n", ""), SCHEMAS),
            Parse,
            "#/paths/~1api~1user~1{id}/get/responses/200",
            "missing field `description`",
        ),
        case(
            "wrong type in a response schema",
            spec(
                &PATHS.replace(
                    "schema: {$ref: \"#/components/schemas/CMUser\"}",
                    "schema: {type: array, items: {type: string, minLength: -1}}",
                ),
                SCHEMAS,
            ),
            Parse,
            "#/paths/~1api~1user~1{id}/get/responses/200/content/application~1json/schema/items",
            "invalid value: integer `-1`, expected usize",
        ),
        case(
            "wrong type in a request body schema",
            post_users("", "{type: object, required: yes}"),
            Parse,
            "#/paths/~1api~1users/post/requestBody/content/application~1json/schema",
            "invalid type: string \"yes\", expected a sequence",
        ),
        case(
            "wrong type in a component property",
            with_user_property("email: {type: string, minLength: x}"),
            Parse,
            "#/components/schemas/CMUser/properties/email",
            "invalid type: string \"x\", expected usize",
        ),
        case(
            "wrong type in an allOf element",
            with_user_property(
                "admin: {allOf: [{$ref: \"#/components/schemas/CMGroup\"}, {type: object, required: 5}]}",
            ),
            Parse,
            "#/components/schemas/CMUser/properties/admin/allOf/1",
            "expected a sequence",
        ),
        case(
            "wrong type in additionalProperties",
            with_user_property(
                "labels: {type: object, additionalProperties: {type: string, maxLength: x}}",
            ),
            Parse,
            "#/components/schemas/CMUser/properties/labels/additionalProperties",
            "expected usize",
        ),
        case(
            "boolean additionalProperties before a broken property",
            with_user_property(
                "labels: {type: object, additionalProperties: true, properties: {a: {type: string, maxLength: x}}}",
            ),
            Parse,
            "#/components/schemas/CMUser/properties/labels/properties/a",
            "expected usize",
        ),
        case(
            "non-ASCII property name in a broken schema",
            with_user_property("名前: {type: string, minLength: x}"),
            Parse,
            "#/components/schemas/CMUser/properties/名前",
            "expected usize",
        ),
        case(
            "key with slash and tilde in a broken schema",
            with_user_property("\"a/b~c\": {type: string, minLength: x}"),
            Parse,
            "#/components/schemas/CMUser/properties/a~1b~0c",
            "expected usize",
        ),
        case(
            "wrong type in a component parameter",
            format!(
                "{}  parameters:\n    Page: {{name: page, in: query, schema: {{type: integer, minimum: x}}}}\n",
                spec(PATHS, SCHEMAS)
            ),
            Parse,
            "#/components/parameters/Page/schema",
            "invalid type: string \"x\"",
        ),
        case(
            "component response without description",
            format!(
                "{}  responses:\n    NotFound: {{content: {{}}}}\n",
                spec(PATHS, SCHEMAS)
            ),
            Parse,
            "#/components/responses/NotFound",
            "missing field `description`",
        ),
        case(
            "wrong type in a component request body",
            format!(
                "{}  requestBodies:\n    Login:\n      content:\n        application/json:\n          schema: {{type: string, minLength: x}}\n",
                spec(PATHS, SCHEMAS)
            ),
            Parse,
            "#/components/requestBodies/Login/content/application~1json/schema",
            "expected usize",
        ),
        case(
            "wrong type in a path-level parameter",
            spec(
                &format!(
                    "{PATHS}/api/group/{{id}}:\n  parameters:\n    - {{name: id, in: path, required: yes, schema: {{type: string}}}}\n"
                ),
                SCHEMAS,
            ),
            Parse,
            "#/paths/~1api~1group~1{id}/parameters/0",
            "invalid type: string \"yes\", expected a boolean",
        ),
    ]
}

#[test]
fn document_errors_are_located() {
    check_cases(&document_cases());
}

#[test]
fn invalid_yaml_has_line_and_column() {
    let cases = [
        (
            "unclosed flow sequence",
            "openapi: 3.0.3\ninfo: [unclosed\n",
            "#/info",
            (3, 1),
        ),
        (
            "tab indentation",
            "openapi: 3.0.3\ninfo:\n\ttitle: t\n",
            "#/info",
            (3, 1),
        ),
        (
            "bad indentation",
            "openapi: 3.0.3\ninfo:\n  title: t\n version: 1\n",
            "#",
            (4, 2),
        ),
        (
            "unclosed JSON object",
            "{\"openapi\": \"3.0.3\",\n \"info\": {\"title\": \"t\"\n",
            "#/info",
            (3, 1),
        ),
    ];
    for (name, text, pointer, line_and_column) in cases {
        let error = error_of(name, text);
        assert_eq!(error.pointer(), pointer, "case `{name}`: {error}");
        let Error::Parse { location, .. } = &error else {
            panic!("case `{name}`: expected a parse error, got {error:?}");
        };
        assert_eq!(*location, Some(line_and_column), "case `{name}`: {error}");
    }
}

/// A specification in which two items map to the same Rust name.
struct Clash {
    name: &'static str,
    spec: String,
    rust_name: &'static str,
    /// Pointers to the two items, in either order.
    pointers: [&'static str; 2],
}

fn clashes() -> Vec<Clash> {
    vec![
        Clash {
            name: "properties userId and user_id",
            spec: with_user_property("userId: {type: string}\n    user_id: {type: string}"),
            rust_name: "user_id",
            pointers: [
                "#/components/schemas/CMUser/properties/userId",
                "#/components/schemas/CMUser/properties/user_id",
            ],
        },
        Clash {
            name: "schemas CMUser and CmUser",
            spec: spec(
                PATHS,
                &format!(
                    "{SCHEMAS}CmUser:\n  type: object\n  properties:\n    a: {{type: string}}\n"
                ),
            ),
            rust_name: "CmUser",
            pointers: ["#/components/schemas/CMUser", "#/components/schemas/CmUser"],
        },
        Clash {
            name: "operationIds getUser and get_user",
            spec: spec(
                &format!("{PATHS}{}", USERS_PATH.replace("listUsers", "get_user")),
                SCHEMAS,
            ),
            rust_name: "get_user",
            pointers: [
                "#/paths/~1api~1user~1{id}/get/operationId",
                "#/paths/~1api~1users/get/operationId",
            ],
        },
    ]
}

#[test]
fn name_clashes_name_both_items() {
    for clash in clashes() {
        let name = clash.name;
        let error = error_of(name, &clash.spec);
        let Error::NameClash {
            rust_name,
            first,
            second,
        } = &error
        else {
            panic!("case `{name}`: expected a name clash, got {error:?}");
        };
        assert_eq!(rust_name, clash.rust_name, "case `{name}`");

        let mut actual = [first.as_str(), second.as_str()];
        let mut expected = clash.pointers;
        actual.sort_unstable();
        expected.sort_unstable();
        assert_eq!(actual, expected, "case `{name}`: {error}");
        assert_eq!(error.pointer(), first, "case `{name}`");
    }
}

#[test]
fn display_starts_with_pointer() {
    let cases = schema_cases()
        .into_iter()
        .chain(operation_cases())
        .chain(document_cases());
    for case in cases {
        let error = error_of(case.name, &case.spec);
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("{}: ", error.pointer())),
            "case `{}`: `{message}`",
            case.name
        );
    }
    for clash in clashes() {
        let message = error_of(clash.name, &clash.spec).to_string();
        for pointer in clash.pointers {
            assert!(
                message.contains(pointer),
                "case `{}`: `{message}`",
                clash.name
            );
        }
    }
}

#[test]
fn valid_specification_generates() {
    let generated = generate(&spec(PATHS, SCHEMAS)).expect("the base specification is valid");
    assert!(
        generated.types.contains("pub struct CmUser"),
        "{}",
        generated.types
    );
    assert!(
        generated.client.contains("get_user"),
        "{}",
        generated.client
    );
}

#[test]
fn valid_json_document_generates() {
    let json = r##"{
        "openapi": "3.0.3",
        "info": {"title": "json", "version": "1"},
        "paths": {"/api/version": {"get": {
            "operationId": "version",
            "responses": {"200": {"description": "The version.",
                "content": {"application/json": {"schema": {"type": "string"}}}}}}}}
    }"##;
    let generated = generate(json).expect("a JSON document is valid YAML");
    assert!(
        generated.client.contains("fn version"),
        "{}",
        generated.client
    );
}

#[test]
fn unicode_text_with_bom_is_read() {
    let text = format!(
        "\u{feff}{}",
        spec(PATHS, SCHEMAS).replace("The user.", "Der Benutzer \u{2014} 利用者 \u{1F464}.")
    );
    assert!(generate(&text).is_ok());
}

/// Returns a specification whose schema `A` nests `levels` array schemas, with `leaf`
/// as the innermost item schema.
fn nested_arrays(levels: usize, leaf: &str) -> String {
    let mut schema = leaf.to_string();
    for _ in 0..levels {
        schema = format!("{{type: array, items: {schema}}}");
    }
    format!("{HEADER}paths: {{}}\ncomponents:\n  schemas:\n    A: {schema}\n")
}

#[test]
fn nesting_beyond_limit_is_rejected() {
    // The document is level 0, `components` level 1 and schema `A` level 2, so the
    // first item beyond the limit of 16 levels is the 15th nested `items`.
    let error = error_of("deep nesting", &nested_arrays(40, "{type: string}"));
    let expected = format!("#/components/schemas/A{}", "/items".repeat(15));
    assert_eq!(error.pointer(), expected, "{error}");
    assert!(error.to_string().contains("more than 16 levels"), "{error}");
}

#[test]
fn error_at_nesting_limit_is_located() {
    let error = error_of(
        "error at the limit",
        &nested_arrays(14, "{type: string, minLength: x}"),
    );
    let expected = format!("#/components/schemas/A{}", "/items".repeat(14));
    assert_eq!(error.pointer(), expected, "{error}");
    assert!(error.to_string().contains("expected usize"), "{error}");
}

#[test]
fn yaml_beyond_recursion_limit_is_rejected() {
    let example = format!("{}1{}", "[".repeat(1000), "]".repeat(1000));
    let text = format!("{HEADER}paths: {{}}\nx-example: {example}\n");
    let error = error_of("deep YAML", &text);
    assert!(error.pointer().starts_with("#/x-example/0/0/"), "{error}");
    assert!(
        error.to_string().contains("recursion limit exceeded"),
        "{error}"
    );
}

#[test]
fn error_in_large_document_is_located() {
    let mut paths = String::new();
    for index in 0..2000 {
        paths.push_str(&format!(
            "/api/item{index}:\n  get:\n    operationId: getItem{index}\n    responses:\n      \"200\": {{description: ok}}\n"
        ));
    }
    paths.push_str("/api/last:\n  get:\n    operationId: [last]\n    responses: {}\n");
    let error = error_of("large document", &spec(&paths, SCHEMAS));
    assert_eq!(
        error.pointer(),
        "#/paths/~1api~1last/get/operationId",
        "{error}"
    );
}

// The tests below check the model builder and the emitter, beyond the parser's errors.

#[test]
fn referenced_component_errors_point_into_component() {
    let parameter = format!(
        "{HEADER}paths:\n  /api/x/{{id}}:\n    get:\n      operationId: getX\n      parameters:\n        - {{$ref: \"#/components/parameters/Id\"}}\n      responses:\n        \"204\": {{description: ok}}\ncomponents:\n  parameters:\n    Id: {{name: id, in: path, required: false, schema: {{type: string}}}}\n"
    );
    let request_body = format!(
        "{HEADER}paths:\n  /api/x:\n    post:\n      operationId: postX\n      requestBody: {{$ref: \"#/components/requestBodies/Login\"}}\n      responses:\n        \"204\": {{description: ok}}\ncomponents:\n  requestBodies:\n    Login: {{content: {{application/xml: {{schema: {{type: string}}}}}}}}\n"
    );
    let response = format!(
        "{HEADER}paths:\n  /api/x:\n    get:\n      operationId: getX\n      responses:\n        \"200\": {{$ref: \"#/components/responses/Ok\"}}\ncomponents:\n  responses:\n    Ok: {{description: ok, content: {{application/json: {{schema: {{type: array}}}}}}}}\n"
    );
    let cases = [
        (
            "optional path parameter by $ref",
            parameter,
            "#/components/parameters/Id/required",
        ),
        (
            "XML request body by $ref",
            request_body,
            "#/components/requestBodies/Login/content",
        ),
        (
            "array without items in a response by $ref",
            response,
            "#/components/responses/Ok/content/application~1json/schema",
        ),
    ];
    for (name, spec, pointer) in cases {
        let error = error_of(name, &spec);
        assert_eq!(error.pointer(), pointer, "case `{name}`: {error}");
    }
}

#[test]
fn parameter_named_call_is_passed_on() {
    let spec = with_parameters(
        "- {name: id, in: path, required: true, schema: {type: string}}\n      \
         - {name: call, in: query, required: true, schema: {type: string}}",
    );
    match generate(&spec) {
        Err(error) => assert_eq!(
            error.pointer(),
            "#/paths/~1api~1user~1{id}/get/parameters/1",
            "{error}"
        ),
        // The method's local `call` (the request builder) shadows the argument.
        Ok(generated) => assert!(
            !generated.client.contains("call.query(\"call\", call)"),
            "{}",
            generated.client
        ),
    }
}

#[test]
fn client_method_name_is_rejected() {
    // `Client` in the simsage-auth crate has the inherent methods `new`,
    // `with_http_client`, `base_url` and `http`; a generated method of the same name
    // does not compile.
    for id in ["new", "withHttpClient", "baseUrl", "http"] {
        let spec = spec(&PATHS.replace("getUser", id), SCHEMAS);
        let result = generate(&spec);
        assert_eq!(
            result.as_ref().err().map(Error::pointer),
            Some("#/paths/~1api~1user~1{id}/get/operationId"),
            "operationId `{id}`: {:?}",
            result.as_ref().err()
        );
    }
}

/// Name of the environment variable that names the test a child test process runs.
const CHILD_TEST: &str = "SIMSAGE_CODEGEN_CHILD_TEST";

/// Runs `body` in a child process of this test binary, because a stack overflow aborts
/// the whole process rather than failing one test.
///
/// The thread gets an 8 MiB stack, the usual main-thread stack on Linux, where a build
/// script runs the generator.
fn run_in_child(test_name: &str, body: fn()) {
    if std::env::var_os(CHILD_TEST).is_some_and(|name| name == test_name) {
        let thread = std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn(body)
            .expect("spawn the test thread");
        thread.join().expect("the test thread finishes");
        return;
    }
    let binary = std::env::current_exe().expect("path of the test binary");
    let output = std::process::Command::new(binary)
        .args([test_name, "--exact", "--nocapture"])
        .env(CHILD_TEST, test_name)
        .output()
        .expect("run the test binary");
    assert!(
        output.status.success(),
        "`{test_name}` failed in a child process ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn alias_chain_does_not_overflow_stack() {
    run_in_child("alias_chain_does_not_overflow_stack", || {
        let mut schemas = String::from(
            "Holder: {type: object, properties: {a: {$ref: \"#/components/schemas/A0\"}}}\n",
        );
        for index in 0..50_000 {
            schemas.push_str(&format!(
                "A{index}: {{$ref: \"#/components/schemas/A{}\"}}\n",
                index + 1
            ));
        }
        schemas.push_str("A50000: {type: string}\n");
        let result = generate(&spec(PATHS, &format!("{SCHEMAS}{schemas}")));
        assert!(result.is_ok(), "{:?}", result.err());
    });
}

#[test]
fn acronym_name_does_not_overflow_stack() {
    run_in_child("acronym_name_does_not_overflow_stack", || {
        // libyaml limits implicit keys to 1024 characters, so the name is an explicit key.
        let name = "ID".repeat(100_000);
        let property = format!("? {name}\n    : {{type: string}}");
        let result = generate(&with_user_property(&property));
        assert!(result.is_ok(), "{:?}", result.err());
    });
}
