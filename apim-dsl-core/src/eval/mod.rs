//! An evaluator of ARM template expressions, without network: every template
//! function whose result is known before deployment is computed; what reads
//! deployed state (`reference`, `list*`, `providers`, `newGuid` and `utcNow`
//! without a fixed clock) becomes a visible placeholder, [`Value::Unknown`].
//!
//! It evaluates the compiler's expression model, [`crate::ir::Expr`], so it
//! serves both ARM JSON read by [`crate::arm::expr`] and the macro's own
//! resolved templates (operators, ternaries, `for` expressions included).
//!
//! The function semantics follow Microsoft's reference,
//! <https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions>;
//! `uniqueString` and `guid` reproduce Azure's hashes bit for bit ([`hash`]).
//!
//! `snapshot()` (feature `snapshot`) builds on it: a template and its parameters in, the predicted
//! resources out, in the JSON shape of `bicep snapshot`.

pub(crate) mod builtins;
mod cidr;
pub mod hash;
#[cfg(feature = "snapshot")]
pub mod snapshot;
mod time;

#[cfg(test)]
mod tests;

use crate::emit::arm_expr::ExprWriter;
use crate::ir::{self, Expr, ExprKind, Key, Prop};
use foldhash::{HashMap, HashMapExt};
use proc_macro2::Span;
use serde_json::{Map, Value as Json};
use std::fmt;

#[cfg(feature = "snapshot")]
pub use snapshot::{Snapshot, SnapshotError, snapshot};

/// The environment of a deployment that the evaluator cannot know by itself:
/// what `subscription()`, `resourceGroup()`, `tenant()`, `deployment()` and
/// `utcNow()` return.
///
/// Defaults ([`Context::default`]): subscription
/// `00000000-0000-0000-0000-000000000000` and resource group `myRg` (the values
/// of Bicep's own snapshot tests), deployment name `deployment`; no location,
/// tenant, management group or clock, so that `resourceGroup().location`,
/// `tenant().tenantId` and `utcNow()` stay visible placeholders as in
/// `bicep snapshot`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// The subscription deployed to (a GUID).
    pub subscription_id: String,
    /// The resource group deployed to.
    pub resource_group: String,
    /// The resource group's location (`resourceGroup().location`), also
    /// `deployment().location`; `None`: unknown.
    pub location: Option<String>,
    /// The tenant (`tenant().tenantId`, `subscription().tenantId`); `None`: unknown.
    pub tenant_id: Option<String>,
    /// The deployment's name (`deployment().name`).
    pub deployment_name: String,
    /// The management group (`managementGroup().name`); `None`: unknown.
    pub management_group: Option<String>,
    /// The fixed clock for `utcNow()` as an ISO 8601 UTC time
    /// (`2024-01-31T12:00:00Z`); `None`: `utcNow()` and `newGuid()` are unknown.
    pub now: Option<String>,
}

impl Default for Context {
    fn default() -> Self {
        Context {
            subscription_id: "00000000-0000-0000-0000-000000000000".to_string(),
            resource_group: "myRg".to_string(),
            location: None,
            tenant_id: None,
            deployment_name: "deployment".to_string(),
            management_group: None,
            now: None,
        }
    }
}

/// A value of an evaluated expression.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Value {
    /// Known before deployment.
    Known(Json),
    /// Only known during deployment: the expression left to evaluate, with every
    /// known part already substituted (`reference('/subscriptions/.../x', '2022-09-01').primaryEndpoints.blob`).
    Unknown(Box<Expr>),
}

impl Value {
    /// The JSON value, if known.
    pub fn known(&self) -> Option<&Json> {
        match self {
            Value::Known(v) => Some(v),
            Value::Unknown(_) => None,
        }
    }

    /// The value in template JSON: known values as they are, unknown ones as the
    /// expression string `"[reference(...)]"` (how `bicep snapshot` shows them).
    pub fn to_json(&self) -> Json {
        match self {
            Value::Known(v) => v.clone(),
            Value::Unknown(expr) => Json::String(format!("[{}]", render(expr))),
        }
    }

    /// As an expression: known values as literals, unknown ones as their residue.
    pub fn to_expr(&self) -> Expr {
        match self {
            Value::Known(v) => json_to_expr(v),
            Value::Unknown(e) => (**e).clone(),
        }
    }
}

/// The text of an expression (without brackets).
pub fn render(expr: &Expr) -> String {
    let template = ir::Template::default();
    ExprWriter::new(&template).render(expr)
}

fn node(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::call_site())
}

