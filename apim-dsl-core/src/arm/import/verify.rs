//! Checking an import: the generated text compiled, and its ARM JSON compared
//! with the original as ARM reads both.

use super::parse_string_value;
use super::{Accepts, Constants, ImportError, Imported, Marks, Options, import_with};
use crate::arm::FUNCTION_PARAMETER_TYPES;
use crate::arm::expr::{StringValue, name_key, same_name};
use crate::arm::json_pos::{index_path, key_path};
pub use crate::diag::Leniency;
use crate::ir::{Expr, ExprKind, Key};
use serde_json::{Map, Value};

/// Compiles the generated text of an import.
///
/// # Errors
/// The text does not tokenize (a bug of the importer): the lexer's message.
pub fn compile(imported: &Imported) -> Result<crate::Compilation, String> {
    let tokens: proc_macro2::TokenStream = imported
        .body_text()
        .parse()
        .map_err(|e: proc_macro2::LexError| format!("the generated text does not tokenize: {e}"))?;
    Ok(crate::compile(tokens))
}

/// The byte offset in `text` where `span` starts: with the `span-locations`
/// feature, for spans of tokens parsed from `text`; otherwise never.
pub fn span_offset(text: &str, span: proc_macro2::Span) -> Option<usize> {
    #[cfg(feature = "span-locations")]
    {
        let start = span.start();
        if start.line == 0 {
            return None;
        }
        let line_start = if start.line == 1 {
            0
        } else {
            text.match_indices('\n').nth(start.line - 2)?.0 + 1
        };
        let line = &text[line_start..];
        let column = line
            .char_indices()
            .nth(start.column)
            .map_or(line.len(), |(i, _)| i);
        Some(line_start + column)
    }
    #[cfg(not(feature = "span-locations"))]
    {
        let _ = (text, span);
        None
    }
}

/// A template imported, compiled and compared with the original.
pub struct Checked {
    /// The import.
    pub imported: Imported,
    /// What it compiles to (module templates as placeholders).
    pub output: crate::Output,
    /// The ARM JSON it compiles to, module templates spliced in (as the
    /// macro does).
    pub arm: Value,
    /// The compiler's errors that an `#[accept("path")]` in the output
    /// silences (at the JSON path of the value, with the compiler's message),
    /// modules' included: the template deploys these values although the type
    /// data rejects them. Each may be a real mistake of the template; the CLI
    /// prints them as warnings.
    pub accepted: Vec<ImportError>,
}

/// How many times [`import_checked`] compiles, adding `#[accept]`s.
const MAX_ROUNDS: usize = 8;

/// Imports a template and proves the import: compiles the text and compares
/// the ARM JSON with the original. Where the compiler's type data rejects a
/// value of a resource body (Azure deploys more than its schemas say), the
/// resource gets `#[accept("path")]` for that path, the DSL's named way out,
/// and the text is compiled again.
///
/// # Errors
/// What the DSL cannot express, every compile error left (at its JSON path,
/// with the compiler's message), or the first difference of the JSON.
pub fn import_checked(template: &Value, options: &Options) -> Result<Checked, Vec<ImportError>> {
    let checked = import_checked_at(
        &as_json_net_reads(template),
        options,
        0,
        &mut Constants::new(),
    )?;
    // rustc rejects a constant declared twice: the proof, which matches each
    // module to its template by name, would not see it.
    if let Some(name) = twice_declared(&checked.imported.source) {
        return Err(vec![ImportError {
            path: "$".to_string(),
            message: format!(
                "internal error of the import: the constant `{name}` is declared twice"
            ),
        }]);
    }
    Ok(checked)
}

/// The first constant (`pub const NAME;`) generated source declares twice.
pub(super) fn twice_declared(source: &str) -> Option<&str> {
    let mut declared = std::collections::BTreeSet::new();
    source
        .lines()
        .filter_map(|line| {
            line.trim()
                .strip_prefix("pub const ")
                .and_then(|rest| rest.strip_suffix(';'))
        })
        .find(|name| !declared.insert(*name))
}

