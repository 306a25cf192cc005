#![doc = include_str!("../../README.md")]
#![warn(missing_docs)]

pub mod language;
mod template;
mod write;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;

pub use template::{Output, Parameter, Template, TemplateFile, ValueType};
pub use write::{Written, write_if_changed};

/// Declares an ARM template (and its Bicep) as a constant of type [`Template`],
/// checked at compile time. The language is described in [`language`].
pub use apim_dsl_macros::template;
