//! What a template would deploy, evaluated without Azure (cargo feature
//! `snapshot`): [`Template::snapshot`] and [`Template::snapshot_json`] return
//! the predicted resources in the JSON shape of `bicep snapshot`
//! (<https://github.com/Azure/bicep/blob/main/docs/experimental/snapshot-command.md>).
//!
//! Enable it for tests only:
//!
//! ```toml
//! [dev-dependencies]
//! apim-dsl = { version = "0.1", features = ["snapshot"] }
//! insta = { version = "1", features = ["json"] }
//! ```
//!
//! A snapshot test then pins what a template deploys; a change in a name, a
//! property or a resource count shows up as a reviewed diff (`cargo insta
//! review`):
//!
//! ```ignore
//! use apim_dsl::snapshot::Context;
//!
//! #[test]
//! fn estate_deploys_what_we_reviewed() {
//!     let params = APIM_ESTATE.parameter_file()
//!         .value("serviceName", "apim-contoso").unwrap();
//!     let snap = APIM_ESTATE.snapshot(&params, &Context::default()).unwrap();
//!     insta::assert_json_snapshot!(snap.to_json());
//! }
//! ```
//!
//! The feature pulls in the compiler (`apim-dsl-core`), which turns on
//! serde_json's `preserve_order` for the whole build it is part of: one more
//! reason to keep it in `[dev-dependencies]`.
//!
//! The evaluator is `apim_dsl_core::eval`: every ARM function whose value is
//! known before deployment is computed (`uniqueString` and `guid` as Azure
//! computes them); what reads deployed state (`reference`, `list*`) stays a
//! `"[...]"` placeholder.

use crate::{ParameterError, ParameterFile, Template};

pub use apim_dsl_core::eval::{Context, EvalError, Snapshot, SnapshotError};

#[cfg_attr(docsrs, doc(cfg(feature = "snapshot")))]
impl Template {
    /// The resources this template would deploy with the values of
    /// `parameters` (from [`Template::parameter_file`]), deployed in `context`.
    ///
    /// # Errors
    /// A [`SnapshotError`]: a required parameter without a value, a value the
    /// template refuses (`allowedValues`, bounds), an expression that would fail
    /// the deployment; each with its JSON path in the template
    /// (`parameters.sku`, `resources[2].properties.x`).
    pub fn snapshot(
        &self,
        parameters: &ParameterFile,
        context: &Context,
    ) -> Result<Snapshot, SnapshotError> {
        let values = match parameters.to_json() {
            Ok(text) => serde_json::from_str(&text).map_err(|e| {
                SnapshotError::from(EvalError::located(
                    format!("the parameter file is not JSON: {e}"),
                    "parameters",
                ))
            })?,
            Err(ParameterError::Missing { names, .. }) => {
                return Err(SnapshotError {
                    errors: names
                        .into_iter()
                        .map(|name| {
                            EvalError::located(
                                format!("the parameter '{name}' has no value and no default value"),
                                &format!("parameters.{name}"),
                            )
                        })
                        .collect(),
                });
            }
            Err(other) => {
                return Err(SnapshotError::from(EvalError::located(
                    other.to_string(),
                    "parameters",
                )));
            }
        };
        self.snapshot_json(&values, context)
    }

    /// As [`snapshot`](Self::snapshot), with the parameters as JSON: a parameters
    /// file (`{"parameters": {"name": {"value": ...}}}`) or an object of values
    /// by name.
    ///
    /// # Errors
    /// As [`snapshot`](Self::snapshot).
    pub fn snapshot_json(
        &self,
        parameters: &serde_json::Value,
        context: &Context,
    ) -> Result<Snapshot, SnapshotError> {
        let template: serde_json::Value = serde_json::from_str(self.arm_json()).map_err(|e| {
            SnapshotError::from(EvalError::located(
                format!("the template {} is not JSON: {e}", self.name()),
                "",
            ))
        })?;
        apim_dsl_core::eval::snapshot(&template, parameters, context)
    }
}
