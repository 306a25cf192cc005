//! Whether the Bicep and the ARM JSON of a template declare the same
//! deployment: the same parameters and outputs (names and types, `@secure()`
//! read as `secureString`/`secureObject`), the same variables, and the same
//! resources in the same order (type and API version, loop, condition, and the
//! name where both sides spell it from literals, parameters and variables).
//! Modules match ARM's inline nested deployments. The Bicep is read with the
//! independent reader in [`crate::bicep`], the JSON with serde_json.

use crate::bicep::{self, StrPart};
use crate::{ArmExpr, parse_expression};
use serde_json::Value;

/// What the comparison found.
#[derive(Debug, Default)]
pub struct Report {
    /// Every disagreement, as a sentence.
    pub problems: Vec<String>,
    /// How many resource names were compared (the rest are spelled with other
    /// functions and only counted).
    pub names_compared: usize,
}

/// A name as literal text and references to parameters and variables, or `None`
/// when it uses anything else.
type Parts = Option<Vec<StrPart>>;

/// Joins adjacent text pieces and drops empty ones, so that `'a' + 'b'` and
/// `'ab'` compare equal.
fn normalized(parts: Vec<StrPart>) -> Vec<StrPart> {
    let mut out: Vec<StrPart> = Vec::new();
    for part in parts {
        match (out.last_mut(), part) {
            (_, StrPart::Text(t)) if t.is_empty() => {}
            (Some(StrPart::Text(text)), StrPart::Text(more)) => text.push_str(&more),
            (_, part) => out.push(part),
        }
    }
    out
}

