//! Reading ARM templates written by hand or by other tools: the expression
//! language into the compiler's expression model ([`crate::ir::Expr`]), so that
//! the importer, `check` and the evaluator share one reading of ARM.

pub mod expr;
#[cfg(feature = "import")]
pub mod import;
#[cfg(feature = "import")]
pub mod json_pos;
