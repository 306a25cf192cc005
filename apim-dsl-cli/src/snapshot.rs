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
    /// The ARM template (JSON; `-` for standard input).
    pub template: PathBuf,
    /// A parameters file (`{"parameters": {"name": {"value": ...}}}`) or a
    /// JSON object of values by name (`-` for standard input).
    #[arg(short, long)]
    pub parameters: Option<PathBuf>,
    /// The subscription deployed to (a GUID).
    #[arg(long, default_value = "00000000-0000-0000-0000-000000000000", value_parser = guid)]
    pub subscription_id: String,
    /// The resource group deployed to.
    #[arg(long, default_value = "myRg")]
    pub resource_group: String,
    /// The resource group's location (without it, `resourceGroup().location`
    /// stays a placeholder).
    #[arg(long)]
    pub location: Option<String>,
    /// The tenant, a GUID (without it, `tenant().tenantId` stays a
    /// placeholder).
    #[arg(long, value_parser = guid)]
    pub tenant_id: Option<String>,
    /// The deployment's name (`deployment().name`).
    #[arg(long, default_value = "deployment")]
    pub deployment_name: String,
    /// The management group, for templates deployed to one.
    #[arg(long)]
    pub management_group: Option<String>,
    /// The time `utcNow()` returns: an ISO 8601 date and time
    /// (`2024-01-31T12:00:00Z`; the time is required, seconds and fraction
    /// optional, UTC without `Z` or an offset like `+01:00`); without it,
    /// `utcNow()` stays a placeholder.
    #[arg(long, value_parser = date_time, value_name = "YYYY-MM-DDTHH:MM:SSZ")]
    pub now: Option<String>,
    /// Write the snapshot to this file instead of standard output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// A GUID (`11111111-1111-1111-1111-111111111111`), for clap.
fn guid(text: &str) -> Result<String, String> {
    let groups: Vec<&str> = text.split('-').collect();
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()));
    if ok {
        Ok(text.to_string())
    } else {
        Err("not a GUID (like 11111111-1111-1111-1111-111111111111)".to_string())
    }
}

/// An ISO 8601 date and time with its time part
/// (`YYYY-MM-DDTHH:MM[:SS[.fraction]]`, then `Z`, `±HH:MM` or nothing for
/// UTC), for clap.
fn date_time(text: &str) -> Result<String, String> {
    let bad = || {
        format!(
            "not an ISO 8601 date and time with its time part (like 2024-01-31T12:00:00Z): {text:?}"
        )
    };
    let digits = |s: &str, n: usize| -> Option<u32> {
        (s.len() == n && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (date, rest) = text.split_once(['T', 't']).ok_or_else(bad)?;
    let mut parts = date.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let (y, m, d) = (
        digits(y, 4).ok_or_else(bad)?,
        digits(m, 2).ok_or_else(bad)?,
        digits(d, 2).ok_or_else(bad)?,
    );
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(bad()),
    };
    if d == 0 || d > days {
        return Err(bad());
    }
    let (clock, zone) = match rest.find(['Z', 'z', '+', '-']) {
        Some(at) => rest.split_at(at),
        None => (rest, ""),
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (clock, None),
    };
    let fields: Vec<&str> = hms.split(':').collect();
    let (h, mi, sec) = match fields.as_slice() {
        [h, mi] => (digits(h, 2), digits(mi, 2), Some(0)),
        [h, mi, sec] => (digits(h, 2), digits(mi, 2), digits(sec, 2)),
        _ => return Err(bad()),
    };
    let (Some(h), Some(mi), Some(sec)) = (h, mi, sec) else {
        return Err(bad());
    };
    if h > 23 || mi > 59 || sec > 59 {
        return Err(bad());
    }
    if let Some(f) = fraction
        && (f.is_empty() || f.len() > 9 || !f.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    match zone {
        "" | "Z" | "z" => {}
        z => {
            let (zh, zm) = z[1..].split_once(':').ok_or_else(bad)?;
            match (digits(zh, 2), digits(zm, 2)) {
                (Some(zh), Some(zm)) if zh <= 23 && zm <= 59 => {}
                _ => return Err(bad()),
            }
        }
    }
    Ok(text.to_string())
}

/// `$` and a path of the snapshot's errors (`parameters.sku`,
/// `['my-key'].x`, empty for the root): the JSON path the position index reads.
fn json_path(path: &str) -> String {
    if path.is_empty() || path.starts_with('[') {
        format!("${path}")
    } else {
        format!("$.{path}")
    }
}

/// Reads and parses a JSON file (standard input for `-`; a byte order mark,
/// comments, trailing commas and control characters written raw in strings
/// allowed, a warning on standard error at each trailing comma and each raw
/// control character other than a line break or a tab).
fn read_json(path: &Path, what: &str) -> Result<(String, serde_json::Value), String> {
    let shown = crate::io::display(path);
    let (text, commas) =
        crate::io::read_source(path).map_err(|e| format!("cannot read the {what} {shown}: {e}"))?;
    let (value, controls) = crate::io::parse_json(&text).map_err(|e| {
        format!(
            "the {what} {shown} is not JSON: {} at line {} column {}",
            e.message, e.line, e.column
        )
    })?;
    let mut warnings = crate::import::trailing_commas(path, &text, &value, &commas);
    warnings.extend(crate::import::raw_controls(path, &text, &controls));
    warnings.sort_by_key(|w| (w.line, w.column));
    crate::report::print_text(&warnings);
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
    if crate::import::is_parameters_file(&template) {
        return Err(vec![format!(
            "{}: error: this is a deployment parameters file (its `$schema` is deploymentParameters.json), not a template: give the template, and this file with `--parameters`",
            crate::io::display(&args.template)
        )]);
    }
    let (parameters_text, parameters) = match &args.parameters {
        Some(p) => read_json(p, "parameters file").map_err(|e| vec![format!("error: {e}")])?,
        None => (String::new(), serde_json::Value::Null),
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
        // `file:line:column: message (at $.path)`, as `apim-dsl check` reports:
        // in the parameters file for a value it gives, else in the template.
        let index = PositionIndex::new(&text);
        let parameters_index = PositionIndex::new(&parameters_text);
        let parameters_file = args
            .parameters
            .as_deref()
            .map(crate::io::display)
            .unwrap_or_default();
        e.errors
            .iter()
            .map(|e| {
                let path = json_path(&e.path);
                let (file, index) = if e.in_parameters_file {
                    (&parameters_file, &parameters_index)
                } else {
                    (&file, &index)
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
