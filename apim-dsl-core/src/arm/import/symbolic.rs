//! `--symbolic`: recognised ARM patterns rewritten into the DSL's idiomatic
//! form, planned over the whole template before printing.
//!
//! - `resourceId('T', n...)` of a resource of the template becomes `sym.id`
//!   where the reader already waits for it (its `dependsOn` names it, or it
//!   is its parent; an output waits for all): a symbol makes the reader wait,
//!   as in Bicep, and ARM adds no dependency for an id
//!   (<https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency>),
//!   so elsewhere the id stays as written;
//! - `reference(resourceId(...), v, 'Full').x` becomes `sym.x`, and
//!   `reference(resourceId(...)[, v]).x` becomes `sym.properties.x`;
//! - a top-level child (`Microsoft.KeyVault/vaults/secrets` named
//!   `concat(vault, '/', 'x')`) of a resource of the template gets
//!   `parent: vault` and its own segment as `name`;
//! - a role assignment shaped like what `grant` writes (the importer's
//!   `grant_form`) becomes a `grant`;
//! - `dependsOn` entries implied by those (a symbol the body reads, the
//!   parent) are dropped, the others written as symbols.
//!
//! Resources with a loop or a condition are left as written (their symbols
//! read one copy, or only where the condition holds), and so is a resource's
//! read of its own state.

use super::parse_string_value;
use crate::arm::expr::StringValue;
use crate::eval::TargetScope;
use crate::ir::{Expr, ExprKind};
use foldhash::HashMap;
use proc_macro2::Span;
use serde_json::Value;
use std::collections::HashSet;

/// One resource of the template, nested ones included.
#[derive(Debug, Clone)]
struct Planned {
    path: String,
    symbol: String,
    /// The full type (`Microsoft.ApiManagement/service/apis`).
    ty: String,
    /// The name's segments, when the name splits into them.
    segments: Option<Vec<Expr>>,
    /// Looped or conditional: left as written.
    plain: bool,
    /// The resource this one is nested in (JSON `resources`).
    nested_in: Option<usize>,
    /// An inline nested deployment the DSL writes as a module.
    module: bool,
    /// The secure outputs of a module's template (`secureString`,
    /// `secureObject`), in lower case: `m.outputs.x` reads them with
    /// `listOutputsWithSecureValues`, not `reference`.
    secure_outputs: Vec<String>,
    /// `parent:` to write, and the name's own segment.
    parent: Option<(usize, Expr)>,
    /// Its `dependsOn` entries as written.
    depends_on: Vec<String>,
    /// Its `scope`, when written (an extension resource's): what an
    /// `extensionResourceId` naming it must have as its first argument.
    scope: Option<Expr>,
    /// The resources it waits for in ARM (its `dependsOn` entries that name
    /// one, and its parent): the only ones whose `resourceId(...)` may become
    /// `sym.id`, since a symbol makes the reader wait for it as Bicep does,
    /// and ARM adds no dependency for an id.
    waits: Vec<usize>,
}

/// What the symbolic rewrites change in a template.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    resources: Vec<Planned>,
    functions: Vec<(String, String)>,
    /// The resources each id or name is compared with (built once: a search
    /// of every resource per `dependsOn` entry was quadratic): the first
    /// resource left to rewrite by its `'Type/name'` text (lower case), the
    /// first module by its name (lower case), and those of each type (lower
    /// case) in declaration order. Modules are indexed as they are marked
    /// ([`set_module`](Self::set_module)).
    by_text: HashMap<String, usize>,
    modules_by_name: HashMap<String, usize>,
    by_type: HashMap<String, Vec<usize>>,
    /// Every resource by its JSON path.
    by_path: HashMap<String, usize>,
    /// The resources left to rewrite by their name's first segment and by its
    /// last (of several), as [`segment_key`] gives: the candidates of a bare
    /// name ([`named_by_name`](Self::named_by_name)).
    by_first: HashMap<String, Vec<usize>>,
    by_last: HashMap<String, Vec<usize>>,
    /// The template's variables holding text (an id), by `name_key`, for
    /// the scopes an `extensionResourceId` is compared by.
    variables: HashMap<String, Expr>,
    /// The template's target scope (its `$schema`): the scope of an
    /// extension resource declared without `scope`.
    kind: TargetScope,
}