/// `template` with each `-0` as the integer 0, as JSON.NET (and so ARM) reads
/// it; serde_json reads it as the float -0.0 (and `-0.0` alike, which JSON.NET
/// keeps a float: rare enough to read the same way here).
fn as_json_net_reads(template: &Value) -> Value {
    match template {
        Value::Number(n) if n.as_f64().is_some_and(|f| f == 0.0 && f.is_sign_negative()) => {
            Value::from(0)
        }
        Value::Array(items) => Value::Array(items.iter().map(as_json_net_reads).collect()),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), as_json_net_reads(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// How deep modules nest in modules before import gives up.
const MAX_MODULE_DEPTH: usize = 16;

/// `path` of an inner template's value, as a path of the outer template.
fn prefixed(prefix: &str, path: &str) -> String {
    format!("{prefix}{}", path.strip_prefix('$').unwrap_or(path))
}

/// [`import_checked`] of a template `depth` modules down, whose modules'
/// constants differ from `constants` (those of the output so far), to which
/// they are added.
fn import_checked_at(
    template: &Value,
    options: &Options,
    depth: usize,
    constants: &mut Constants,
) -> Result<Checked, Vec<ImportError>> {
    if depth > MAX_MODULE_DEPTH {
        return Err(vec![ImportError {
            path: "$".to_string(),
            message: format!("modules nest more than {MAX_MODULE_DEPTH} deep"),
        }]);
    }
    let mut marks = Marks::default();
    let mut refused: Vec<(String, String)> = Vec::new();
    // Why each `#[accept]` was added: (resource, accepted path) -> the error.
    let mut reasons: Vec<((String, String), ImportError)> = Vec::new();
    // Why each `#[unchecked]` was added: resource -> the error.
    let mut unchecked_reasons: Vec<(String, ImportError)> = Vec::new();
    let before = constants.clone();
    for _ in 0..MAX_ROUNDS {
        // Each round names the modules anew, as the first did.
        constants.clone_from(&before);
        let mut inner_accepted = Vec::new();
        let mut imported = import_with(template, options, &marks, constants)?;
        let mut inner_sources = String::new();
        let mut inner_errors = Vec::new();
        let mut inner_arm = Vec::new();
        for (path, const_name, inner) in &imported.modules {
            let inner_options = Options {
                const_name: const_name.clone(),
                symbolic: options.symbolic,
                for_checking: options.for_checking,
            };
            match import_checked_at(inner, &inner_options, depth + 1, constants) {
                Ok(checked) => {
                    inner_accepted.extend(checked.accepted.into_iter().map(|e| ImportError {
                        path: prefixed(path, &e.path),
                        message: e.message,
                    }));
                    inner_arm.push(checked.arm);
                    inner_sources.push('\n');
                    inner_sources.push_str(&checked.imported.source);
                }
                Err(errors) => inner_errors.extend(errors.into_iter().map(|e| ImportError {
                    path: prefixed(path, &e.path),
                    message: e.message,
                })),
            }
        }
        if !inner_errors.is_empty() {
            return Err(inner_errors);
        }
        let compilation = compile(&imported).map_err(|message| {
            vec![ImportError {
                path: "$".to_string(),
                message,
            }]
        })?;
        let errors = match compilation.output {
            Ok(output) => {
                let mut emitted: Value = serde_json::from_str(&output.arm).map_err(|e| {
                    vec![ImportError {
                        path: "$".to_string(),
                        message: format!("the compiled template is not JSON: {e}"),
                    }]
                })?;
                // The modules' templates, proved on their own above, where the
                // macro splices them in: each by the name of its constant, as
                // rustc finds it.
                let inner = modules_by_name(&imported, &output.template)?;
                splice_modules(&mut emitted, &inner, 0);
                splice_module_outputs(&mut emitted, &inner, 0);
                if allow_lints(&imported, &output.warnings, &mut marks.allows) {
                    continue;
                }
                let difference = if options.symbolic {
                    different_deployment(template, &emitted)
                } else {
                    first_difference(template, &emitted)
                };
                if let Some(mut difference) = difference {
                    let hint = if options.symbolic {
                        ""
                    } else {
                        " (an import with `--symbolic` writes the same deployment in the DSL's own spelling, which need not match the original's text)"
                    };
                    difference.message = format!(
                        "the DSL cannot express this exactly: {}{hint}",
                        difference.message
                    );
                    return Err(vec![difference]);
                }
                imported.source.push_str(&inner_sources);
                let mut accepted: Vec<ImportError> = reasons
                    .into_iter()
                    .filter(|((resource, relative), _)| {
                        marks
                            .accepts
                            .get(resource)
                            .is_some_and(|list| list.contains(relative))
                    })
                    .map(|(_, error)| error)
                    .collect();
                accepted.extend(
                    unchecked_reasons
                        .into_iter()
                        .filter(|(resource, _)| marks.unchecked.contains(resource))
                        .map(|(_, error)| error),
                );
                accepted.extend(inner_accepted);
                return Ok(Checked {
                    imported,
                    output,
                    arm: emitted,
                    accepted,
                });
            }
            Err(errors) => errors,
        };
        let mut changed = false;
        let mut left = Vec::new();
        for error in &errors {
            let offset = span_offset(imported.body_text(), error.span());
            if let Some((resource, accepted)) = offset.and_then(|o| imported.accept_at(o)) {
                if let Some(list) = marks.accepts.get_mut(resource) {
                    list.retain(|a| a != accepted);
                }
                refused.push((resource.to_string(), accepted.to_string()));
                changed = true;
                continue;
            }
            let path = offset
                .and_then(|o| imported.path_at_body_offset(o))
                .unwrap_or("$")
                .to_string();
            let message = error.to_string();
            if let Some((resource, _)) = imported.resource_relative(&path)
                && unknown_to_the_type_data(&message)
            {
                // ARM deploys a type or API version the type data lacks:
                // imported with `#[unchecked]`, as the language reference
                // says to write it ("Resource types").
                if marks.unchecked.insert(resource.to_string()) {
                    unchecked_reasons.push((
                        resource.to_string(),
                        ImportError {
                            path: path.clone(),
                            message: message.clone(),
                        },
                    ));
                    changed = true;
                    continue;
                }
            }
            if let Some((resource, relative)) = imported.resource_relative(&path) {
                let relative = missing_path(&message).unwrap_or(relative).to_string();
                let acceptable = acceptable(&relative)
                    && !refused.contains(&(resource.to_string(), relative.clone()));
                let list = marks.accepts.entry(resource.to_string()).or_default();
                if acceptable && !list.contains(&relative) {
                    list.push(relative.clone());
                    reasons.push((
                        (resource.to_string(), relative),
                        ImportError {
                            path: path.clone(),
                            message: message.clone(),
                        },
                    ));
                    changed = true;
                    continue;
                }
            }
            left.push(ImportError { path, message });
        }
        marks.accepts.retain(|_, list| !list.is_empty());
        if !changed {
            return Err(left);
        }
    }
    Err(vec![ImportError {
        path: "$".to_string(),
        message: "the compiler's errors did not settle".to_string(),
    }])
}

/// Adds `#[allow]`s for the lints the original template trips on purpose:
/// `unused` on parameters and variables, `enum_spelling` on resources,
/// `member_case` on the template.
/// Whether any was added.
fn allow_lints(
    imported: &Imported,
    warnings: &[crate::diag::Warning],
    allows: &mut Accepts,
) -> bool {
    let mut added = false;
    for warning in warnings {
        // Read anywhere (outputs too, which take no `#[allow]`): on the
        // template, wherever the warning is.
        let member_case = warning.lint == Some(crate::diag::Lint::MemberCase);
        let path = span_offset(imported.body_text(), warning.span)
            .and_then(|o| imported.path_at_body_offset(o));
        let Some(path) = path.or(member_case.then_some("$")) else {
            continue;
        };
        let target = if member_case {
            Some(("$".to_string(), "member_case"))
        } else if warning.message.contains("#[allow(unused)]")
            && (path.starts_with("$.parameters") || path.starts_with("$.variables"))
        {
            Some((path.to_string(), "unused"))
        } else if warning.message.contains("enum_spelling") {
            imported
                .resource_relative(path)
                .map(|(resource, _)| (resource.to_string(), "enum_spelling"))
        } else {
            None
        };
        if let Some((at, lint)) = target {
            let list = allows.entry(at).or_default();
            if !list.iter().any(|l| l == lint) {
                list.push(lint.to_string());
                added = true;
            }
        }
    }
    added
}

/// The inner templates of the compiled modules, in the compiler's order (that
/// of its placeholders): each the one imported as the constant the module
/// names, which must be exactly one.
pub(super) fn modules_by_name(
    imported: &Imported,
    compiled: &crate::ir::Template,
) -> Result<Vec<Value>, Vec<ImportError>> {
    compiled
        .modules
        .iter()
        .map(|module| {
            let named: Vec<&(String, String, Value)> = imported
                .modules
                .iter()
                .filter(|(_, name, _)| *name == module.template_name)
                .collect();
            match named.as_slice() {
                [(_, _, template)] => Ok(template.clone()),
                _ => Err(vec![ImportError {
                    path: "$".to_string(),
                    message: format!(
                        "internal error of the import: {} inner templates are imported as the constant `{}` the module `{}` deploys",
                        named.len(),
                        module.template_name,
                        module.symbol
                    ),
                }]),
            }
        })
        .collect()
}

/// Puts the module templates where the compiler left their placeholders.
fn splice_modules(value: &mut Value, modules: &[Value], depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::String(text) => {
            if let Some(index) = text
                .strip_prefix(crate::emit::arm::MODULE_PLACEHOLDER)
                .and_then(|i| i.parse::<usize>().ok())
                && let Some(template) = modules.get(index)
            {
                *value = template.clone();
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| splice_modules(v, modules, depth + 1)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|v| splice_modules(v, modules, depth + 1)),
        _ => {}
    }
}

/// Puts each read of a module's output where the compiler left its
/// placeholder, as `apim_dsl` does at compile time: the plain `reference()`
/// form, or `listOutputsWithSecureValues()` for a secure output of the
/// module's template.
fn splice_module_outputs(value: &mut Value, modules: &[Value], depth: usize) {
    use crate::emit::arm_expr::{MODULE_OUTPUT_MARKER, module_output};
    if depth > MAX_DEPTH {
        return;
    }
    match value {
        Value::String(text) if text.contains(MODULE_OUTPUT_MARKER) => {
            let mut out = String::with_capacity(text.len());
            let mut rest = text.as_str();
            while let Some(at) = rest.find(MODULE_OUTPUT_MARKER) {
                out.push_str(&rest[..at]);
                let (output, tail) = module_output(&rest[at + MODULE_OUTPUT_MARKER.len()..]);
                if let Some(output) = output {
                    let secure_output = output
                        .index
                        .and_then(|i| modules.get(i))
                        .and_then(|m| m.get("outputs"))
                        .and_then(Value::as_object)
                        .and_then(|outputs| {
                            outputs
                                .iter()
                                .find(|(n, _)| n.eq_ignore_ascii_case(output.name))
                        })
                        .is_some_and(|(_, output)| super::is_secure_output(output));
                    out.push_str(if secure_output {
                        output.secure
                    } else {
                        output.plain
                    });
                }
                rest = tail;
            }
            out.push_str(rest);
            *text = out;
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| splice_module_outputs(v, modules, depth + 1)),
        Value::Object(map) => map
            .values_mut()
            .for_each(|v| splice_module_outputs(v, modules, depth + 1)),
        _ => {}
    }
}

/// The path of "... is missing `properties.value`" messages.
fn missing_path(message: &str) -> Option<&str> {
    let rest = message.split("is missing `").nth(1)?;
    rest.split('`').next()
}

/// Whether `#[accept]` can name this body path: a plain path below a body key
/// that is the resource's data, not its name, scope or dependencies.
fn acceptable(path: &str) -> bool {
    let first = path.split(['.', '[']).next().unwrap_or("");
    let valid = path.split('.').all(|part| {
        let key = part.split('[').next().unwrap_or("");
        !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '-')
            && part[key.len()..].split_inclusive(']').all(|index| {
                index
                    .strip_prefix('[')
                    .and_then(|i| i.strip_suffix(']'))
                    .is_some_and(|i| i.chars().all(|c| c.is_ascii_digit()))
            })
    });
    valid
        && !matches!(
            first,
            "name"
                | "dependsOn"
                | "resources"
                | "scope"
                | "type"
                | "apiVersion"
                | "copy"
                | "condition"
        )
}

/// The first difference between a template and the one its import compiles to,
/// as ARM reads them: expressions compared parsed (white space, function name
/// case), parameter and output types ignoring case, key order aside. `None`
/// when they are the same.
pub fn first_difference(original: &Value, emitted: &Value) -> Option<ImportError> {
    let original = canonical(original, "$", 0, None, &[]);
    let emitted = canonical(emitted, "$", 0, None, &[]);
    diff("$", &original, &emitted).map(|(path, message)| ImportError { path, message })
}

/// Whether two templates deploy differently, for symbolic imports (whose
/// expressions and `dependsOn` are spelled otherwise): the same parameters and
/// outputs, and the same resources (type, API version, in order, nested ones
/// after their parent).
pub fn different_deployment(original: &Value, emitted: &Value) -> Option<ImportError> {
    for section in ["parameters", "outputs"] {
        let keys = |v: &Value| -> Vec<String> {
            v.get(section)
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default()
        };
        if keys(original) != keys(emitted) {
            return Some(ImportError {
                path: key_path("$", section),
                message: format!("the compiled template declares other {section}"),
            });
        }
    }
    let a = flatten(original);
    let b = flatten(emitted);
    if a != b {
        return Some(ImportError {
            path: "$.resources".to_string(),
            message: format!(
                "the compiled template deploys other resources: {} instead of {}",
                b.join(", "),
                a.join(", ")
            ),
        });
    }
    different_snapshot(original, emitted)
}

/// The two templates evaluated ([`crate::eval::snapshot()`]) for the same
/// parameter values: the resources each would deploy, by type, name and id,
/// in order, copies and conditions included, must be the same, and so must the
/// values of the outputs and of the variables both declare (a rewritten loop
/// that reads the item where ARM reads the index changes them and nothing
/// else). Values given to the parameters without a default are made up from
/// their declarations (the first allowed value, the lower bound, ...). `None`
/// as well when the original itself cannot be evaluated: there is nothing to
/// compare with.
fn different_snapshot(original: &Value, emitted: &Value) -> Option<ImportError> {
    let parameters = made_up_parameters(original);
    let ctx = crate::eval::Context {
        location: Some("westeurope".to_string()),
        ..crate::eval::Context::default()
    };
    let predicted = |snapshot: &crate::eval::Snapshot| {
        snapshot
            .predicted_resources
            .iter()
            .map(|r| {
                let field = |k: &str| r.get(k).and_then(Value::as_str).unwrap_or("").to_string();
                // The rest of the resource too, but `dependsOn` (the DSL
                // writes what ARM infers) and values known only once
                // deployed (`"[reference(...)]"`, spelled as each writes it).
                let mut rest = r.clone();
                if let Value::Object(map) = &mut rest {
                    // `scope` as each writes it: the id holds it.
                    for key in ["type", "name", "id", "dependsOn", "scope"] {
                        map.remove(key);
                    }
                }
                format!(
                    "{} {} {} {}",
                    field("type").to_ascii_lowercase(),
                    field("name"),
                    field("id"),
                    unknowns_blanked(&rest, true)
                )
            })
            .collect::<Vec<String>>()
    };
    let Ok(before_snapshot) = crate::eval::snapshot(original, &parameters, &ctx) else {
        return None;
    };
    let after_snapshot = match crate::eval::snapshot(emitted, &parameters, &ctx) {
        Ok(after) => after,
        Err(e) => {
            return Some(ImportError {
                path: "$".to_string(),
                message: format!(
                    "the compiled template cannot be evaluated where the original can: {e}"
                ),
            });
        }
    };
    let before = predicted(&before_snapshot);
    let after = predicted(&after_snapshot);
    let first = before.iter().zip(&after).position(|(x, y)| x != y);
    match first {
        None if before.len() == after.len() => {}
        _ => {
            let at = first.unwrap_or(before.len().min(after.len()));
            let show = |list: &[String]| {
                list.get(at)
                    .cloned()
                    .unwrap_or_else(|| "nothing".to_string())
            };
            return Some(ImportError {
                path: "$.resources".to_string(),
                message: format!(
                    "the compiled template deploys other resources: resource {} would be `{}` instead of `{}`",
                    at + 1,
                    show(&after),
                    show(&before)
                ),
            });
        }
    }
    let outputs = different_values(
        &before_snapshot.outputs,
        &after_snapshot.outputs,
        |name| key_path("$.outputs", name),
        "output",
    );
    outputs.or_else(|| different_variables(original, emitted, &parameters, &ctx))
}

/// The first value of `before` that `after` gives otherwise (values known only
/// once deployed aside), as an error at `path(name)`.
fn different_values(
    before: &Map<String, Value>,
    after: &Map<String, Value>,
    path: impl Fn(&str) -> String,
    what: &str,
) -> Option<ImportError> {
    for (name, value) in before {
        let other = after
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v);
        let same =
            other.is_some_and(|o| unknowns_blanked(o, false) == unknowns_blanked(value, false));
        if !same {
            return Some(ImportError {
                path: path(name),
                message: format!(
                    "the compiled template's {what} `{name}` would be {} instead of {}",
                    other.map_or_else(|| "missing".to_string(), short),
                    short(value)
                ),
            });
        }
    }
    None
}

