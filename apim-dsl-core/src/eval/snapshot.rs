//! The resources an ARM template would deploy for given parameters, without
//! Azure: the counterpart of `bicep snapshot`
//! (<https://github.com/Azure/bicep/blob/main/docs/experimental/snapshot-command.md>).
//!
//! The output has `bicep snapshot`'s JSON shape:
//!
//! ```json
//! {
//!   "predictedResources": [
//!     { "id": "/subscriptions/.../storejs26ofeqkqeve", "type": "...", "name": "...",
//!       "apiVersion": "...", "location": "eastus", ... }
//!   ],
//!   "diagnostics": [],
//!   "outputs": { "name": "value" }
//! }
//! ```
//!
//! Like Bicep's: resources whose `condition` is false are left out, copy loops
//! are expanded, nested deployments with an inline template are replaced by the
//! resources they deploy, values only known at deployment are shown as their
//! expression (`"[reference(...).x]"`). Beyond Bicep's: each resource's
//! `dependsOn` lists the ids it waits for.

use super::{
    Context, Env, EvalError, Evaluator, Source, TargetScope, Value, child, eq_ignore_case,
    fold_case, spelled, template_key as key, template_key_checked as checked_key, type_name,
};
use crate::ir::Expr;
use proc_macro2::Span;
use serde_json::{Map, Value as Json};
use std::collections::HashMap;
use std::fmt;

/// The predicted deployment.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Snapshot {
    /// The resources, in template order (copies in index order, nested
    /// deployments' resources in place of the deployment): each an object
    /// `{id, type, name, apiVersion, ...body}`.
    pub predicted_resources: Vec<Json>,
    /// Notes on what could not be predicted (`"<target> Warning <code>: <message>"`).
    pub diagnostics: Vec<String>,
    /// The outputs, in declaration order.
    pub outputs: Map<String, Json>,
}

impl Snapshot {
    /// The snapshot as JSON: `{predictedResources, diagnostics, outputs}`.
    pub fn to_json(&self) -> Json {
        let mut map = Map::new();
        map.insert(
            "predictedResources".to_string(),
            Json::Array(self.predicted_resources.clone()),
        );
        map.insert(
            "diagnostics".to_string(),
            Json::Array(self.diagnostics.iter().cloned().map(Json::String).collect()),
        );
        map.insert("outputs".to_string(), Json::Object(self.outputs.clone()));
        Json::Object(map)
    }

    /// The names of the predicted resources, in order.
    pub fn resource_names(&self) -> Vec<&str> {
        self.predicted_resources
            .iter()
            .filter_map(|r| r.get("name").and_then(Json::as_str))
            .collect()
    }
}

/// Why a template cannot be snapshot: what would fail the deployment.
#[derive(Debug, Clone)]
pub struct SnapshotError {
    /// Every error found (all parameter errors; the first failing expression),
    /// each with its JSON path (`parameters.sku`, `resources[2].name`).
    pub errors: Vec<EvalError>,
}

impl fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SnapshotError {}

impl From<EvalError> for SnapshotError {
    fn from(e: EvalError) -> Self {
        SnapshotError { errors: vec![e] }
    }
}

fn error(message: impl Into<String>, path: &str) -> EvalError {
    EvalError::new(message, Span::call_site()).at(path)
}

/// The path of a template object from the prefix of its members' paths
/// (`resources[0].properties.template.`; the top level's is empty).
fn object_path(prefix: &str) -> &str {
    prefix.strip_suffix('.').unwrap_or(prefix)
}

/// How many nested deployments deep the snapshot follows inline templates.
pub const MAX_NESTING: usize = 10;
/// The most resources (copies and nested deployments' resources included) one
/// snapshot predicts: a guard against templates that multiply copies through
/// nested deployments (ARM itself allows 800 per template).
pub const MAX_RESOURCES: usize = 20_000;

/// Snapshots `template` (ARM template JSON) with `parameters` (a parameters
/// file, `{"parameters": {"name": {"value": ...}}}`, or a plain object
/// `{"name": value}`) deployed in `ctx`.
///
/// # Errors
/// A [`SnapshotError`]: a parameter missing, undeclared, given twice (in names
/// that differ only in case), of the wrong type, not in `allowedValues` or
/// outside its bounds; an expression that fails (`int('x')`, an index out of
/// range); a malformed template. An error about the parameters file has
/// [`EvalError::in_parameters_file`] set and its path in that file.
pub fn snapshot(
    template: &Json,
    parameters: &Json,
    ctx: &Context,
) -> Result<Snapshot, SnapshotError> {
    let supplied = supplied_parameters(parameters)?;
    let mut out = Snapshot::default();
    let mut steps = 0;
    run(template, supplied, ctx, "", &mut out, 0, &mut steps)?;
    Ok(out)
}

/// `parent.<value's spelling of name>`: the path of a structural member.
fn member_path(parent: &str, value: &Json, name: &str) -> String {
    child(parent, spelled(value, name))
}

/// Where a value is given for a parameter: in the parameters file, or in a
/// nested deployment's `properties.parameters`.
#[derive(Debug, Clone)]
struct Place {
    /// The path of the parameter's entry (`parameters.sku`).
    entry: String,
    /// The path of its value (`parameters.sku.value`).
    value: String,
    /// The paths are in the parameters file.
    file: bool,
}

impl Place {
    /// `e` located at `path` of this place's file.
    fn locate(&self, e: EvalError, path: &str) -> EvalError {
        let e = e.at(path);
        if self.file {
            e.into_parameters_file()
        } else {
            e
        }
    }
}

/// A value given for a parameter: its name as given, the value, and where.
type Given = (String, Value, Place);

/// The given parameter values, by name.
fn supplied_parameters(parameters: &Json) -> Result<Vec<Given>, SnapshotError> {
    let in_file = |e: EvalError, path: &str| e.at(path).into_parameters_file();
    let Some(map) = parameters.as_object() else {
        if parameters.is_null() {
            return Ok(Vec::new());
        }
        return Err(in_file(
            error(
                format!(
                    "the parameters must be a JSON object, not {}",
                    type_name(parameters)
                ),
                "",
            ),
            "",
        )
        .into());
    };
    // A parameters file's keys are read ignoring case, as a template's.
    let file_key = |name: &str| map.keys().any(|k| eq_ignore_case(k, name));
    let file = file_key("$schema")
        || file_key("contentVersion")
        || checked_key(parameters, "parameters")
            .and_then(Json::as_object)
            .is_some_and(|p| {
                p.values().all(|v| {
                    checked_key(v, "value").is_some() || checked_key(v, "reference").is_some()
                })
            })
            && map.len() <= 3
        // `{"parameters": {...}}` alone is a parameters file without its
        // `$schema`, one of whose entries may be wrong: read as one, the
        // entry is what is reported (a template parameter named
        // `parameters` would be given as `{"parameters": ...}` among others).
        || (map.len() == 1 && checked_key(parameters, "parameters").is_some_and(Json::is_object));
    let entries: Vec<Given> = if file {
        let params = key(parameters, "parameters").map_err(|e| in_file(e, ""))?;
        let base = member_path("", parameters, "parameters");
        let Some(params) = params.and_then(Json::as_object) else {
            return match params {
                None | Some(Json::Null) => Ok(Vec::new()),
                Some(other) => Err(in_file(
                    error(
                        format!(
                            "`parameters` must be an object of `{{\"value\": ...}}` entries, not {}",
                            type_name(other)
                        ),
                        "",
                    ),
                    &base,
                )
                .into()),
            };
        };
        one_name_each(params.keys().map(|n| (n.as_str(), child(&base, n))))
            .map_err(EvalError::into_parameters_file)?;
        let mut out = Vec::new();
        let mut missing = Vec::new();
        for (name, entry) in params {
            let at = child(&base, name);
            let (value, reference) = match (key(entry, "value"), key(entry, "reference")) {
                (Ok(v), Ok(r)) => (v, r),
                (Err(e), _) | (_, Err(e)) => {
                    missing.push(in_file(e, &at));
                    continue;
                }
            };
            let place = |field: &str| Place {
                value: member_path(&at, entry, field),
                entry: at.clone(),
                file: true,
            };
            if let Some(v) = value {
                out.push((name.clone(), Value::Known(v.clone()), place("value")));
            } else if reference.is_some() {
                // A Key Vault reference: only known at deployment.
                out.push((
                    name.clone(),
                    Value::Unknown(Box::new(Expr::new(
                        crate::ir::ExprKind::Param(name.clone()),
                        Span::call_site(),
                    ))),
                    place("reference"),
                ));
            } else {
                // Every parameter's error at once.
                missing.push(in_file(
                    error(
                        "a parameter needs a `value` (or a Key Vault `reference`)",
                        "",
                    ),
                    &at,
                ));
            }
        }
        if !missing.is_empty() {
            return Err(SnapshotError { errors: missing });
        }
        out
    } else {
        one_name_each(map.keys().map(|n| (n.as_str(), child("", n))))
            .map_err(EvalError::into_parameters_file)?;
        map.iter()
            .map(|(k, v)| {
                let at = child("", k);
                let place = Place {
                    entry: at.clone(),
                    value: at,
                    file: true,
                };
                (k.clone(), Value::Known(v.clone()), place)
            })
            .collect()
    };
    Ok(entries)
}