fn node(kind: ExprKind) -> Expr {
    Expr::new(kind, Span::call_site())
}

fn parse(text: &str, functions: &[(String, String)]) -> Option<Expr> {
    match parse_string_value(text, functions) {
        Ok(StringValue::Expr(expr)) => Some(expr),
        Ok(StringValue::Literal(text)) => Some(node(ExprKind::Str(text))),
        Err(_) => None,
    }
}

/// Whether two names, segment by segment, are the same: literal text
/// ignoring ASCII case, as ARM compares names, an expression written alike.
fn same_names(a: &[Expr], b: &[Expr]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| match (x.as_str(), y.as_str()) {
                (Some(x), Some(y)) => x.eq_ignore_ascii_case(y),
                _ => x.same_as(y),
            })
}

/// What two name segments that [`Plan::named_by_name`] finds equal share:
/// literal text lower-cased (compared ignoring ASCII case), or an
/// expression's fingerprint (equal expressions have equal ones; others may
/// share it, and are compared whole).
fn segment_key(segment: &Expr) -> String {
    match segment.as_str() {
        Some(text) => format!("t{}", text.to_ascii_lowercase()),
        None => {
            let mut key = String::from("e");
            crate::check::duplicates::fingerprint(segment, &mut key);
            key
        }
    }
}

/// Whether an extension resource's `scope` and an `extensionResourceId`'s
/// first argument are the same resource: written alike, or both naming the
/// same type and name segments, one as `resourceId(type, names...)` and the
/// other as the relative text `'Namespace/type/name'` (`format(...)` or
/// `concat(...)` of it), the two forms a scope takes
/// (<https://learn.microsoft.com/azure/azure-resource-manager/templates/scope-extension-resources>).
fn same_scope(scope: &Expr, base: &Expr) -> bool {
    if scope.same_as(base) {
        return true;
    }
    match (scope_target_of(scope), scope_target_of(base)) {
        (Some((t1, n1)), Some((t2, n2))) => t1.eq_ignore_ascii_case(&t2) && same_names(&n1, &n2),
        _ => false,
    }
}

/// The segments of a resource name: `'a/b'`, `concat(a, '/', b)`,
/// `format('{0}/{1}', a, b)`, or one segment.
fn segments(name: &Expr) -> Vec<Expr> {
    match &name.kind {
        ExprKind::Str(text) => text
            .split('/')
            .map(|s| node(ExprKind::Str(s.to_string())))
            .collect(),
        ExprKind::Call(call) if call.user.is_none() && call.name == "concat" => {
            let mut out: Vec<Vec<Expr>> = vec![Vec::new()];
            for arg in &call.args {
                match &arg.kind {
                    ExprKind::Str(text) => {
                        for (i, part) in text.split('/').enumerate() {
                            if i > 0 {
                                out.push(Vec::new());
                            }
                            if !part.is_empty()
                                && let Some(last) = out.last_mut()
                            {
                                last.push(node(ExprKind::Str(part.to_string())));
                            }
                        }
                    }
                    _ => {
                        if let Some(last) = out.last_mut() {
                            last.push(arg.clone());
                        }
                    }
                }
            }
            out.into_iter().map(join).collect()
        }
        ExprKind::Call(call) if call.user.is_none() && call.name == "format" => {
            let Some(ExprKind::Str(pattern)) = call.args.first().map(|a| &a.kind) else {
                return vec![name.clone()];
            };
            let mut out = Vec::new();
            for part in pattern.split('/') {
                let index = part
                    .strip_prefix('{')
                    .and_then(|p| p.strip_suffix('}'))
                    .and_then(|p| p.parse::<usize>().ok());
                match index.and_then(|i| call.args.get(i + 1)) {
                    Some(arg) => out.push(arg.clone()),
                    None if !part.contains(['{', '}']) => {
                        out.push(node(ExprKind::Str(part.to_string())))
                    }
                    None => return vec![name.clone()],
                }
            }
            out
        }
        _ => vec![name.clone()],
    }
}

