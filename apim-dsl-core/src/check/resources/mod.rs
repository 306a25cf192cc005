//! The resource types this project knows (one table entry per type), and the
//! checks of resource declarations against them.

use crate::diag::Diagnostics;
use crate::ir::Template;

/// Checks every resource of `template` against the resource type table.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    let _ = (template, diags);
}
