//! First stage: reads an OpenAPI document and builds the [`Api`] model.

mod document;
mod extensions;
mod operation;
mod schema;

pub use document::parse_document;

use openapiv3::OpenAPI;

use crate::error::Error;
use crate::model::Api;

/// Builds the model of every operation and component schema in `spec`.
pub fn build_model(spec: &OpenAPI) -> Result<Api, Error> {
    let mut schemas = schema::Schemas::from_components(spec)?;
    let operations = operation::operations(spec, &mut schemas)?;
    Ok(Api {
        operations,
        types: schemas.into_types(),
    })
}