/// The names a template's expressions read.
struct TemplateEnv<'t> {
    params: HashMap<String, &'t Json>,
    supplied: HashMap<String, Value>,
    /// Where each supplied value is given, by lower-case name.
    given: HashMap<String, Place>,
    vars: HashMap<String, Source<'t>>,
    /// Each variable's JSON path in the template, by lower-case name.
    var_paths: HashMap<String, String>,
    functions: Vec<(Vec<String>, Expr)>,
    user_functions: Vec<(String, String)>,
}

impl Env for TemplateEnv<'_> {
    fn parameter(&self, name: &str) -> Option<Source<'_>> {
        let key = fold_case(name);
        if let Some(v) = self.supplied.get(&key) {
            return Some(Source::Value(v));
        }
        let def = self.params.get(&key)?;
        // `validate_parameters` has reported a `defaultValue` given twice.
        match checked_key(def, "defaultValue") {
            Some(default) => Some(Source::Json(default)),
            None => Some(Source::Json(&Json::Null)),
        }
    }

    fn variable(&self, name: &str) -> Option<Source<'_>> {
        self.vars.get(&fold_case(name)).copied()
    }

    fn variable_path(&self, name: &str) -> Option<String> {
        self.var_paths.get(&fold_case(name)).cloned()
    }

    fn function(&self, index: usize) -> Option<(Vec<String>, &Expr)> {
        self.functions.get(index).map(|(p, e)| (p.clone(), e))
    }

    fn user_functions(&self) -> &[(String, String)] {
        &self.user_functions
    }
}

fn lower_map(value: Option<&Json>) -> HashMap<String, &Json> {
    value
        .and_then(Json::as_object)
        .map(|m| m.iter().map(|(k, v)| (fold_case(k), v)).collect())
        .unwrap_or_default()
}

/// The template's environment, and the errors of values given for parameters
/// the template does not have (reported with the other parameters' errors).
fn build_env<'t>(
    template: &'t Json,
    supplied: Vec<Given>,
    path: &str,
) -> Result<(TemplateEnv<'t>, Vec<EvalError>), SnapshotError> {
    let base = object_path(path);
    let parameters = key(template, "parameters").map_err(|e| e.at(base))?;
    let parameters_at = member_path(base, template, "parameters");
    if let Some(map) = parameters.and_then(Json::as_object) {
        one_name_each(map.keys().map(|n| (n.as_str(), child(&parameters_at, n))))?;
    }
    let params = lower_map(parameters);
    let mut vars: HashMap<String, Source<'t>> = HashMap::new();
    let mut var_paths = HashMap::new();
    if let Some(map) = key(template, "variables")
        .map_err(|e| e.at(base))?
        .and_then(Json::as_object)
    {
        let variables_at = member_path(base, template, "variables");
        // Each variable's name (a loop's included) and path.
        let mut declared: Vec<(&str, String)> = Vec::new();
        for (name, value) in map {
            let at = child(&variables_at, name);
            if eq_ignore_case(name, "copy")
                && let Json::Array(copies) = value
            {
                for (k, copy) in copies.iter().enumerate() {
                    let at = format!("{at}[{k}]");
                    let n = key(copy, "name").map_err(|e| e.at(&at))?;
                    if let Some(n) = n.and_then(Json::as_str) {
                        declared.push((n, at.clone()));
                        vars.insert(fold_case(n), Source::CopyVar(copy));
                        var_paths.insert(fold_case(n), at);
                    }
                }
                continue;
            }
            declared.push((name, at.clone()));
            vars.insert(fold_case(name), Source::Json(value));
            var_paths.insert(fold_case(name), at);
        }
        one_name_each(declared.into_iter())?;
    }
    let (user_functions, functions) = user_functions(template, base)?;
    let mut errors = Vec::new();
    let mut supplied_map = HashMap::new();
    let mut given = HashMap::new();
    for (name, value, place) in supplied {
        if !params.contains_key(&fold_case(&name)) {
            errors.push(place.locate(
                error(format!("the template has no parameter '{name}'"), ""),
                &place.entry,
            ));
            continue;
        }
        supplied_map.insert(fold_case(&name), value);
        given.insert(fold_case(&name), place);
    }
    Ok((
        TemplateEnv {
            params,
            supplied: supplied_map,
            given,
            vars,
            var_paths,
            functions,
            user_functions,
        },
        errors,
    ))
}

/// The user-defined functions of `template` (at `base`): each one's
/// namespace and name, and its parameter names and parsed body.
///
/// # Errors
/// What ARM rejects, as `apim-dsl check` reports it: two functions of one
/// name (ignoring case, namespace included), a function's `parameters` that
/// is not an array of `{name, type}` objects, two parameters of one name, a
/// missing `output.value`, a body that does not parse.
#[allow(clippy::type_complexity)]
fn user_functions(
    template: &Json,
    base: &str,
) -> Result<(Vec<(String, String)>, Vec<(Vec<String>, Expr)>), SnapshotError> {
    // Parse every body with the full list known.
    let mut user_functions = Vec::new();
    let mut bodies = Vec::new();
    let mut qualified = Vec::new();
    let functions = key(template, "functions").map_err(|e| e.at(base))?;
    let functions_at = member_path(base, template, "functions");
    if let Some(namespaces) = functions.and_then(Json::as_array) {
        for (k, ns) in namespaces.iter().enumerate() {
            let at = format!("{functions_at}[{k}]");
            let namespace = key(ns, "namespace")
                .map_err(|e| e.at(&at))?
                .and_then(Json::as_str)
                .unwrap_or_default();
            if let Some(members) = key(ns, "members")
                .map_err(|e| e.at(&at))?
                .and_then(Json::as_object)
            {
                let members_at = member_path(&at, ns, "members");
                for (name, def) in members {
                    let def_at = child(&members_at, name);
                    qualified.push((format!("{namespace}.{name}"), def_at.clone()));
                    user_functions.push((namespace.to_string(), name.clone()));
                    bodies.push((def, def_at));
                }
            }
        }
    }
    // ARM calls a function as `namespace.name`, reading both ignoring case.
    one_name_each(qualified.iter().map(|(n, at)| (n.as_str(), at.clone())))?;
    let mut parsed = Vec::new();
    for (def, at) in bodies {
        let mut names = Vec::new();
        let params = key(def, "parameters").map_err(|e| e.at(&at))?;
        let params_at = member_path(&at, def, "parameters");
        let not_array = |what: &str| {
            error(
                format!(
                    "a function's `parameters` is an array of `{{\"name\", \"type\"}}` objects, not {what}"
                ),
                &params_at,
            )
        };
        match params {
            None | Some(Json::Null) => {}
            Some(Json::Array(ps)) => {
                let mut declared = Vec::new();
                for (k, p) in ps.iter().enumerate() {
                    let p_at = format!("{params_at}[{k}]");
                    if !p.is_object() {
                        return Err(error(
                            format!(
                                "a function parameter is a `{{\"name\", \"type\"}}` object, not {}",
                                type_name(p)
                            ),
                            &p_at,
                        )
                        .into());
                    }
                    let name = key(p, "name").map_err(|e| e.at(&p_at))?;
                    let ty = key(p, "type").map_err(|e| e.at(&p_at))?;
                    let Some(name) = name.and_then(Json::as_str).filter(|n| !n.is_empty()) else {
                        return Err(error(
                            "a function parameter needs a non-empty string `name`",
                            &p_at,
                        )
                        .into());
                    };
                    // deploymentTemplate.json's `parameterTypes`, as `check` reads them.
                    let types = crate::arm::FUNCTION_PARAMETER_TYPES;
                    match ty {
                        Some(Json::String(t))
                            if types.iter().any(|k| k.eq_ignore_ascii_case(t)) => {}
                        Some(other) => {
                            return Err(error(
                                format!(
                                    "{other} is not a function parameter type: {}",
                                    types.join(", ")
                                ),
                                &member_path(&p_at, p, "type"),
                            )
                            .into());
                        }
                        None => {
                            return Err(error(
                                format!(
                                    "a function parameter needs a `type`: {}",
                                    types.join(", ")
                                ),
                                &p_at,
                            )
                            .into());
                        }
                    }
                    declared.push((name, p_at));
                    names.push(name.to_string());
                }
                one_name_each(declared.into_iter())?;
            }
            Some(other) => return Err(not_array(type_name(other)).into()),
        }
        let output = key(def, "output").map_err(|e| e.at(&at))?;
        let output_at = member_path(&at, def, "output");
        let text = match output {
            Some(output) => key(output, "value").map_err(|e| e.at(&output_at))?,
            None => None,
        }
        .and_then(Json::as_str)
        .ok_or_else(|| error("a function needs an `output.value` string", &at))?;
        let value_at = output.map_or(output_at.clone(), |o| member_path(&output_at, o, "value"));
        let body = match crate::arm::expr::parse_string_value(text, &user_functions) {
            Ok(crate::arm::expr::StringValue::Expr(e)) => e,
            Ok(crate::arm::expr::StringValue::Literal(s)) => Expr::str(s, Span::call_site()),
            Err(e) => {
                return Err(error(format!("the expression does not parse: {e}"), &value_at).into());
            }
        };
        super::check_lambdas(&body).map_err(|e| e.at(&value_at))?;
        parsed.push((names, body));
    }
    Ok((user_functions, parsed))
}