/// The variables of `template` (a copy loop's by its name), each with its JSON
/// path.
fn variable_names(template: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(map) = template.get("variables").and_then(Value::as_object) else {
        return out;
    };
    for (name, value) in map {
        if name.eq_ignore_ascii_case("copy")
            && let Value::Array(copies) = value
        {
            let at = key_path("$.variables", name);
            for (k, copy) in copies.iter().enumerate() {
                if let Some(n) = copy.get("name").and_then(Value::as_str) {
                    out.push((n.to_string(), index_path(&at, k)));
                }
            }
            continue;
        }
        out.push((name.clone(), key_path("$.variables", name)));
    }
    out
}

/// The values of the variables `names` of `template`, as ARM evaluates them:
/// the template without its resources, its outputs those variables.
fn variable_values(
    template: &Value,
    names: &[&str],
    parameters: &Value,
    ctx: &crate::eval::Context,
) -> Result<Map<String, Value>, String> {
    let mut probe = Map::new();
    for key in [
        "$schema",
        "contentVersion",
        "parameters",
        "variables",
        "functions",
    ] {
        if let Some(v) = template.get(key) {
            probe.insert(key.to_string(), v.clone());
        }
    }
    probe.insert("resources".to_string(), Value::Array(Vec::new()));
    let outputs: Map<String, Value> = names
        .iter()
        .map(|name| {
            let value = format!("[variables('{}')]", name.replace('\'', "''"));
            let output = serde_json::json!({ "type": "object", "value": value });
            ((*name).to_string(), output)
        })
        .collect();
    probe.insert("outputs".to_string(), Value::Object(outputs));
    crate::eval::snapshot(&Value::Object(probe), parameters, ctx)
        .map(|s| s.outputs)
        .map_err(|e| e.to_string())
}

