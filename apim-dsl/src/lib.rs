#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

// The macro's expansion names `::apim_dsl`; this lets the unit tests use it.
#[cfg(test)]
extern crate self as apim_dsl;

mod json;
pub mod language;
mod parameters;
mod template;
mod write;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use parameters::{PARAMETERS_SCHEMA, ParameterError, ParameterFile};
pub use template::{Output, Parameter, Template, TemplateFile, ValueType};
pub use write::{INFRA_DIR_VAR, Written, write_build_files, write_files, write_if_changed};

/// Declares an ARM template (and its Bicep) as a constant of type [`Template`],
/// checked at compile time. The language is described in [`language`].
pub use apim_dsl_macros::template;