/// Pieces of one segment as one expression.
fn join(mut pieces: Vec<Expr>) -> Expr {
    match pieces.len() {
        0 => node(ExprKind::Str(String::new())),
        1 => pieces.remove(0),
        _ => {
            let found = crate::functions::lookup("concat").map(|f| f.function);
            match found {
                Some(function) => node(ExprKind::Call(Box::new(crate::ir::Call {
                    function,
                    name: "concat".to_string(),
                    args: pieces,
                    user: None,
                }))),
                None => node(ExprKind::Invalid),
            }
        }
    }
}

impl Plan {
    /// Plans the rewrites of `resources`, of a template of target scope
    /// `kind`, naming each with `fresh`.
    pub fn new(
        resources: &[Value],
        kind: TargetScope,
        functions: &[(String, String)],
        fresh: &mut dyn FnMut(&str) -> String,
    ) -> Plan {
        let mut plan = Plan {
            resources: Vec::new(),
            functions: functions.to_vec(),
            kind,
            ..Plan::default()
        };
        for (i, resource) in resources.iter().enumerate() {
            plan.add(resource, &format!("$.resources[{i}]"), None, fresh);
        }
        plan.index();
        plan.find_parents();
        plan.find_waits();
        plan
    }

    fn add(
        &mut self,
        resource: &Value,
        path: &str,
        nested_in: Option<usize>,
        fresh: &mut dyn FnMut(&str) -> String,
    ) {
        let written = resource
            .get("type")
            .and_then(Value::as_str)
            .unwrap_or("resource");
        // Relative to the parent's type unless fully qualified (a namespace
        // first), as ARM reads a nested type (`resolve::items::nested_type`).
        let relative = !written.split('/').next().unwrap_or("").contains('.');
        let ty = match nested_in.and_then(|p| self.resources.get(p)) {
            Some(parent) if relative => format!("{}/{written}", parent.ty),
            _ => written.to_string(),
        };
        let last = ty.rsplit('/').next().unwrap_or("resource");
        let symbol = match resource
            .get("copy")
            .and_then(|c| c.get("name"))
            .and_then(Value::as_str)
        {
            Some(name) => name.to_string(),
            None => fresh(last),
        };
        let name = resource
            .get("name")
            .and_then(Value::as_str)
            .and_then(|n| parse(n, &self.functions));
        let own = name.as_ref().map(segments);
        let segments = match (nested_in.and_then(|p| self.resources.get(p)), own) {
            (Some(parent), Some(own)) if relative => parent.segments.clone().map(|mut s| {
                s.extend(own);
                s
            }),
            (_, own) => own,
        };
        let expected = ty.split('/').count().saturating_sub(1);
        let segments = segments.filter(|s| s.len() == expected);
        let plain = resource.get("copy").is_some() || resource.get("condition").is_some();
        let index = self.resources.len();
        self.resources.push(Planned {
            path: path.to_string(),
            symbol,
            ty,
            segments,
            plain,
            nested_in,
            module: false,
            secure_outputs: Vec::new(),
            parent: None,
            depends_on: match resource.get("dependsOn") {
                Some(Value::Array(entries)) => entries
                    .iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
                _ => Vec::new(),
            },
            waits: Vec::new(),
            scope: resource
                .get("scope")
                .and_then(Value::as_str)
                .and_then(|s| parse(s, &self.functions)),
        });
        if let Some(Value::Array(children)) = resource.get("resources") {
            for (i, child) in children.iter().enumerate() {
                self.add(child, &format!("{path}.resources[{i}]"), Some(index), fresh);
            }
        }
    }

