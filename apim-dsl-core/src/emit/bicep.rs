//! [`crate::ir::Template`] to Bicep source.

use crate::ir::Template;

/// Stands for a module's Bicep file stem in the emitted text, followed by the
/// module's index; `expand` splices in the inner template's real file stem.
pub const MODULE_STEM_PLACEHOLDER: &str = "__apim_dsl_module_stem__";

/// The template as Bicep source.
pub fn bicep(template: &Template) -> String {
    let _ = template;
    String::new()
}
