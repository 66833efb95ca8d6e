//! Bad input: each case gives one error that names what failed and where, and writes nothing.

use xtask::error::render_chain;
use xtask::select::Selection;
use xtask::{Error, Mode, RegenOptions};

use crate::{Scratch, fixture, fixture_text, options};

/// Runs regen from upstream text `source` on a copy of our v1 spec, checks that the spec is
/// untouched, and returns the error with the path of the upstream file.
fn failing(source: &str, selection: Selection) -> (Error, String) {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let from = scratch.dir.path().join("upstream.txt");
    std::fs::write(&from, source).unwrap();
    let from = from.to_str().unwrap().to_owned();
    let regen_options = RegenOptions {
        selection,
        ..options(&from, &scratch.spec(), Mode::Write)
    };
    let error = xtask::regen(&regen_options).unwrap_err();
    assert_eq!(
        scratch.spec_text(),
        fixture_text("ours-v1.yaml"),
        "spec was modified"
    );
    assert_eq!(scratch.file_names(), ["openapi.yaml", "upstream.txt"]);
    (error, from)
}

fn v1_with(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut upstream: serde_json::Value =
        serde_json::from_str(&fixture_text("upstream-v1.json")).unwrap();
    edit(&mut upstream);
    serde_json::to_string_pretty(&upstream).unwrap()
}

#[test]
fn missing_file() {
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let from = scratch.dir.path().join("absent.json");
    let from = from.to_str().unwrap();
    let error = xtask::regen(&options(from, &scratch.spec(), Mode::Write)).unwrap_err();
    let rendered = render_chain(&error);
    assert!(
        rendered.starts_with(&format!("cannot read {from}\n  caused by: ")),
        "{rendered}"
    );
    assert!(rendered.contains("No such file or directory"), "{rendered}");
}

#[test]
fn invalid_json() {
    let (error, from) = failing(
        "{\n  \"openapi\": \"3.0.1\",\n  \"paths\": {]\n}\n",
        Selection::default(),
    );
    assert_eq!(
        error.to_string(),
        format!("invalid JSON in {from} at line 3, column 13: key must be a string")
    );
}

#[test]
fn invalid_yaml() {
    let (error, from) = failing(
        "openapi: 3.0.1\npaths:\n  /a: [1, 2\n",
        Selection::default(),
    );
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("invalid YAML in {from} at line 4, column 1: ")),
        "{message}"
    );
}

#[test]
fn duplicate_key() {
    let (error, from) = failing(
        "openapi: 3.0.1\npaths: {}\npaths: {}\n",
        Selection::default(),
    );
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("invalid YAML in {from} at line ")),
        "{message}"
    );
    assert!(message.ends_with(": duplicate key `paths`"), "{message}");
}

#[test]
fn swagger_2() {
    let (error, from) = failing(
        "{\"swagger\": \"2.0\", \"paths\": {}}",
        Selection::default(),
    );
    assert_eq!(
        error.to_string(),
        format!(
            "{from} is not an OpenAPI 3.0.x document: it declares `swagger: 2.0` (Swagger 2.0), \
             so convert it to OpenAPI 3.0 first (at /swagger)"
        )
    );
}

#[test]
fn openapi_31() {
    let source = v1_with(|upstream| upstream["openapi"] = "3.1.0".into());
    let (error, from) = failing(&source, Selection::default());
    assert_eq!(
        error.to_string(),
        format!(
            "{from} is not an OpenAPI 3.0.x document: `openapi` is \"3.1.0\", but only versions \
             3.0.0 to 3.0.x are supported (at /openapi)"
        )
    );
}

#[test]
fn operation_that_is_not_an_object() {
    let source = v1_with(|upstream| upstream["paths"]["/api/auth/sign-in"]["post"] = 7.into());
    let (error, from) = failing(&source, Selection::default());
    assert_eq!(
        error.to_string(),
        format!(
            "{from} is not an OpenAPI 3.0.x document: the operation is a number, expected an \
             object (at /paths/~1api~1auth~1sign-in/post)"
        )
    );
}

#[test]
fn no_matching_operations() {
    let selection = Selection {
        prefix: Some("/api/nothing/".to_owned()),
        tag: None,
    };
    let (error, from) = failing(&fixture_text("upstream-v1.json"), selection);
    assert_eq!(
        error.to_string(),
        format!("{from} has no operations that match paths under /api/nothing/ (at /paths)")
    );
}

#[test]
fn ref_to_missing_schema_in_operation() {
    let source = v1_with(|upstream| {
        upstream["paths"]["/api/auth/sign-in"]["post"]["responses"]["200"]["content"]["application/json"]
            ["schema"]["$ref"] = "#/components/schemas/Missing".into();
    });
    let (error, from) = failing(&source, Selection::default());
    assert_eq!(
        error.to_string(),
        format!(
            "{from}: `$ref` target #/components/schemas/Missing does not exist (referenced at \
             /paths/~1api~1auth~1sign-in/post/responses/200/content/application~1json/schema)"
        )
    );
}

#[test]
fn ref_to_missing_schema_in_schema() {
    let source = v1_with(|upstream| {
        upstream["components"]["schemas"]["User"]["properties"]["roles"]["items"]["$ref"] =
            "#/components/schemas/Gone".into();
    });
    let (error, from) = failing(&source, Selection::default());
    assert_eq!(
        error.to_string(),
        format!(
            "{from}: `$ref` target #/components/schemas/Gone does not exist (referenced at \
             /components/schemas/User/properties/roles/items)"
        )
    );
}

#[test]
fn external_ref() {
    let source = v1_with(|upstream| {
        upstream["components"]["schemas"]["Member"]["properties"]["userId"] =
            serde_json::json!({"$ref": "common.yaml#/components/schemas/Id"});
    });
    let (error, from) = failing(&source, Selection::default());
    assert_eq!(
        error.to_string(),
        format!(
            "{from}: `$ref` common.yaml#/components/schemas/Id at \
             /components/schemas/Member/properties/userId is not supported, because only \
             references of the form #/components/<section>/<name> inside the same document \
             are followed"
        )
    );
}

#[test]
fn broken_spec_is_reported_and_kept() {
    let scratch = Scratch::new();
    std::fs::write(scratch.spec(), "openapi: [\n").unwrap();
    let error = xtask::regen(&options(
        &fixture("upstream-v1.json"),
        &scratch.spec(),
        Mode::Write,
    ))
    .unwrap_err();
    let message = error.to_string();
    let spec = scratch.spec();
    assert!(
        message.starts_with(&format!("invalid YAML in {} at line 2", spec.display())),
        "{message}"
    );
    assert_eq!(scratch.spec_text(), "openapi: [\n");
}

#[test]
fn flaws_outside_the_selection_are_ignored() {
    let source = v1_with(|upstream| {
        upstream["paths"]["/api/other/widgets"]["get"] = 7.into();
        upstream["paths"]["/api/other/shared"] = serde_json::json!({"$ref": "other.yaml#/x"});
    });
    let scratch = Scratch::with_spec("ours-v1.yaml");
    let from = scratch.dir.path().join("upstream.json");
    std::fs::write(&from, source).unwrap();
    let outcome = xtask::regen(&options(
        from.to_str().unwrap(),
        &scratch.spec(),
        Mode::Check,
    ));
    assert!(!outcome.unwrap().check_failed());
}