    /// `parent:` for top-level children of a resource of the template.
    fn find_parents(&mut self) {
        for i in 0..self.resources.len() {
            let r = &self.resources[i];
            if r.nested_in.is_some() || r.plain {
                continue;
            }
            let Some(segments) = r.segments.clone() else {
                continue;
            };
            let Some((parent_ty, _)) = r.ty.rsplit_once('/') else {
                continue;
            };
            if parent_ty.matches('/').count() < 1 {
                continue;
            }
            let prefix = &segments[..segments.len() - 1];
            // Among the resources of the parent's type left to rewrite (the
            // index holds exactly those).
            let parent = self
                .by_type
                .get(&parent_ty.to_ascii_lowercase())
                .into_iter()
                .flatten()
                .copied()
                .find(|&p| {
                    self.resources[p].segments.as_ref().is_some_and(|s| {
                        s.len() == prefix.len() && s.iter().zip(prefix).all(|(a, b)| a.same_as(b))
                    })
                });
            if let (Some(parent), Some(own)) = (parent, segments.last()) {
                self.resources[i].parent = Some((parent, own.clone()));
            }
        }
    }

    /// What each resource waits for in ARM (see [`Planned::waits`]): the
    /// resources its `dependsOn` entries name (by id, `'Type/name'` text, or
    /// a name, full or its last segment, that one resource alone has), its
    /// parent and the resource it is nested in.
    ///
    /// ARM waits only for what `dependsOn` names, and for `reference`/`list*`
    /// of a resource by name; an id alone adds no dependency
    /// (<https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency>).
    fn find_waits(&mut self) {
        for i in 0..self.resources.len() {
            let r = &self.resources[i];
            let mut waits: Vec<usize> = r
                .depends_on
                .iter()
                .filter_map(|text| {
                    let e = parse(text, &self.functions)?;
                    self.dependency_target(&e)
                        .or_else(|| self.named_by_name(&e))
                })
                .collect();
            waits.extend(r.parent.as_ref().map(|(p, _)| *p));
            waits.extend(r.nested_in);
            waits.sort_unstable();
            waits.dedup();
            self.resources[i].waits = waits;
        }
    }

    /// The one resource whose name, full or its last segment, is `entry`
    /// (a raw `dependsOn` entry written as a name), compared as written.
    fn named_by_name(&self, entry: &Expr) -> Option<usize> {
        let written = segments(entry);
        // Only resources whose first segment (or last, for a name of one)
        // may compare equal: literal text ignoring ASCII case, an expression
        // only with an expression. Indexed: a search of every resource for
        // each entry was quadratic.
        let mut candidates: Vec<usize> = written
            .first()
            .and_then(|first| self.by_first.get(&segment_key(first)))
            .into_iter()
            .chain(
                (written.len() == 1)
                    .then(|| {
                        written
                            .first()
                            .and_then(|w| self.by_last.get(&segment_key(w)))
                    })
                    .flatten(),
            )
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let mut found = candidates
            .into_iter()
            .map(|i| (i, &self.resources[i]))
            .filter(|(_, r)| {
                !r.plain
                    && !r.module
                    && r.segments.as_ref().is_some_and(|s| {
                        same_names(s, &written)
                            || (written.len() == 1
                                && s.len() > 1
                                && same_names(&s[s.len() - 1..], &written))
                    })
            });
        let (one, _) = found.next()?;
        found.next().is_none().then_some(one)
    }

    /// Remembers the template's `variables` (the JSON object) that hold
    /// text, read as [`parse`] reads values: what `variables('x')` is when a
    /// scope is compared.
    pub fn set_variables(&mut self, variables: Option<&Value>) {
        let Some(Value::Object(variables)) = variables else {
            return;
        };
        for (name, value) in variables {
            if let Some(expr) = value.as_str().and_then(|v| parse(v, &self.functions)) {
                self.variables
                    .insert(crate::arm::expr::name_key(name), expr);
            }
        }
    }

    /// `expr`, through `variables('x')` to the variable's value.
    fn through_variables<'e>(&'e self, mut expr: &'e Expr) -> &'e Expr {
        for _ in 0..8 {
            let name = match &expr.kind {
                ExprKind::Var(name) => name.as_str(),
                ExprKind::Call(call)
                    if call.user.is_none() && call.name.eq_ignore_ascii_case("variables") =>
                {
                    match call.args.as_slice() {
                        [name] => match name.as_str() {
                            Some(name) => name,
                            None => break,
                        },
                        _ => break,
                    }
                }
                _ => break,
            };
            match self.variables.get(&crate::arm::expr::name_key(name)) {
                Some(value) => expr = value,
                None => break,
            }
        }
        expr
    }