/// A JSON value as a literal expression (floats as `json('1.5')`).
pub fn json_to_expr(value: &Json) -> Expr {
    match value {
        Json::Null => node(ExprKind::Null),
        Json::Bool(b) => node(ExprKind::Bool(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => node(ExprKind::Int(i)),
            None => call("json", vec![node(ExprKind::Str(n.to_string()))]),
        },
        Json::String(s) => node(ExprKind::Str(s.clone())),
        Json::Array(items) => node(ExprKind::Array(items.iter().map(json_to_expr).collect())),
        Json::Object(map) => node(ExprKind::Object(
            map.iter()
                .map(|(k, v)| Prop {
                    key: Key::Lit(k.clone()),
                    key_span: Span::call_site(),
                    value: json_to_expr(v),
                })
                .collect(),
        )),
    }
}

fn call(name: &str, args: Vec<Expr>) -> Expr {
    let found = crate::functions::lookup(name);
    let function = found
        .as_ref()
        .map_or(&crate::functions::USER_FUNCTION, |f| f.function);
    node(ExprKind::Call(Box::new(ir::Call {
        function,
        name: found.map_or_else(|| name.to_string(), |f| f.spelling.to_string()),
        args,
        user: None,
    })))
}

/// Why an expression cannot be evaluated: it would fail the deployment.
#[derive(Debug, Clone)]
pub struct EvalError {
    /// What is wrong ("the index 3 is out of range of an array of 2 items").
    pub message: String,
    /// The expression that failed (for the macro's errors at the token).
    pub span: Span,
    /// Where in the template, as a JSON path (`resources[0].properties.x`),
    /// filled in by `snapshot()`; empty when evaluating a lone expression.
    pub path: String,
    /// The evaluator gave up (a limit of its own, a format it does not know),
    /// not the expression: the deployment may well succeed.
    pub unsupported: bool,
    /// `path` is in the parameters file given to `snapshot()` (a value it
    /// gives, or the file itself), not in the template.
    pub in_parameters_file: bool,
    /// `path` is already where the failure is declared (a variable's
    /// definition, not the place that reads it): [`EvalError::at`] keeps it.
    rooted: bool,
}

impl EvalError {
    /// An error with `message` at `span`, not yet located in a template.
    pub fn new(message: impl Into<String>, span: Span) -> Self {
        EvalError {
            message: message.into(),
            span,
            path: String::new(),
            unsupported: false,
            in_parameters_file: false,
            rooted: false,
        }
    }

    /// The error located in the parameters file rather than the template.
    #[cfg(feature = "snapshot")]
    pub(crate) fn into_parameters_file(self) -> Self {
        EvalError {
            in_parameters_file: true,
            ..self
        }
    }

    pub(crate) fn unsupported(message: impl Into<String>, span: Span) -> Self {
        EvalError {
            unsupported: true,
            ..EvalError::new(message, span)
        }
    }

    /// An error with `message` at the JSON path `path` of a template.
    pub fn located(message: impl Into<String>, path: &str) -> Self {
        EvalError::new(message, Span::call_site()).at(path)
    }

    /// The error located inside `prefix` (a JSON path: the error's own path, if
    /// any, is relative to it).
    pub fn at(mut self, prefix: &str) -> Self {
        if self.rooted {
            // Located at its declaration (a failing variable), not where it is read.
            return self;
        }
        self.path = if self.path.is_empty() {
            prefix.to_string()
        } else if self.path.starts_with('[') || prefix.is_empty() {
            format!("{prefix}{}", self.path)
        } else {
            format!("{prefix}.{}", self.path)
        };
        self
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.in_parameters_file {
            if self.path.is_empty() {
                write!(f, "the parameters file: {}", self.message)
            } else {
                write!(
                    f,
                    "{} (in the parameters file): {}",
                    self.path, self.message
                )
            }
        } else if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for EvalError {}

/// Where the value of a parameter or variable comes from.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Source<'a> {
    /// Already a value (a parameter given by the caller).
    Value(&'a Value),
    /// Template JSON whose strings may be expressions (a default value, an ARM
    /// variable, with `copy` loops).
    Json(&'a Json),
    /// An expression of the compiler's model.
    Expr(&'a Expr),
    /// One entry `{name, count, input}` of an ARM template's `variables.copy`:
    /// the array of its items.
    CopyVar(&'a Json),
}

/// The names an expression may read: parameters, variables, user-defined
/// functions, resource and module symbols.
pub trait Env {
    /// The source of parameter `name` (matched ignoring case), if declared.
    fn parameter(&self, name: &str) -> Option<Source<'_>>;
    /// The source of variable `name` (matched ignoring case), if declared.
    fn variable(&self, name: &str) -> Option<Source<'_>>;
    /// User-defined function `index`: its parameter names and body.
    fn function(&self, index: usize) -> Option<(Vec<String>, &Expr)> {
        let _ = index;
        None
    }
    /// The value of a resource or module symbol of the compiler's model.
    fn symbol(&self, expr: &Expr) -> Option<Value> {
        let _ = expr;
        None
    }
    /// The user functions' `(namespace, name)` pairs, for parsing ARM JSON.
    fn user_functions(&self) -> &[(String, String)] {
        &[]
    }
    /// Where variable `name` is declared, as a JSON path of the template
    /// (`variables.n`): a failure in its value is reported there, not where
    /// it is read. `None` leaves the error at the reader.
    fn variable_path(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }
}

/// An [`Env`] with nothing declared.
#[derive(Debug, Default, Clone, Copy)]
pub struct EmptyEnv;

impl Env for EmptyEnv {
    fn parameter(&self, _: &str) -> Option<Source<'_>> {
        None
    }
    fn variable(&self, _: &str) -> Option<Source<'_>> {
        None
    }
}

/// How deep evaluation may nest (expressions, variables reading variables,
/// user functions) before it stops with an error: a guard against stack
/// exhaustion on hostile templates.
pub const MAX_DEPTH: usize = 160;
/// The largest number of evaluation steps for one evaluator (a guard against
/// templates that would run for ever, like nested `map` over `range`).
pub const MAX_STEPS: u64 = 5_000_000;
/// The longest string (in bytes) and the largest array the evaluator builds.
pub const MAX_SIZE: usize = 4 * 1024 * 1024;
/// How deep arrays and objects the evaluator builds may nest (serde_json reads
/// at most 128 levels; deeper values would also overflow the stack when
/// written or dropped).
pub const MAX_VALUE_DEPTH: usize = 100;

/// What [`Evaluator::declared`] reads.
#[derive(Clone, Copy)]
enum Declared {
    Parameter,
    Variable,
}

#[derive(Debug, Clone)]
enum Memo {
    InProgress,
    Done(Value),
}

/// The scope a template is deployed at (from its `$schema`): where
/// `resourceId(type, name)` without a subscription or group points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TargetScope {
    /// `deploymentTemplate.json`.
    #[default]
    ResourceGroup,
    /// `subscriptionDeploymentTemplate.json`.
    Subscription,
    /// `managementGroupDeploymentTemplate.json`.
    ManagementGroup,
    /// `tenantDeploymentTemplate.json`.
    Tenant,
}

impl TargetScope {
    /// The scope of a template with this `$schema`.
    pub fn from_schema(schema: &str) -> TargetScope {
        let s = schema.to_ascii_lowercase();
        if s.contains("subscriptiondeploymenttemplate") {
            TargetScope::Subscription
        } else if s.contains("managementgroupdeploymenttemplate") {
            TargetScope::ManagementGroup
        } else if s.contains("tenantdeploymenttemplate") {
            TargetScope::Tenant
        } else {
            TargetScope::ResourceGroup
        }
    }

    /// Bicep's `targetScope` value: `resourceGroup`, `subscription`,
    /// `managementGroup` or `tenant`.
    pub fn name(self) -> &'static str {
        match self {
            TargetScope::ResourceGroup => "resourceGroup",
            TargetScope::Subscription => "subscription",
            TargetScope::ManagementGroup => "managementGroup",
            TargetScope::Tenant => "tenant",
        }
    }
}

/// Evaluates expressions against a [`Context`] and an [`Env`].
pub struct Evaluator<'a> {
    /// The scope deployed at.
    pub scope: TargetScope,
    ctx: &'a Context,
    env: &'a dyn Env,
    params: HashMap<String, Memo>,
    vars: HashMap<String, Memo>,
    /// Lambda variables and function arguments, innermost last.
    locals: Vec<(String, Value)>,
    /// Function argument frames: start of the frame in `locals`.
    frames: Vec<usize>,
    /// Loops of the compiler's model: (loop id, item, index).
    loops: Vec<(usize, Value, i64)>,
    /// Copy loops: (name, index); `None` is the resource's (or output's) own loop.
    copies: Vec<(Option<String>, i64)>,
    /// Whether every copy loop around an expression is in `copies` (a
    /// snapshot, which expands them all): then `copyIndex()` outside them is
    /// ARM's error, not an index the deployment knows.
    copies_complete: bool,
    depth: usize,
    steps: u64,
    /// The known outputs of nested deployments, by the deployment's lower-case
    /// id: `{"x": {"value": ...}}` (an output only the deployment knows is
    /// absent).
    deployments: HashMap<String, Json>,
    /// The lower-case ids of every nested deployment seen, outputs known or
    /// not, by lower-case name.
    deployment_ids: HashMap<String, Vec<String>>,
}

type R = Result<Value, EvalError>;

/// `base.name` or `base['name']`: the base and the property's name. Not a
/// `.name` beyond what ARM certainly reads after `.` ([`is_ascii_member`]):
/// that access is left to the deployment, as `eval_inner` leaves it.
fn property_step(e: &Expr) -> Option<(&Expr, &str)> {
    match &e.kind {
        ExprKind::Member(base, name) if is_ascii_member(name) => Some((base, name)),
        ExprKind::Member(..) => None,
        ExprKind::Index(base, index) => match &index.kind {
            ExprKind::Str(name) => Some((base, name)),
            _ => None,
        },
        _ => None,
    }
}

fn known(v: Json) -> R {
    Ok(Value::Known(v))
}

impl<'a> Evaluator<'a> {
    /// An evaluator of expressions reading `env`, deployed in `ctx`.
    pub fn new(ctx: &'a Context, env: &'a dyn Env) -> Self {
        Evaluator {
            scope: TargetScope::ResourceGroup,
            ctx,
            env,
            params: HashMap::new(),
            vars: HashMap::new(),
            locals: Vec::new(),
            frames: Vec::new(),
            loops: Vec::new(),
            copies: Vec::new(),
            copies_complete: false,
            depth: 0,
            steps: 0,
            deployments: HashMap::new(),
            deployment_ids: HashMap::new(),
        }
    }

    /// With `complete`, `copyIndex()` outside the copy loops this evaluator
    /// was given is an error, as ARM's "The template function 'copyIndex' is
    /// not expected at this location" (template-functions-numeric#copyindex:
    /// only valid in a copy loop); without it, an index the deployment knows.
    /// For callers that push every loop around what they evaluate, as a
    /// snapshot does. Returns the setting before.
    #[cfg(feature = "snapshot")]
    pub(crate) fn complete_copies(&mut self, complete: bool) -> bool {
        std::mem::replace(&mut self.copies_complete, complete)
    }

    /// Checks that `v` nests at most [`MAX_VALUE_DEPTH`] levels, counting each
    /// node visited as a step (so repeated checks stay within the budget).
    fn check_depth(&mut self, v: &Json, span: Span) -> Result<(), EvalError> {
        let mut stack = vec![(v, 1usize)];
        while let Some((v, depth)) = stack.pop() {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err(EvalError::unsupported(
                    format!("the evaluation takes more than {MAX_STEPS} steps"),
                    span,
                ));
            }
            if depth > MAX_VALUE_DEPTH {
                return Err(EvalError::unsupported(
                    format!("the value nests more than {MAX_VALUE_DEPTH} levels deep"),
                    span,
                ));
            }
            match v {
                Json::Array(items) => stack.extend(items.iter().map(|i| (i, depth + 1))),
                Json::Object(map) => stack.extend(map.values().map(|i| (i, depth + 1))),
                _ => {}
            }
        }
        Ok(())
    }

    /// Records the known outputs of the nested deployment `id` (also found by
    /// `name`), `{"x": {"value": ...}}`: `reference(...).outputs.x.value` of
    /// it then reads them. An output left out (only the deployment knows it)
    /// stays unevaluated where read.
    pub fn record_deployment(&mut self, id: &str, name: &str, outputs: Json) {
        self.note_deployment(id, name);
        self.deployments.insert(fold_case(id), outputs);
    }

    /// Notes the nested deployment `id` named `name`, whose outputs may not be
    /// known: a `reference()` by name alone is then read only where one
    /// deployment has that name.
    pub fn note_deployment(&mut self, id: &str, name: &str) {
        let ids = self.deployment_ids.entry(fold_case(name)).or_default();
        let id = fold_case(id);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }

    /// `reference(<deployment>[, version]).outputs.<name>.value`, or with
    /// `'Full'` `.properties.outputs.<name>.value`, of a nested deployment
    /// whose output `<name>` is known: that output's value. `None` for
    /// anything else (an output only the deployment knows among them).
    ///
    /// Only that path is known: what else `reference()` of a deployment
    /// returns (`provisioningState`, `timestamp`, each output's `type`, the
    /// object as a whole) is the deployment's, so it stays unevaluated, as
    /// `bicep snapshot` leaves runtime values, rather than a made-up object
    /// that would fail reading any other property.
    ///
    /// Each step of that path may be written `.name` or `['name']`
    /// (`reference('d').outputs['my-output'].value`).
    fn deployment_output(&mut self, output: &Expr) -> Result<Option<Value>, EvalError> {
        let Some((outputs, output_name)) = property_step(output) else {
            return Ok(None);
        };
        let Some((base, outputs_name)) = property_step(outputs) else {
            return Ok(None);
        };
        if !eq_ignore_case(outputs_name, "outputs") {
            return Ok(None);
        }
        let (call, full) = match (&base.kind, property_step(base)) {
            (ExprKind::Call(c), _) => (c, false),
            (_, Some((call, p))) if eq_ignore_case(p, "properties") => {
                let ExprKind::Call(c) = &call.kind else {
                    return Ok(None);
                };
                (c, true)
            }
            _ => return Ok(None),
        };
        if call.user.is_some() || !call.function.name.eq_ignore_ascii_case("reference") {
            return Ok(None);
        }
        let args = self.eval_all(&call.args)?;
        let Some(Value::Known(Json::String(target))) = args.first() else {
            return Ok(None);
        };
        let is_full =
            matches!(args.get(2), Some(Value::Known(Json::String(f))) if eq_ignore_case(f, "full"));
        if is_full != full {
            return Ok(None);
        }
        let target = fold_case(target);
        // By id, else by the deployment's name where only one deployment has
        // it: a bare name, or an id whose scope this snapshot may spell
        // otherwise (a management group's, the tenant's). An id in a
        // subscription or group other than that deployment's names another
        // deployment, whose outputs are not known here (a deployment with
        // `resourceGroup` lives in that group: Bicep reads a module's outputs
        // there by `extensionResourceId(<that group>, 'Microsoft.Resources/deployments', name)`).
        let by_name = || {
            let (scope, name) = match target.rsplit_once("/MICROSOFT.RESOURCES/DEPLOYMENTS/") {
                Some((scope, name)) => (Some(scope), name),
                None if !target.contains('/') => (None, target.as_str()),
                None => return None,
            };
            match self.deployment_ids.get(name)?.as_slice() {
                [only]
                    if !scope.is_some_and(|s| {
                        s.starts_with("/SUBSCRIPTIONS/") && only.starts_with("/SUBSCRIPTIONS/")
                    }) =>
                {
                    self.deployments.get(only)
                }
                _ => None,
            }
        };
        let Some(outputs) = self.deployments.get(&target).or_else(by_name) else {
            return Ok(None);
        };
        let found = outputs
            .as_object()
            .and_then(|map| property(map, output_name));
        Ok(found
            .and_then(|o| o.get("value"))
            .map(|v| Value::Known(v.clone())))
    }

    /// How many evaluation steps this evaluator has taken (see [`MAX_STEPS`]).
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Counts `steps` as already taken: nested evaluators share one budget.
    pub fn set_steps(&mut self, steps: u64) {
        self.steps = steps;
    }

    /// The deployment context.
    pub fn context(&self) -> &Context {
        self.ctx
    }

    /// Runs `f` with `copyIndex(name)` (`None`: `copyIndex()`) at `index`.
    pub fn with_copy<T>(
        &mut self,
        name: Option<&str>,
        index: i64,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.copies.push((name.map(str::to_string), index));
        let out = f(self);
        self.copies.pop();
        out
    }

    /// Runs `f` with loop `id` of the compiler's model at `item`, `index`.
    pub fn with_loop<T>(
        &mut self,
        id: usize,
        item: Value,
        index: i64,
        f: impl FnOnce(&mut Self) -> T,
    ) -> T {
        self.loops.push((id, item, index));
        let out = f(self);
        self.loops.pop();
        out
    }

    /// The value of parameter `name` (memoized).
    ///
    /// # Errors
    /// An undeclared parameter, a cycle, or a failing default value.
    pub fn parameter(&mut self, name: &str, span: Span) -> R {
        self.declared(Declared::Parameter, name, span)
    }

    /// The value of variable `name` (memoized).
    ///
    /// # Errors
    /// An undeclared variable, a cycle, or a failing expression in its value.
    pub fn variable(&mut self, name: &str, span: Span) -> R {
        let env = self.env;
        self.declared(Declared::Variable, name, span)
            .map_err(|e| match env.variable_path(name) {
                Some(path) if !e.rooted => EvalError {
                    rooted: true,
                    ..e.at(&path)
                },
                _ => e,
            })
    }

    /// The value of a parameter or variable, computed once (ARM matches their
    /// names ignoring case); reading one while computing it is a cycle.
    fn declared(&mut self, kind: Declared, name: &str, span: Span) -> R {
        let what = match kind {
            Declared::Parameter => "parameter",
            Declared::Variable => "variable",
        };
        let key = fold_case(name);
        match self.memo(kind).get(&key) {
            Some(Memo::Done(v)) => return Ok(v.clone()),
            Some(Memo::InProgress) => {
                return Err(EvalError::new(
                    format!("the {what} '{name}' depends on itself"),
                    span,
                ));
            }
            None => {}
        }
        let env = self.env;
        let source = match kind {
            Declared::Parameter => env.parameter(name),
            Declared::Variable => env.variable(name),
        };
        let Some(source) = source else {
            return Err(EvalError::new(
                format!("the template has no {what} '{name}'"),
                span,
            ));
        };
        self.memo(kind).insert(key.clone(), Memo::InProgress);
        let result = match kind {
            Declared::Parameter => self.source(source, span),
            Declared::Variable => {
                // A variable does not see the lambdas or loops of its reader.
                let locals = std::mem::take(&mut self.locals);
                let frames = std::mem::take(&mut self.frames);
                let copies = std::mem::take(&mut self.copies);
                let result = self.source(source, span);
                self.locals = locals;
                self.frames = frames;
                self.copies = copies;
                result
            }
        };
        match &result {
            Ok(v) => self.memo(kind).insert(key, Memo::Done(v.clone())),
            Err(_) => self.memo(kind).remove(&key),
        };
        result
    }

    fn memo(&mut self, kind: Declared) -> &mut HashMap<String, Memo> {
        match kind {
            Declared::Parameter => &mut self.params,
            Declared::Variable => &mut self.vars,
        }
    }

    fn source(&mut self, source: Source<'_>, _span: Span) -> R {
        match source {
            Source::Value(v) => Ok(v.clone()),
            Source::Json(json) => self.json(json),
            Source::Expr(expr) => self.eval(expr),
            Source::CopyVar(copy) => {
                let (_, items) = self.property_copy(copy)?;
                known(Json::Array(items))
            }
        }
    }

    /// Counts one step deeper; on an error the depth is left as it was.
    fn enter(&mut self, span: Span) -> Result<(), EvalError> {
        self.steps += 1;
        if self.depth >= MAX_DEPTH {
            return Err(EvalError::unsupported(
                format!("the evaluation nests more than {MAX_DEPTH} levels deep"),
                span,
            ));
        }
        if self.steps > MAX_STEPS {
            return Err(EvalError::unsupported(
                format!("the evaluation takes more than {MAX_STEPS} steps"),
                span,
            ));
        }
        self.depth += 1;
        Ok(())
    }

    /// Evaluates template JSON: strings that are expressions (`"[...]"`) are
    /// parsed and evaluated, `[[` escapes unescaped, objects' `copy` arrays
    /// (property and variable loops) expanded; an object or array with an
    /// unknown member keeps the member as its `"[...]"` string.
    ///
    /// # Errors
    /// An expression that does not parse or fails, a malformed `copy`.
    pub fn json(&mut self, value: &Json) -> R {
        self.enter(Span::call_site())?;
        let result = self.json_inner(value);
        self.depth -= 1;
        result
    }

    fn json_inner(&mut self, value: &Json) -> R {
        match value {
            Json::String(text) => {
                match crate::arm::expr::parse_string_value(text, self.env.user_functions()) {
                    Ok(crate::arm::expr::StringValue::Literal(s)) => known(Json::String(s)),
                    Ok(crate::arm::expr::StringValue::Expr(expr)) => {
                        check_lambdas(&expr)?;
                        self.eval(&expr)
                    }
                    Err(e) => Err(EvalError::new(
                        format!("the expression `{text}` does not parse: {e}"),
                        Span::call_site(),
                    )),
                }
            }
            Json::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    out.push(
                        self.json(item)
                            .map_err(|e| e.at(&format!("[{i}]")))?
                            .to_json(),
                    );
                }
                known(Json::Array(out))
            }
            Json::Object(map) => {
                let mut out = Map::new();
                for (key, item) in map {
                    // A property loop: `copy` in any case, as ARM reads a
                    // template's keys (see `template_key`). Two (`copy` and
                    // `Copy`) are two loops, not one key given twice: ARM
                    // runs sibling `copy` loops even under one spelling
                    // (microsoft/vscode-azurearmtools#646, of a quickstart
                    // template deploying two: "duplicate property names are
                    // invalid JSON, but you know ARM").
                    if eq_ignore_case(key, "copy")
                        && let Json::Array(copies) = item
                        && copies
                            .iter()
                            .all(|c| template_key_checked(c, "input").is_some())
                    {
                        for (i, copy) in copies.iter().enumerate() {
                            let (name, items) = self
                                .property_copy(copy)
                                .map_err(|e| e.at(&format!("{}[{i}]", child("", key))))?;
                            out.insert(name, Json::Array(items));
                        }
                        continue;
                    }
                    // Located by the key as written, as a JSON path is.
                    let at = child("", key);
                    let key = match self
                        .json(&Json::String(key.clone()))
                        .map_err(|e| e.at(&at))?
                    {
                        Value::Known(Json::String(s)) => s,
                        other => other.to_json().to_string(),
                    };
                    let v = self.json(item).map_err(|e| e.at(&at))?;
                    out.insert(key, v.to_json());
                }
                known(Json::Object(out))
            }
            other => known(other.clone()),
        }
    }

    /// One `copy` entry `{name, count, input}` of a property or variable loop:
    /// the property name and its items.
    fn property_copy(&mut self, copy: &Json) -> Result<(String, Vec<Json>), EvalError> {
        let span = Span::call_site();
        let name = template_key(copy, "name")?
            .and_then(Json::as_str)
            .ok_or_else(|| EvalError::new("a `copy` entry needs a string `name`", span))?
            .to_string();
        let count = self.count(copy)?;
        let input = template_key(copy, "input")?.unwrap_or(&Json::Null);
        let input_at = child("", spelled(copy, "input"));
        let mut items = Vec::new();
        for i in 0..count {
            let v = self
                .with_copy(Some(&name), i, |ev| ev.json(input))
                .map_err(|e| e.at(&input_at))?;
            items.push(v.to_json());
        }
        Ok((name, items))
    }

    /// The `count` of `copy` (a loop's `{name, count, ...}`): a non-negative
    /// integer at most 800. An error's path is inside `copy`, at `count` as
    /// the template spells it.
    ///
    /// # Errors
    /// A missing, unknown, negative or too large count; `count` given twice
    /// in different cases.
    pub fn count(&mut self, copy: &Json) -> Result<i64, EvalError> {
        let span = Span::call_site();
        let count = template_key(copy, "count")?
            .ok_or_else(|| EvalError::new("a `copy` needs a `count`", span))?;
        let at = child("", spelled(copy, "count"));
        let v = self.json(count).map_err(|e| e.at(&at))?;
        match v {
            Value::Known(Json::Number(n)) => match n.as_i64() {
                Some(n) if (0..=800).contains(&n) => Ok(n),
                _ => Err(EvalError::new(
                    format!("the copy count {n} is not between 0 and 800"),
                    span,
                )
                .at(&at)),
            },
            Value::Known(other) => Err(EvalError::new(
                format!(
                    "the copy count must be an integer, not {}",
                    type_name(&other)
                ),
                span,
            )
            .at(&at)),
            Value::Unknown(e) => Err(EvalError::new(
                format!(
                    "the copy count `{}` is only known during deployment",
                    render(&e)
                ),
                span,
            )
            .at(&at)),
        }
    }

    /// Evaluates an expression.
    ///
    /// # Errors
    /// What would fail the deployment: a wrong argument type, an index out of
    /// range, an unknown parameter, ... with the span of the failing expression.
    pub fn eval(&mut self, expr: &Expr) -> R {
        self.enter(expr.span)?;
        let result = self.eval_inner(expr);
        self.depth -= 1;
        result
    }

    fn eval_inner(&mut self, expr: &Expr) -> R {
        let span = expr.span;
        // `.value` or `['value']` of a nested deployment's known output.
        if let Some((output, step)) = property_step(expr)
            && eq_ignore_case(step, "value")
            && let Some(v) = self.deployment_output(output)?
        {
            return Ok(v);
        }
        match &expr.kind {
            ExprKind::Str(s) => known(Json::String(s.clone())),
            ExprKind::Int(n) => known(Json::from(*n)),
            ExprKind::Bool(b) => known(Json::Bool(*b)),
            ExprKind::Null => known(Json::Null),
            ExprKind::Array(items) => {
                let values = self.eval_all(items)?;
                Ok(collect(values, Json::Array, |es| node(ExprKind::Array(es))))
            }
            ExprKind::Object(props) => self.object(props),
            ExprKind::Param(name) | ExprKind::FuncParam(name) => {
                if let Some(&start) = self.frames.last()
                    && let Some((_, v)) = self.locals[start..]
                        .iter()
                        .rev()
                        .find(|(n, _)| eq_ignore_case(n, name))
                {
                    return Ok(v.clone());
                }
                if matches!(expr.kind, ExprKind::FuncParam(_)) {
                    // A function's body read outside a call.
                    return Ok(Value::Unknown(Box::new(expr.clone())));
                }
                self.parameter(name, span)
            }
            ExprKind::Var(name) => self.variable(name, span),
            ExprKind::LambdaVar(name) => {
                let start = self.frames.last().copied().unwrap_or(0);
                self.locals[start..]
                    .iter()
                    .rev()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
                    .ok_or_else(|| {
                        EvalError::new(format!("no lambda variable '{name}' here"), span)
                    })
            }
            ExprKind::LoopItem(id) | ExprKind::LoopIndex(id) => {
                let found = self.loops.iter().rev().find(|(l, _, _)| l == id);
                match (found, &expr.kind) {
                    (Some((_, item, _)), ExprKind::LoopItem(_)) => Ok(item.clone()),
                    (Some((_, _, index)), _) => known(Json::from(*index)),
                    (None, _) => Ok(Value::Unknown(Box::new(expr.clone()))),
                }
            }
            ExprKind::Resource(_) | ExprKind::Module(_) => Ok(self
                .env
                .symbol(expr)
                .unwrap_or_else(|| Value::Unknown(Box::new(expr.clone())))),
            ExprKind::Call(c) => self.call(c, span),
            ExprKind::Member(base, name) => {
                if matches!(base.kind, ExprKind::Resource(_) | ExprKind::Module(_))
                    && let Some(v) = self.env.symbol(expr)
                {
                    return Ok(v);
                }
                // `.ſubscriptionId`: left to the deployment, as below.
                if let ExprKind::Call(c) = &base.kind
                    && c.user.is_none()
                    && is_ascii_member(name)
                    && let Some(v) = self.scope_member(c, name, expr)?
                {
                    return Ok(v);
                }
                let b = self.eval(base)?;
                match b {
                    // `.größe`: whether ARM reads a property name beyond
                    // ASCII after `.` is documented nowhere, and Microsoft's
                    // own tools disagree (see `arm::expr`'s
                    // `Parser::property_name`): neither a value nor an
                    // error, the access is left to the deployment.
                    // (`['größe']` is certain, and is how the compiler
                    // writes such a name.)
                    Value::Known(_) if !is_ascii_member(name) => Ok(Value::Unknown(Box::new(
                        node(ExprKind::Member(Box::new(b.to_expr()), name.clone())),
                    ))),
                    Value::Known(v) => member(&v, name, span).map(Value::Known),
                    Value::Unknown(e) => Ok(Value::Unknown(Box::new(node(ExprKind::Member(
                        e,
                        name.clone(),
                    ))))),
                }
            }
            ExprKind::Index(base, index) => {
                let b = self.eval(base)?;
                let i = self.eval(index)?;
                match (b, i) {
                    (Value::Known(b), Value::Known(i)) => {
                        index_value(&b, &i, span).map(Value::Known)
                    }
                    (b, i) => Ok(Value::Unknown(Box::new(node(ExprKind::Index(
                        Box::new(b.to_expr()),
                        Box::new(i.to_expr()),
                    ))))),
                }
            }
            ExprKind::Unary(op, operand) => {
                let v = self.eval(operand)?;
                match (op, v) {
                    (ir::UnOp::Not, Value::Known(v)) => {
                        builtins::apply(self, "not", &[v], span).map(Value::Known)
                    }
                    (ir::UnOp::Neg, Value::Known(v)) => {
                        builtins::apply(self, "sub", &[Json::from(0), v], span).map(Value::Known)
                    }
                    (_, Value::Unknown(e)) => {
                        Ok(Value::Unknown(Box::new(node(ExprKind::Unary(*op, e)))))
                    }
                }
            }
            ExprKind::Binary(op, lhs, rhs) => self.binary(*op, lhs, rhs, span),
            ExprKind::Ternary(cond, then, otherwise) => match self.eval(cond)? {
                Value::Known(Json::Bool(true)) => self.eval(then),
                Value::Known(Json::Bool(false)) => self.eval(otherwise),
                Value::Known(other) => Err(EvalError::new(
                    format!("the condition must be a bool, not {}", type_name(&other)),
                    cond.span,
                )),
                Value::Unknown(c) => {
                    let t = self.eval_branch(then).to_expr();
                    let o = self.eval_branch(otherwise).to_expr();
                    Ok(Value::Unknown(Box::new(node(ExprKind::Ternary(
                        c,
                        Box::new(t),
                        Box::new(o),
                    )))))
                }
            },
            ExprKind::Lambda(..) => Err(EvalError::new(
                "a lambda is only valid as an argument of map, filter, reduce, sort, toObject, groupBy or mapValues",
                span,
            )),
            ExprKind::For(head, body) => {
                let source = self.eval(&head.source)?;
                let items = match source {
                    Value::Known(Json::Array(items)) => items,
                    Value::Known(other) => {
                        return Err(EvalError::new(
                            format!("a `for` loops over an array, not {}", type_name(&other)),
                            head.source.span,
                        ));
                    }
                    Value::Unknown(_) => return Ok(Value::Unknown(Box::new(expr.clone()))),
                };
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.into_iter().enumerate() {
                    let v =
                        self.with_loop(head.id, Value::Known(item), i as i64, |ev| ev.eval(body))?;
                    out.push(v);
                }
                Ok(collect(out, Json::Array, |es| node(ExprKind::Array(es))))
            }
            ExprKind::Invalid => Err(EvalError::new("an invalid expression", span)),
        }
    }

    /// `subscription().tenantId` and the like: the member when known, its
    /// residue when not, even where the whole object is not known.
    fn scope_member(
        &mut self,
        c: &ir::Call,
        name: &str,
        expr: &Expr,
    ) -> Result<Option<Value>, EvalError> {
        let lower = c.function.name.to_ascii_lowercase();
        if !matches!(
            lower.as_str(),
            "resourcegroup" | "subscription" | "tenant" | "managementgroup" | "deployment"
        ) {
            return Ok(None);
        }
        let mut args = Vec::new();
        for arg in &c.args {
            match self.eval(arg)? {
                Value::Known(v) => args.push(v),
                Value::Unknown(_) => return Ok(None),
            }
        }
        let fields = builtins::scope_fields(self, &lower, &args, expr.span)?;
        Ok(fields
            .into_iter()
            .find(|(k, _)| eq_ignore_case(k, name))
            .map(|(key, v)| match v {
                Some(v) => Value::Known(v),
                // As `bicep snapshot` shows it: the subscription's tenant is
                // the deployment's tenant.
                None if lower == "subscription" && key == "tenantId" => {
                    Value::Unknown(Box::new(node(ExprKind::Member(
                        Box::new(call("tenant", Vec::new())),
                        "tenantId".to_string(),
                    ))))
                }
                None => Value::Unknown(Box::new(node(ExprKind::Member(
                    Box::new(residual_call(c, args.iter().map(json_to_expr).collect()).to_expr()),
                    name.to_string(),
                )))),
            }))
    }

    fn object(&mut self, props: &[Prop]) -> R {
        let mut out = Map::new();
        let mut residual = Vec::new();
        let mut unknown = false;
        for prop in props {
            let key = match &prop.key {
                Key::Lit(k) => Value::Known(Json::String(k.clone())),
                Key::Expr(k) => self.eval(k)?,
            };
            let value = self.eval(&prop.value)?;
            match (&key, &value) {
                (Value::Known(Json::String(k)), Value::Known(v)) => {
                    out.insert(k.clone(), v.clone());
                }
                (Value::Known(other), _) if !matches!(other, Json::String(_)) => {
                    return Err(EvalError::new(
                        format!("an object key must be a string, not {}", type_name(other)),
                        prop.key_span,
                    ));
                }
                _ => unknown = true,
            }
            residual.push(Prop {
                key: match key {
                    Value::Known(Json::String(k)) => Key::Lit(k),
                    other => Key::Expr(Box::new(other.to_expr())),
                },
                key_span: prop.key_span,
                value: value.to_expr(),
            });
        }
        if unknown {
            Ok(Value::Unknown(Box::new(node(ExprKind::Object(residual)))))
        } else {
            known(Json::Object(out))
        }
    }

    /// Evaluates what ARM may not evaluate (the branch of an unknown
    /// condition): a failure is not an error, only an unknown value.
    fn eval_branch(&mut self, expr: &Expr) -> Value {
        self.eval(expr)
            .unwrap_or_else(|_| Value::Unknown(Box::new(expr.clone())))
    }

    fn eval_all(&mut self, args: &[Expr]) -> Result<Vec<Value>, EvalError> {
        args.iter().map(|a| self.eval(a)).collect()
    }

    fn binary(&mut self, op: ir::BinOp, lhs: &Expr, rhs: &Expr, span: Span) -> R {
        use ir::BinOp as B;
        let l = self.eval(lhs)?;
        // `??`, `&&` and `||` stop at the left operand when it decides.
        match (op, &l) {
            (B::Coalesce, Value::Known(v)) if !v.is_null() => return Ok(l),
            (B::And, Value::Known(Json::Bool(false))) => return known(Json::Bool(false)),
            (B::Or, Value::Known(Json::Bool(true))) => return known(Json::Bool(true)),
            _ => {}
        }
        // After an unknown left operand, the right one may never be evaluated.
        let r = if matches!(l, Value::Unknown(_)) && matches!(op, B::Coalesce | B::And | B::Or) {
            self.eval_branch(rhs)
        } else {
            self.eval(rhs)?
        };
        let (Value::Known(a), Value::Known(b)) = (&l, &r) else {
            return Ok(Value::Unknown(Box::new(node(ExprKind::Binary(
                op,
                Box::new(l.to_expr()),
                Box::new(r.to_expr()),
            )))));
        };
        let name = match op {
            B::Coalesce => return Ok(r),
            B::Or => "or",
            B::And => "and",
            B::Eq => "equals",
            B::Ne => {
                return builtins::apply(self, "equals", &[a.clone(), b.clone()], span)
                    .map(|v| Value::Known(Json::Bool(v != Json::Bool(true))));
            }
            B::Lt => "less",
            B::Le => "lessOrEquals",
            B::Gt => "greater",
            B::Ge => "greaterOrEquals",
            B::Add => "add",
            B::Sub => "sub",
            B::Mul => "mul",
            B::Div => "div",
            B::Mod => "mod",
        };
        match builtins::apply(self, name, &[a.clone(), b.clone()], span) {
            Ok(v) => known(v),
            // What this evaluator cannot compute is left to the deployment.
            Err(e) if e.unsupported => Ok(Value::Unknown(Box::new(node(ExprKind::Binary(
                op,
                Box::new(l.to_expr()),
                Box::new(r.to_expr()),
            ))))),
            Err(e) => Err(e),
        }
    }

    fn call(&mut self, c: &ir::Call, span: Span) -> R {
        if let Some(index) = c.user {
            return self.user_call(index, c, span);
        }
        let lower = c.function.name.to_ascii_lowercase();
        // Functions that take lambdas, or evaluate lazily.
        match lower.as_str() {
            "if" if c.args.len() == 3 => {
                return match self.eval(&c.args[0])? {
                    Value::Known(Json::Bool(true)) => self.eval(&c.args[1]),
                    Value::Known(Json::Bool(false)) => self.eval(&c.args[2]),
                    Value::Known(other) => Err(EvalError::new(
                        format!("if() takes a bool condition, not {}", type_name(&other)),
                        c.args[0].span,
                    )),
                    Value::Unknown(cond) => {
                        let t = self.eval_branch(&c.args[1]).to_expr();
                        let o = self.eval_branch(&c.args[2]).to_expr();
                        Ok(residual_call(c, vec![*cond, t, o]))
                    }
                };
            }
            // ARM evaluates `and` and `or` lazily, left to right, and stops at
            // the first argument that decides (the DSL's `&&` and `||` are
            // these calls): `and(false(), div(1, 0))` is false.
            "and" | "or" => {
                let decisive = lower == "or";
                let mut all = Vec::new();
                let mut unknown = false;
                for arg in &c.args {
                    // After an unknown argument, the rest may never be evaluated.
                    let v = if unknown {
                        self.eval_branch(arg)
                    } else {
                        self.eval(arg)?
                    };
                    match &v {
                        _ if unknown => {}
                        Value::Known(Json::Bool(b)) if *b == decisive => {
                            return known(Json::Bool(decisive));
                        }
                        Value::Known(Json::Bool(_)) => {}
                        Value::Known(other) => {
                            return Err(EvalError::new(
                                format!(
                                    "{}() takes bool arguments, not {}",
                                    c.function.name,
                                    type_name(other)
                                ),
                                arg.span,
                            ));
                        }
                        Value::Unknown(_) => unknown = true,
                    }
                    all.push(v.to_expr());
                }
                return if unknown {
                    Ok(residual_call(c, all))
                } else {
                    known(Json::Bool(!decisive))
                };
            }
            "coalesce" => {
                let mut rest = Vec::new();
                for arg in &c.args {
                    // Once one argument is unknown, the rest may never be evaluated.
                    let v = if rest.is_empty() {
                        self.eval(arg)?
                    } else {
                        self.eval_branch(arg)
                    };
                    match v {
                        Value::Known(Json::Null) => {}
                        Value::Known(v) if rest.is_empty() => return known(v),
                        v => rest.push(v.to_expr()),
                    }
                }
                return if rest.is_empty() {
                    known(Json::Null)
                } else {
                    Ok(residual_call(c, rest))
                };
            }
            "map" | "filter" | "sort" | "reduce" | "toobject" | "groupby" | "mapvalues" => {
                return builtins::lambda_call(self, &lower, c, span);
            }
            _ => {}
        }
        let values = self.eval_all(&c.args)?;
        if builtins::reads_deployed_state(&lower, c) {
            return Ok(residual_call(
                c,
                values.iter().map(Value::to_expr).collect(),
            ));
        }
        if values.iter().any(|v| matches!(v, Value::Unknown(_))) {
            return Ok(residual_call(
                c,
                values.iter().map(Value::to_expr).collect(),
            ));
        }
        let args: Vec<Json> = values
            .into_iter()
            .filter_map(|v| match v {
                Value::Known(v) => Some(v),
                Value::Unknown(_) => None,
            })
            .collect();
        match builtins::apply_call(self, &lower, c, &args, span) {
            Ok(Some(v)) => Ok(v),
            // Not computed here (unknown until deployment, or a format this
            // evaluator does not know): left to the deployment.
            Ok(None) => Ok(residual_call(c, args.iter().map(json_to_expr).collect())),
            Err(e) if e.unsupported || e.message.contains("not supported by this evaluator") => {
                Ok(residual_call(c, args.iter().map(json_to_expr).collect()))
            }
            Err(e) => Err(e),
        }
    }

    fn user_call(&mut self, index: usize, c: &ir::Call, span: Span) -> R {
        let env = self.env;
        let Some((names, body)) = env.function(index) else {
            return Err(EvalError::new(
                format!("the user-defined function '{}' is not declared", c.name),
                span,
            ));
        };
        if names.len() != c.args.len() {
            return Err(EvalError::new(
                format!(
                    "the function '{}' takes {} arguments, not {}",
                    c.name,
                    names.len(),
                    c.args.len()
                ),
                span,
            ));
        }
        let values = self.eval_all(&c.args)?;
        let start = self.locals.len();
        self.locals.extend(names.into_iter().zip(values));
        self.frames.push(start);
        let result = self.eval(body);
        self.frames.pop();
        self.locals.truncate(start);
        result
    }

    /// Calls a lambda with `args` bound to its parameters.
    fn apply_lambda(&mut self, lambda: &Expr, args: Vec<Json>) -> R {
        let ExprKind::Lambda(params, body) = &lambda.kind else {
            return Err(EvalError::new("expected a lambda", lambda.span));
        };
        let start = self.locals.len();
        for (name, v) in params.iter().zip(args) {
            self.locals.push((name.clone(), Value::Known(v)));
        }
        let result = self.eval(body);
        self.locals.truncate(start);
        result
    }

    fn copy_index(&self, name: Option<&str>, span: Span) -> Result<i64, EvalError> {
        let found = match name {
            Some(name) => self
                .copies
                .iter()
                .rev()
                .find(|(n, _)| n.as_deref().is_some_and(|n| eq_ignore_case(n, name))),
            None => self
                .copies
                .iter()
                .find(|(n, _)| n.is_none())
                .or(self.copies.first()),
        };
        found.map(|(_, i)| *i).ok_or_else(|| {
            let message = match name {
                Some(name) => {
                    format!("copyIndex('{name}') is outside a copy loop named '{name}'")
                }
                None => "copyIndex() is outside a copy loop".to_string(),
            };
            if self.copies_complete {
                EvalError::new(
                    format!("{message}: ARM allows it only in a copy loop (\"The template function 'copyIndex' is not expected at this location\")"),
                    span,
                )
            } else {
                // The index is not known here (the compiler's own loops are
                // not ARM copies): the deployment decides.
                EvalError::unsupported(message, span)
            }
        })
    }
}

