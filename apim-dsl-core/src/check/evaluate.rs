//! Compile-time evaluation: every expression whose arguments are all known at
//! compile time (literals, variables built from them, a parameter's default
//! while checking that default) is evaluated with the deployment's evaluator
//! ([`crate::eval`]), so what would fail at deployment fails the build at the
//! token: `format` with a missing argument, `int('x')`, `10 / 0`, `substring`
//! or an index out of range, invalid `json(...)`, `range` beyond 10,000 items,
//! a computed default outside its bounds, a computed name that breaks its
//! type's rule.
//!
//! Parameters are unknown (the deployment gives them), and so is everything
//! read from resources and modules: those parts stay unevaluated and cannot
//! fail here. It runs last and only on a template without other errors, so
//! that it adds no follow-on errors.

use crate::diag::Diagnostics;
use crate::eval::{Context, Env, EvalError, Evaluator, Source, Value};
use crate::ir::{Expr, ExprKind, Template};
use foldhash::{HashMap, HashMapExt};
use serde_json::Value as Json;

/// Functions whose value depends on where and when the template is deployed
/// (the resource group, subscription, deployment, cloud, tenant, management
/// group; every resource id holds the subscription): unknown at compile time.
const DEPLOYMENT_DEPENDENT: [&str; 12] = [
    "resourceGroup",
    "subscription",
    "deployment",
    "environment",
    "tenant",
    "managementGroup",
    "deployer",
    "resourceId",
    "subscriptionResourceId",
    "tenantResourceId",
    "extensionResourceId",
    "managementGroupResourceId",
];

/// Whether `expr` calls a [`DEPLOYMENT_DEPENDENT`] function.
fn calls_deployment_dependent(expr: &Expr) -> bool {
    let mut found = false;
    crate::ir::walk(expr, &mut |e| {
        found |= matches!(&e.kind, ExprKind::Call(call)
            if call.user.is_none() && DEPLOYMENT_DEPENDENT.contains(&call.name.as_str()));
    });
    found
}

/// The variables whose values depend on the deployment: they call a
/// [`DEPLOYMENT_DEPENDENT`] function or read such a variable.
fn deployment_dependent_vars(template: &Template) -> HashMap<String, Value> {
    let mut dependent: HashMap<String, Value> = HashMap::new();
    loop {
        let mut added = false;
        for var in &template.vars {
            if dependent.contains_key(&var.name) {
                continue;
            }
            let mut reads_dependent = calls_deployment_dependent(&var.value);
            crate::ir::walk(&var.value, &mut |e| {
                reads_dependent |=
                    matches!(&e.kind, ExprKind::Var(name) if dependent.contains_key(name));
            });
            if reads_dependent {
                let unknown = Expr::new(ExprKind::Var(var.name.clone()), var.value.span);
                dependent.insert(var.name.clone(), Value::Unknown(Box::new(unknown)));
                added = true;
            }
        }
        if !added {
            return dependent;
        }
    }
}

struct IrEnv<'t> {
    template: &'t Template,
    /// The variables whose values depend on the deployment, as unknown values.
    dependent: HashMap<String, Value>,
    /// Each parameter as an unknown value (`parameters('x')`), or, while its
    /// default is checked, that parameter's default.
    unknown: HashMap<String, Value>,
    defaults_of: Option<&'t str>,
}

impl Env for IrEnv<'_> {
    fn parameter(&self, name: &str) -> Option<Source<'_>> {
        let param = self.template.params.iter().find(|p| p.name == name)?;
        if self.defaults_of == Some(param.name.as_str())
            && let Some(default) = &param.default
        {
            return Some(Source::Expr(default));
        }
        self.unknown.get(&param.name).map(Source::Value)
    }

    fn variable(&self, name: &str) -> Option<Source<'_>> {
        if let Some(unknown) = self.dependent.get(name) {
            return Some(Source::Value(unknown));
        }
        let var = self.template.vars.iter().find(|v| v.name == name)?;
        Some(Source::Expr(&var.value))
    }

    fn function(&self, index: usize) -> Option<(Vec<String>, &Expr)> {
        let f = self.template.functions.get(index)?;
        Some((f.params.iter().map(|p| p.name.clone()).collect(), &f.body))
    }
}

impl<'t> IrEnv<'t> {
    /// Every parameter unknown, as the deployment gives them.
    fn new(template: &'t Template) -> Self {
        let unknown = template
            .params
            .iter()
            .map(|p| {
                (
                    p.name.clone(),
                    Value::Unknown(Box::new(Expr::new(ExprKind::Param(p.name.clone()), p.span))),
                )
            })
            .collect();
        IrEnv {
            template,
            dependent: deployment_dependent_vars(template),
            unknown,
            defaults_of: None,
        }
    }
}