    /// Fills the indexes [`dependency_target`](Self::dependency_target) and
    /// [`named_by_id`](Self::named_by_id) read.
    fn index(&mut self) {
        for (i, r) in self.resources.iter().enumerate() {
            self.by_path.insert(r.path.clone(), i);
            if r.plain {
                continue;
            }
            let Some(segments) = &r.segments else {
                continue;
            };
            if let Some(first) = segments.first() {
                self.by_first.entry(segment_key(first)).or_default().push(i);
            }
            if let (true, Some(last)) = (segments.len() > 1, segments.last()) {
                self.by_last.entry(segment_key(last)).or_default().push(i);
            }
            self.by_type
                .entry(r.ty.to_ascii_lowercase())
                .or_default()
                .push(i);
            let literal: Option<Vec<&str>> = segments.iter().map(Expr::as_str).collect();
            if let Some(names) = literal {
                let text = format!("{}/{}", r.ty, names.join("/")).to_ascii_lowercase();
                self.by_text.entry(text).or_insert(i);
            }
        }
    }

    /// The resource a `dependsOn` entry names by id or `'Type/name'` text.
    fn dependency_target(&self, e: &Expr) -> Option<usize> {
        self.named_by_id(e).or_else(|| {
            // `'Type/name'` text.
            let text = e.as_str()?;
            self.by_text.get(&text.to_ascii_lowercase()).copied()
        })
    }

    /// The resource `resourceId(...)` names, by type and name segments; or
    /// the module whose deployment a name names (`reference('m')`, as ARM
    /// reads a deployment of the template by its name).
    fn named_by_id(&self, expr: &Expr) -> Option<usize> {
        if let Some(text) = expr.as_str() {
            return self
                .modules_by_name
                .get(&text.to_ascii_lowercase())
                .copied();
        }
        let ExprKind::Call(call) = &expr.kind else {
            return None;
        };
        if call.user.is_some() || call.name != "resourceId" {
            return None;
        }
        let (ty, names) = call.args.split_first()?;
        let ty = ty.as_str()?.trim_end_matches('/');
        self.by_type
            .get(&ty.to_ascii_lowercase())?
            .iter()
            .copied()
            .find(|&i| {
                self.resources[i].segments.as_ref().is_some_and(|s| {
                    s.len() == names.len() && s.iter().zip(names).all(|(a, b)| a.same_as(b))
                })
            })
    }

    /// `expr` with the recognised patterns rewritten, read from resource
    /// `current` (whose own state is not read through its symbol).
    pub fn rewrite(&self, expr: Expr, current: Option<usize>) -> Expr {
        self.rewrite_at(expr, current, 0)
    }

    fn rewrite_at(&self, expr: Expr, current: Option<usize>, depth: usize) -> Expr {
        if depth > 200 {
            return expr;
        }
        let span = expr.span;
        // A module has no `id` in the DSL: its id stays written out. A
        // resource's becomes its symbol only where the reader already waits
        // for it (or is an output, which waits for every resource): the
        // symbol makes it wait, and ARM adds no dependency for an id (a
        // `hidden-link:` tag naming a site that waits for the component
        // would otherwise be a cycle).
        if let Some(i) = self.named_by_id(&expr).filter(|i| {
            !self.resources[*i].module
                && current
                    .is_none_or(|c| self.resources.get(c).is_some_and(|r| r.waits.contains(i)))
        }) {
            return Expr::new(
                ExprKind::Member(Box::new(node(ExprKind::Resource(i))), "id".to_string()),
                span,
            );
        }
        if let Some(read) = self.module_output(&expr) {
            return Expr::new(read.kind, span);
        }
        let kind = match expr.kind {
            ExprKind::Member(base, member) => {
                // A module is read by its outputs only (`module_output`).
                let base = match self
                    .reference_of(&base, current)
                    .filter(|symbolic| !self.is_module(symbolic))
                {
                    Some(symbolic) => symbolic,
                    None => self.rewrite_at(*base, current, depth + 1),
                };
                ExprKind::Member(Box::new(base), member)
            }
            ExprKind::Call(mut call) => {
                call.args = call
                    .args
                    .into_iter()
                    .map(|a| self.rewrite_at(a, current, depth + 1))
                    .collect();
                ExprKind::Call(call)
            }
            ExprKind::Index(base, index) => ExprKind::Index(
                Box::new(self.rewrite_at(*base, current, depth + 1)),
                Box::new(self.rewrite_at(*index, current, depth + 1)),
            ),
            ExprKind::Array(items) => ExprKind::Array(
                items
                    .into_iter()
                    .map(|a| self.rewrite_at(a, current, depth + 1))
                    .collect(),
            ),
            ExprKind::Lambda(params, body) => {
                ExprKind::Lambda(params, Box::new(self.rewrite_at(*body, current, depth + 1)))
            }
            other => other,
        };
        Expr::new(kind, span)
    }

