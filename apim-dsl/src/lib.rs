#![doc = include_str!("../README.md")]
#![warn(missing_docs)]
// docs.rs builds with every feature and marks what needs one.
#![cfg_attr(docsrs, feature(doc_cfg))]

// The macro's expansion names `::apim_dsl`; this lets the unit tests use it.
#[cfg(test)]
extern crate self as apim_dsl;

mod bicep_value;
pub mod errors;
mod json;
pub mod language;
mod parameters;
mod secret;
#[cfg(feature = "snapshot")]
#[cfg_attr(docsrs, doc(cfg(feature = "snapshot")))]
pub mod snapshot;
mod template;
mod typed;
mod write;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use parameters::{PARAMETERS_SCHEMA, ParameterError, ParameterFile};
pub use secret::{KeyVaultError, KeyVaultSecret, Secret};
pub use template::{Constraints, Output, Parameter, Template, TemplateFile, ValueType};
pub use typed::{AllowedLiteral, AllowedValue};
pub use write::{INFRA_DIR_VAR, Written, write_build_files, write_files, write_if_changed};

/// Declares an ARM template (and its Bicep) as a constant [`Template`], in the
/// language described in [`language`].
///
/// ```
/// apim_dsl::template! {
///     /// Where things go.
///     pub const LOCATION;
///     param location: string = resourceGroup().location;
///     output region: string = location;
/// }
///
/// # fn main() {
/// assert_eq!(LOCATION.file_stem(), "location");
/// assert!(LOCATION.bicep().contains("param location string = resourceGroup().location"));
/// # }
/// ```
///
/// Everything is checked at compile time, and every mistake is a compile error
/// at its token; the constant is still defined (empty) next to the errors, so
/// that the code using it compiles on and shows no follow-on errors.
pub use apim_dsl_macros::template;

/// The `serde_json` whose [`Value`](serde_json::Value)s parameter files and
/// typed parameters hold, re-exported so that code using them (`apim-dsl
/// import` writes `apim_dsl::serde_json::json!(...)` for object and array
/// values) needs no dependency of its own.
pub use serde_json;
