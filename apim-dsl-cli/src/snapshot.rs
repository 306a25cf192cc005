//! `apim-dsl snapshot TEMPLATE.json [--parameters P.json] [...]`: the resources an
//! ARM template would deploy, evaluated without Azure, as `bicep snapshot`'s
//! JSON (`predictedResources`, `diagnostics`, `outputs`).

use apim_dsl_core::arm::json_pos::PositionIndex;
use apim_dsl_core::eval::{Context, snapshot};
use clap::Args;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The arguments of `apim-dsl snapshot`.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// The ARM template (JSON).
    pub template: PathBuf,
    /// A parameters file (`{"parameters": {"name": {"value": ...}}}`) or a
    /// JSON object of values by name.
    #[arg(short, long)]
    pub parameters: Option<PathBuf>,
    /// The subscription deployed to.
    #[arg(long, default_value = "00000000-0000-0000-0000-000000000000")]
    pub subscription_id: String,
    /// The resource group deployed to.
    #[arg(long, default_value = "myRg")]
    pub resource_group: String,
    /// The resource group's location (without it, `resourceGroup().location`
    /// stays a placeholder).
    #[arg(long)]
    pub location: Option<String>,
    /// The tenant (without it, `tenant().tenantId` stays a placeholder).
    #[arg(long)]
    pub tenant_id: Option<String>,
    /// The deployment's name (`deployment().name`).
    #[arg(long, default_value = "deployment")]
    pub deployment_name: String,
    /// The management group, for templates deployed to one.
    #[arg(long)]
    pub management_group: Option<String>,
    /// The time `utcNow()` returns (ISO 8601, e.g. 2024-01-31T12:00:00Z);
    /// without it, `utcNow()` stays a placeholder.
    #[arg(long)]
    pub now: Option<String>,
    /// Write the snapshot to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Reads and parses a JSON file (standard input for `-`; a byte order mark
/// and comments allowed).
fn read_json(path: &Path, what: &str) -> Result<(String, serde_json::Value), String> {
    let shown = crate::io::display(path);
    let text =
        crate::io::read_source(path).map_err(|e| format!("cannot read the {what} {shown}: {e}"))?;
    let value =
        serde_json::from_str(&text).map_err(|e| format!("the {what} {shown} is not JSON: {e}"))?;
    Ok((text, value))
}

/// Runs the command: 0 with the snapshot printed, 1 with the errors on stderr
/// (`file:line:column: error: message (at $.path)`, as `apim-dsl check`).
pub fn run(args: SnapshotArgs) -> ExitCode {
    match snapshot_text(&args) {
        Ok(text) => {
            if let Some(path) = &args.output {
                if let Err(e) = std::fs::write(path, text) {
                    crate::io::eprint_line(&format!("error: cannot write {}: {e}", path.display()));
                    return ExitCode::FAILURE;
                }
            } else {
                let text = format!("{}\n", text.trim_end());
                if crate::io::write_stdout(text.as_bytes()).is_err() {
                    return ExitCode::FAILURE;
                }
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in errors {
                crate::io::eprint_line(&e);
            }
            ExitCode::FAILURE
        }
    }
}

fn snapshot_text(args: &SnapshotArgs) -> Result<String, Vec<String>> {
    let (text, template) =
        read_json(&args.template, "template").map_err(|e| vec![format!("error: {e}")])?;
    let parameters = match &args.parameters {
        Some(p) => {
            read_json(p, "parameters file")
                .map_err(|e| vec![format!("error: {e}")])?
                .1
        }
        None => serde_json::Value::Null,
    };
    let ctx = Context {
        subscription_id: args.subscription_id.clone(),
        resource_group: args.resource_group.clone(),
        location: args.location.clone(),
        tenant_id: args.tenant_id.clone(),
        deployment_name: args.deployment_name.clone(),
        management_group: args.management_group.clone(),
        now: args.now.clone(),
    };
    let file = crate::io::display(&args.template);
    let snap = snapshot(&template, &parameters, &ctx).map_err(|e| {
        // `file:line:column: message (at $.path)`, as `apim-dsl check` reports.
        let index = PositionIndex::new(&text);
        e.errors
            .iter()
            .map(|e| {
                let path = if e.path.is_empty() {
                    "$".to_string()
                } else {
                    format!("$.{}", e.path)
                };
                match index.position(&path) {
                    Some(p) => format!(
                        "{file}:{}:{}: error: {} (at {path})",
                        p.line, p.column, e.message
                    ),
                    None => format!("{file}: error: {} (at {path})", e.message),
                }
            })
            .collect::<Vec<_>>()
    })?;
    let mut text =
        serde_json::to_string_pretty(&snap.to_json()).map_err(|e| vec![format!("error: {e}")])?;
    text.push('\n');
    Ok(text)
}