    /// `reference(resourceId(...), v, 'Full')` as the symbol, and without
    /// `'Full'` as `sym.properties`, when a member is read from it.
    fn reference_of(&self, base: &Expr, current: Option<usize>) -> Option<Expr> {
        let ExprKind::Call(call) = &base.kind else {
            return None;
        };
        if call.user.is_some() || call.name != "reference" {
            return None;
        }
        let i = self.named_by_id(call.args.first()?)?;
        if Some(i) == current {
            return None;
        }
        let symbol = node(ExprKind::Resource(i));
        match call.args.get(2) {
            Some(full)
                if full
                    .as_str()
                    .is_some_and(|f| f.eq_ignore_ascii_case("full")) =>
            {
                Some(symbol)
            }
            None => Some(node(ExprKind::Member(
                Box::new(symbol),
                "properties".to_string(),
            ))),
            Some(_) => None,
        }
    }

    /// The symbol of the extension resource (a role assignment) a `dependsOn`
    /// entry names: `extensionResourceId(scope, type, names...)`.
    pub fn extension_named(&self, entry: &Value) -> Option<String> {
        let expr = parse(entry.as_str()?, &self.functions)?;
        let ExprKind::Call(call) = &expr.kind else {
            return None;
        };
        if call.user.is_some() || call.name != "extensionResourceId" {
            return None;
        }
        let [base, ty, names @ ..] = call.args.as_slice() else {
            return None;
        };
        let base = self.through_variables(base);
        let ty = ty.as_str()?.trim_end_matches('/');
        // The extension resource of that type and name on that scope: the
        // same name on another resource is another extension resource
        // ("Extension resource types", the id holds the scope's). A scope
        // written another way than the entry's is not matched (a missed
        // match is reported; a wrong one would change the deployment order).
        // An extension resource without `scope` is on the deployment's own
        // scope, which the template's kind decides: `resourceGroup().id` in a
        // resource group template, `subscription().id` in a subscription's
        // (`['id']` too); another scope's id is another extension resource.
        let own = crate::resolve::depends::is_own_scope_id(self.kind, base);
        self.resources
            .iter()
            .find(|r| {
                r.ty.eq_ignore_ascii_case(ty)
                    && match &r.scope {
                        Some(scope) => same_scope(self.through_variables(scope), base),
                        None => own,
                    }
                    && r.segments.as_ref().is_some_and(|s| {
                        s.len() == names.len() && s.iter().zip(names).all(|(a, b)| a.same_as(b))
                    })
            })
            .map(|r| r.symbol.clone())
    }

    /// The resource of the template of type `ty` whose name has these
    /// segments.
    pub fn find(&self, ty: &str, names: &[Expr]) -> Option<usize> {
        self.resources.iter().position(|r| {
            r.ty.eq_ignore_ascii_case(ty)
                && r.segments.as_ref().is_some_and(|s| {
                    s.len() == names.len() && s.iter().zip(names).all(|(a, b)| a.same_as(b))
                })
        })
    }

