//! Async client for the authentication and user-administration API of SimSage.
//!
//! TODO: guide
#![deny(missing_docs)]

mod client;
mod error;
mod runtime;
pub mod types;

pub use client::{Client, DEFAULT_CONNECT_TIMEOUT, DEFAULT_TIMEOUT};
pub use error::{DecodeError, Error};
pub use secrecy::{ExposeSecret, SecretString};

include!(concat!(env!("OUT_DIR"), "/client.rs"));