/// Checks that no two of `names` (each with its path) are one name to ARM,
/// which reads parameter, variable and output names ignoring case (as
/// [`eq_ignore_case`]): Bicep's BCP353 says of two variables so named "The
/// ARM deployments engine is not case sensitive and will not be able to
/// distinguish between them". Whether ARM then rejects the template or takes
/// one of them is not documented (microsoft/vscode-azurearmtools#306 has
/// Azure use the last), so neither is picked: an error of this evaluator's
/// (`unsupported`) at the second.
fn one_name_each<'n>(names: impl Iterator<Item = (&'n str, String)>) -> Result<(), EvalError> {
    let mut seen: HashMap<String, &str> = HashMap::new();
    for (name, path) in names {
        if let Some(first) = seen.insert(fold_case(name), name) {
            if first == name {
                return Err(error(format!("`{name}` is declared twice"), &path));
            }
            return Err(EvalError::unsupported(
                format!(
                    "`{first}` and `{name}` are one name to ARM, which reads names ignoring case, \
                     and which of the two it takes is not documented; rename one"
                ),
                Span::call_site(),
            )
            .at(&path));
        }
    }
    Ok(())
}

/// Checks every parameter's value against its declaration: a value given is
/// reported where it is given, a default value at the declaration.
fn validate_parameters(
    ev: &mut Evaluator<'_>,
    template: &Json,
    env: &TemplateEnv<'_>,
    path: &str,
) -> Result<(), SnapshotError> {
    let mut errors = Vec::new();
    let Some(params) = key(template, "parameters")?.and_then(Json::as_object) else {
        return Ok(());
    };
    let parameters_at = member_path(object_path(path), template, "parameters");
    for (name, def) in params {
        let at = child(&parameters_at, name);
        let given = env.given.get(&fold_case(name));
        let (nullable, default) = match (key(def, "nullable"), key(def, "defaultValue")) {
            (Ok(n), Ok(d)) => (n.and_then(Json::as_bool) == Some(true), d),
            (Err(e), _) | (_, Err(e)) => {
                errors.push(e.at(&at));
                continue;
            }
        };
        // The declaration's own keys given twice are the template's error,
        // not the value's (`check_value` reads them).
        let bounds = [
            "type",
            "allowedValues",
            "minLength",
            "maxLength",
            "minValue",
            "maxValue",
        ];
        if let Some(e) = bounds.iter().find_map(|name| key(def, name).err()) {
            errors.push(e.at(&at));
            continue;
        }
        if given.is_none() && default.is_none() {
            if !nullable {
                errors.push(error(
                    format!("the parameter '{name}' has no value and no default value"),
                    &at,
                ));
            }
            continue;
        }
        let value = match ev.parameter(name, Span::call_site()) {
            Ok(v) => v,
            Err(e) => {
                errors.push(match given {
                    Some(place) => place.locate(e, &place.value),
                    None => e.at(&member_path(&at, def, "defaultValue")),
                });
                continue;
            }
        };
        let Value::Known(v) = value else { continue };
        if v.is_null() && nullable {
            continue;
        }
        if let Err(message) = check_value(name, def, &v) {
            errors.push(match given {
                Some(place) => place.locate(error(message, ""), &place.value),
                None => error(message, &at),
            });
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(SnapshotError { errors })
    }
}

/// A value against a parameter declaration: `type`, `allowedValues`,
/// `minLength`/`maxLength`, `minValue`/`maxValue`.
fn check_value(name: &str, def: &Json, v: &Json) -> Result<(), String> {
    let get = |name: &str| key(def, name).map_err(|e| e.message);
    let ty = get("type")?
        .and_then(Json::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    let ok = match ty.as_str() {
        "string" | "securestring" => v.is_string(),
        "int" => v.as_i64().is_some(),
        "bool" => v.is_boolean(),
        "object" | "secureobject" => v.is_object(),
        "array" => v.is_array(),
        _ => true,
    };
    if !ok {
        return Err(format!(
            "the parameter '{name}' is declared {ty}, but its value is {}",
            type_name(v)
        ));
    }
    // Open question: whether ARM compares a string against `allowedValues`
    // ignoring case is not documented (templates/parameters#allowed-values
    // says only that another value fails validation). Azure/bicep#2489
    // reports that ARM accepts `eastus` where `EastUS` is allowed, unconfirmed
    // by Microsoft; so the comparison stays exact, as Bicep's `@allowed` is,
    // here and in the compiler's check of a computed default
    // (`check::evaluate::bounds`).
    if let Some(Json::Array(allowed)) = get("allowedValues")? {
        let fits = match v {
            // An array parameter's items must each be allowed.
            Json::Array(items) if !allowed.iter().any(Json::is_array) => {
                items.iter().all(|i| allowed.contains(i))
            }
            other => allowed.contains(other),
        };
        if !fits {
            let list: Vec<String> = allowed.iter().map(Json::to_string).collect();
            return Err(format!(
                "the value {v} of the parameter '{name}' is not one of its allowedValues: {}",
                list.join(", ")
            ));
        }
    }
    let len = match v {
        Json::String(s) => Some(s.encode_utf16().count() as i64),
        Json::Array(items) => Some(items.len() as i64),
        _ => None,
    };
    if let Some(len) = len {
        if let Some(min) = get("minLength")?.and_then(Json::as_i64)
            && len < min
        {
            return Err(format!(
                "the parameter '{name}' has length {len}, below its minLength {min}"
            ));
        }
        if let Some(max) = get("maxLength")?.and_then(Json::as_i64)
            && len > max
        {
            return Err(format!(
                "the parameter '{name}' has length {len}, above its maxLength {max}"
            ));
        }
    }
    if let Some(n) = v.as_i64() {
        if let Some(min) = get("minValue")?.and_then(Json::as_i64)
            && n < min
        {
            return Err(format!(
                "the parameter '{name}' is {n}, below its minValue {min}"
            ));
        }
        if let Some(max) = get("maxValue")?.and_then(Json::as_i64)
            && n > max
        {
            return Err(format!(
                "the parameter '{name}' is {n}, above its maxValue {max}"
            ));
        }
    }
    Ok(())
}

/// One resource declaration, flattened (nested `resources` made top-level).
struct Decl<'t> {
    body: &'t Json,
    path: String,
    /// The symbolic name (languageVersion 2.0).
    symbol: Option<String>,
    /// Nested in this parent: (parent type, parent's declaration index).
    parent: Option<usize>,
}

/// A deployed instance of a declaration.
struct Instance {
    decl: usize,
    copy_index: Option<i64>,
    id: String,
    name: String,
    ty: String,
    /// The name of its own copy loop, which a `dependsOn` entry may name.
    copy_name: Option<String>,
    /// The loop its `copyIndex()` counts: its own, or that of the looped
    /// resource it is nested in (see `Looped`).
    loop_name: Option<String>,
    /// Deployed with each copy of a looped parent, as copy `copy_index`.
    inherited: bool,
    json: Map<String, Json>,
}

/// A declaration's loop: its own `copy`, or, for one nested in a looped
/// resource without a `copy` of its own, the parent's: ARM deploys it with
/// each of the parent's copies, where its `copyIndex()` (or
/// `copyIndex('<parent's loop>')`) counts them ("Resource iteration in ARM
/// templates",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources>;
/// "copyIndex", template-functions-numeric#copyindex).
#[derive(Clone)]
struct Looped {
    name: Option<String>,
    count: i64,
    inherited: bool,
}

/// The type, API version, name and id of a resource instance.
struct Identity {
    ty: String,
    api_version: String,
    name: String,
    id: String,
}

/// What one instance of a declaration comes to.
enum Outcome {
    Deployed(Instance),
    /// Its condition is false; its identity, if it could be evaluated.
    Skipped(Option<Identity>),
}

/// An instance whose condition is false.
struct Skipped {
    decl: usize,
    identity: Identity,
    copy_name: Option<String>,
}

/// The ways a `dependsOn` entry may name a resource instance.
struct Names<'a> {
    id: &'a str,
    ty: &'a str,
    name: &'a str,
    symbol: Option<&'a str>,
    copy_name: Option<&'a str>,
}