/// The name of each copy of the looped `template.resources[index]`, in copy
/// order, when its loop's source and its `name` are known at compile time
/// (`range(0, 3)` or an array literal, a name built from the loop variable,
/// literals and variables); `None` when any is not (a parameter's array, a
/// name that reads the deployment), or for a resource without a loop.
pub(crate) fn copy_names(template: &Template, index: usize) -> Option<Vec<String>> {
    let resource = template.resources.get(index)?;
    let head = resource.copy.as_deref()?;
    if calls_deployment_dependent(&resource.name) || calls_deployment_dependent(&head.source) {
        return None;
    }
    let env = IrEnv::new(template);
    let ctx = Context::default();
    let mut ev = Evaluator::new(&ctx, &env);
    let Ok(Value::Known(Json::Array(items))) = ev.eval(&head.source) else {
        return None;
    };
    if items.len() > super::copies::MAX_COPIES as usize {
        return None;
    }
    let mut names = Vec::with_capacity(items.len());
    for (k, item) in (0_i64..).zip(items) {
        let name = ev.with_loop(head.id, Value::Known(item), k, |ev| {
            ev.with_copy(None, k, |ev| ev.eval(&resource.name))
        });
        let Ok(Value::Known(Json::String(name))) = name else {
            return None;
        };
        names.push(name);
    }
    Some(names)
}

/// Reports what would fail at deployment, at the offending expression.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    if !diags.is_empty() {
        return;
    }
    let mut env = IrEnv::new(template);
    let ctx = Context::default();
    let mut reported: Vec<String> = Vec::new();
    let mut report = |e: EvalError, diags: &mut Diagnostics| {
        if e.unsupported {
            return;
        }
        let key = format!("{:?}{}", e.span, e.message);
        if !reported.contains(&key) {
            reported.push(key);
            diags.error(
                crate::codes::FAILS_AT_DEPLOYMENT,
                e.span,
                format!("this fails at deployment: {}", e.message),
            );
        }
    };
    // Each parameter's default, with the bounds it must meet.
    for param in &template.params {
        let Some(default) = param
            .default
            .as_ref()
            .filter(|d| may_fail(d) && !calls_deployment_dependent(d))
        else {
            continue;
        };
        env.defaults_of = Some(&param.name);
        let mut ev = Evaluator::new(&ctx, &env);
        match ev.eval(default) {
            Ok(Value::Known(v)) if !default.is_literal() => {
                if let Some(message) = bounds(param, &v) {
                    diags.error(crate::codes::PARAMETER_CONSTRAINT, default.span, message);
                }
            }
            Ok(_) => {}
            Err(e) => report(e, diags),
        }
    }
    env.defaults_of = None;
    let mut ev = Evaluator::new(&ctx, &env);
    for var in &template.vars {
        if let Err(e) = check_expr(&mut ev, &var.value) {
            report(e, diags);
        }
    }
    for resource in &template.resources {
        let mut exprs: Vec<&Expr> = vec![&resource.name];
        exprs.extend(resource.condition.as_deref());
        exprs.extend(resource.copy.as_deref().map(|l| &*l.source));
        exprs.extend(resource.body.iter().map(|p| &p.value));
        for expr in exprs {
            if let Err(e) = check_expr(&mut ev, expr) {
                report(e, diags);
            }
        }
        if !resource.name.is_literal()
            && resource.copy.is_none()
            && !calls_deployment_dependent(&resource.name)
            && let Ok(Value::Known(Json::String(name))) = ev.eval(&resource.name)
            && let Some(message) = name_rule(resource, &name)
        {
            diags.error(
                crate::codes::INVALID_RESOURCE_NAME,
                resource.name.span,
                message,
            );
        }
    }
    for module in &template.modules {
        let mut exprs: Vec<&Expr> = vec![&module.name];
        exprs.extend(module.condition.as_deref());
        exprs.extend(module.copy.as_deref().map(|l| &*l.source));
        exprs.extend(module.params.iter().map(|p| &p.value));
        for expr in exprs {
            if let Err(e) = check_expr(&mut ev, expr) {
                report(e, diags);
            }
        }
    }
    for output in &template.outputs {
        if let Err(e) = check_expr(&mut ev, &output.value) {
            report(e, diags);
        }
    }
}

/// Evaluates the parts of `expr` that may fail: object and array literals are
/// entered rather than evaluated whole, so that no unknown value is built for
/// a body only to be dropped.
fn check_expr(ev: &mut Evaluator<'_>, expr: &Expr) -> Result<(), EvalError> {
    match &expr.kind {
        ExprKind::Object(props) => {
            for prop in props {
                if let crate::ir::Key::Expr(key) = &prop.key {
                    check_expr(ev, key)?;
                }
                check_expr(ev, &prop.value)?;
            }
            Ok(())
        }
        ExprKind::Array(items) => items.iter().try_for_each(|item| check_expr(ev, item)),
        // What the deployment gives (`resourceGroup().name`, ids) is unknown
        // here: such an expression is checked at deployment only.
        _ if may_fail(expr) && !calls_deployment_dependent(expr) => ev.eval(expr).map(drop),
        _ => Ok(()),
    }
}

