//! Models of the requests and responses, generated from `openapi.yaml`.
//!
//! TODO: policy

include!(concat!(env!("OUT_DIR"), "/types.rs"));