impl Names<'_> {
    /// Whether `text` (an evaluated `dependsOn` entry) names this instance:
    /// its id, symbolic name, copy loop, name, `type/name`, or a
    /// `.../providers/type/name` tail of its id. The rule [`NameIndex`]
    /// indexes; kept as its reference in the tests.
    #[cfg(test)]
    fn matches(&self, text: &str) -> bool {
        eq_ignore_case(self.id, text)
            || self.symbol.is_some_and(|s| s == text)
            || self.copy_name.is_some_and(|c| eq_ignore_case(c, text))
            || eq_ignore_case(self.name, text)
            || eq_ignore_case(&format!("{}/{}", self.ty, self.name), text)
            || fold_case(self.id).ends_with(&fold_case(&format!("/providers/{text}")))
    }
}

/// The text before each indexed tail of an id ([`Names::matches`]'s last
/// rule), folded as [`fold_case`] folds (`/providers/`).
const PROVIDERS: &str = "/PROVIDERS/";

/// The instances `dependsOn` entries may name, indexed once by every form
/// [`Names::matches`] compares, so that an entry is resolved by a few
/// look-ups instead of a comparison with every instance.
///
/// The keys are the compared texts, folded as [`fold_case`] folds them
/// (ARM compares names ignoring case; [`eq_ignore_case`] is equality of the
/// folded texts), except the symbolic name, compared as written.
#[derive(Default)]
struct NameIndex {
    /// Symbolic name (compared as written).
    symbols: HashMap<String, Vec<usize>>,
    /// Folded id, copy loop name, name and `type/name`.
    folded: HashMap<String, Vec<usize>>,
    /// The folded id after each `/providers/` in it: an entry `text` names
    /// the instance when its id ends with `/providers/{text}`.
    tails: HashMap<String, Vec<usize>>,
}

impl NameIndex {
    /// The index of `names`, the `i`th of which is instance `i`.
    fn new<'n>(names: impl IntoIterator<Item = Names<'n>>) -> Self {
        let mut index = NameIndex::default();
        for (i, names) in names.into_iter().enumerate() {
            let put = |map: &mut HashMap<String, Vec<usize>>, key: String| {
                let list = map.entry(key).or_default();
                // One instance may give the same key twice (its name equal
                // to its copy loop's): listed once.
                if list.last() != Some(&i) {
                    list.push(i);
                }
            };
            if let Some(symbol) = names.symbol {
                put(&mut index.symbols, symbol.to_string());
            }
            let id = fold_case(names.id);
            put(&mut index.folded, id.clone());
            if let Some(copy) = names.copy_name {
                put(&mut index.folded, fold_case(copy));
            }
            put(&mut index.folded, fold_case(names.name));
            put(
                &mut index.folded,
                fold_case(&format!("{}/{}", names.ty, names.name)),
            );
            // Every `/providers/` (they may overlap: `/providers/providers/`).
            let mut from = 0;
            while let Some(at) = id[from..].find(PROVIDERS) {
                let start = from + at;
                put(&mut index.tails, id[start + PROVIDERS.len()..].to_string());
                from = start + 1;
            }
        }
        index
    }

    /// The instances `text` names ([`Names::matches`]), in ascending order,
    /// each once.
    fn matching(&self, text: &str) -> Vec<usize> {
        let folded = fold_case(text);
        let mut found: Vec<usize> = [
            self.symbols.get(text),
            self.folded.get(&folded),
            self.tails.get(&folded),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .copied()
        .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Whether `text` names any instance ([`Names::matches`]).
    fn any(&self, text: &str) -> bool {
        if self.symbols.contains_key(text) {
            return true;
        }
        let folded = fold_case(text);
        self.folded.contains_key(&folded) || self.tails.contains_key(&folded)
    }
}

fn flatten<'t>(
    template: &'t Json,
    path: &str,
    out: &mut Vec<Decl<'t>>,
) -> Result<(), SnapshotError> {
    let resources_at = member_path(object_path(path), template, "resources");
    match key(template, "resources").map_err(|e| e.at(object_path(path)))? {
        None | Some(Json::Null) => Ok(()),
        Some(Json::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                push_decl(item, format!("{resources_at}[{i}]"), None, None, out)?;
            }
            Ok(())
        }
        Some(Json::Object(map)) => {
            for (symbol, item) in map {
                push_decl(
                    item,
                    child(&resources_at, symbol),
                    Some(symbol.clone()),
                    None,
                    out,
                )?;
            }
            Ok(())
        }
        Some(_) => Err(error("`resources` must be an array or an object", &resources_at).into()),
    }
}

fn push_decl<'t>(
    body: &'t Json,
    path: String,
    symbol: Option<String>,
    parent: Option<usize>,
    out: &mut Vec<Decl<'t>>,
) -> Result<(), EvalError> {
    let index = out.len();
    out.push(Decl {
        body,
        path: path.clone(),
        symbol,
        parent,
    });
    if let Some(Json::Array(children)) = key(body, "resources").map_err(|e| e.at(&path))? {
        let resources_at = member_path(&path, body, "resources");
        for (i, nested) in children.iter().enumerate() {
            push_decl(
                nested,
                format!("{resources_at}[{i}]"),
                None,
                Some(index),
                out,
            )?;
        }
    }
    Ok(())
}

/// The keys of a resource that ARM reads as template structure (matched
/// ignoring case, as [`key`]).
const RESOURCE_KEYS: [&str; 12] = [
    "type",
    "apiVersion",
    "name",
    "copy",
    "condition",
    "dependsOn",
    "resources",
    "existing",
    "scope",
    "subscriptionId",
    "resourceGroup",
    "properties",
];

/// Checks that no structural key of the resource `body` (at `at`) is given
/// twice in different cases ([`key`]): its own keys, its `copy`'s `name` and
/// `count`, and a nested deployment's `properties.template`,
/// `properties.expressionEvaluationOptions.scope` and
/// `properties.parameters.<name>.value`. After it, [`checked_key`] reads them.
fn check_resource_keys(body: &Json, at: &str) -> Result<(), EvalError> {
    for name in RESOURCE_KEYS {
        key(body, name).map_err(|e| e.at(at))?;
    }
    // Any other key too (`location` and `Location`): the predicted resource
    // would otherwise keep both, where ARM reads one resource property.
    if let Some(map) = body.as_object() {
        for name in map.keys() {
            key(body, name).map_err(|e| e.at(at))?;
        }
    }
    if let Some(copy) = checked_key(body, "copy") {
        let at = member_path(at, body, "copy");
        for name in ["name", "count"] {
            key(copy, name).map_err(|e| e.at(&at))?;
        }
    }
    if let Some(properties) = checked_key(body, "properties") {
        let at = member_path(at, body, "properties");
        for name in ["template", "expressionEvaluationOptions", "parameters"] {
            key(properties, name).map_err(|e| e.at(&at))?;
        }
        if let Some(options) = checked_key(properties, "expressionEvaluationOptions") {
            key(options, "scope")
                .map_err(|e| e.at(&member_path(&at, properties, "expressionEvaluationOptions")))?;
        }
        if let Some(Json::Object(params)) = checked_key(properties, "parameters") {
            let params_at = member_path(&at, properties, "parameters");
            for (name, entry) in params {
                key(entry, "value").map_err(|e| e.at(&child(&params_at, name)))?;
            }
        }
    }
    Ok(())
}

/// `properties.<name>` of a resource checked by [`check_resource_keys`].
fn property_of<'t>(body: &'t Json, name: &str) -> Option<&'t Json> {
    checked_key(body, "properties").and_then(|p| checked_key(p, name))
}

/// Keys of a resource that are not part of its predicted body.
const META: [&str; 9] = [
    "type",
    "apiVersion",
    "name",
    "copy",
    "condition",
    "dependsOn",
    "resources",
    "comments",
    "existing",
];

fn as_string(v: Value, what: &str, path: &str) -> Result<String, EvalError> {
    match v {
        Value::Known(Json::String(s)) => Ok(s),
        Value::Known(other) => Err(error(
            format!("the {what} must be a string, not {}", type_name(&other)),
            path,
        )),
        Value::Unknown(e) => Ok(format!("[{}]", super::render(&e))),
    }
}

