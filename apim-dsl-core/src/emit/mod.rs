//! Emitters: pure functions from a checked [`crate::ir::Template`] to text.

pub mod arm;
pub mod arm_expr;
pub mod bicep;