/// Whether evaluating `expr` can fail at all: it calls a function, applies an
/// operator, or reads a member or an item. Literals and plain names cannot (a
/// variable's own value is checked where it is declared), and most of a
/// resource's body is such: skipping them keeps the check cheap.
fn may_fail(expr: &Expr) -> bool {
    let mut found = false;
    crate::ir::walk(expr, &mut |e| {
        found |= match &e.kind {
            ExprKind::Call(_)
            | ExprKind::Index(..)
            | ExprKind::Unary(..)
            | ExprKind::Binary(..)
            | ExprKind::Ternary(..)
            | ExprKind::For(..) => true,
            ExprKind::Member(base, _) => {
                !matches!(base.kind, ExprKind::Resource(_) | ExprKind::Module(_))
            }
            _ => false,
        };
    });
    found
}

/// A computed default against the parameter's `minLength`, `maxLength`,
/// `minValue`, `maxValue` and allowed values.
fn bounds(param: &crate::ir::Param, v: &Json) -> Option<String> {
    let name = &param.name;
    let len = match v {
        Json::String(s) => Some(s.encode_utf16().count() as i64),
        Json::Array(items) => Some(items.len() as i64),
        _ => None,
    };
    if let Some(len) = len {
        if let Some(min) = param.min_length.filter(|b| len < b.value) {
            return Some(format!(
                "the default of `{name}` is {} ({len} long), shorter than its minLength {}",
                v, min.value
            ));
        }
        if let Some(max) = param.max_length.filter(|b| len > b.value) {
            return Some(format!(
                "the default of `{name}` is {} ({len} long), longer than its maxLength {}",
                v, max.value
            ));
        }
    }
    if let Some(n) = v.as_i64() {
        if let Some(min) = param.min_value.filter(|b| n < b.value) {
            return Some(format!(
                "the default of `{name}` is {n}, below its minValue {}",
                min.value
            ));
        }
        if let Some(max) = param.max_value.filter(|b| n > b.value) {
            return Some(format!(
                "the default of `{name}` is {n}, above its maxValue {}",
                max.value
            ));
        }
    }
    if let Some((allowed, _)) = &param.allowed {
        let values: Vec<Json> = allowed
            .iter()
            .filter_map(|e| {
                let env = crate::eval::EmptyEnv;
                let ctx = Context::default();
                Evaluator::new(&ctx, &env).eval(e).ok()?.known().cloned()
            })
            .collect();
        // On an array, the allowed values are those of each element.
        let outside = match (param.ty, v) {
            (crate::ir::ParamType::Array, Json::Array(items)) => {
                items.iter().find(|item| !values.contains(item))
            }
            _ => (!values.contains(v)).then_some(v),
        };
        if values.len() == allowed.len()
            && let Some(outside) = outside
        {
            return Some(if outside == v {
                format!("the default of `{name}` is {v}, which is not one of its allowed values")
            } else {
                format!(
                    "the default of `{name}` is {v}, whose element {outside} is not one of its allowed values"
                )
            });
        }
    }
    None
}

/// A computed name (known at compile time) against the hand-written table's
/// name rule of its type: length, pattern, fixed values.
fn name_rule(resource: &crate::ir::Resource, name: &str) -> Option<String> {
    let ty = super::resources::lookup(&resource.ty)?;
    let rule = &ty.name_rule;
    // The resource's own segment: the whole name under a `parent:`, else the
    // last segment of the full name.
    let own = if resource.parent.is_some() {
        name
    } else {
        name.rsplit('/').next().unwrap_or(name)
    };
    let kind = &resource.ty;
    let len = own.chars().count();
    if len < rule.min_len || rule.max_len.is_some_and(|max| len > max) {
        return Some(format!(
            "the name `{own}` computed here is {len} characters long; a `{kind}` name must be {} to {} characters",
            rule.min_len,
            rule.max_len
                .map_or_else(|| "any number of".to_string(), |m| m.to_string())
        ));
    }
    if let Some(pattern) = rule.pattern
        && !(pattern.matches)(own)
    {
        return Some(format!(
            "the name `{own}` computed here is not a valid name for a `{kind}`: {} (`{}`)",
            pattern.help, pattern.regex
        ));
    }
    if !rule.values.is_empty() && !rule.values.iter().any(|v| v.eq_ignore_ascii_case(own)) {
        return Some(format!(
            "the name `{own}` computed here is not one of the names a `{kind}` can have: {}",
            rule.values.join(", ")
        ));
    }
    None
}

#[cfg(test)]
#[path = "evaluate_tests.rs"]
mod tests;