fn residual_call(c: &ir::Call, args: Vec<Expr>) -> Value {
    Value::Unknown(Box::new(node(ExprKind::Call(Box::new(ir::Call {
        function: c.function,
        name: c.name.clone(),
        args,
        user: c.user,
    })))))
}

/// Known values combined with `known`, or the residue from `unknown` when one is
/// not known.
fn collect(
    values: Vec<Value>,
    known_fn: impl FnOnce(Vec<Json>) -> Json,
    unknown_fn: impl FnOnce(Vec<Expr>) -> Expr,
) -> Value {
    if values.iter().all(|v| matches!(v, Value::Known(_))) {
        Value::Known(known_fn(
            values
                .into_iter()
                .filter_map(|v| v.known().cloned())
                .collect(),
        ))
    } else {
        Value::Unknown(Box::new(unknown_fn(
            values.iter().map(Value::to_expr).collect(),
        )))
    }
}

/// The ARM name of a JSON value's type, for messages.
pub fn type_name(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a bool",
        Json::Number(n) if n.is_i64() => "an int",
        Json::Number(n) if n.is_u64() => "an int beyond ARM's 64-bit range",
        Json::Number(_) => "a float",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// Whether two names or ids are equal ignoring case as ARM compares them:
/// resource names, groups and ids are case-insensitive
/// (management/resource-name-rules), as are parameter, variable, output and
/// property names, and not for ASCII letters only. This is .NET's
/// `StringComparison.OrdinalIgnoreCase`: each character's simple upper case
/// mapping (invariant), so `É` matches `é`, `ſ` (long s) matches `s`, and `ß`
/// matches only itself (its upper case `SS` is not one character).
fn eq_ignore_case(a: &str, b: &str) -> bool {
    a.chars()
        .map(builtins::simple_upper)
        .eq(b.chars().map(builtins::simple_upper))
}

/// A key under which names equal ignoring case (as [`eq_ignore_case`]) are
/// one: each character's simple upper case mapping.
fn fold_case(s: &str) -> String {
    s.chars().map(builtins::simple_upper).collect()
}

/// An object's property `name`: the one spelled so, else the first equal
/// ignoring case (ARM matches property names ignoring case).
fn property<'m>(map: &'m Map<String, Json>, name: &str) -> Option<&'m Json> {
    map.get(name).or_else(|| {
        map.iter()
            .find(|(k, _)| eq_ignore_case(k, name))
            .map(|(_, v)| v)
    })
}