/// The first variable of the original (declared by the compiled template too)
/// whose value the compiled template changes. The variables the original
/// cannot evaluate on their own are left out.
fn different_variables(
    original: &Value,
    emitted: &Value,
    parameters: &Value,
    ctx: &crate::eval::Context,
) -> Option<ImportError> {
    let declared: Vec<String> = variable_names(emitted)
        .into_iter()
        .map(|(name, _)| name.to_ascii_lowercase())
        .collect();
    let names: Vec<(String, String)> = variable_names(original)
        .into_iter()
        .filter(|(name, _)| declared.contains(&name.to_ascii_lowercase()))
        .collect();
    if names.is_empty() {
        return None;
    }
    let path_of = |name: &str| {
        names
            .iter()
            .find(|(n, _)| n == name)
            .map_or_else(|| "$.variables".to_string(), |(_, p)| p.clone())
    };
    let compare = |group: &[&str]| -> Option<ImportError> {
        let before = variable_values(original, group, parameters, ctx).ok()?;
        match variable_values(emitted, group, parameters, ctx) {
            Ok(after) => different_values(&before, &after, path_of, "variable"),
            Err(e) => Some(ImportError {
                path: path_of(group.first().copied().unwrap_or("")),
                message: format!(
                    "the compiled template's variables cannot be evaluated where the original's can: {e}"
                ),
            }),
        }
    };
    let all: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    if variable_values(original, &all, parameters, ctx).is_ok() {
        return compare(&all);
    }
    // One of them fails on its own (a function the evaluator does not know):
    // the others one by one.
    all.iter().find_map(|name| compare(&[name]))
}

/// `value` as text, keys in sorted order (key order means nothing to ARM),
/// with every value the evaluator left unknown (`"[...]"`) as `?`, and
/// with `fold_case`, strings and keys compared ignoring case (ARM reads enum
/// values so; the DSL writes `Inner`, for instance).
fn unknowns_blanked(value: &Value, fold_case: bool) -> String {
    fn blank(value: &Value, out: &mut String, fold_case: bool) {
        let fold = |s: &str| {
            if fold_case {
                s.to_ascii_lowercase()
            } else {
                s.to_string()
            }
        };
        match value {
            Value::String(s) if s.starts_with('[') && s.ends_with(']') => out.push('?'),
            Value::String(s) => out.push_str(&Value::String(fold(s)).to_string()),
            Value::Array(items) => {
                out.push('[');
                for item in items {
                    blank(item, out, fold_case);
                    out.push(',');
                }
                out.push(']');
            }
            Value::Object(map) => {
                let mut entries: Vec<(String, &Value)> =
                    map.iter().map(|(k, v)| (fold(k), v)).collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                out.push('{');
                for (key, value) in entries {
                    out.push_str(&key);
                    out.push(':');
                    blank(value, out, fold_case);
                    out.push(',');
                }
                out.push('}');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let mut out = String::new();
    blank(value, &mut out, fold_case);
    out
}

/// Values for the parameters without a default, from their declarations.
fn made_up_parameters(template: &Value) -> Value {
    let mut values = serde_json::Map::new();
    for (name, def) in template
        .get("parameters")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if def.get("defaultValue").is_some() {
            continue;
        }
        let allowed = def.get("allowedValues").and_then(Value::as_array);
        let ty = def
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        let value = match (allowed.and_then(|a| a.first()), ty.as_str()) {
            (Some(first), "array") => Value::Array(vec![first.clone()]),
            (Some(first), _) => first.clone(),
            (None, "int") => def
                .get("minValue")
                .cloned()
                .unwrap_or_else(|| Value::from(1)),
            (None, "bool") => Value::Bool(true),
            (None, "array") => Value::Array(Vec::new()),
            (None, "object" | "secureobject") => Value::Object(serde_json::Map::new()),
            (None, _) => {
                // A string long enough for its `minLength`.
                let min = def.get("minLength").and_then(Value::as_u64).unwrap_or(1) as usize;
                Value::String(format!("p{}", "x".repeat(min.saturating_sub(1).min(64))))
            }
        };
        values.insert(name.clone(), value);
    }
    Value::Object(values)
}

/// `type@apiVersion` of every resource, nested ones after their parent.
fn flatten(template: &Value) -> Vec<String> {
    fn walk(resources: Option<&Value>, outer: &str, out: &mut Vec<String>, depth: usize) {
        let Some(Value::Array(items)) = resources else {
            return;
        };
        if depth > 32 {
            return;
        }
        for r in items {
            let written = r.get("type").and_then(Value::as_str).unwrap_or("");
            let ty = if !outer.is_empty() && !written.contains('/') {
                format!("{outer}/{written}")
            } else {
                written.to_string()
            };
            let version = r.get("apiVersion").and_then(Value::as_str).unwrap_or("");
            out.push(format!("{}@{version}", ty.to_ascii_lowercase()));
            walk(r.get("resources"), &ty, out, depth + 1);
        }
    }
    let mut out = Vec::new();
    walk(template.get("resources"), "", &mut out, 0);
    out
}

/// How deep values are compared (serde_json's own limit is 128).
const MAX_DEPTH: usize = 200;

/// `value` as compared: expressions rendered one way, and what ARM reads
/// alike written alike ([`equivalent_forms`]). `own_loop` is the copy name of
/// the resource `value` is in, or of the looped resource that one is nested
/// in (whose loop it shares): its `copyIndex('name')` is `copyIndex()`, as
/// the DSL writes it (its resource loops have no names to give). `functions`
/// are the user-defined functions of the template `value` is in, whose calls
/// are compared by name ignoring case, as ARM reads them.
fn canonical(
    value: &Value,
    path: &str,
    depth: usize,
    own_loop: Option<&str>,
    functions: &[(String, String)],
) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match value {
        Value::String(text) => json_number(text, functions)
            .unwrap_or_else(|| Value::String(canonical_string(text, own_loop, functions))),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, v)| canonical(v, &index_path(path, i), depth + 1, own_loop, functions))
                .collect(),
        ),
        Value::Object(map) => {
            // A template (the root, or a module's inner one) declaring its
            // own functions: its expressions call those.
            let own_functions = declared_functions(map);
            let functions = own_functions.as_deref().unwrap_or(functions);
            let typed = path.starts_with("$.parameters.") || path.starts_with("$.outputs.");
            // A resource with a loop; its children have their own.
            let resource_loop = map
                .get("copy")
                .and_then(|c| c.get("name"))
                .and_then(Value::as_str)
                .filter(|_| map.contains_key("type"));
            // A property loop of the resource loop's name: `copyIndex('name')`
            // in its `input` is its own (the innermost loop of a name).
            let own_loop = own_loop.filter(|name| {
                !(map.contains_key("input")
                    && map
                        .get("name")
                        .and_then(Value::as_str)
                        .is_some_and(|n| same_name(n, name)))
            });
            let mut out = Map::new();
            for (k, v) in map {
                let at = key_path(path, k);
                // Its nested resources share its loop (ARM deploys them
                // with each of its copies: "Resource iteration in ARM
                // templates"), unless they have a `copy` of their own; the
                // loops of its properties read the resource's index as the
                // resource does. A template's `resources` have loops of
                // their own.
                let inner_loop = match k.as_str() {
                    "resources" if !map.contains_key("type") => None,
                    _ => resource_loop.or(own_loop),
                };
                let v = match (k.as_str(), v) {
                    ("type", Value::String(t)) if typed && at.matches('.').count() == 3 => {
                        Value::String(t.to_ascii_lowercase())
                    }
                    _ => canonical(v, &at, depth + 1, inner_loop, functions),
                };
                out.insert(canonical_string(k, own_loop, functions), v);
            }
            equivalent_forms(&mut out, path);
            Value::Object(out)
        }
        other => other.clone(),
    }
}