/// `Namespace/a/b` and `x/y` into `Namespace/a/x/b/y`.
fn typed_name(ty: &str, name: &str) -> String {
    let mut types = ty.split('/');
    let mut out = types.next().unwrap_or_default().to_string();
    let names: Vec<&str> = name.split('/').collect();
    for (i, t) in types.enumerate() {
        out.push('/');
        out.push_str(t);
        out.push('/');
        out.push_str(names.get(i).copied().unwrap_or(""));
    }
    out
}

fn scope_prefix(ev: &Evaluator<'_>) -> String {
    let ctx = ev.context();
    match ev.scope {
        TargetScope::ResourceGroup => format!(
            "/subscriptions/{}/resourceGroups/{}",
            ctx.subscription_id, ctx.resource_group
        ),
        TargetScope::Subscription => format!("/subscriptions/{}", ctx.subscription_id),
        TargetScope::ManagementGroup => format!(
            "/providers/Microsoft.Management/managementGroups/{}",
            ctx.management_group
                .as_deref()
                .unwrap_or("[managementGroup().name]")
        ),
        TargetScope::Tenant => String::new(),
    }
}

fn run(
    template: &Json,
    supplied: Vec<Given>,
    ctx: &Context,
    path: &str,
    out: &mut Snapshot,
    nesting: usize,
    steps: &mut u64,
) -> Result<Outputs, SnapshotError> {
    if !template.is_object() {
        return Err(error("a template must be a JSON object", path).into());
    }
    let (env, mut parameter_errors) = build_env(template, supplied, path)?;
    let mut ev = Evaluator::new(ctx, &env);
    ev.complete_copies(true);
    ev.set_steps(*steps);
    ev.scope = key(template, "$schema")
        .map_err(|e| e.at(object_path(path)))?
        .and_then(Json::as_str)
        .map_or(TargetScope::ResourceGroup, TargetScope::from_schema);
    if let Err(invalid) = validate_parameters(&mut ev, template, &env, path) {
        parameter_errors.extend(invalid.errors);
    }
    if !parameter_errors.is_empty() {
        return Err(SnapshotError {
            errors: parameter_errors,
        });
    }
    let result = expand_resources(&mut ev, template, path, out, nesting, steps);
    *steps = ev.steps();
    result?;
    let outputs = template_outputs(&mut ev, template, path)?;
    if path.is_empty() {
        out.outputs = outputs
            .iter()
            .map(|(name, value, _)| (name.clone(), value.clone()))
            .collect();
    }
    *steps = ev.steps();
    Ok(outputs)
}

/// The outputs of `template`, each with whether its value is known.
fn template_outputs(
    ev: &mut Evaluator<'_>,
    template: &Json,
    path: &str,
) -> Result<Outputs, SnapshotError> {
    let mut out = Vec::new();
    let Some(outputs) = key(template, "outputs")
        .map_err(|e| e.at(object_path(path)))?
        .and_then(Json::as_object)
    else {
        return Ok(out);
    };
    let outputs_at = member_path(object_path(path), template, "outputs");
    one_name_each(outputs.keys().map(|n| (n.as_str(), child(&outputs_at, n))))?;
    for (name, def) in outputs {
        let at = child(&outputs_at, name);
        let field = |name: &str| key(def, name).map_err(|e| e.at(&at));
        let field_at = |name: &str| member_path(&at, def, name);
        // An output whose condition only the deployment knows may not exist.
        let mut conditional = false;
        if let Some(cond) = field("condition")? {
            match ev.json(cond).map_err(|e| e.at(&field_at("condition")))? {
                Value::Known(Json::Bool(false)) => continue,
                Value::Unknown(_) => conditional = true,
                Value::Known(_) => {}
            }
        }
        let (value, known) = if let Some(copy) = field("copy")? {
            let copy_at = field_at("copy");
            let copy_field = |name: &str| key(copy, name).map_err(|e| e.at(&copy_at));
            // ARM evaluates outputs once the resources are deployed: a count
            // only the deployment knows makes the output unknown, shown as
            // its `copy` as written, not the snapshot fail.
            if let Some(count) = copy_field("count")?
                && let Ok(Value::Unknown(_)) = ev.json(count)
            {
                let mut written = Map::new();
                written.insert("copy".to_string(), copy.clone());
                out.push((name.clone(), Json::Object(written), false));
                continue;
            }
            let count = ev.count(copy).map_err(|e| e.at(&copy_at))?;
            let input = copy_field("input")?.unwrap_or(&Json::Null);
            let mut items = Vec::new();
            let mut known = true;
            for i in 0..count {
                let v = ev
                    .with_copy(None, i, |ev| ev.json(input))
                    .map_err(|e| e.at(&member_path(&copy_at, copy, "input")))?;
                known &= v.known().is_some();
                items.push(v.to_json());
            }
            (Json::Array(items), known)
        } else {
            let v = ev
                .json(field("value")?.unwrap_or(&Json::Null))
                .map_err(|e| e.at(&field_at("value")))?;
            (v.to_json(), v.known().is_some())
        };
        // A secure output's value is kept out of the deployment's record
        // (Bicep reads one through `listOutputsWithSecureValues()`), so
        // `reference(<deployment>).outputs.x.value` does not read it.
        let secure = field("type")?.and_then(Json::as_str).is_some_and(|t| {
            t.eq_ignore_ascii_case("securestring") || t.eq_ignore_ascii_case("secureobject")
        });
        let known = known && !conditional && !secure && !has_unknown_part(&value);
        out.push((name.clone(), value, known));
    }
    Ok(out)
}

