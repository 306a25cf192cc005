//! Reading ARM templates written by hand or by other tools: the expression
//! language into the compiler's expression model ([`crate::ir::Expr`]), so that
//! the importer, `check` and the evaluator share one reading of ARM.

pub mod expr;
#[cfg(feature = "import")]
pub mod import;
pub mod json_pos;

/// The types a user-defined function's parameter may have: `parameterTypes`
/// of the deployment template schema (2019-04-01/deploymentTemplate.json),
/// compared ignoring case as ARM compares type names. `check` and the
/// evaluator read functions by it.
pub const FUNCTION_PARAMETER_TYPES: [&str; 7] = [
    "string",
    "securestring",
    "int",
    "bool",
    "object",
    "secureObject",
    "array",
];