/// The user-defined functions `map` declares, as `(namespace, name)` in the
/// order of its `functions`, if it is a template that declares any.
fn declared_functions(map: &Map<String, Value>) -> Option<Vec<(String, String)>> {
    if !(map.contains_key("resources") || map.contains_key("$schema")) {
        return None;
    }
    let Some(Value::Array(entries)) = map.get("functions") else {
        return None;
    };
    let mut functions = Vec::new();
    for entry in entries {
        let namespace = entry.get("namespace").and_then(Value::as_str).unwrap_or("");
        if let Some(Value::Object(members)) = entry.get("members") {
            for name in members.keys() {
                functions.push((namespace.to_string(), name.clone()));
            }
        }
    }
    Some(functions)
}

/// Writes that ARM reads alike, made the same: a nested deployment's
/// `parameters` absent or `{}` (the DSL always writes them) and their names in
/// any case (ARM matches them to the inner template's ignoring case), and a
/// resource copy's `mode` as its [`super::CopyMode`]: in any case (`serial`,
/// `Serial`: ARM's enum values ignore case), `serial` without a `batchSize`
/// as with a `batchSize` of 1, `parallel` as no `mode`.
fn equivalent_forms(object: &mut Map<String, Value>, path: &str) {
    if path.ends_with(".copy") && !object.contains_key("input") {
        match super::copy_mode(object) {
            Ok(super::CopyMode::Parallel) => {
                object.remove("mode");
            }
            Ok(super::CopyMode::Serial(n)) => {
                object.insert("mode".to_string(), Value::from("serial"));
                object.insert("batchSize".to_string(), Value::from(n));
            }
            Err(_) => {
                if let Some(Value::String(mode)) = object.get_mut("mode") {
                    *mode = mode.to_ascii_lowercase();
                }
            }
        }
    }
    // A resource's `dependsOn` entry written as a name (a resource's or a copy
    // loop's) is matched ignoring case, as ARM matches names.
    if object.contains_key("type")
        && let Some(Value::Array(entries)) = object.get_mut("dependsOn")
    {
        for entry in entries {
            if let Value::String(name) = entry
                && !name.starts_with('[')
            {
                *name = name.to_ascii_lowercase();
            }
        }
    }
    // A resource's empty `resources: []` nests nothing, and an empty
    // `dependsOn: []` waits for nothing: ARM reads each as no key, and the
    // DSL writes none.
    if object.contains_key("type") {
        for key in ["resources", "dependsOn"] {
            if matches!(object.get(key), Some(Value::Array(items)) if items.is_empty()) {
                object.remove(key);
            }
        }
    }
    let deployment = object
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Resources/deployments"));
    if deployment && let Some(Value::Object(properties)) = object.get_mut("properties") {
        match properties.get_mut("parameters") {
            Some(Value::Object(given)) if given.is_empty() => {
                properties.remove("parameters");
            }
            // Matched to the inner template's parameters ignoring case.
            Some(Value::Object(given)) => {
                *given = std::mem::take(given)
                    .into_iter()
                    .map(|(name, value)| (name.to_ascii_lowercase(), value))
                    .collect();
            }
            _ => {}
        }
    }
}

/// `[json('30.0')]` as the number it gives, which is how the DSL (and Bicep)
/// write a JSON number that is not an integer: ARM reads both as the same
/// float (`JTokenType.Float`). `None` for any other text.
fn json_number(text: &str, functions: &[(String, String)]) -> Option<Value> {
    let Ok(StringValue::Expr(expr)) = parse_string_value(text, functions) else {
        return None;
    };
    let ExprKind::Call(call) = &expr.kind else {
        return None;
    };
    if call.user.is_some() || !call.name.eq_ignore_ascii_case("json") {
        return None;
    }
    let [arg] = call.args.as_slice() else {
        return None;
    };
    match serde_json::from_str::<Value>(arg.as_str()?.trim()).ok()? {
        number @ Value::Number(_) => Some(number),
        _ => None,
    }
}

fn canonical_string(text: &str, own_loop: Option<&str>, functions: &[(String, String)]) -> String {
    match parse_string_value(text, functions) {
        Ok(StringValue::Expr(expr)) => {
            let expr = match own_loop {
                Some(name) => super::unnamed_copy_index(expr, name),
                None => expr,
            };
            format!("[{}]", render(&expr, functions))
        }
        // A call of a function the template does not declare: compared as
        // written, spaces aside.
        Err(_) if text.starts_with('[') && !text.starts_with("[[") => {
            text.chars().filter(|c| !c.is_whitespace()).collect()
        }
        _ => text.to_string(),
    }
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// `expr` as ARM text in one spelling: function names in lower case, a
/// user-defined function's namespace and name by their [`name_key`] (ARM
/// reads both ignoring case).
fn render(expr: &Expr, functions: &[(String, String)]) -> String {
    let render = |e: &Expr| render(e, functions);
    let list = |items: &[Expr]| items.iter().map(render).collect::<Vec<_>>().join(",");
    match &expr.kind {
        ExprKind::Str(text) => quote(text),
        ExprKind::Int(n) => n.to_string(),
        ExprKind::Bool(b) => format!("{b}()"),
        ExprKind::Null | ExprKind::Invalid => "null()".to_string(),
        ExprKind::Param(n) | ExprKind::FuncParam(n) => format!("parameters({})", quote(n)),
        ExprKind::Var(n) => format!("variables({})", quote(n)),
        ExprKind::LambdaVar(n) => format!("lambdavariables({})", quote(n)),
        ExprKind::Call(call) => match call.user.and_then(|i| functions.get(i)) {
            Some((namespace, name)) => format!(
                "{}.{}({})",
                name_key(namespace),
                name_key(name),
                list(&call.args)
            ),
            None => format!("{}({})", call.name.to_ascii_lowercase(), list(&call.args)),
        },
        ExprKind::Member(base, name) => format!("{}.{name}", render(base)),
        ExprKind::Index(base, index) => format!("{}[{}]", render(base), render(index)),
        ExprKind::Lambda(params, body) => {
            let mut parts: Vec<String> = params.iter().map(|p| quote(p)).collect();
            parts.push(render(body));
            format!("lambda({})", parts.join(","))
        }
        ExprKind::Array(items) => format!("createarray({})", list(items)),
        ExprKind::Object(props) => {
            let parts: Vec<String> = props
                .iter()
                .map(|p| {
                    let k = match &p.key {
                        Key::Lit(k) => quote(k),
                        Key::Expr(e) => render(e),
                    };
                    format!("{k},{}", render(&p.value))
                })
                .collect();
            format!("createobject({})", parts.join(","))
        }
        other => format!("{other:?}"),
    }
}

fn diff(path: &str, original: &Value, emitted: &Value) -> Option<(String, String)> {
    match (original, emitted) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let at = key_path(path, k);
                match b.get(k) {
                    None => return Some((at, "missing from the compiled template".to_string())),
                    Some(w) => {
                        if let Some(found) = diff(&at, v, w) {
                            return Some(found);
                        }
                    }
                }
            }
            b.keys().find(|k| !a.contains_key(*k)).map(|k| {
                (
                    key_path(path, k),
                    format!("the compiled template adds `{k}`: {}", short(&b[k])),
                )
            })
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, (v, w))| diff(&index_path(path, i), v, w)),
        (Value::Array(a), Value::Array(b)) => {
            let message = match (
                b.iter().find(|v| !a.contains(v)),
                a.iter().find(|v| !b.contains(v)),
            ) {
                (Some(added), _) => format!(
                    "the compiled template has {} entries where the original has {}, among them {}, which the original does not have as written",
                    b.len(),
                    a.len(),
                    short(added)
                ),
                (None, Some(missing)) => format!(
                    "the compiled template has {} entries where the original has {}, and lacks {}",
                    b.len(),
                    a.len(),
                    short(missing)
                ),
                (None, None) => format!(
                    "the compiled template has {} entries instead of {}",
                    b.len(),
                    a.len()
                ),
            };
            Some((path.to_string(), message))
        }
        _ if original == emitted => None,
        _ => Some((
            path.to_string(),
            format!(
                "the compiled template has {} instead of {}",
                short(emitted),
                short(original)
            ),
        )),
    }
}

