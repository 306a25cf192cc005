//! Enum values of known resource types beyond what one property check sees.
//!
//! A parameter used as an enum property's value constrains what it feeds: each
//! of its `#[allowed(...)]` values, and its literal default, must be a value of
//! that property (an allowed `"Premuim"` for `sku.name` is an error, as ARM would
//! reject the deployment that picks it).
//!
//! A lint (warning): enum values spelled otherwise than the resource type's
//! schema spells them. ARM compares most enum values ignoring case (and the
//! identity type ignoring the space after the comma), so `systemAssigned`
//! deploys, but the template fails validation against Microsoft's published
//! schemas, which list one spelling. `#[allow(enum_spelling)]` keeps the value as
//! written (a template ported line for line, such as the seed's).

use super::resources::patterns::Pattern;
use super::resources::schema::{Kind, Prop, Value, same_value};
use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{Expr, ExprKind, Resource, Template};

/// The lint's name in `#[allow(...)]`.
pub const LINT: &str = "enum_spelling";

/// Warns about every enum value of a known resource type not spelled
/// canonically, and reports parameters whose allowed values or default cannot be
/// a value of the enum property they feed.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    walk(template, diags);
}

/// Module output reads in properties of known resource types, with the type
/// the property requires (see [`super::module_outputs::typed_reads`]).
pub fn module_reads(template: &Template) -> Vec<super::module_outputs::TypedRead> {
    walk(template, &mut Diagnostics::new())
}

fn walk(template: &Template, diags: &mut Diagnostics) -> Vec<super::module_outputs::TypedRead> {
    let mut walker = Walker {
        template,
        reported: Vec::new(),
        module_reads: Vec::new(),
    };
    for resource in &template.resources {
        if resource.existing || resource.unchecked {
            continue;
        }
        let Some(ty) = super::resources::lookup(&resource.ty) else {
            continue;
        };
        if !ty.has_version(&resource.api_version) {
            continue;
        }
        walker.object(resource, ty.body, &resource.body, "", diags);
        // A parameter that is the whole name of a top-level resource.
        if let ExprKind::Param(name) = &resource.name.kind
            && resource.parent.is_none()
            && ty.name_segments() == 1
            && ty.name_rule.values.is_empty()
        {
            let rule = &ty.name_rule;
            let problem = |candidate: &Expr| {
                text_problem(
                    candidate,
                    &resource.api_version,
                    &[],
                    rule.min_len,
                    rule.max_len,
                    rule.pattern,
                )
            };
            walker.param(resource, name, "name", &problem, diags);
        }
    }
    walker.module_reads
}

struct Walker<'t> {
    template: &'t Template,
    /// The parameter values already reported (one error per value).
    reported: Vec<(String, usize)>,
    /// Module output reads found where a string, int or bool is required.
    module_reads: Vec<super::module_outputs::TypedRead>,
}