/// Whether `value` holds an unknown part: a literal array or object of the
/// template is evaluated item by item, and an item only the deployment knows
/// is written into it as its expression, `"[reference(...).x]"` (see
/// [`Value::to_json`]), so the value as a whole is not known. A known string
/// that merely looks so (`"[[x]"` in the template) is taken for unknown too:
/// reading it then stays unevaluated, which is never wrong.
fn has_unknown_part(value: &Json) -> bool {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Json::String(s) if crate::arm::expr::is_expression(s) => return true,
            Json::Array(items) => stack.extend(items),
            Json::Object(map) => {
                // A key only the deployment knows is written as its quoted
                // expression, `"\"[...]\""`.
                if map
                    .keys()
                    .any(|k| k.starts_with("\"[") && k.ends_with("]\""))
                {
                    return true;
                }
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    false
}

/// A template's outputs: name, value (unknown parts as `"[...]"`), whether known.
type Outputs = Vec<(String, Json, bool)>;

/// The known ones of a nested deployment's `outputs`, as
/// `{"name": {"value": ...}}`: `reference(<deployment>).outputs.name.value`
/// reads each, while a read of an unknown one (absent here) stays
/// unevaluated. One unknown output leaves the others known. ARM matches
/// output names ignoring case, so a known output that shares its name with
/// an unknown one is left out too.
fn known_outputs(outputs: Outputs) -> Map<String, Json> {
    let unknown: Vec<String> = outputs
        .iter()
        .filter(|(_, _, known)| !known)
        .map(|(name, _, _)| fold_case(name))
        .collect();
    outputs
        .into_iter()
        .filter(|(name, _, known)| *known && !unknown.contains(&fold_case(name)))
        .map(|(name, value, _)| (name, serde_json::json!({ "value": value })))
        .collect()
}

/// Expands the nested deployment `inst` (declared by `decl`) whose inline
/// template is `inner`: its resources, and its outputs (each with whether it is
/// known).
#[allow(clippy::too_many_arguments)]
fn expand_nested(
    ev: &mut Evaluator<'_>,
    decl: &Decl<'_>,
    inst: &Instance,
    inner: &Json,
    inner_path: &str,
    nesting: usize,
    steps: &mut u64,
) -> Result<(Snapshot, Outputs), SnapshotError> {
    if nesting >= MAX_NESTING {
        return Err(error(
            format!("nested deployments go deeper than {MAX_NESTING} levels"),
            inner_path,
        )
        .into());
    }
    let at = decl.path.clone();
    let inner_scope = property_of(decl.body, "expressionEvaluationOptions")
        .and_then(|o| checked_key(o, "scope"))
        .and_then(Json::as_str)
        .unwrap_or("outer");
    let mut ctx = ev.context().clone();
    let eval_at = |ev: &mut Evaluator<'_>, v: &Json, key: &str| -> Result<Value, EvalError> {
        match inst.copy_index {
            Some(k) => ev.with_copy(inst.loop_name.as_deref(), k, |ev| ev.json(v)),
            None => ev.json(v),
        }
        .map_err(|e| e.at(&member_path(&at, decl.body, key)))
    };
    if let Some(sub) = checked_key(decl.body, "subscriptionId") {
        ctx.subscription_id = as_string(
            eval_at(ev, sub, "subscriptionId")?,
            "subscriptionId",
            &member_path(&at, decl.body, "subscriptionId"),
        )?;
    }
    if let Some(rg) = checked_key(decl.body, "resourceGroup") {
        let rg = as_string(
            eval_at(ev, rg, "resourceGroup")?,
            "resourceGroup",
            &member_path(&at, decl.body, "resourceGroup"),
        )?;
        if !eq_ignore_case(&rg, &ctx.resource_group) {
            ctx.location = None;
        }
        ctx.resource_group = rg;
    }
    ctx.deployment_name = inst.name.clone();
    let mut inner_out = Snapshot::default();
    let outputs;
    if inner_scope.eq_ignore_ascii_case("inner") {
        let mut supplied = Vec::new();
        if let Some(params) = property_of(decl.body, "parameters").and_then(Json::as_object) {
            let properties = checked_key(decl.body, "properties").unwrap_or(&Json::Null);
            let properties_at = member_path(&at, decl.body, "properties");
            let parameters_at = member_path(&properties_at, properties, "parameters");
            // A parameter given twice is as a parameters file's (see
            // `supplied_parameters`).
            one_name_each(
                params
                    .keys()
                    .map(|n| (n.as_str(), child(&parameters_at, n))),
            )?;
            for (name, entry) in params {
                let entry_at = child(&parameters_at, name);
                let value_at = member_path(&entry_at, entry, "value");
                let v = match checked_key(entry, "value") {
                    Some(v) => match inst.copy_index {
                        Some(k) => ev.with_copy(inst.loop_name.as_deref(), k, |ev| ev.json(v)),
                        None => ev.json(v),
                    }
                    .map_err(|e| e.at(&value_at))?,
                    None => Value::Unknown(Box::new(Expr::new(
                        crate::ir::ExprKind::Param(name.clone()),
                        Span::call_site(),
                    ))),
                };
                let place = Place {
                    entry: entry_at,
                    value: value_at,
                    file: false,
                };
                supplied.push((name.clone(), v, place));
            }
        }
        *steps = ev.steps();
        outputs = run(
            inner,
            supplied,
            &ctx,
            &format!("{inner_path}."),
            &mut inner_out,
            nesting + 1,
            steps,
        )?;
        ev.set_steps(*steps);
    } else {
        // Outer scope: the inner template reads this template's names, and
        // may read the deployment's own copy loop, which is not pushed here:
        // there `copyIndex()` stays for the deployment to decide.
        let complete = ev.complete_copies(false);
        let expanded = expand_resources(
            ev,
            inner,
            &format!("{inner_path}."),
            &mut inner_out,
            nesting + 1,
            steps,
        );
        ev.complete_copies(complete);
        expanded?;
        outputs = template_outputs(ev, inner, &format!("{inner_path}."))?;
    }
    Ok((inner_out, outputs))
}