fn short(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 600 {
        let cut: String = text.chars().take(600).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// One problem `check` reports: where in the JSON, how bad, what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The JSON path of the innermost value the problem is at.
    pub path: String,
    /// An error (the template is wrong) or a warning (a lint), as the
    /// compiler (and so the macro) gives it.
    pub severity: Severity,
    /// The compiler's message.
    pub message: String,
    /// Why Bicep only warns of this error, when it does: the type data alone
    /// decides it, or it is a rule of Bicep's linter. `None` for a warning and
    /// for an error that fails the deployment whatever the type data says.
    pub leniency: Option<Leniency>,
}

impl Finding {
    /// An error that fails the deployment, or that the compiler rejects.
    fn error(path: String, message: String) -> Self {
        Finding {
            path,
            severity: Severity::Error,
            message,
            leniency: None,
        }
    }

    /// How `apim-dsl check` reports it: as the compiler gives it when
    /// `strict`, and otherwise as Bicep does, an error it only warns of
    /// ([`Finding::leniency`]) as a warning.
    pub fn severity_for(&self, strict: bool) -> Severity {
        match (self.severity, self.leniency) {
            (Severity::Error, Some(_)) if !strict => Severity::Warning,
            (severity, _) => severity,
        }
    }
}

/// How bad a [`Finding`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Severity {
    /// The template is wrong: `check` fails.
    Error,
    /// Probably not as meant (a security lint, an unused parameter).
    Warning,
}

/// `message` with each stand-in identifier named as the template names it:
/// wherever it is a whole identifier (`` `ns.fn` ``, `"ns"`, a list of
/// names). A stand-in occurs nowhere in the template's own text, so nothing
/// else is changed.
fn original_names(message: String, stand_ins: &[(String, String)]) -> String {
    if stand_ins.is_empty() || !message.contains(super::STAND_IN_PREFIX) {
        return message;
    }
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(at) = rest.find(super::STAND_IN_PREFIX) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let len = tail.find(|c: char| !word(c)).unwrap_or(tail.len());
        let token = &tail[..len];
        let whole = !out.ends_with(word);
        match stand_ins.iter().find(|(stand_in, _)| stand_in == token) {
            Some((_, original)) if whole => out.push_str(original),
            _ => out.push_str(token),
        }
        rest = &tail[len..];
    }
    out.push_str(rest);
    out
}

/// `message` (a finding at `path`), saying why a loop waits for itself when
/// it does through a copy name it shares with other loops (`shared`, as
/// written): a `dependsOn` entry naming that name waits for every loop of
/// it ("Resource iteration in ARM templates", *Depend on resources in a
/// loop*), this one too.
fn shared_self_wait(
    imported: &Imported,
    template: &Value,
    path: &str,
    shared: &[String],
    message: String,
) -> String {
    if !message.ends_with("cannot depend on itself") {
        return message;
    }
    let Some(name) = imported
        .resource_relative(path)
        .filter(|(_, rest)| rest.starts_with("dependsOn["))
        .and_then(|(resource, _)| resource_at(template, resource))
        .and_then(|r| r.get("copy"))
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
        .filter(|name| shared.iter().any(|s| same_name(s, name)))
    else {
        return message;
    };
    format!(
        "{message}: `{name}` names every copy loop of that name, this one too, and waits for all of them; remove the entry (or give this loop a name of its own)"
    )
}

/// The stand-ins of `imported` for a finding at `path`, each naming what
/// it stands for as the template spells it there: loops whose names differ
/// only in case (`a-loop`, `A-LOOP`) share one stand-in, as ARM reads loop
/// names ignoring case, which names the first spelling the import met; a
/// finding inside a resource whose own loop is one of them names that
/// loop's spelling instead.
fn stand_ins_at(imported: &Imported, template: &Value, path: &str) -> Vec<(String, String)> {
    let own_loop = imported
        .resource_relative(path)
        .and_then(|(resource, _)| resource_at(template, resource))
        .and_then(|r| r.get("copy"))
        .and_then(|c| c.get("name"))
        .and_then(Value::as_str)
        // Only where one stand-in has that name: a parameter or a function
        // named so too has its own, and which is the loop's is not known here.
        .filter(|spelling| {
            imported
                .stand_ins
                .iter()
                .filter(|(_, original)| same_name(spelling, original))
                .count()
                == 1
        });
    imported
        .stand_ins
        .iter()
        .map(|(stand_in, original)| match own_loop {
            Some(spelling) if same_name(spelling, original) => {
                (stand_in.clone(), spelling.to_string())
            }
            _ => (stand_in.clone(), original.clone()),
        })
        .collect()
}

/// The resource declared at `path` (`$.resources[1].resources[0]`) of
/// `template`.
fn resource_at<'t>(template: &'t Value, path: &str) -> Option<&'t Value> {
    let mut value = template;
    let mut rest = path.strip_prefix('$')?;
    while !rest.is_empty() {
        rest = rest.strip_prefix(".resources[")?;
        let end = rest.find(']')?;
        value = value
            .get("resources")?
            .get(rest[..end].parse::<usize>().ok()?)?;
        rest = &rest[end + 1..];
    }
    Some(value)
}

/// `message` without the advice that only the DSL can follow: marking a
/// declaration `#[allow(...)]` or `#[unchecked]`, which an ARM template has
/// no place for (`check` has no other way to silence a finding), and using
/// a loop variable the import named, where the template has `copyIndex()`.
fn in_arm_terms(message: String) -> String {
    // (the DSL's wording, the template's), for whole clauses.
    const CLAUSES: [(&str, &str); 7] = [
        (
            "write the symbol of the resource to wait for (`dependsOn: [<symbol>]`), or `resourceId(type, name)` with the type and name of a declared resource",
            "name a resource of this template by its id (`resourceId(type, name)`) or its name",
        ),
        (
            "; to deploy a type the type data does not know, mark the resource `#[unchecked]`",
            ": the type data does not know it, so nothing of the resource can be checked",
        ),
        (
            "write the symbol of the resource to wait for (`dependsOn: [<symbol>]`)",
            "name a resource of this template by its id (`resourceId(type, name)`) or its name",
        ),
        (
            "write the symbol of the one to wait for (`dependsOn: [<symbol>]`), or `resourceId(type, name...)` with its type and full name",
            "name the one to wait for by its id (`resourceId(type, name...)`, with its type and full name)",
        ),
        (
            "wait for a module by its symbol, and for a module loop as a whole (`dependsOn: [<symbol>]`)",
            "name a deployment of this template by its id or its name, and a copy loop by its name",
        ),
        (
            "name a loop's index instead of `copyIndex(\"...\")`: `[for (item, index) in source: ...]`",
            "`copyIndex('...')` names a loop this value is not in: use it inside that loop (a resource's `copy`, or a property's or variable's `copy` of that name)",
        ),
        (
            "`copyIndex()` counts the copies of a resource or module loop and is only valid in one; elsewhere use a loop's index variable, `for (item, index) in ...`",
            "`copyIndex()` counts the copies of a loop and is only valid in one: a resource's `copy`, or the `input` of a property's or variable's `copy`",
        ),
    ];
    let mut message = message;
    for (dsl, arm) in CLAUSES {
        message = message.replace(dsl, arm);
    }
    // "write the symbol of the one to wait for (`dependsOn: [x]`)": the
    // symbol is the import's.
    const WAIT_FOR: &str = "write the symbol of the one to wait for (`dependsOn: [";
    if let Some(at) = message.find(WAIT_FOR)
        && let Some(end) = message[at..].find("]`)")
    {
        message.replace_range(
            at..at + end + "]`)".len(),
            "name it by its id (`resourceId(type, name)`) or its name",
        );
    }
    // ADSL0508 names the DSL's loop variable, which the template has not.
    const LOOP_VARIABLE: &str = "use the loop variable `";
    const IN_NAME: &str = "` in `name` (or in `scope`)";
    if let Some(at) = message.find(LOOP_VARIABLE)
        && let Some(end) = message[at..].find(IN_NAME)
    {
        message.replace_range(
            at..at + end + IN_NAME.len(),
            "use `copyIndex()` in `name` (or in the deployment's `resourceGroup` or `subscriptionId`, or the resource's `scope`)",
        );
    }
    for (open, close) in [(" (or mark ", "]`)"), (", or mark ", "]`")] {
        while let Some(at) = message.find(open) {
            let Some(end) = message[at..].find(close) else {
                break;
            };
            let mut cut = at + end + close.len();
            if message[cut..].starts_with(" to keep it as written") {
                cut += " to keep it as written".len();
            }
            message.replace_range(at..cut, "");
        }
    }
    message
}