/// The member `name` of a template's structure (`parameters`, `defaultValue`,
/// `dependsOn`, `copy`, `count`, `properties`, `template`, ...), read as ARM
/// reads a template: its property names ignoring case, so that `DependsOn`
/// is `dependsOn`. ARM reads templates with JSON.NET (Newtonsoft), whose
/// deserializer takes a member spelled exactly, else one equal ignoring case;
/// Azure/PSRule.Rules.Azure#794 observes the same of ARM's property reads.
/// This is [`property`], the look-up of `member`, `tryGet` and deployment
/// outputs. `None` where `value` is no object or has no such member.
///
/// # Errors
/// Two members equal to `name` ignoring case (`dependsOn` and `DependsOn`):
/// which one ARM takes is documented nowhere (JSON.NET would set the member
/// twice, the later winning, but nothing of Microsoft's says ARM relies on
/// that), so neither is picked: an [`EvalError`] of this evaluator's
/// (`unsupported`), not a claim that the deployment fails.
pub(crate) fn template_key<'v>(value: &'v Json, name: &str) -> Result<Option<&'v Json>, EvalError> {
    let Json::Object(map) = value else {
        return Ok(None);
    };
    let mut same = map.keys().filter(|k| eq_ignore_case(k, name));
    if let (Some(a), Some(b)) = (same.next(), same.next()) {
        return Err(EvalError::unsupported(
            format!(
                "both `{a}` and `{b}` are given: ARM reads the property names of a template (and of a parameters file) ignoring case, \
                 and which of the two it takes is not documented; keep one"
            ),
            Span::call_site(),
        ));
    }
    Ok(property(map, name))
}