fn arm_parts(expr: &ArmExpr) -> Parts {
    match expr {
        ArmExpr::Str(text) => Some(vec![StrPart::Text(text.clone())]),
        ArmExpr::Call(name, args) => match (name.as_str(), args.as_slice()) {
            ("parameters" | "variables", [ArmExpr::Str(symbol)]) => {
                Some(vec![StrPart::Hole(symbol.clone())])
            }
            ("concat", _) => {
                let mut parts = Vec::new();
                for arg in args {
                    parts.extend(arm_parts(arg)?);
                }
                Some(parts)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The parts of an ARM `name` value.
fn arm_name(value: &Value) -> Parts {
    let text = value.as_str()?;
    let parts = if let Some(literal) = text.strip_prefix("[[") {
        vec![StrPart::Text(format!("[{literal}"))]
    } else if text.starts_with('[') && text.ends_with(']') {
        arm_parts(&parse_expression(&text[1..text.len() - 1]).ok()?)?
    } else {
        vec![StrPart::Text(text.to_string())]
    };
    Some(normalized(parts))
}

/// The parts of a Bicep `name:` value whose holes are plain symbols.
fn bicep_name(source: &str) -> Parts {
    let parts = bicep::string_parts(source)?;
    let plain = |hole: &str| hole.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    parts
        .iter()
        .all(|p| matches!(p, StrPart::Text(_)) || matches!(p, StrPart::Hole(h) if plain(h)))
        .then(|| normalized(parts))
}

/// `(name, type)` of each entry of an ARM `parameters` or `outputs` object.
fn typed_entries(arm: &Value, key: &str) -> Vec<(String, String)> {
    arm[key]
        .as_object()
        .map(|entries| {
            entries
                .iter()
                .map(|(name, v)| (name.clone(), v["type"].as_str().unwrap_or("?").to_string()))
                .collect()
        })
        .unwrap_or_default()
}

fn same_typed(
    report: &mut Report,
    what: &str,
    arm: &[(String, String)],
    bicep: &[(String, String)],
) {
    let lower = |list: &[(String, String)]| -> Vec<(String, String)> {
        list.iter()
            .map(|(n, t)| (n.clone(), t.to_ascii_lowercase()))
            .collect()
    };
    if lower(arm) != lower(bicep) {
        report
            .problems
            .push(format!("{what}: ARM has {arm:?}, Bicep has {bicep:?}"));
    }
}

/// Compares the ARM JSON and the Bicep of one template.
pub fn compare(arm_json: &str, bicep_text: &str) -> Report {
    let mut report = Report::default();
    let arm: Value = match serde_json::from_str(arm_json) {
        Ok(value) => value,
        Err(e) => {
            report
                .problems
                .push(format!("ARM JSON does not parse: {e}"));
            return report;
        }
    };
    let file = match bicep::read(bicep_text) {
        Ok(file) => file,
        Err(e) => {
            report.problems.push(format!("Bicep does not read: {e}"));
            return report;
        }
    };

    let params: Vec<(String, String)> = file
        .params
        .iter()
        .map(|p| (p.name.clone(), p.ty.clone()))
        .collect();
    same_typed(
        &mut report,
        "parameters",
        &typed_entries(&arm, "parameters"),
        &params,
    );
    let outputs: Vec<(String, String)> = file
        .outputs
        .iter()
        .map(|o| (o.name.clone(), o.ty.clone()))
        .collect();
    same_typed(
        &mut report,
        "outputs",
        &typed_entries(&arm, "outputs"),
        &outputs,
    );

    // User-defined functions: name, parameter types and result type.
    let mut arm_functions: Vec<(String, Vec<String>, String)> = Vec::new();
    for namespace in arm["functions"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
    {
        for (name, member) in namespace["members"].as_object().into_iter().flatten() {
            let params = member["parameters"]
                .as_array()
                .map(Vec::as_slice)
                .unwrap_or_default()
                .iter()
                .map(|p| p["type"].as_str().unwrap_or("?").to_string())
                .collect();
            let output = member["output"]["type"].as_str().unwrap_or("?").to_string();
            arm_functions.push((name.clone(), params, output));
        }
    }
    let mut bicep_functions: Vec<(String, Vec<String>, String)> = file
        .functions
        .iter()
        .map(|f| (f.name.clone(), f.params.clone(), f.output.clone()))
        .collect();
    arm_functions.sort();
    bicep_functions.sort();
    if arm_functions != bicep_functions {
        report.problems.push(format!(
            "functions: ARM has {arm_functions:?}, Bicep has {bicep_functions:?}"
        ));
    }

    let mut arm_vars: Vec<String> = Vec::new();
    if let Some(vars) = arm["variables"].as_object() {
        for (name, value) in vars {
            if name == "copy" {
                let loops = value.as_array().map(Vec::as_slice).unwrap_or_default();
                arm_vars.extend(
                    loops
                        .iter()
                        .filter_map(|c| c["name"].as_str().map(String::from)),
                );
            } else {
                arm_vars.push(name.clone());
            }
        }
    }
    let mut bicep_vars = file.vars.clone();
    arm_vars.sort();
    bicep_vars.sort();
    if arm_vars != bicep_vars {
        report.problems.push(format!(
            "variables: ARM has {arm_vars:?}, Bicep has {bicep_vars:?}"
        ));
    }

    let resources = arm["resources"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let deployed: Vec<&bicep::Deployable> =
        file.deployables.iter().filter(|d| !d.existing).collect();
    if resources.len() != deployed.len() {
        report.problems.push(format!(
            "ARM deploys {} resources, Bicep {} resources and modules",
            resources.len(),
            deployed.len()
        ));
    }
    for (i, (resource, decl)) in resources.iter().zip(&deployed).enumerate() {
        let ty = resource["type"].as_str().unwrap_or("?");
        let inline = ty.eq_ignore_ascii_case("Microsoft.Resources/deployments")
            && !resource["properties"]["template"].is_null();
        let target = format!("{ty}@{}", resource["apiVersion"].as_str().unwrap_or("?"));
        let symbol = &decl.symbol;
        match (inline, decl.module) {
            (true, false) => report.problems.push(format!(
                "resource {i}: ARM has a module, Bicep resource `{symbol}`"
            )),
            (false, true) => report.problems.push(format!(
                "resource {i}: ARM has {target}, Bicep module `{symbol}`"
            )),
            (false, false) if !target.eq_ignore_ascii_case(&decl.target) => {
                report.problems.push(format!(
                    "resource {i}: ARM has {target}, Bicep `{symbol}` has {}",
                    decl.target
                ))
            }
            _ => {}
        }
        if resource.get("copy").is_some() != decl.looped {
            report.problems.push(format!(
                "resource {i} (`{symbol}`): only one side has a loop"
            ));
        }
        if resource.get("condition").is_some() != decl.conditional {
            report.problems.push(format!(
                "resource {i} (`{symbol}`): only one side has a condition"
            ));
        }
        if decl.parent.is_some() {
            continue; // ARM spells the full name, Bicep the last segment
        }
        let names = (
            arm_name(&resource["name"]),
            decl.name.as_deref().and_then(bicep_name),
        );
        if let (Some(a), Some(b)) = names {
            report.names_compared += 1;
            if a != b {
                report.problems.push(format!(
                    "resource {i} (`{symbol}`): ARM name {a:?}, Bicep name {b:?}"
                ));
            }
        }
    }
    report
}