/// The warning for a value an import keeps with `#[accept]` (or a resource
/// with `#[unchecked]`, for a type or API version the type data lacks)
/// although the compiler's `message` rejects it: the template deploys it as
/// written, but it may be a mistake.
pub fn kept_with_accept(message: &str) -> String {
    let attribute = if unknown_to_the_type_data(message) {
        "#[unchecked]"
    } else {
        "#[accept]"
    };
    format!(
        "kept with `{attribute}`, as the template writes it, although the compiler says: {message}"
    )
}

/// Whether the compiler's `message` says the type data lacks a resource's
/// type (ADSL0401) or its API version (ADSL0402): ARM deploys both as
/// written, and the DSL's way to say so is `#[unchecked]`.
fn unknown_to_the_type_data(message: &str) -> bool {
    [
        crate::codes::UNKNOWN_RESOURCE_TYPE,
        crate::codes::UNKNOWN_API_VERSION,
    ]
    .iter()
    .any(|code| message.starts_with(&format!("{}:", code.id)))
}

/// Whether the error `message` at `path` is a resource's `metadata` member
/// that is not literal (an expression, or not an object), which ARM takes on
/// every resource and the type data does not describe: the DSL writes it as a
/// body key kept with `#[accept("metadata")]`, as an import does, so checking
/// warns as importing does rather than failing. (A literal object is
/// `#[metadata]`, which the type data does not check.)
fn is_kept_metadata(imported: &Imported, path: &str, message: &str) -> bool {
    imported
        .resource_relative(path)
        .is_some_and(|(_, relative)| relative == "metadata")
        && crate::codes::of(message) == Some(&crate::codes::UNKNOWN_PROPERTY)
}

/// The findings on `template`'s user-defined functions that the import reads
/// past: in the deployment template schema (2019-04-01/deploymentTemplate.json,
/// `functionMember` and `functionParameter`; templates/user-defined-functions)
/// a function's `parameters` is an array of objects, each with a `name` (a
/// non-empty string) and a `type` (one of `parameterTypes`). A `parameters`
/// that is `null` is left alone: whether ARM reads it as no parameters is
/// not documented, and nothing is claimed of it.
fn function_findings(template: &Value) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut error = |path: String, message: String| {
        findings.push(Finding::error(path, message));
    };
    let Some(Value::Array(namespaces)) = template.get("functions") else {
        return findings;
    };
    for (i, namespace) in namespaces.iter().enumerate() {
        let Some(Value::Object(members)) = namespace.get("members") else {
            continue;
        };
        let at = key_path(&index_path("$.functions", i), "members");
        for (name, member) in members {
            let at = key_path(&key_path(&at, name), "parameters");
            let params = match member.get("parameters") {
                None | Some(Value::Null) => continue,
                Some(Value::Array(params)) => params,
                Some(other) => {
                    error(
                        at,
                        format!(
                            "a function's `parameters` is an array of `{{\"name\", \"type\"}}` objects, not {}",
                            json_kind(other)
                        ),
                    );
                    continue;
                }
            };
            for (k, param) in params.iter().enumerate() {
                let at = index_path(&at, k);
                let Value::Object(param) = param else {
                    error(
                        at,
                        format!(
                            "a function parameter is a `{{\"name\", \"type\"}}` object, not {}",
                            json_kind(param)
                        ),
                    );
                    continue;
                };
                match param.get("name") {
                    Some(Value::String(n)) if !n.is_empty() => {}
                    Some(Value::String(_)) => error(
                        key_path(&at, "name"),
                        "a function parameter's `name` is empty".to_string(),
                    ),
                    Some(other) => error(
                        key_path(&at, "name"),
                        format!(
                            "a function parameter's `name` is a string, not {}",
                            json_kind(other)
                        ),
                    ),
                    None => error(
                        at.clone(),
                        "a function parameter needs a `name`".to_string(),
                    ),
                }
                let types = FUNCTION_PARAMETER_TYPES.join(", ");
                match param.get("type") {
                    Some(Value::String(t))
                        if FUNCTION_PARAMETER_TYPES
                            .iter()
                            .any(|p| p.eq_ignore_ascii_case(t)) => {}
                    Some(Value::String(t)) => error(
                        key_path(&at, "type"),
                        format!("`{t}` is not a parameter type: one of {types}"),
                    ),
                    Some(other) => error(
                        key_path(&at, "type"),
                        format!(
                            "a function parameter's `type` is one of {types}, not {}",
                            json_kind(other)
                        ),
                    ),
                    None => error(
                        at.clone(),
                        format!("a function parameter needs a `type`: one of {types}"),
                    ),
                }
            }
        }
    }
    findings
}

/// A JSON value's kind, for messages: "a string", "an object".
fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a bool",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Every check of the compiler on an ARM template: imported (without
/// `#[accept]`s: every deviation from the type data is reported, a resource's
/// `metadata` that is not literal as a warning, as an import keeps it), then parsed,
/// resolved and checked as the macro does, each error and warning at the JSON
/// path its span was printed from. What the DSL cannot read is reported as an
/// error at its path. An error Bicep only warns of says why
/// ([`Finding::leniency`]; [`Finding::severity_for`] gives the severity
/// `apim-dsl check` reports).
pub fn check_template(template: &Value) -> Vec<Finding> {
    check_at(&canonical_keys(template), 0)
}

