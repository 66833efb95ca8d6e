//! Models of SimSage's requests and responses, generated from the crate's OpenAPI description.
//!
//! Each schema of the description is a struct with public fields, named in UpperCamelCase
//! with acronyms as words (`CMOrganisation` is [`CmOrganisation`]; the schema name is a
//! search alias). Fields are snake_case and keep their JSON names through serde.
//!
//! - A property the description lists as required is a plain field. A missing or `null`
//!   value decodes as the type's empty value (`""`, `0`, `false`, an empty list, or a
//!   struct of empty values), because the server leaves such fields out; organisation
//!   lists, for one, carry only `id`, `name` and `enabled`. Requests always send it.
//! - Any other property is an `Option` field, left out of requests when `None`.
//! - Unknown fields in responses are ignored.
//!
//! All structs implement `Default`, so a request can name only the fields it sets:
//!
//! ```
//! use simsage_auth::types::CmGroup;
//!
//! let group = CmGroup {
//!     organisation_id: "00000000-0000-0000-0000-000000000001".into(),
//!     name: "Editors".into(),
//!     ..CmGroup::default()
//! };
//! assert!(group.user_id_list.is_empty());
//! ```

include!(concat!(env!("OUT_DIR"), "/types.rs"));
