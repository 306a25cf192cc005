//! Checks beyond one property at a time: the resource name (its segments and its
//! own last segment) and the table's [`Rule`]s.

use super::schema::{ResourceType, Rule, Tier, same_value};
use super::walk::{join, list};
use crate::codes;
use crate::diag::{Diagnostics, suggest};
use crate::ir::{Expr, ExprKind, Key, Prop, Resource};
use proc_macro2::Span;

/// Checks the literal parts of the resource's name.
pub(super) fn name(ty: &ResourceType, resource: &Resource, diags: &mut Diagnostics) {
    // The legacy extension form has the segments of its own type, longer than
    // the extension type's it is checked as.
    let segments_of = match super::split_legacy_extension(&resource.ty) {
        Some(_) => resource.ty.as_str(),
        None => ty.name,
    };
    let Some((segment, span)) = own_segment(segments_of, resource, Some(diags)) else {
        return;
    };
    let rule = &ty.name_rule;
    let kind = ty.name;
    if !rule.values.is_empty() && !rule.values.iter().any(|v| same_value(v, &segment)) {
        let hint = suggest(&segment, rule.values.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        diags.error(
            codes::INVALID_RESOURCE_NAME,
            span,
            format!(
                "`{segment}` is not a valid name for a `{kind}`{hint}; expected one of {}",
                list(rule.values.iter().copied())
            ),
        );
        return;
    }
    let length = segment.chars().count();
    if let Some(max) = rule.max_len.filter(|max| length > *max) {
        diags.error(codes::INVALID_RESOURCE_NAME,
            span,
            format!(
                "the name `{segment}` of a `{kind}` is {length} characters long, at most {max} are allowed"
            ),
        );
    } else if length < rule.min_len {
        diags.error(codes::INVALID_RESOURCE_NAME,
            span,
            format!(
                "the name `{segment}` of a `{kind}` is {length} characters long, at least {} are required",
                rule.min_len
            ),
        );
    } else if let Some(pattern) = rule.pattern.filter(|p| !(p.matches)(&segment)) {
        diags.error(
            codes::INVALID_RESOURCE_NAME,
            span,
            format!(
                "`{segment}` is not a valid name for a `{kind}`: {} (`{}`)",
                pattern.help, pattern.regex
            ),
        );
    }
}

/// The resource's own name segment when it is known at compile time: the whole
/// name with `parent:`, else the part after the last `/` of a literal name or of
/// the literal tail of `concat(vault, "/add")` or `format("{0}/add", vault)`.
/// A name that cannot be of type `type_name` (`parent:` with a `/`, a literal
/// with the wrong number of segments) is reported to `diags` when given.
pub(super) fn own_segment(
    type_name: &str,
    resource: &Resource,
    diags: Option<&mut Diagnostics>,
) -> Option<(String, Span)> {
    let name = &resource.name;
    let needed = type_name.split('/').count().saturating_sub(1);
    // Every `/` written in literal text separates segments, wherever it stands
    // in a `concat` or `format`: more of them than the type has cannot be right.
    let slashes = literal_slashes(name);
    // Under a parent, the name has the segments of `name_segments_under_parent`
    // (`{Namespace}/{name}` for the legacy extension form under `parent:`,
    // `default/container1` for a nested `blobServices/containers`).
    let legacy = super::split_legacy_extension(type_name).is_some();
    let under_parent = super::name_segments_under_parent(resource);
    let most = match under_parent {
        Some(count) => count - 1,
        None => needed.saturating_sub(1),
    };
    if slashes > most
        && !matches!(name.kind, ExprKind::Str(_))
        && let Some(diags) = diags
    {
        let message = match under_parent {
            Some(1) => format!(
                "with `parent:` set, the name of a `{type_name}` is only its own segment, but this name writes `/`: remove the parent's name and the `/`"
            ),
            Some(count) => format!(
                "under its parent, the name of a `{type_name}` has {count} segments, but this name writes {slashes} `/`: remove the parent's name and the extra `/` segments"
            ),
            None => format!(
                "this name of a `{type_name}` writes {slashes} `/`, so it has at least {} segments; the type has {needed}: remove the extra `/` segments",
                slashes + 1
            ),
        };
        diags.error(codes::NAME_SEGMENTS, name.span, message);
        return None;
    }
    if let Some(count) = under_parent {
        // A name all of literal text, `concat('default', '-', 'logs')` as much
        // as `'default/logs'`, has segments known at compile time.
        let (text, span) = match literal_tail(name) {
            Some((tail, span, true)) => (tail, span),
            Some((tail, span, false)) if count > 1 => {
                // The literal end of `concat(db, '/Microsoft.Insights/x')`.
                let (_, last) = tail.rsplit_once('/')?;
                return Some((last.to_string(), span));
            }
            _ => return None,
        };
        let segments: Vec<&str> = text.split('/').collect();
        if segments.len() == count && segments.iter().all(|s| !s.is_empty()) {
            return segments.last().map(|own| (own.to_string(), span));
        }
        let diags = diags?;
        let message = match (count, legacy, resource.written_type.is_some()) {
            (1, _, _) => format!(
                "with `parent:` set, the name of a `{type_name}` is only its own segment, not `{text}`: remove the parent's name and the `/`"
            ),
            (2, true, false) => format!(
                "with `parent:` set, the name of a `{type_name}` is `<Namespace>/<name>`, the extension type's namespace first (`Microsoft.Authorization/<name>`), not `{text}`"
            ),
            (_, true, _) => format!(
                "nested in its parent with the relative type `{}`, the name of a `{type_name}` has {count} segments separated by `/`, the last two the extension type's namespace and the name (`<Namespace>/<name>`, such as `Microsoft.Insights/<name>`), not `{text}`",
                resource.written_type.as_deref().unwrap_or("")
            ),
            (_, false, _) => format!(
                "nested in its parent with the relative type `{}`, the name of a `{type_name}` has {count} segments separated by `/`, one for each segment of the type, not `{text}`",
                resource.written_type.as_deref().unwrap_or("")
            ),
        };
        diags.error(codes::NAME_SEGMENTS, span, message);
        return None;
    }
    let (tail, span, whole) = literal_tail(name)?;
    if whole {
        let found = tail.split('/').count();
        if found != needed {
            let fix = if super::split_legacy_extension(type_name).is_some() {
                "write `<resource name>/<Namespace>/<name>`, with the extension type's namespace (`Microsoft.Authorization`, `Microsoft.Insights`) in the middle"
            } else if needed > found {
                "write the parent's name first (`parent/child`), or set `parent:` to the parent's symbol"
            } else {
                "remove the extra `/` segments"
            };
            let segments = |n: usize| {
                if n == 1 {
                    "1 segment".to_string()
                } else {
                    format!("{n} segments")
                }
            };
            if let Some(diags) = diags {
                diags.error(
                    codes::NAME_SEGMENTS,
                    span,
                    format!(
                        "the name `{tail}` of a `{}` has {}, it needs {} separated by `/`: {fix}",
                        type_name,
                        segments(found),
                        segments(needed)
                    ),
                );
            }
            return None;
        }
        return tail.rsplit('/').next().map(|s| (s.to_string(), span));
    }
    // Only a tail with a `/` is known to hold the whole last segment.
    let (_, last) = tail.rsplit_once('/')?;
    Some((last.to_string(), span))
}

/// The literal end of a string expression, where it was written, and whether it is
/// the whole string.
fn literal_tail(expr: &Expr) -> Option<(String, Span, bool)> {
    match &expr.kind {
        ExprKind::Str(text) => Some((text.clone(), expr.span, true)),
        ExprKind::Call(call) if call.name.eq_ignore_ascii_case("concat") => {
            let last = call.args.last()?;
            let mut tail = String::new();
            let mut literal = 0;
            for arg in call.args.iter().rev() {
                let Some(text) = arg.as_str() else { break };
                tail.insert_str(0, text);
                literal += 1;
            }
            (literal > 0).then_some((tail, last.span, literal == call.args.len()))
        }
        ExprKind::Call(call) if call.name.eq_ignore_ascii_case("format") => {
            let pattern = call.args.first()?;
            let text = pattern.as_str()?;
            if let Some(whole) = formatted_literals(text, call.args.get(1..).unwrap_or_default()) {
                return Some((whole, pattern.span, true));
            }
            let tail = text.rsplit('}').next().unwrap_or(text);
            Some((tail.to_string(), pattern.span, !text.contains('{')))
        }
        _ => None,
    }
}

/// `format(pattern, args...)` when every argument is literal text: the text
/// it makes, as the evaluator's `format` makes it (.NET composite
/// formatting). `None` when an argument is computed at deployment or the
/// pattern does not format.
fn formatted_literals(pattern: &str, args: &[Expr]) -> Option<String> {
    let args: Option<Vec<serde_json::Value>> = args
        .iter()
        .map(|a| a.as_str().map(|t| serde_json::Value::String(t.to_string())))
        .collect();
    crate::eval::builtins::format(pattern, &args?, proc_macro2::Span::call_site()).ok()
}

/// Checks the type's cross-property rules.
pub(super) fn rules(ty: &ResourceType, resource: &Resource, diags: &mut Diagnostics) {
    for rule in ty.rules {
        match rule {
            Rule::OneOf {
                path,
                names,
                required,
            } => one_of(ty, resource, path, names, *required, diags),
            Rule::Capacity(tiers) => capacity(ty, resource, tiers, diags),
        }
    }
}

/// The object literal at `path` below the body, with the key span that holds it.
fn object_at<'a>(resource: &'a Resource, path: &[&str]) -> Option<(&'a [Prop], Span)> {
    let mut props: &[Prop] = &resource.body;
    let mut span = resource.span;
    for key in path {
        let prop = props.iter().find(|p| p.key.as_lit() == Some(key))?;
        let ExprKind::Object(inner) = &prop.value.kind else {
            return None;
        };
        props = inner;
        span = prop.key_span;
    }
    Some((props, span))
}