/// The template with its structural keys spelled as the deployment template
/// schema spells them (`Type` → `type`, `Resources` → `resources`), where no
/// key of that spelling is beside one: ARM reads them ignoring case (as
/// `snapshot` does), and the import reads them as spelled, so `check` would
/// otherwise say such a template "cannot be checked". Values, and keys
/// inside `properties` (the resource type's own), are left as written.
fn canonical_keys(template: &Value) -> Value {
    const TOP: &[&str] = &[
        "$schema",
        "contentVersion",
        "apiProfile",
        "languageVersion",
        "metadata",
        "parameters",
        "variables",
        "functions",
        "resources",
        "outputs",
        "definitions",
    ];
    const PARAMETER: &[&str] = &[
        "type",
        "defaultValue",
        "allowedValues",
        "minValue",
        "maxValue",
        "minLength",
        "maxLength",
        "metadata",
        "nullable",
    ];
    const OUTPUT: &[&str] = &["type", "value", "copy", "condition", "metadata"];
    const COPY: &[&str] = &["name", "count", "mode", "batchSize", "input"];
    const RESOURCE: &[&str] = &[
        "type",
        "apiVersion",
        "name",
        "location",
        "properties",
        "dependsOn",
        "copy",
        "condition",
        "resources",
        "tags",
        "sku",
        "kind",
        "identity",
        "scope",
        "zones",
        "plan",
        "comments",
        "metadata",
        "subscriptionId",
        "resourceGroup",
        "existing",
        "managedBy",
        "extendedLocation",
        "etag",
    ];
    const DEPLOYMENT: &[&str] = &[
        "template",
        "templateLink",
        "parameters",
        "mode",
        "expressionEvaluationOptions",
        "debugSetting",
    ];
    /// `value` with the keys of `known` spelled so, when it is an object.
    fn spell(value: &mut Value, known: &[&str]) {
        let Value::Object(map) = value else {
            return;
        };
        let canonical = |key: &str| known.iter().find(|n| n.eq_ignore_ascii_case(key)).copied();
        // Two spellings of one key are left as written (the import reports them).
        let spellings = |name: &str| map.keys().filter(|k| canonical(k) == Some(name)).count();
        let renamed: Vec<(String, String)> = map
            .keys()
            .filter_map(|k| {
                let name = canonical(k)?;
                (name != k && spellings(name) == 1).then(|| (k.clone(), name.to_string()))
            })
            .collect();
        if renamed.is_empty() {
            return;
        }
        let old = std::mem::take(map);
        for (key, entry) in old {
            let key = renamed
                .iter()
                .find(|(from, _)| *from == key)
                .map_or(key, |(_, to)| to.clone());
            map.insert(key, entry);
        }
    }
    fn each_value(value: Option<&mut Value>, f: &mut dyn FnMut(&mut Value)) {
        match value {
            Some(Value::Object(map)) => map.values_mut().for_each(f),
            Some(Value::Array(items)) => items.iter_mut().for_each(f),
            _ => {}
        }
    }
    fn resource(value: &mut Value) {
        spell(value, RESOURCE);
        spell(value.get_mut("copy").unwrap_or(&mut Value::Null), COPY);
        let deployment = value
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.Resources/deployments"));
        if deployment && let Some(properties) = value.get_mut("properties") {
            spell(properties, DEPLOYMENT);
            if let Some(options) = properties.get_mut("expressionEvaluationOptions") {
                spell(options, &["scope"]);
            }
            each_value(properties.get_mut("parameters"), &mut |p| {
                spell(p, &["value", "reference"]);
            });
            if let Some(inner) = properties.get_mut("template") {
                spell_template(inner);
            }
        }
        each_value(value.get_mut("resources"), &mut resource);
    }
    fn spell_template(value: &mut Value) {
        spell(value, TOP);
        each_value(value.get_mut("parameters"), &mut |p| spell(p, PARAMETER));
        each_value(value.get_mut("outputs"), &mut |o| {
            spell(o, OUTPUT);
            spell(o.get_mut("copy").unwrap_or(&mut Value::Null), COPY);
        });
        if let Some(variables) = value.get_mut("variables") {
            spell(variables, &["copy"]);
            each_value(variables.get_mut("copy"), &mut |c| spell(c, COPY));
        }
        each_value(value.get_mut("functions"), &mut |namespace| {
            spell(namespace, &["namespace", "members"]);
            each_value(namespace.get_mut("members"), &mut |member| {
                spell(member, &["parameters", "output", "metadata"]);
                each_value(member.get_mut("parameters"), &mut |p| {
                    spell(p, &["name", "type"]);
                });
                spell(
                    member.get_mut("output").unwrap_or(&mut Value::Null),
                    &["type", "value"],
                );
            });
        });
        each_value(value.get_mut("resources"), &mut resource);
    }
    let mut spelled = template.clone();
    spell_template(&mut spelled);
    spelled
}

fn check_at(template: &Value, depth: usize) -> Vec<Finding> {
    if depth > MAX_MODULE_DEPTH {
        return vec![Finding::error(
            "$".to_string(),
            format!("modules nest more than {MAX_MODULE_DEPTH} deep"),
        )];
    }
    // Symbolic first: the identity and Key Vault checks follow references
    // (`reference(resourceId(vault)).vaultUri`) only between symbols; a template
    // the symbolic reading cannot take is checked as written.
    let plain = Options {
        const_name: "CHECKED".to_string(),
        symbolic: false,
        for_checking: true,
    };
    let symbolic = Options {
        symbolic: true,
        ..plain.clone()
    };
    // What the deployment template schema requires of user-defined
    // functions, and the import reads past or reports only as unreadable.
    let mut findings = function_findings(template);
    // Loops that share a name are checked under names of their own.
    let mut renamed = template.clone();
    let loop_stand_ins = super::shared_loops::rename_shared_loops(&mut renamed);
    let written = template;
    let template = &renamed;
    let imported = super::import_template(template, &symbolic)
        .or_else(|_| super::import_template(template, &plain));
    let mut imported = match imported {
        Ok(imported) => imported,
        Err(errors) => {
            // An error the findings above already say better is left out.
            let said = |path: &str| {
                findings.iter().any(|f| {
                    f.path
                        .strip_prefix(path)
                        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
                })
            };
            let rest: Vec<Finding> = errors
                .into_iter()
                .filter(|e| !said(&e.path))
                .map(|e| Finding::error(e.path, format!("cannot be checked: {}", e.message)))
                .collect();
            findings.extend(rest);
            return findings;
        }
    };
    // The copy names several loops share, as written.
    let shared: Vec<String> = loop_stand_ins.iter().map(|(_, n)| n.clone()).collect();
    imported.stand_ins.extend(loop_stand_ins);
    let tokens: proc_macro2::TokenStream = match imported.body_text().parse() {
        Ok(tokens) => tokens,
        Err(e) => {
            return vec![Finding::error(
                "$".to_string(),
                format!("internal error: the imported text does not tokenize: {e}"),
            )];
        }
    };
    // The stages of `crate::compile`, keeping the warnings of a template with
    // errors too.
    let parsed = crate::parse::parse_template(tokens);
    let mut diags = crate::diag::Diagnostics::new();
    diags.extend(parsed.errors);
    if let Some(ast) = parsed.template.filter(|_| diags.is_empty()) {
        let resolved = crate::resolve::resolve(ast, &mut diags);
        crate::check::check(&resolved, &mut diags);
    }
    let warnings = diags.take_warnings();
    let text = imported.body_text();
    let locate = |span: proc_macro2::Span| {
        span_offset(text, span)
            .and_then(|o| imported.path_at_body_offset(o))
            .unwrap_or("$")
            .to_string()
    };
    findings.extend(
        diags
            .into_errors_with_leniency()
            .iter()
            .map(|(e, leniency)| {
                let mut path = locate(e.span());
                let message = in_arm_terms(original_names(
                    e.to_string(),
                    &stand_ins_at(&imported, template, &path),
                ));
                let message = shared_self_wait(&imported, written, &path, &shared, message);
                if is_kept_metadata(&imported, &path, &message) {
                    return Finding {
                        path,
                        severity: Severity::Warning,
                        message: kept_with_accept(&message),
                        leniency: None,
                    };
                }
                // `"Type@version"` is one literal in the DSL, two values in ARM.
                if message.contains("API version")
                    && let Some(resource) = path.strip_suffix(".type")
                {
                    path = format!("{resource}.apiVersion");
                }
                Finding {
                    leniency: *leniency,
                    ..Finding::error(path, message)
                }
            }),
    );
    findings.extend(warnings.iter().map(|w| {
        let path = locate(w.span);
        let message = in_arm_terms(original_names(
            w.message.clone(),
            &stand_ins_at(&imported, template, &path),
        ));
        // The lint's name, as the macro shows it: what `--format json` and
        // SARIF carry for filtering.
        let message = match w.lint {
            Some(lint) => format!("{message} (lint: {})", lint.name()),
            None => message,
        };
        Finding {
            path,
            severity: Severity::Warning,
            message,
            leniency: None,
        }
    }));
    for (path, _, inner) in &imported.modules {
        findings.extend(check_at(inner, depth + 1).into_iter().map(|f| Finding {
            path: prefixed(path, &f.path),
            ..f
        }));
    }
    findings
}

#[cfg(test)]
#[path = "verify_tests.rs"]
mod tests;
