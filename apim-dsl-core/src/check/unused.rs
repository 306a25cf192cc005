//! `existing` resources that nothing reads (Bicep's
//! `no-unused-existing-resources`): a warning, `#[allow(unused)]` silences it.
//! Unused parameters and variables are reported while resolving names.

use crate::diag::Diagnostics;
use crate::graph::{NodeKind, Nodes};
use crate::ir::{Dependency, ExprKind, Scope, Template};

/// Warns about `existing` resources no expression, parent, scope or
/// `dependsOn` refers to.
pub fn check(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    let mut used = vec![false; template.resources.len()];
    for e in nodes.of(NodeKind::Resource) {
        if let ExprKind::Resource(i) = e.kind
            && let Some(u) = used.get_mut(i)
        {
            *u = true;
        }
    }
    let mut mark = |i: usize| {
        if let Some(u) = used.get_mut(i) {
            *u = true;
        }
    };
    for resource in &template.resources {
        if let Some((parent, _)) = resource.parent {
            mark(parent);
        }
        if let Some(Scope::Resource(target, _)) = resource.scope {
            mark(target);
        }
        for dependency in &resource.depends_on {
            if let Dependency::Resource(i, _) | Dependency::Copy { resource: i, .. } = dependency {
                mark(*i);
            }
        }
    }
    for module in &template.modules {
        for dependency in &module.depends_on {
            if let Dependency::Resource(i, _) | Dependency::Copy { resource: i, .. } = dependency {
                mark(*i);
            }
        }
    }
    for (resource, used) in template.resources.iter().zip(used) {
        if resource.existing && !used && !resource.allow.contains(&"unused") {
            diags.lint(
                resource.span,
                crate::diag::Lint::Unused,
                format!(
                    "`existing` resource `{}` is never used (Bicep's no-unused-existing-resources): use it, remove it, or mark it `#[allow(unused)]`",
                    resource.symbol
                ),
            );
        }
    }
}