    /// Each symbol `rename` gives another (a copy loop's name that is not an
    /// identifier, for checking) renamed.
    pub fn rename_symbols(&mut self, rename: &dyn Fn(&str) -> Option<String>) {
        for resource in &mut self.resources {
            if let Some(symbol) = rename(&resource.symbol) {
                resource.symbol = symbol;
            }
        }
    }

    /// Marks resource `index` as a module named `symbol` (given when the
    /// module was planned), whose template has these secure outputs: a read of
    /// its outputs is the module's.
    pub fn set_module(&mut self, index: usize, symbol: &str, secure_outputs: Vec<String>) {
        if let Some(resource) = self.resources.get_mut(index) {
            resource.symbol = symbol.to_string();
            resource.module = true;
            resource.secure_outputs = secure_outputs;
            // Found by its name (`reference('m')`): the first module so named.
            if !resource.plain
                && let Some([name]) = resource.segments.as_deref()
                && let Some(name) = name.as_str()
            {
                self.modules_by_name
                    .entry(name.to_ascii_lowercase())
                    .and_modify(|first| *first = (*first).min(index))
                    .or_insert(index);
            }
        }
    }

    /// A module's output as `m.outputs.x`, read as the DSL compiles it:
    /// `reference(<its id>).outputs.x.value` (or with `'Full'`,
    /// `.properties.outputs.x.value`, members by `.` or `['...']`) for an
    /// output that is not secure, `listOutputsWithSecureValues(<its id>,
    /// v).x` for a secure one. A secure output read through `reference`
    /// (which ARM returns without it) is not `m.outputs.x`: it is kept as
    /// written.
    fn module_output(&self, expr: &Expr) -> Option<Expr> {
        let (base, member) = member_of(expr)?;
        let (i, name) = if let ExprKind::Call(call) = &base.kind
            && call.user.is_none()
            && call
                .name
                .eq_ignore_ascii_case("listOutputsWithSecureValues")
        {
            let i = self.named_by_id(call.args.first()?)?;
            (i, member)
        } else {
            if !member.eq_ignore_ascii_case("value") {
                return None;
            }
            let (outputs, name) = member_of(base)?;
            let (base, outputs_key) = member_of(outputs)?;
            if !outputs_key.eq_ignore_ascii_case("outputs") {
                return None;
            }
            // A module's read of its own outputs is one too: the compiler
            // reports it (ARM cannot deploy it).
            let symbol = match self.reference_of(base, None) {
                Some(Expr {
                    kind: ExprKind::Member(symbol, properties),
                    ..
                }) if properties == "properties" => *symbol,
                // `reference(<id>, v, 'Full').properties`
                _ => {
                    let (full, properties) = member_of(base)?;
                    if !properties.eq_ignore_ascii_case("properties") {
                        return None;
                    }
                    self.reference_of(full, None)?
                }
            };
            let ExprKind::Resource(i) = symbol.kind else {
                return None;
            };
            (i, name)
        };
        let module = self.resources.get(i).filter(|r| r.module)?;
        let secure = module
            .secure_outputs
            .iter()
            .any(|s| s.eq_ignore_ascii_case(name));
        let listed = matches!(&base.kind, ExprKind::Call(call) if call.name.eq_ignore_ascii_case("listOutputsWithSecureValues"));
        if listed && !secure {
            return None;
        }
        // Kept as written: `m.outputs.x` would read the secret.
        if secure && !listed {
            return Some(expr.clone());
        }
        Some(node(ExprKind::Member(
            Box::new(node(ExprKind::Member(
                Box::new(node(ExprKind::Resource(i))),
                "outputs".to_string(),
            ))),
            name.to_string(),
        )))
    }

    /// Whether `symbolic` (`sym` or `sym.properties`) is a module's symbol.
    fn is_module(&self, symbolic: &Expr) -> bool {
        let symbol = match &symbolic.kind {
            ExprKind::Member(base, _) => base,
            _ => symbolic,
        };
        matches!(symbol.kind, ExprKind::Resource(i) if self.resources.get(i).is_some_and(|r| r.module))
    }

    /// The symbols, in the order of [`Plan::index_of`].
    pub fn symbols(&self) -> Vec<String> {
        self.resources.iter().map(|r| r.symbol.clone()).collect()
    }