fn one_of(
    ty: &ResourceType,
    resource: &Resource,
    path: &[&str],
    names: &[&str],
    required: bool,
    diags: &mut Diagnostics,
) {
    let Some((props, span)) = object_at(resource, path) else {
        return;
    };
    if props.iter().any(|p| matches!(p.key, Key::Expr(_))) {
        return;
    }
    let prefix = path.join(".");
    let present: Vec<&Prop> = props
        .iter()
        .filter(|p| p.key.as_lit().is_some_and(|k| names.contains(&k)))
        .collect();
    match present.as_slice() {
        [] if required => {
            let options: Vec<String> = names.iter().map(|n| join(&prefix, n)).collect();
            diags.error(
                codes::EXCLUSIVE_PROPERTIES,
                span,
                format!(
                    "resource `{}` of type `{}` needs one of {}: add one of them",
                    resource.symbol,
                    ty.name,
                    list(options.iter().map(String::as_str))
                ),
            );
        }
        [first, second, ..] => {
            let key = |p: &Prop| join(&prefix, p.key.as_lit().unwrap_or_default());
            diags.error(
                codes::EXCLUSIVE_PROPERTIES,
                second.key_span,
                format!(
                    "`{}` and `{}` of `{}` exclude each other: keep one",
                    key(second),
                    key(first),
                    ty.name
                ),
            );
        }
        _ => {}
    }
}