fn expand_resources(
    ev: &mut Evaluator<'_>,
    template: &Json,
    path: &str,
    out: &mut Snapshot,
    nesting: usize,
    steps: &mut u64,
) -> Result<(), SnapshotError> {
    let mut decls = Vec::new();
    flatten(template, path, &mut decls)?;
    // Two copy loops of one name (ignoring case, as ARM reads names):
    // `copyIndex('name')` and a `dependsOn` naming the loop
    // (templates/copy-resources: "the name property is any value that
    // identifies the loop") could mean either, and no rule of ARM's for it is
    // documented; `check` reports such loops as duplicates (ADSL0202). Not a
    // claim that the deployment fails: this evaluator's `unsupported`.
    let mut loops = Vec::new();
    for decl in &decls {
        check_resource_keys(decl.body, &decl.path)?;
        if let Some(copy) = checked_key(decl.body, "copy")
            && let Some(name) = checked_key(copy, "name").and_then(Json::as_str)
        {
            let copy_at = member_path(&decl.path, decl.body, "copy");
            loops.push((name, member_path(&copy_at, copy, "name")));
        }
    }
    one_name_each(loops.into_iter()).map_err(|mut e| {
        e.unsupported = true;
        e
    })?;
    let prefix = scope_prefix(ev);
    let mut instances: Vec<Instance> = Vec::new();
    // The resources whose condition is false.
    let mut skipped: Vec<Skipped> = Vec::new();
    // The type and name of each declaration's latest instance, deployed or
    // not: a nested child continues its parent's even where the parent's
    // condition is false ("Conditional deployment doesn't cascade to child
    // resources", templates/conditional-resource-deployment).
    let mut latest: HashMap<usize, (String, String)> = HashMap::new();
    // The same, by copy, of the looped declarations: a child deployed with
    // each copy of its parent continues that copy's.
    let mut latest_copy: HashMap<(usize, i64), (String, String)> = HashMap::new();
    // Each looped declaration's loop (see `Looped`).
    let mut looped: HashMap<usize, Looped> = HashMap::new();
    // The resources of nested deployments, by the deployment's instance.
    let mut inner_snapshots: HashMap<usize, Snapshot> = HashMap::new();
    let mut nested_count = 0;
    for (d, decl) in decls.iter().enumerate() {
        let body = decl.body;
        let at = &decl.path;
        if checked_key(body, "existing").and_then(Json::as_bool) == Some(true) {
            continue;
        }
        let (count, copy_name) = match checked_key(body, "copy") {
            Some(copy) => {
                let name = checked_key(copy, "name")
                    .and_then(Json::as_str)
                    .map(str::to_string);
                (
                    Some(
                        ev.count(copy)
                            .map_err(|e| e.at(&member_path(at, body, "copy")))?,
                    ),
                    name,
                )
            }
            None => (None, None),
        };
        let own_loop = match count {
            Some(count) => Some(Looped {
                name: copy_name.clone(),
                count,
                inherited: false,
            }),
            None => decl
                .parent
                .and_then(|p| looped.get(&p))
                .map(|parent| Looped {
                    inherited: true,
                    ..parent.clone()
                }),
        };
        if let Some(l) = &own_loop {
            looped.insert(d, l.clone());
        }
        let count = own_loop.as_ref().map(|l| l.count);
        let inherited = own_loop.as_ref().is_some_and(|l| l.inherited);
        let loop_name = own_loop.and_then(|l| l.name);
        let indices: Vec<Option<i64>> = match count {
            Some(n) => (0..n).map(Some).collect(),
            None => vec![None],
        };
        for index in indices {
            let eval_one = |ev: &mut Evaluator<'_>| -> Result<Outcome, SnapshotError> {
                let mut deployed = true;
                if let Some(cond) = checked_key(body, "condition") {
                    match ev
                        .json(cond)
                        .map_err(|e| e.at(&member_path(at, body, "condition")))?
                    {
                        Value::Known(Json::Bool(false)) => deployed = false,
                        Value::Known(Json::Bool(true)) => {}
                        Value::Known(other) => {
                            return Err(error(
                                format!("the condition must be a bool, not {}", type_name(&other)),
                                &member_path(at, body, "condition"),
                            )
                            .into());
                        }
                        Value::Unknown(_) => {}
                    }
                }
                // The resource's type, apiVersion, name and id.
                let identity = |ev: &mut Evaluator<'_>| -> Result<Identity, SnapshotError> {
                    let field = |ev: &mut Evaluator<'_>, key: &str| -> Result<String, EvalError> {
                        let v = checked_key(body, key)
                            .ok_or_else(|| error(format!("a resource needs `{key}`"), at))?;
                        let key_at = member_path(at, body, key);
                        let v = ev.json(v).map_err(|e| e.at(&key_at))?;
                        as_string(v, key, &key_at)
                    };
                    let mut ty = field(ev, "type")?;
                    let api_version = field(ev, "apiVersion").unwrap_or_default();
                    let mut name = field(ev, "name")?;
                    if let Some(p) = decl.parent {
                        // A nested child: its type and name continue its
                        // parent's (the same copy's, deployed with each).
                        let parent = match index.filter(|_| inherited) {
                            Some(k) => latest_copy.get(&(p, k)),
                            None => latest.get(&p),
                        };
                        if let Some((parent_ty, parent_name)) = parent {
                            if !ty.contains('.') {
                                ty = format!("{parent_ty}/{ty}");
                            }
                            if name.split('/').count() < ty.split('/').count() - 1 {
                                name = format!("{parent_name}/{name}");
                            }
                        }
                    }
                    let id = match checked_key(body, "scope") {
                        Some(scope) => {
                            let s = as_string(
                                ev.json(scope)
                                    .map_err(|e| e.at(&member_path(at, body, "scope")))?,
                                "scope",
                                &member_path(at, body, "scope"),
                            )?;
                            let base = if s == "/" {
                                // The tenant, the root of every id: a tenant
                                // deployment's id is
                                // `/providers/Microsoft.Resources/deployments/NAME`
                                // (REST API, Deployments - Create Or Update At
                                // Tenant Scope), not `//providers/...`.
                                String::new()
                            } else if s.starts_with('/') || s.starts_with('[') {
                                s
                            } else {
                                // `Microsoft.KeyVault/vaults/name`: a resource of this group.
                                let parts: Vec<&str> = s.split('/').collect();
                                let (types, names): (Vec<&str>, Vec<&str>) = {
                                    let ns = parts.first().copied().unwrap_or_default();
                                    let mut types = vec![ns];
                                    let mut names = Vec::new();
                                    for (i, p) in parts[1..].iter().enumerate() {
                                        if i % 2 == 0 {
                                            types.push(*p)
                                        } else {
                                            names.push(*p)
                                        }
                                    }
                                    (types, names)
                                };
                                format!(
                                    "{prefix}/providers/{}",
                                    typed_name(&types.join("/"), &names.join("/"))
                                )
                            };
                            format!("{base}/providers/{}", typed_name(&ty, &name))
                        }
                        None => {
                            let scope = match (
                                checked_key(body, "subscriptionId"),
                                checked_key(body, "resourceGroup"),
                            ) {
                                (None, None) => prefix.clone(),
                                (sub, rg) => {
                                    let sub = match sub {
                                        Some(s) => {
                                            let s_at = member_path(at, body, "subscriptionId");
                                            let v = ev.json(s).map_err(|e| e.at(&s_at))?;
                                            as_string(v, "subscriptionId", &s_at)?
                                        }
                                        None => ev.context().subscription_id.clone(),
                                    };
                                    match rg {
                                        Some(r) => {
                                            let r_at = member_path(at, body, "resourceGroup");
                                            let v = ev.json(r).map_err(|e| e.at(&r_at))?;
                                            format!(
                                                "/subscriptions/{sub}/resourceGroups/{}",
                                                as_string(v, "resourceGroup", &r_at)?
                                            )
                                        }
                                        None => format!("/subscriptions/{sub}"),
                                    }
                                }
                            };
                            format!("{scope}/providers/{}", typed_name(&ty, &name))
                        }
                    };
                    Ok(Identity {
                        ty,
                        api_version,
                        name,
                        id,
                    })
                };
                if !deployed {
                    // Its id still matters: a dependency on it is dropped,
                    // however written. What cannot be evaluated of a resource
                    // that is not deployed is no error.
                    return Ok(Outcome::Skipped(identity(ev).ok()));
                }
                let Identity {
                    ty,
                    api_version,
                    name,
                    id,
                } = identity(ev)?;
                let mut json = Map::new();
                json.insert("id".to_string(), Json::String(id.clone()));
                json.insert("type".to_string(), Json::String(ty.clone()));
                json.insert("name".to_string(), Json::String(name.clone()));
                json.insert("apiVersion".to_string(), Json::String(api_version));
                if let Some(map) = body.as_object() {
                    for (key, value) in map {
                        if META.iter().any(|m| eq_ignore_case(m, key)) {
                            continue;
                        }
                        if ty.eq_ignore_ascii_case("Microsoft.Resources/deployments")
                            && eq_ignore_case(key, "properties")
                            && checked_key(value, "template").is_some()
                        {
                            continue;
                        }
                        let v = ev.json(value).map_err(|e| e.at(&child(at, key)))?;
                        json.insert(key.clone(), v.to_json());
                    }
                }
                Ok(Outcome::Deployed(Instance {
                    decl: d,
                    copy_index: index,
                    id,
                    name,
                    ty,
                    copy_name: None,
                    loop_name: None,
                    inherited,
                    json,
                }))
            };
            let result = match index {
                Some(i) => ev.with_copy(loop_name.as_deref(), i, |ev| eval_one(ev)),
                None => eval_one(ev),
            };
            let mut record = |latest_of: Option<(String, String)>| {
                if let Some(k) = index {
                    match &latest_of {
                        Some(l) => latest_copy.insert((d, k), l.clone()),
                        None => latest_copy.remove(&(d, k)),
                    };
                }
                match latest_of {
                    Some(l) => latest.insert(d, l),
                    None => latest.remove(&d),
                };
            };
            let mut inst = match result? {
                Outcome::Deployed(inst) => {
                    record(Some((inst.ty.clone(), inst.name.clone())));
                    inst
                }
                Outcome::Skipped(None) => {
                    record(None);
                    continue;
                }
                Outcome::Skipped(Some(identity)) => {
                    record(Some((identity.ty.clone(), identity.name.clone())));
                    // A deployment not deployed has no outputs; noted, so
                    // that its name does not read another deployment's.
                    if identity
                        .ty
                        .eq_ignore_ascii_case("Microsoft.Resources/deployments")
                    {
                        ev.note_deployment(&identity.id, &identity.name);
                    }
                    skipped.push(Skipped {
                        decl: d,
                        identity,
                        copy_name: copy_name.clone(),
                    });
                    continue;
                }
            };
            if out.predicted_resources.len() + instances.len() + nested_count >= MAX_RESOURCES {
                return Err(error(
                    format!("the template deploys more than {MAX_RESOURCES} resources"),
                    at,
                )
                .into());
            }
            inst.copy_name = copy_name.clone();
            inst.loop_name = loop_name.clone();
            if inst
                .ty
                .eq_ignore_ascii_case("Microsoft.Resources/deployments")
                && let Some(inner) = property_of(decl.body, "template")
            {
                // Expanded here, so that the resources after it read its
                // outputs (`reference(<deployment>).outputs.x.value`).
                let properties = checked_key(decl.body, "properties").unwrap_or(&Json::Null);
                let inner_path = member_path(
                    &member_path(at, decl.body, "properties"),
                    properties,
                    "template",
                );
                let (inner_out, outputs) =
                    expand_nested(ev, decl, &inst, inner, &inner_path, nesting, steps)?;
                nested_count += inner_out.predicted_resources.len();
                ev.record_deployment(&inst.id, &inst.name, Json::Object(known_outputs(outputs)));
                inner_snapshots.insert(instances.len(), inner_out);
            }
            instances.push(inst);
        }
    }
    // dependsOn, resolved to ids. Every instance and every skipped one is
    // indexed once, by each form an entry may name it by.
    let deployed = NameIndex::new(instances.iter().map(|other| Names {
        id: &other.id,
        ty: &other.ty,
        name: &other.name,
        symbol: decls[other.decl].symbol.as_deref(),
        copy_name: other.copy_name.as_deref(),
    }));
    let not_deployed = NameIndex::new(skipped.iter().map(|s| Names {
        id: &s.identity.id,
        ty: &s.identity.ty,
        name: &s.identity.name,
        symbol: decls[s.decl].symbol.as_deref(),
        copy_name: s.copy_name.as_deref(),
    }));
    // The instances of each declaration, in order.
    let mut of_decl: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, inst) in instances.iter().enumerate() {
        of_decl.entry(inst.decl).or_default().push(i);
    }
    let mut resolved: Vec<Vec<String>> = Vec::new();
    for inst in &instances {
        let decl = &decls[inst.decl];
        let at = &decl.path;
        let mut ids = Vec::new();
        if let Some(p) = decl.parent {
            // Deployed with each copy of its parent: that copy's.
            for parent in of_decl
                .get(&p)
                .into_iter()
                .flatten()
                .map(|&i| &instances[i])
                .filter(|i| !inst.inherited || i.copy_index == inst.copy_index)
            {
                ids.push(parent.id.clone());
            }
        }
        if let Some(Json::Array(deps)) = checked_key(decl.body, "dependsOn") {
            for (k, dep) in deps.iter().enumerate() {
                let v = match inst.copy_index {
                    Some(i) => ev.with_copy(inst.loop_name.as_deref(), i, |ev| ev.json(dep)),
                    None => ev.json(dep),
                }
                .map_err(|e| e.at(&format!("{}[{k}]", member_path(at, decl.body, "dependsOn"))))?;
                // An entry only the deployment knows (`reference()`, a
                // runtime value) may name any resource, deployed or not: it
                // is shown unevaluated, as any other unknown value, rather
                // than dropped or matched.
                if let Value::Unknown(e) = &v {
                    ids.push(format!("[{}]", super::render(e)));
                    continue;
                }
                let text = as_string(
                    v,
                    "dependsOn entry",
                    &format!("{}[{k}]", member_path(at, decl.body, "dependsOn")),
                )?;
                let named = deployed.matching(&text);
                ids.extend(named.iter().map(|&i| instances[i].id.clone()));
                // A resource whose condition is false is dropped from the
                // dependencies, whether named by id, name or symbol ("When a
                // conditional resource isn't deployed, Azure Resource Manager
                // automatically removes it from the required dependencies",
                // templates/conditional-resource-deployment#runtime-functions).
                if named.is_empty() && text.starts_with('/') && !not_deployed.any(&text) {
                    ids.push(text);
                }
            }
        }
        // One entry per resource: ids that differ only in case are one.
        let mut seen = std::collections::HashSet::new();
        ids.retain(|id| seen.insert(fold_case(id)));
        resolved.push(ids);
    }
    for (i, (inst, deps)) in instances.into_iter().zip(resolved).enumerate() {
        if let Some(inner) = inner_snapshots.remove(&i) {
            out.predicted_resources.extend(inner.predicted_resources);
            out.diagnostics.extend(inner.diagnostics);
            continue;
        }
        let mut json = inst.json;
        if !deps.is_empty() {
            json.insert(
                "dependsOn".to_string(),
                Json::Array(deps.into_iter().map(Json::String).collect()),
            );
        }
        if json
            .get("name")
            .and_then(Json::as_str)
            .is_some_and(|n| n.starts_with('['))
        {
            out.diagnostics.push(format!(
                "{} Warning snapshot-unknown-name: the name is only known during deployment",
                inst.id
            ));
        }
        out.predicted_resources.push(Json::Object(json));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Instances as `(id, type, name, symbol, copy loop)`.
    type Row = (
        &'static str,
        &'static str,
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
    );

    const ROWS: [Row; 6] = [
        (
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/MyStore",
            "Microsoft.Storage/storageAccounts",
            "MyStore",
            Some("store"),
            None,
        ),
        (
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-0",
            "Microsoft.Network/virtualNetworks",
            "vnet-0",
            None,
            Some("Nets"),
        ),
        (
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-1",
            "Microsoft.Network/virtualNetworks",
            "vnet-1",
            None,
            Some("Nets"),
        ),
        (
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Network/virtualNetworks/vnet-0/subnets/sub",
            "Microsoft.Network/virtualNetworks/subnets",
            "vnet-0/sub",
            None,
            None,
        ),
        (
            // An extension resource: two `/providers/`.
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/MyStore/providers/Microsoft.Authorization/locks/lock",
            "Microsoft.Authorization/locks",
            "lock",
            None,
            None,
        ),
        (
            // Named as its own copy loop, and `/providers/` overlapping.
            "/providers/providers/Providers/x",
            "providers/Providers",
            "x",
            None,
            Some("X"),
        ),
    ];

    fn names(row: &Row) -> Names<'static> {
        Names {
            id: row.0,
            ty: row.1,
            name: row.2,
            symbol: row.3,
            copy_name: row.4,
        }
    }

    /// What [`Names::matches`] finds, comparing with every instance.
    fn by_scan(text: &str) -> Vec<usize> {
        (0..ROWS.len())
            .filter(|&i| names(&ROWS[i]).matches(text))
            .collect()
    }

    #[test]
    fn index_finds_what_comparing_with_every_instance_finds() {
        let index = NameIndex::new(ROWS.iter().map(names));
        let entries = [
            // Ids, ignoring case; with the group, and a subscription-level
            // id of a resource of the same name (none of this group's).
            "/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/MyStore",
            "/SUBSCRIPTIONS/S/RESOURCEGROUPS/G/PROVIDERS/MICROSOFT.STORAGE/STORAGEACCOUNTS/MYSTORE",
            "/subscriptions/s/providers/Microsoft.Storage/storageAccounts/MyStore",
            // Without the group: the tail after `/providers/`.
            "Microsoft.Storage/storageAccounts/mystore",
            "microsoft.network/virtualNetworks/VNET-0/subnets/sub",
            "Microsoft.Storage/storageAccounts/MyStore/providers/Microsoft.Authorization/locks/lock",
            "Microsoft.Authorization/locks/LOCK",
            "providers/Providers/x",
            "Providers/x",
            "x",
            // `type/name` (a child's full name after its full type).
            "Microsoft.Network/virtualNetworks/subnets/vnet-0/sub",
            "Microsoft.Storage/storageAccounts/MyStore/",
            // Names: a child's full name; its short name names nothing.
            "mystore",
            "vnet-0/SUB",
            "sub",
            "subnets/sub",
            // Copy loops, ignoring case.
            "nets",
            "NETS",
            // Symbolic names, as written only.
            "store",
            "Store",
            // Nothing.
            "",
            "/",
            "/providers/",
            "Microsoft.Network/virtualNetworks",
            "vnet",
        ];
        for text in entries {
            let found = index.matching(text);
            assert_eq!(found, by_scan(text), "{text}");
            assert_eq!(index.any(text), !found.is_empty(), "{text}");
        }
        assert_eq!(index.matching("NETS"), [1, 2]);
        assert_eq!(index.matching("x"), [5]);
        assert_eq!(index.matching("Providers/x"), [5]);
        assert_eq!(index.matching("Store"), Vec::<usize>::new());
        assert_eq!(index.matching("sub"), Vec::<usize>::new());
    }

    #[test]
    fn index_folds_case_as_arm_compares_names() {
        // `ß` has no simple upper case; `ǅ` (title case) has `Ǆ`.
        let rows = [Names {
            id: "/subscriptions/s/resourceGroups/g/providers/T/t/Straße-ǅ",
            ty: "T/t",
            name: "Straße-ǅ",
            symbol: None,
            copy_name: None,
        }];
        let index = NameIndex::new(rows.iter().map(|n| Names { ..*n }));
        for text in [
            "STRAßE-Ǆ",
            "straße-ǆ",
            "STRASSE-Ǆ",
            "t/T/straße-ǅ",
            "T/t/Straße-ǅ",
        ] {
            assert_eq!(index.any(text), rows[0].matches(text), "{text}");
        }
        assert!(index.any("straße-ǆ"));
        assert!(!index.any("STRASSE-Ǆ"));
    }

    /// The ids each resource of `template`'s snapshot depends on.
    fn depends(template: &Json) -> Vec<(String, Json)> {
        let out = snapshot(template, &json!({}), &Context::default()).expect("snapshot");
        out.predicted_resources
            .iter()
            .map(|r| {
                (
                    r["name"].as_str().unwrap_or_default().to_string(),
                    r["dependsOn"].clone(),
                )
            })
            .collect()
    }

    #[test]
    fn depends_on_names_ids_loops_and_children_ignoring_case() {
        let template = json!({
            "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
            "contentVersion": "1.0.0.0",
            "resources": [
                {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "MyStore"},
                {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "Off", "condition": false},
                {
                    "copy": {"name": "Nets", "count": 2},
                    "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01",
                    "name": "[concat('vnet-', copyIndex())]",
                    "resources": [{
                        "type": "subnets", "apiVersion": "2023-09-01", "name": "sub",
                        "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', concat('VNET-', copyIndex()))]"]
                    }]
                },
                {
                    "type": "Microsoft.Web/sites", "apiVersion": "2022-09-01", "name": "app",
                    "dependsOn": [
                        "mystore",
                        "[resourceId('Microsoft.Storage/storageAccounts', 'MYSTORE')]",
                        "nets",
                        "Microsoft.Network/virtualNetworks/VNET-1/subnets/sub",
                        "sub",
                        "[resourceId('Microsoft.Storage/storageAccounts', 'off')]",
                        "[subscriptionResourceId('Microsoft.Storage/storageAccounts', 'MyStore')]",
                        "Microsoft.Storage/storageAccounts/MyStore"
                    ]
                }
            ]
        });
        let rg =
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers";
        let store = format!("{rg}/Microsoft.Storage/storageAccounts/MyStore");
        let vnet = |i: usize| format!("{rg}/Microsoft.Network/virtualNetworks/vnet-{i}");
        let got = depends(&template);
        let expected = vec![
            ("MyStore".to_string(), Json::Null),
            ("vnet-0".to_string(), Json::Null),
            ("vnet-1".to_string(), Json::Null),
            // A nested child: its parent's copy, once however written.
            ("vnet-0/sub".to_string(), json!([vnet(0)])),
            ("vnet-1/sub".to_string(), json!([vnet(1)])),
            (
                "app".to_string(),
                json!([
                    store,
                    vnet(0),
                    vnet(1),
                    format!("{}/subnets/sub", vnet(1)),
                    // Not this group's: kept as written.
                    "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Storage/storageAccounts/MyStore"
                ]),
            ),
        ];
        assert_eq!(got, expected);
    }
}