impl Walker<'_> {
    fn object(
        &mut self,
        resource: &Resource,
        schema: &[Prop],
        props: &[crate::ir::Prop],
        path: &str,
        diags: &mut Diagnostics,
    ) {
        for prop in props {
            let Some(key) = prop.key.as_lit() else {
                continue;
            };
            if let Some(found) = schema
                .iter()
                .find(|s| s.name == key && s.in_version(&resource.api_version))
            {
                let path = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                self.value(resource, &found.kind, &prop.value, &path, diags);
            }
        }
    }

    fn value(
        &mut self,
        resource: &Resource,
        kind: &Kind,
        expr: &Expr,
        path: &str,
        diags: &mut Diagnostics,
    ) {
        let required = match kind {
            Kind::Str(_) => Some(crate::types::Ty::STRING),
            Kind::Int(..) => Some(crate::types::Ty::INT),
            Kind::Bool => Some(crate::types::Ty::BOOL),
            _ => None,
        };
        if let Some(ty) = required {
            let what = format!("`{path}` of `{}`", resource.symbol);
            super::module_outputs::direct(expr, ty, &what, &mut self.module_reads);
        }
        match (&expr.kind, kind) {
            (ExprKind::Ternary(_, a, b), _) => {
                self.value(resource, kind, a, path, diags);
                self.value(resource, kind, b, path, diags);
            }
            (ExprKind::Object(props), Kind::Object(schema)) => {
                self.object(resource, schema, props, path, diags)
            }
            (ExprKind::Object(props), Kind::Map(inner)) => {
                for prop in props {
                    self.value(resource, inner, &prop.value, path, diags);
                }
            }
            (ExprKind::Array(items), Kind::Array(item, _)) => {
                items
                    .iter()
                    .for_each(|e| self.value(resource, item, e, path, diags));
            }
            (ExprKind::For(_, body), Kind::Array(item, _)) => {
                self.value(resource, item, body, path, diags)
            }
            (ExprKind::Param(name), Kind::Str(rule)) => {
                let problem = |candidate: &Expr| {
                    text_problem(
                        candidate,
                        &resource.api_version,
                        rule.values,
                        rule.min_len,
                        rule.max_len,
                        rule.pattern,
                    )
                };
                self.param(resource, name, path, &problem, diags);
            }
            (ExprKind::Param(name), Kind::Int(min, max)) => {
                let (min, max) = (*min, *max);
                let problem = move |candidate: &Expr| {
                    let ExprKind::Int(n) = candidate.kind else {
                        return None;
                    };
                    match (min, max) {
                        (Some(min), _) if n < min => {
                            Some(format!("which must be at least {min}, not {n}"))
                        }
                        (_, Some(max)) if n > max => {
                            Some(format!("which must be at most {max}, not {n}"))
                        }
                        _ => None,
                    }
                };
                self.param(resource, name, path, &problem, diags);
            }
            (ExprKind::Str(text), Kind::Str(rule)) if !resource.allow.contains(&LINT) => {
                let canonical = rule
                    .values
                    .iter()
                    .find(|v| same_value(v.name, text))
                    .map(|v| v.name);
                if let Some(canonical) = canonical.filter(|c| c != text) {
                    diags.lint(
                    expr.span,
                    crate::diag::Lint::EnumSpelling,
                    format!(
                        "ARM accepts \"{text}\", but the resource type's schema spells it \"{canonical}\" and templates that spell it otherwise fail schema validation: write \"{canonical}\", or mark `{}` `#[allow({LINT})]` to keep it as written",
                        resource.symbol
                    ),
                );
                }
            }
            _ => {}
        }
    }

    /// The allowed values and the literal default of parameter `name`, used as
    /// the value at `path`: each must be valid there (`problem` says why not).
    fn param(
        &mut self,
        resource: &Resource,
        name: &str,
        path: &str,
        problem: &dyn Fn(&Expr) -> Option<String>,
        diags: &mut Diagnostics,
    ) {
        let Some(param) = self.template.params.iter().find(|p| p.name == name) else {
            return;
        };
        let allowed = param
            .allowed
            .as_ref()
            .map(|(list, _)| list.iter().collect::<Vec<_>>())
            .unwrap_or_default();
        let default = param
            .default
            .iter()
            .filter(|d| !allowed.iter().any(|a| a.same_as(d)));
        for (index, candidate) in allowed.iter().copied().chain(default).enumerate() {
            if self.reported.contains(&(name.to_string(), index)) {
                continue;
            }
            let Some(why) = problem(candidate) else {
                continue;
            };
            self.reported.push((name.to_string(), index));
            diags.error(
                codes::PARAMETER_FEEDS_PROPERTY,
                candidate.span,
                format!(
                    "`{name}` feeds `{path}` of `{}` (`{}`), {why}",
                    resource.symbol, resource.ty
                ),
            );
        }
    }
}

/// Why a literal string cannot be a value with these constraints, on a
/// resource of API version `version`: as a literal there is checked
/// (`resources::typed`), a value the resource type has only from a later API
/// version is not valid either, and the values listed are this version's.
fn text_problem(
    candidate: &Expr,
    version: &str,
    values: &[Value],
    min_len: usize,
    max_len: Option<usize>,
    pattern: Option<&Pattern>,
) -> Option<String> {
    let text = candidate.as_str()?;
    if !values.is_empty() {
        if let Some(value) = values.iter().find(|v| same_value(v.name, text)) {
            let first = value.first_after(version)?;
            return Some(format!(
                "which takes \"{}\" only from API version `{first}`, and this resource uses `{version}`: raise the API version or drop the value",
                value.name
            ));
        }
        let names = super::resources::schema::names_at(values, version);
        let hint = crate::diag::did_you_mean(text, names.iter().copied());
        return Some(format!(
            "which does not take \"{text}\" (it takes {}){hint}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let length = text.chars().count();
    if let Some(max) = max_len.filter(|max| length > *max) {
        return Some(format!(
            "which takes at most {max} characters, \"{text}\" has {length}"
        ));
    }
    if length < min_len {
        return Some(format!(
            "which takes at least {min_len} characters, \"{text}\" has {length}"
        ));
    }
    let pattern = pattern.filter(|p| !(p.matches)(text))?;
    Some(format!(
        "where \"{text}\" is not valid: {} (`{}`)",
        pattern.help, pattern.regex
    ))
}
