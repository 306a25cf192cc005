//! The app's infrastructure, declared once, in a crate of its own: the app
//! depends on it to read the declarations at run time (parameter names, outputs),
//! and the app's `build.rs` depends on it (as a build-dependency) to write every
//! file. A crate, rather than `include!`d source files, so the declarations can
//! span modules, use `crate::` paths and doc comments, and read files, as any
//! Rust code.

pub mod environment;
pub mod gateway;
pub mod identity;

use apim_dsl::{ParameterError, Template, TemplateFile};

/// The templates deployed on their own; their modules' files come with them.
pub const TEMPLATES: [Template; 2] = [environment::APP_ENVIRONMENT, gateway::APP_GATEWAY];

/// Every file to write: each template's ARM JSON and Bicep, its modules' Bicep,
/// and the parameter files.
pub fn files() -> Result<Vec<TemplateFile>, ParameterError> {
    let mut files: Vec<TemplateFile> = TEMPLATES.iter().flat_map(Template::files).collect();
    files.extend(environment::dev_parameters()?);
    Ok(files)
}
