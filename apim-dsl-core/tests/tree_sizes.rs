//! The trees' bytes per resource bound `expand` on large templates (issue 14;
//! BENCHMARKS.md, "Eighth session": boxing their rare and large parts took the
//! resolved tree from 2.4 to 1.5 KiB per resource). These bounds make growing
//! an expression, a property, a resource or a declaration a decision, not an
//! accident: raise a bound on purpose, with the benchmark's figures. A test,
//! not a compile-time assertion, so that a dependency's new layout (spans,
//! identifiers) can never break a user's build.

use apim_dsl_core::{ast, ir};
use std::mem::size_of;

/// (type, bytes without `span-locations`, bytes with it: larger spans).
fn bounds() -> Vec<(&'static str, usize, usize, usize)> {
    vec![
        ("ir::Expr", size_of::<ir::Expr>(), 48, 56),
        ("ir::Prop", size_of::<ir::Prop>(), 80, 96),
        ("ir::Resource", size_of::<ir::Resource>(), 416, 464),
        ("ast::Expr", size_of::<ast::Expr>(), 48, 56),
        ("ast::Item", size_of::<ast::Item>(), 184, 216),
    ]
}

#[test]
#[cfg(target_pointer_width = "64")]
fn the_trees_main_types_stay_small() {
    let spans = cfg!(feature = "span-locations");
    let grown: Vec<String> = bounds()
        .into_iter()
        .filter_map(|(name, size, plain, located)| {
            let bound = if spans { located } else { plain };
            (size > bound).then(|| format!("{name}: {size} bytes, bound {bound}"))
        })
        .collect();
    assert!(grown.is_empty(), "grown past their bounds: {grown:?}");
}
