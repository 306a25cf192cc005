//! Declare Azure API Management (with its managed identity, Key Vault access,
//! custom domains, nested deployments and role assignments) in Rust; get checked
//! ARM template JSON at compile time.
//!
//! See [`template!`] for the language.

#![warn(missing_docs)]

mod template;
mod write;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use template::{Output, Parameter, Template, TemplateFile, ValueType};
pub use write::{Written, write_if_changed};

/// Declares an ARM template.
pub use apim_dsl_macros::template;