/// [`template_key`] where the object was already checked by it (no two
/// members equal to `name` ignoring case): the member, or `None`.
fn template_key_checked<'v>(value: &'v Json, name: &str) -> Option<&'v Json> {
    value.as_object().and_then(|map| property(map, name))
}

/// `parent.key`, or `parent['key']` where `key` is not a plain identifier
/// (an ASCII letter, `_` or `$`, then also digits), as
/// [`crate::arm::json_pos::key_path`] writes a JSON path; `parent` is an
/// object's path, empty for the root.
pub(crate) fn child(parent: &str, key: &str) -> String {
    if parent.is_empty() && crate::arm::json_pos::plain_key(key) {
        key.to_string()
    } else {
        crate::arm::json_pos::key_path(parent, key)
    }
}

/// The template's own spelling of the structural member `name` of `value`
/// (`DependsOn` for `dependsOn`), for paths: the member [`checked_key`]
/// reads, else `name` itself.
pub(crate) fn spelled<'a>(value: &'a Json, name: &'a str) -> &'a str {
    let Some(map) = value.as_object() else {
        return name;
    };
    if map.contains_key(name) {
        return name;
    }
    map.keys()
        .find(|k| eq_ignore_case(k, name))
        .map_or(name, String::as_str)
}

/// Checks that no `lambda(...)` in `expr` names one parameter twice
/// (`lambda('x', 'x', ...)`): Bicep rejects it (BCP028, "Identifier is
/// declared multiple times") and `apim-dsl check` reports it of a template
/// (ADSL0202), so nothing is computed from it.
pub(crate) fn check_lambdas(expr: &Expr) -> Result<(), EvalError> {
    let mut twice = None;
    ir::walk(expr, &mut |e| {
        if twice.is_none()
            && let ExprKind::Lambda(params, _) = &e.kind
        {
            twice = params
                .iter()
                .enumerate()
                .find(|(i, p)| params[..*i].contains(p))
                .map(|(_, p)| (p.clone(), e.span));
        }
    });
    match twice {
        Some((name, span)) => Err(EvalError::new(
            format!(
                "the lambda names its parameter '{name}' twice: a lambda's parameters must differ"
            ),
            span,
        )),
        None => Ok(()),
    }
}

