//! Classification of structural changes as breaking or additive for Rust callers of
//! `simsage-auth`.
//!
//! The impact follows from how the crate maps the spec:
//! - Every component schema becomes a public struct with public fields. A required property
//!   is a plain field, an optional one an `Option<T>`. Callers build request bodies with
//!   struct literals, which must name every field.
//! - Every operation becomes a method named after its `operationId`. The method takes its
//!   parameters positionally (required ones first, then the request body, then the optional
//!   ones, each group in document order) and returns the type of the success (2xx) response.
//!   Error responses only decide which statuses the error value can report.
//!
//! So anything that changes a method signature or a field that callers name is breaking, and
//! only new items that callers never have to name are additive. Changes the report does not
//! model are classified as breaking, so that a person reviews them.

use crate::report::Impact;

/// The impact of a change and the reason, worded for the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub impact: Impact,
    pub reason: String,
}

fn breaking(reason: impl Into<String>) -> Verdict {
    Verdict {
        impact: Impact::Breaking,
        reason: reason.into(),
    }
}

fn additive(reason: impl Into<String>) -> Verdict {
    Verdict {
        impact: Impact::Additive,
        reason: reason.into(),
    }
}

fn unmodelled(what: &str) -> Verdict {
    breaking(format!(
        "the report does not model {what}, so review its effect on the generated code by hand"
    ))
}

pub fn operation_added() -> Verdict {
    additive("a new method, so existing calls still compile")
}

pub fn operation_removed() -> Verdict {
    breaking("the method is removed, so calls to it stop compiling")
}

pub fn operation_renamed() -> Verdict {
    breaking("the method name comes from operationId, so calls to the old name stop compiling")
}

/// Classifies a change to an operation member other than operationId, parameters, body and
/// responses.
pub fn operation_member_changed(key: &str) -> Verdict {
    match key {
        "tags" | "deprecated" => additive(format!("`{key}` does not change the method signature")),
        _ => unmodelled(&format!("the operation's `{key}`")),
    }
}

/// Classifies a new parameter. It is breaking whether it is required or optional, because
/// the method takes every parameter as a positional argument. An optional parameter still
/// adds an `Option<T>` argument that existing calls do not pass.
pub fn parameter_added(required: bool) -> Verdict {
    if required {
        breaking("the method gains a required argument, so existing calls stop compiling")
    } else {
        breaking(
            "parameters are positional, so the new Option<T> argument makes existing calls \
             stop compiling",
        )
    }
}

pub fn parameter_removed() -> Verdict {
    breaking("the method loses an argument, so existing calls stop compiling")
}

pub fn parameter_retyped() -> Verdict {
    breaking("the argument's type changes")
}

pub fn parameter_required_changed() -> Verdict {
    breaking(
        "the argument changes between T and Option<T> and moves between the required and optional groups",
    )
}

pub fn parameter_changed() -> Verdict {
    unmodelled("this parameter change (how the value is sent or constrained)")
}

pub fn parameters_reordered() -> Verdict {
    breaking(
        "arguments are positional in document order, so existing calls pass values to the wrong parameters or stop compiling",
    )
}

pub fn request_body_added() -> Verdict {
    breaking("the method gains a body argument, so existing calls stop compiling")
}

pub fn request_body_removed() -> Verdict {
    breaking("the method loses its body argument, so existing calls stop compiling")
}

pub fn request_body_retyped() -> Verdict {
    breaking("the body argument's type changes")
}

pub fn request_body_required_changed() -> Verdict {
    breaking("the body argument changes between T and Option<T>")
}

pub fn request_body_changed() -> Verdict {
    unmodelled("this request body change")
}

/// Classifies a response change. Any change to a success response can change the method's
/// return type. Error responses only add or remove a status that the error value can report,
/// which no caller code names.
pub fn response_changed(status: &str) -> Verdict {
    if crate::openapi::is_success_status(status) {
        breaking("the method's return type comes from its success response")
    } else {
        additive("error responses do not appear in method signatures")
    }
}

pub fn schema_added() -> Verdict {
    additive("a new struct, so existing code still compiles")
}

pub fn schema_removed() -> Verdict {
    breaking("the struct is removed, so code that names it stops compiling")
}

pub fn schema_changed() -> Verdict {
    breaking("the generated type changes shape")
}

/// Classifies a new property. A new property, required or optional, breaks the struct
/// literals of a schema that callers build for a request (directly or nested in another
/// request schema). Callers only read structs that appear in responses, so a new field there
/// is additive.
pub fn property_added(schema: &str, in_request: bool) -> Verdict {
    if in_request {
        breaking(format!(
            "{schema} is part of a request body, so struct literals that build it stop compiling"
        ))
    } else {
        // NOTE: code that builds a response-only struct itself (test doubles, for example)
        // also stops compiling, but the report treats response structs as read-only.
        additive(format!(
            "{schema} appears only in responses, which callers read but never build"
        ))
    }
}

pub fn property_removed() -> Verdict {
    breaking("code that reads or sets the field stops compiling")
}

pub fn property_retyped() -> Verdict {
    breaking("the field's type changes")
}

pub fn property_required_changed() -> Verdict {
    breaking("the field changes between T and Option<T>")
}

/// Classifies a change to a top-level member other than `paths`, `components` and the
/// metadata.
pub fn document_member_changed(key: &str) -> Verdict {
    match key {
        "openapi" => additive("the OpenAPI 3.0 patch version does not change the Rust API"),
        _ => unmodelled(&format!("the top-level `{key}`")),
    }
}

pub fn path_item_changed() -> Verdict {
    unmodelled("this path item change")
}

pub fn component_added() -> Verdict {
    additive("a new component that no existing code uses")
}

pub fn component_changed() -> Verdict {
    unmodelled("this component change")
}

/// Classifies a structural difference that no other rule describes.
pub fn other_difference() -> Verdict {
    unmodelled("this difference (often a changed order inside a list)")
}