fn capacity(ty: &ResourceType, resource: &Resource, tiers: &[Tier], diags: &mut Diagnostics) {
    let Some((sku, _)) = object_at(resource, &["sku"]) else {
        return;
    };
    let value = |key: &str| {
        sku.iter()
            .find(|p| p.key.as_lit() == Some(key))
            .map(|p| &p.value)
    };
    let Some(name) = value("name").and_then(Expr::as_str) else {
        return;
    };
    let Some(capacity) = value("capacity") else {
        return;
    };
    let ExprKind::Int(units) = capacity.kind else {
        return;
    };
    let Some(tier) = tiers.iter().find(|t| same_value(t.sku, name)) else {
        return;
    };
    if (tier.min..=tier.max).contains(&units) {
        return;
    }
    let allowed = if tier.min == tier.max {
        format!("{}", tier.min)
    } else {
        format!("between {} and {}", tier.min, tier.max)
    };
    diags.error(
        codes::OUT_OF_BOUNDS,
        capacity.span,
        format!(
            "`sku.capacity` must be {allowed} for the `{}` tier of `{}`, found {units}",
            tier.sku, ty.name
        ),
    );
}

/// How many `/` the literal text of a name holds: the whole of a literal, the
/// literal arguments of `concat`, the pattern of `format` (outside its `{n}`).
fn literal_slashes(expr: &Expr) -> usize {
    match &expr.kind {
        ExprKind::Str(text) => text.matches('/').count(),
        ExprKind::Call(call) if call.name.eq_ignore_ascii_case("concat") => call
            .args
            .iter()
            .filter_map(Expr::as_str)
            .map(|t| t.matches('/').count())
            .sum(),
        // The pattern, and the literal arguments it places.
        ExprKind::Call(call) if call.name.eq_ignore_ascii_case("format") => call
            .args
            .iter()
            .filter_map(Expr::as_str)
            .map(|t| t.matches('/').count())
            .sum(),
        _ => 0,
    }
}