/// Whether `name` after `.` is one ARM certainly reads: ASCII letters,
/// digits, `_` and `$`, not starting with a digit (every `.name` of
/// Microsoft's documentation and templates is one).
fn is_ascii_member(name: &str) -> bool {
    name.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// `v.name`: an object's property (ARM matches property names ignoring case).
fn member(v: &Json, name: &str, span: Span) -> Result<Json, EvalError> {
    match v {
        Json::Object(map) => property(map, name).cloned().ok_or_else(|| {
            let mut keys: Vec<&str> = map.keys().map(String::as_str).collect();
            keys.truncate(20);
            EvalError::new(
                format!(
                    "the object has no property '{name}' (its properties: {})",
                    if keys.is_empty() {
                        "none".to_string()
                    } else {
                        keys.join(", ")
                    }
                ),
                span,
            )
        }),
        other => Err(EvalError::new(
            format!("cannot read the property '{name}' of {}", type_name(other)),
            span,
        )),
    }
}

/// `v[i]`: an array's item or an object's property.
fn index_value(v: &Json, i: &Json, span: Span) -> Result<Json, EvalError> {
    match (v, i) {
        (Json::Array(items), Json::Number(n)) => {
            let len = items.len();
            n.as_i64()
                .and_then(|n| usize::try_from(n).ok())
                .and_then(|n| items.get(n))
                .cloned()
                .ok_or_else(|| {
                    EvalError::new(
                        format!("the index {n} is out of range of an array of {len} items"),
                        span,
                    )
                })
        }
        (Json::Object(_), Json::String(name)) => member(v, name, span),
        (base, index) => Err(EvalError::new(
            format!("cannot index {} with {}", type_name(base), type_name(index)),
            span,
        )),
    }
}

/// Evaluates one ARM expression string (`"[concat('a', 'b')]"` or literal text)
/// with nothing declared: a convenience for tests and tools.
///
/// # Errors
/// An expression that does not parse or fails.
pub fn eval_str(text: &str, ctx: &Context) -> Result<Value, EvalError> {
    let env = EmptyEnv;
    let mut ev = Evaluator::new(ctx, &env);
    ev.json(&Json::String(text.to_string()))
}