    /// The index of the resource at `path`.
    pub fn index_of(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// The symbol of resource `index`.
    pub fn symbol_at(&self, index: usize) -> Option<String> {
        self.resources.get(index).map(|r| r.symbol.clone())
    }

    /// The full type of resource `index`, unless it is looped or conditional
    /// (its symbol then reads one copy, or only where the condition holds).
    pub fn single_type_at(&self, index: usize) -> Option<&str> {
        self.resources
            .get(index)
            .filter(|r| !r.plain)
            .map(|r| r.ty.as_str())
    }

    /// The symbol to write as `parent:` of the resource at `path`, and its
    /// own name segment.
    pub fn parent_of(&self, path: &str) -> Option<(String, Expr)> {
        let r = self.resources.get(self.index_of(path)?)?;
        let (parent, own) = r.parent.as_ref()?;
        Some((self.resources.get(*parent)?.symbol.clone(), own.clone()))
    }

    /// What `dependsOn` entry `entry` of resource `current` becomes: `None`
    /// to drop it (implied by a symbol its body reads, or its parent), a
    /// symbol, or the entry as written.
    pub fn dependency(&self, current: usize, entry: &Value, reads: &HashSet<usize>) -> Dependency {
        let Some(text) = entry.as_str() else {
            return Dependency::AsWritten;
        };
        let target = parse(text, &self.functions).and_then(|e| self.dependency_target(&e));
        let Some(target) = target else {
            return Dependency::AsWritten;
        };
        let r = &self.resources[current];
        let parent = r.parent.as_ref().map(|(p, _)| *p).or(r.nested_in);
        if reads.contains(&target) || parent == Some(target) {
            Dependency::Drop
        } else {
            Dependency::Symbol(self.resources[target].symbol.clone())
        }
    }
}

/// What a `dependsOn` entry becomes in symbolic form.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Dependency {
    /// Left out: implied.
    Drop,
    /// Written as this symbol.
    Symbol(String),
    /// Written as in the template.
    AsWritten,
}

/// The type and name segments of a resource a `scope` names:
/// `resourceId('T', n...)`, or the text `T/n` as a string, `format` or
/// `concat` (`format('Microsoft.KeyVault/vaults/{0}', name)`).
pub fn scope_target(scope: &Value, functions: &[(String, String)]) -> Option<(String, Vec<Expr>)> {
    scope_target_of(&parse(scope.as_str()?, functions)?)
}

/// [`scope_target`] of a scope already read as an expression.
fn scope_target_of(expr: &Expr) -> Option<(String, Vec<Expr>)> {
    if let ExprKind::Call(call) = &expr.kind
        && call.user.is_none()
        && call.name == "resourceId"
    {
        let (ty, names) = call.args.split_first()?;
        return Some((
            ty.as_str()?.trim_end_matches('/').to_string(),
            names.to_vec(),
        ));
    }
    // `Namespace/type/name[/type/name...]`.
    let parts = segments(expr);
    if parts.len() < 3 || parts.len().is_multiple_of(2) {
        return None;
    }
    let mut ty = vec![
        parts[0].as_str()?.to_string(),
        parts[1].as_str()?.to_string(),
    ];
    let mut names = Vec::new();
    for (i, part) in parts[2..].iter().enumerate() {
        if i % 2 == 0 {
            names.push(part.clone());
        } else {
            ty.push(part.as_str()?.to_string());
        }
    }
    Some((ty.join("/"), names))
}

/// The resources an expression reads through symbols.
pub fn reads(expr: &Expr, out: &mut HashSet<usize>) {
    crate::ir::walk(expr, &mut |e| {
        if let ExprKind::Resource(i) = e.kind {
            out.insert(i);
        }
    });
}

/// `base.name` or `base['name']`: the member read and its name.
fn member_of(expr: &Expr) -> Option<(&Expr, &str)> {
    match &expr.kind {
        ExprKind::Member(base, name) => Some((base, name)),
        ExprKind::Index(base, index) => match &index.kind {
            ExprKind::Str(name) => Some((base, name)),
            _ => None,
        },
        _ => None,
    }
}
