//! IR expressions to ARM: JSON values where the value is literal, `"[...]"`
//! expression strings where it is not, symbolic references lowered to
//! `resourceId(...)` and `reference(...)`.

use crate::ir::{BinOp, Expr, ExprKind, Key, Loop, Prop, Resource, Scope, Template, UnOp};
use foldhash::{HashMap, HashMapExt};
use serde_json::{Map, Value};

/// The API version of the nested deployments of modules. Not the newest: from
/// 2022-09-01 on, Microsoft's published schema types a parameter's `value` as
/// `oneOf [{}, expression]`, which rejects every expression value (both branches
/// match), so templates using them fail the official schema although ARM accepts
/// them. 2021-04-01 has inline templates and `expressionEvaluationOptions`.
pub const DEPLOYMENTS_API_VERSION: &str = "2021-04-01";

/// The API version Bicep reads secure module outputs with.
pub const SECURE_OUTPUTS_API_VERSION: &str = "2022-09-01";

/// What every splice marker starts with (text a user cannot write).
const MARKER_PREFIX: &str = "__apim_dsl_module_";
/// Starts a module output read with its two spellings (see
/// `ExprWriter::secure_alternative`): module index, output name, plain, secure.
pub const MODULE_OUTPUT_MARKER: &str = "__apim_dsl_module_output__";
/// Separates the fields of a module output marker.
pub const MODULE_OUTPUT_SEPARATOR: &str = "__apim_dsl_module_sep__";
/// Ends a module output marker.
pub const MODULE_OUTPUT_END: &str = "__apim_dsl_module_end__";

/// The fields of a module output placeholder (see [`MODULE_OUTPUT_MARKER`]).
#[derive(Debug, Clone, Copy)]
pub struct ModuleOutput<'a> {
    /// The module's index, if the field is one.
    pub index: Option<usize>,
    /// The output's name.
    pub name: &'a str,
    /// The read for an output that is not secure (`reference(...)`).
    pub plain: &'a str,
    /// The read for a secure output (`listOutputsWithSecureValues(...)`).
    pub secure: &'a str,
}

/// Reads the module output placeholder `body` starts (the text after its
/// [`MODULE_OUTPUT_MARKER`]): its fields, if it has all four, and the text
/// after its [`MODULE_OUTPUT_END`].
pub fn module_output(body: &str) -> (Option<ModuleOutput<'_>>, &str) {
    let (fields, tail) = body.split_once(MODULE_OUTPUT_END).unwrap_or((body, ""));
    let fields: Vec<&str> = fields.splitn(4, MODULE_OUTPUT_SEPARATOR).collect();
    let output = match fields.as_slice() {
        [index, name, plain, secure] => Some(ModuleOutput {
            index: index.parse().ok(),
            name,
            plain,
            secure,
        }),
        _ => None,
    };
    (output, tail)
}

/// How a loop's variables are written where they are used.
#[derive(Debug, Clone)]
enum LoopForm {
    /// `source[copyIndex()]`, or `copyIndex('name')` for named copies.
    Copy(Option<String>, String),
    /// A loop over `range(k, n)` with a literal `k`: ARM's counted copy,
    /// `count: n`, whose item is the copy's index from `k`, `copyIndex(k)`.
    Counted(Option<String>, i64),
    /// `lambdaVariables('x')`: a loop lowered to `map(...)`.
    Lambda {
        item: String,
        index: Option<String>,
        source: String,
    },
    /// One copy of a looped resource, read from outside its loop: `r[k]`.
    Fixed { item: String, index: String },
}

/// Renders expressions of one template.
pub struct ExprWriter<'t> {
    template: &'t Template,
    loops: HashMap<usize, LoopForm>,
    /// Resources whose name or ID is being rendered: a name that depends on
    /// itself is a check error, and this keeps the writer from recursing on it.
    naming: Vec<usize>,
    /// The copies being written one by one ([`Self::with_copy`]): the copy
    /// loop's name and the copy's index, for a `copyIndex()` of that loop in
    /// a name (an imported loop keeps ARM's `copyIndex()`).
    fixed_copies: Vec<(String, String)>,
    /// Whether a `[for ...]` property becomes an ARM `copy` (inside a resource's
    /// `properties` and in variables, where ARM documents it) rather than
    /// `map(...)`.
    pub copies: bool,
    /// The template's target scope (`resolve::target_scope_of` of its
    /// `$schema`), read for every resource id written.
    target_scope: &'static str,
}

/// How many names deep one name may be spelled from others.
pub const MAX_NAME_DEPTH: usize = 32;

/// A literal string as a JSON string: one that looks like an expression (`[...]`)
/// gets its opening bracket doubled so ARM reads it literally.
pub fn escape_literal(text: &str) -> String {
    if text.starts_with('[') && text.ends_with(']') {
        format!("[{text}")
    } else {
        text.to_string()
    }
}

/// [`quote`], appended to `out`.
fn push_quoted(out: &mut String, text: &str) {
    out.push('\'');
    for (i, part) in text.split('\'').enumerate() {
        if i > 0 {
            out.push_str("''");
        }
        out.push_str(part);
    }
    out.push('\'');
}

/// [`ExprWriter::accessor`], appended to `out`.
fn push_accessor(out: &mut String, name: &str) {
    if is_plain_member(name) {
        out.push('.');
        out.push_str(name);
    } else {
        out.push('[');
        push_quoted(out, name);
        out.push(']');
    }
}

/// A string literal inside an expression: single-quoted, `'` doubled.
pub fn quote(text: &str) -> String {
    // One allocation: every resource id and type name comes through here.
    let mut out = String::with_capacity(text.len() + 2);
    out.push('\'');
    for (i, part) in text.split('\'').enumerate() {
        if i > 0 {
            out.push_str("''");
        }
        out.push_str(part);
    }
    out.push('\'');
    out
}

/// The literal start `k` and the count `n` of a loop over `range(k, n)`: its
/// items are its indexes from `k`.
fn counted(head: &Loop) -> Option<(i64, &Expr)> {
    match &head.source.kind {
        ExprKind::Call(call) if call.user.is_none() && call.name == "range" => {
            match call.args.as_slice() {
                [
                    Expr {
                        kind: ExprKind::Int(start),
                        ..
                    },
                    count,
                ] => Some((*start, count)),
                _ => None,
            }
        }
        _ => None,
    }
}

fn is_plain_member(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

impl<'t> ExprWriter<'t> {
    /// A writer for expressions of `template`.
    pub fn new(template: &'t Template) -> Self {
        ExprWriter {
            template,
            loops: HashMap::new(),
            naming: Vec::new(),
            fixed_copies: Vec::new(),
            copies: false,
            target_scope: crate::resolve::target_scope_of(&template.schema),
        }
    }

    /// Makes loop `head` a `copy` loop: its item is `source[copyIndex(name)]`.
    pub fn enter_copy(&mut self, head: &Loop, name: Option<&str>) {
        let form = if let Some((start, _)) = counted(head) {
            LoopForm::Counted(name.map(str::to_string), start)
        } else {
            LoopForm::Copy(name.map(str::to_string), self.render(&head.source))
        };
        self.loops.insert(head.id, form);
    }

    /// `[copyIndex()]` or `[copyIndex('name')]`.
    pub fn copy_index(name: Option<&str>) -> String {
        match name {
            Some(name) => format!("copyIndex({})", quote(name)),
            None => "copyIndex()".to_string(),
        }
    }

    /// A value in a JSON position.
    pub fn value(&mut self, expr: &Expr) -> Value {
        match &expr.kind {
            ExprKind::Str(text) => Value::String(escape_literal(text)),
            ExprKind::Int(n) => Value::from(*n),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Null => Value::Null,
            ExprKind::Array(items) => Value::Array(items.iter().map(|e| self.value(e)).collect()),
            ExprKind::Object(props) => Value::Object(self.object(props)),
            // `sym.name` of a resource named by a literal is that literal.
            ExprKind::Member(base, member)
                if member == "name"
                    && let ExprKind::Resource(i) = base.kind
                    && let Some(text) =
                        self.template.resources.get(i).and_then(|r| r.name.as_str()) =>
            {
                Value::String(escape_literal(text))
            }
            _ => Value::String(self.bracketed(expr)),
        }
    }

    /// An object; where [`copies`](Self::copies) is set, properties whose value is
    /// a `[for ...]` loop become ARM `copy`.
    pub fn object(&mut self, props: &[Prop]) -> Map<String, Value> {
        let mut map = Map::new();
        let mut copies = Vec::new();
        for prop in props {
            let key = match &prop.key {
                Key::Lit(text) => escape_literal(text),
                Key::Expr(expr) => self.bracketed(expr),
            };
            if let (ExprKind::For(head, body), Key::Lit(_), true) =
                (&prop.value.kind, &prop.key, self.copies)
            {
                copies.push(self.copy_entry(&key, head, body));
                continue;
            }
            map.insert(key, self.value(&prop.value));
        }
        if copies.is_empty() {
            return map;
        }
        let mut out = Map::new();
        out.insert("copy".to_string(), Value::Array(copies));
        out.extend(map);
        out
    }

    /// `{ "name": name, "count": ..., "input": ... }` for a named copy loop.
    pub fn copy_entry(&mut self, name: &str, head: &Loop, body: &Expr) -> Value {
        self.enter_copy(head, Some(name));
        let mut entry = Map::new();
        entry.insert("name".to_string(), Value::String(name.to_string()));
        entry.insert("count".to_string(), self.count(head));
        entry.insert("input".to_string(), self.value(body));
        Value::Object(entry)
    }

    /// `[length(source)]`; for a loop over `range(k, n)`, `n` (a number when it
    /// is literal), as hand-written ARM counts.
    pub fn count(&mut self, head: &Loop) -> Value {
        match counted(head) {
            Some((
                _,
                Expr {
                    kind: ExprKind::Int(n),
                    ..
                },
            )) => Value::from(*n),
            Some((_, count)) => Value::String(self.bracketed(count)),
            None => Value::String(format!("[length({})]", self.render(&head.source))),
        }
    }

    /// The expression string ARM reads: `[` + [`render`](Self::render) + `]`.
    pub fn bracketed(&mut self, expr: &Expr) -> String {
        let mut out = String::from("[");
        self.render_into(expr, &mut out);
        out.push(']');
        out
    }

    /// The text of an expression, without the surrounding brackets.
    pub fn render(&mut self, expr: &Expr) -> String {
        let mut out = String::new();
        self.render_into(expr, &mut out);
        out
    }

    /// [`render`](Self::render), appended to `out`: an expression's parts are
    /// written into one string rather than each into its own (every
    /// expression of a template is rendered by the emitter and measured by
    /// the length check).
    pub fn render_into(&mut self, expr: &Expr, out: &mut String) {
        match &expr.kind {
            ExprKind::Str(text) => push_quoted(out, text),
            ExprKind::Int(n) => {
                use std::fmt::Write;
                let _ = write!(out, "{n}");
            }
            ExprKind::Bool(true) => out.push_str("true()"),
            ExprKind::Bool(false) => out.push_str("false()"),
            ExprKind::Null | ExprKind::Invalid => out.push_str("null()"),
            ExprKind::Array(items) => {
                out.push_str("createArray(");
                self.list_into(items, out);
                out.push(')');
            }
            ExprKind::Object(props) => {
                out.push_str("createObject(");
                for (i, prop) in props.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    match &prop.key {
                        Key::Lit(text) => push_quoted(out, text),
                        Key::Expr(key) => self.render_into(key, out),
                    }
                    out.push_str(", ");
                    self.render_into(&prop.value, out);
                }
                out.push(')');
            }
            ExprKind::Param(name) | ExprKind::FuncParam(name) => {
                out.push_str("parameters(");
                push_quoted(out, name);
                out.push(')');
            }
            ExprKind::Var(name) => {
                out.push_str("variables(");
                push_quoted(out, name);
                out.push(')');
            }
            ExprKind::LambdaVar(name) => {
                out.push_str("lambdaVariables(");
                push_quoted(out, name);
                out.push(')');
            }
            ExprKind::Call(call) if let Some(fixed) = self.fixed_copy_index(call) => {
                out.push_str(&fixed)
            }
            ExprKind::Call(call) => {
                // A user-defined function is called through its namespace.
                if let Some(f) = call.user.and_then(|i| self.template.functions.get(i)) {
                    out.push_str(&f.namespace);
                    out.push('.');
                }
                out.push_str(&call.name);
                out.push('(');
                self.list_into(&call.args, out);
                out.push(')');
            }
            ExprKind::Lambda(params, body) => {
                out.push_str("lambda(");
                for p in params {
                    push_quoted(out, p);
                    out.push_str(", ");
                }
                self.render_into(body, out);
                out.push(')');
            }
            ExprKind::Member(base, name) => self.member_into(base, name, out),
            ExprKind::Index(base, index) => {
                // `m.outputs["x"]` is an output's value, like `m.outputs.x`.
                if let ExprKind::Member(module, outputs) = &base.kind
                    && outputs == "outputs"
                    && let Some(outputs) = self.module_outputs(module)
                {
                    out.push_str(&outputs);
                    out.push('[');
                    self.render_into(index, out);
                    out.push_str("].value");
                    return;
                }
                self.render_into(base, out);
                out.push('[');
                self.render_into(index, out);
                out.push(']');
            }
            ExprKind::Unary(UnOp::Not, operand) => {
                out.push_str("not(");
                self.render_into(operand, out);
                out.push(')');
            }
            ExprKind::Unary(UnOp::Neg, operand) => {
                out.push_str("sub(0, ");
                self.render_into(operand, out);
                out.push(')');
            }
            ExprKind::Binary(op, lhs, rhs) => self.binary_into(*op, lhs, rhs, out),
            ExprKind::Ternary(cond, then, otherwise) => {
                out.push_str("if(");
                self.render_into(cond, out);
                out.push_str(", ");
                self.render_into(then, out);
                out.push_str(", ");
                self.render_into(otherwise, out);
                out.push(')');
            }
            // The rarer forms, each its own string.
            ExprKind::Resource(i) => {
                let id = self.resource_id(*i);
                out.push_str(&id);
            }
            ExprKind::Module(i) => {
                let id = self.module_id(*i);
                out.push_str(&id);
            }
            ExprKind::LoopItem(_) | ExprKind::LoopIndex(_) => {
                let text = self.loop_variable(expr);
                out.push_str(&text);
            }
            ExprKind::For(head, body) => {
                let text = self.map_loop(head, body);
                out.push_str(&text);
            }
        }
    }

    /// A loop's item or index, as the loop it belongs to is written.
    fn loop_variable(&mut self, expr: &Expr) -> String {
        match &expr.kind {
            ExprKind::LoopItem(id) => match self.loops.get(id).cloned() {
                Some(LoopForm::Copy(name, source)) => {
                    format!("{source}[{}]", Self::copy_index(name.as_deref()))
                }
                Some(LoopForm::Counted(name, 0)) => Self::copy_index(name.as_deref()),
                Some(LoopForm::Counted(Some(name), start)) => {
                    format!("copyIndex({}, {start})", quote(&name))
                }
                Some(LoopForm::Counted(None, start)) => format!("copyIndex({start})"),
                Some(LoopForm::Lambda {
                    item, index: None, ..
                }) => {
                    format!("lambdaVariables({})", quote(&item))
                }
                Some(LoopForm::Lambda {
                    index: Some(index),
                    source,
                    ..
                }) => {
                    format!("{source}[lambdaVariables({})]", quote(&index))
                }
                Some(LoopForm::Fixed { item, .. }) => item,
                None => "null()".to_string(),
            },
            ExprKind::LoopIndex(id) => match self.loops.get(id).cloned() {
                Some(LoopForm::Copy(name, _) | LoopForm::Counted(name, _)) => {
                    Self::copy_index(name.as_deref())
                }
                Some(LoopForm::Lambda {
                    index: Some(index), ..
                }) => {
                    format!("lambdaVariables({})", quote(&index))
                }
                Some(LoopForm::Fixed { index, .. }) => index,
                _ => "null()".to_string(),
            },
            _ => "null()".to_string(),
        }
    }

    /// `items` rendered, separated by `, `.
    fn list_into(&mut self, items: &[Expr], out: &mut String) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.render_into(item, out);
        }
    }

    fn binary_into(&mut self, op: BinOp, lhs: &Expr, rhs: &Expr, out: &mut String) {
        let function = match op {
            BinOp::Coalesce => "coalesce",
            BinOp::Or => "or",
            BinOp::And => "and",
            BinOp::Eq | BinOp::Ne => "equals",
            BinOp::Lt => "less",
            BinOp::Le => "lessOrEquals",
            BinOp::Gt => "greater",
            BinOp::Ge => "greaterOrEquals",
            BinOp::Add => "add",
            BinOp::Sub => "sub",
            BinOp::Mul => "mul",
            BinOp::Div => "div",
            BinOp::Mod => "mod",
        };
        // `a && b && c` is one `and(a, b, c)`, as Bicep writes it.
        let mut operands = vec![rhs];
        let mut left = lhs;
        if matches!(op, BinOp::And | BinOp::Or | BinOp::Coalesce) {
            while let ExprKind::Binary(inner, l, r) = &left.kind {
                if *inner != op {
                    break;
                }
                operands.push(r);
                left = l;
            }
        }
        operands.push(left);
        operands.reverse();
        if op == BinOp::Ne {
            out.push_str("not(");
        }
        out.push_str(function);
        out.push('(');
        for (i, operand) in operands.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            self.render_into(operand, out);
        }
        out.push(')');
        if op == BinOp::Ne {
            out.push(')');
        }
    }

    /// `[for x in source: body]` outside a `copy` position: `map(source, lambda(...))`.
    /// The lambda's variable is named after the loop (`__item3`, `__index3`), so
    /// that no lambda inside the body can shadow it.
    fn map_loop(&mut self, head: &Loop, body: &Expr) -> String {
        let source = self.render(&head.source);
        let (item, index) = (format!("__item{}", head.id), format!("__index{}", head.id));
        let form = LoopForm::Lambda {
            item: item.clone(),
            index: head.index.as_ref().map(|_| index.clone()),
            source: source.clone(),
        };
        self.loops.insert(head.id, form);
        let body = self.render(body);
        match &head.index {
            None => format!("map({source}, lambda({}, {body}))", quote(&item)),
            Some(_) => format!(
                "map(range(0, length({source})), lambda({}, {body}))",
                quote(&index)
            ),
        }
    }

    fn member_into(&mut self, base: &Expr, name: &str, out: &mut String) {
        let special = self.member_special(base, name);
        match special {
            Some(text) => out.push_str(&text),
            None => {
                self.render_into(base, out);
                push_accessor(out, name);
            }
        }
    }

    /// `base.name` where `base` is a resource, one copy of a looped resource
    /// or a module's outputs, which are written their own way; `None` for any
    /// other member read.
    fn member_special(&mut self, base: &Expr, name: &str) -> Option<String> {
        match &base.kind {
            ExprKind::Resource(i) => return Some(self.resource_member(*i, name)),
            ExprKind::Index(inner, index) => {
                if let ExprKind::Resource(i) = inner.kind
                    && let Some(head) = self
                        .template
                        .resources
                        .get(i)
                        .and_then(|r| r.copy.as_deref())
                {
                    return Some(self.one_copy(i, head, index, name));
                }
                if name == "outputs"
                    && let Some(outputs) = self.module_outputs(base)
                {
                    return Some(outputs);
                }
            }
            ExprKind::Module(_) if name == "outputs" => {
                if let Some(outputs) = self.module_outputs(base) {
                    return Some(outputs);
                }
            }
            ExprKind::Member(inner, outputs) if outputs == "outputs" => {
                if let Some(outputs) = self.module_outputs(inner) {
                    let plain = format!("{outputs}{}.value", Self::accessor(name));
                    return Some(self.secure_alternative(inner, name, plain));
                }
            }
            _ => {}
        }
        None
    }

    /// `name` of copy `index` of looped resource `i`: its loop variables fixed to
    /// `source[index]` and `index` while the member is rendered.
    fn one_copy(&mut self, i: usize, head: &Loop, index: &Expr, name: &str) -> String {
        let copy = self
            .template
            .resources
            .get(i)
            .map_or_else(String::new, |r| r.symbol.clone());
        self.with_copy(head, &copy, index, |this| this.resource_member(i, name))
    }

    /// `copyIndex()`, `copyIndex(offset)`, `copyIndex('loop')` or
    /// `copyIndex('loop', offset)` of the copy loop being written one copy at
    /// a time: that copy's index (plus the offset).
    fn fixed_copy_index(&self, call: &crate::ir::Call) -> Option<String> {
        if call.user.is_some() || !call.name.eq_ignore_ascii_case("copyIndex") {
            return None;
        }
        let (copy, index) = self.fixed_copies.last()?;
        let (named, offset) = match call.args.as_slice() {
            [] => (None, None),
            [only] => match &only.kind {
                ExprKind::Str(name) => (Some(name.as_str()), None),
                _ => (None, Some(only)),
            },
            [name, offset] => (Some(name.as_str()?), Some(offset)),
            _ => return None,
        };
        if named.is_some_and(|n| !n.eq_ignore_ascii_case(copy)) {
            return None;
        }
        Some(match offset {
            None => index.clone(),
            Some(offset) => match &offset.kind {
                ExprKind::Int(n) => format!("add({index}, {n})"),
                _ => return None,
            },
        })
    }

    /// Runs `f` with loop `head` (ARM's copy loop `copy`) fixed to copy
    /// `index`: its variables, and `copyIndex()` of it.
    fn with_copy(
        &mut self,
        head: &Loop,
        copy: &str,
        index: &Expr,
        f: impl FnOnce(&mut Self) -> String,
    ) -> String {
        let index = self.render(index);
        let source = self.render(&head.source);
        let fixed = LoopForm::Fixed {
            item: format!("{source}[{index}]"),
            index: index.clone(),
        };
        let saved = self.loops.insert(head.id, fixed);
        self.fixed_copies.push((copy.to_string(), index));
        let out = f(self);
        self.fixed_copies.pop();
        match saved {
            Some(form) => self.loops.insert(head.id, form),
            None => self.loops.remove(&head.id),
        };
        out
    }

    /// A module output read as `reference(...).outputs.x.value` (`plain`), marked
    /// with its secure alternative, `listOutputsWithSecureValues(...).x`: which one
    /// applies depends on the inner template's declaration of `x`, known only to
    /// rustc, so `expand` splices in the right one by const evaluation (as Bicep
    /// does: `reference()` cannot see a secure output).
    fn secure_alternative(&mut self, module: &Expr, name: &str, plain: String) -> String {
        let index = match &module.kind {
            ExprKind::Module(i) => *i,
            ExprKind::Index(inner, _) => match inner.kind {
                ExprKind::Module(i) => i,
                _ => return plain,
            },
            _ => return plain,
        };
        let Some(outputs) = self.module_outputs(module) else {
            return plain;
        };
        let secure = outputs
            .replacen("reference(", "listOutputsWithSecureValues(", 1)
            .replacen(
                &format!("{}).outputs", quote(DEPLOYMENTS_API_VERSION)),
                &format!("{})", quote(SECURE_OUTPUTS_API_VERSION)),
                1,
            );
        let secure = format!("{secure}{}", Self::accessor(name));
        if plain.contains(MARKER_PREFIX) || name.contains(MARKER_PREFIX) {
            return plain;
        }
        format!(
            "{MODULE_OUTPUT_MARKER}{index}{MODULE_OUTPUT_SEPARATOR}{name}{MODULE_OUTPUT_SEPARATOR}{plain}{MODULE_OUTPUT_SEPARATOR}{secure}{MODULE_OUTPUT_END}"
        )
    }

    /// `reference(<deployment>, ...).outputs` for `m.outputs` or, for a module
    /// loop, `m[i].outputs`.
    fn module_outputs(&mut self, module: &Expr) -> Option<String> {
        let index = match &module.kind {
            ExprKind::Module(i) => *i,
            ExprKind::Index(inner, _) => match inner.kind {
                ExprKind::Module(i) => i,
                _ => return None,
            },
            _ => return None,
        };
        let version = quote(
            self.template
                .modules
                .get(index)?
                .api_version
                .as_ref()
                .map_or(DEPLOYMENTS_API_VERSION, |(v, _)| v.as_str()),
        );
        match &module.kind {
            ExprKind::Module(i) => Some(format!(
                "reference({}, {version}).outputs",
                self.module_id(*i)
            )),
            ExprKind::Index(inner, index) => {
                let ExprKind::Module(i) = inner.kind else {
                    return None;
                };
                let head = self.template.modules.get(i)?.copy.as_deref()?;
                let copy = self.template.modules.get(i)?.symbol.clone();
                let id = self.with_copy(head, &copy, index, |this| this.module_id(i));
                Some(format!("reference({id}, {version}).outputs"))
            }
            _ => None,
        }
    }

    fn accessor(name: &str) -> String {
        if is_plain_member(name) {
            format!(".{name}")
        } else {
            format!("[{}]", quote(name))
        }
    }

    fn resource_member(&mut self, index: usize, name: &str) -> String {
        let Some(resource) = self.template.resources.get(index) else {
            return "null()".to_string();
        };
        match name {
            "id" => self.resource_id(index),
            // Bicep's meaning: the `name` as written (a `parent:` child's own
            // segment), the same in both outputs.
            "name" => {
                if self.naming.contains(&index) || self.naming.len() > MAX_NAME_DEPTH {
                    return "null()".to_string();
                }
                self.naming.push(index);
                let name = self.render(&resource.name);
                self.naming.pop();
                name
            }
            "type" => quote(&resource.ty),
            "apiVersion" => quote(&resource.api_version),
            "properties" => format!(
                "reference({}, {})",
                self.resource_id(index),
                quote(&resource.api_version)
            ),
            other => format!(
                "reference({}, {}, 'full'){}",
                self.resource_id(index),
                quote(&resource.api_version),
                Self::accessor(other)
            ),
        }
    }

    /// The resources from the root parent down to `index`.
    fn lineage(&self, index: usize) -> Vec<&'t Resource> {
        let mut chain = Vec::new();
        let mut current = self.template.resources.get(index);
        while let Some(resource) = current {
            if chain.len() > self.template.resources.len() {
                break;
            }
            chain.insert(0, resource);
            current = resource
                .parent
                .and_then(|(p, _)| self.template.resources.get(p));
        }
        chain
    }

    /// The rendered name segments from the root parent down.
    fn name_parts(&mut self, index: usize) -> Vec<String> {
        if self.naming.contains(&index) || self.naming.len() > MAX_NAME_DEPTH {
            return vec!["null()".to_string()];
        }
        self.naming.push(index);
        let chain = self.lineage(index);
        let parts = chain.iter().map(|r| self.render(&r.name)).collect();
        self.naming.pop();
        parts
    }

    /// The name arguments of a resource's id: one per name segment of its type
    /// (`service/apis` has two), however the name was written. A combined name
    /// (`"svc/api"`, `concat(svc, "/", "api")`, `format("{0}/{1}", a, b)`) is
    /// split where it is written; anything else with `split(name, '/')[i]`, as
    /// Bicep does. ARM rejects a `resourceId` whose name arguments do not match
    /// the type's segments ("requires '2' resource name argument(s)").
    fn id_parts(&mut self, index: usize) -> Vec<String> {
        if self.naming.contains(&index) || self.naming.len() > MAX_NAME_DEPTH {
            return vec!["null()".to_string()];
        }
        self.naming.push(index);
        let chain = self.lineage(index);
        let mut parts = Vec::new();
        let mut above = 0;
        for resource in chain {
            let segments = name_segments(&resource.ty);
            let own = segments.saturating_sub(above).max(1);
            parts.extend(self.split_name(&resource.name, own));
            above = segments;
        }
        self.naming.pop();
        parts
    }

    /// `name` as `count` rendered segments.
    fn split_name(&mut self, name: &Expr, count: usize) -> Vec<String> {
        if count <= 1 {
            return vec![self.render(name)];
        }
        if let Some(segments) = static_segments(name, count) {
            return segments
                .iter()
                .map(|pieces| self.render_pieces(pieces))
                .collect();
        }
        let whole = self.render(name);
        (0..count)
            .map(|i| format!("split({whole}, '/')[{i}]"))
            .collect()
    }

    fn render_pieces(&mut self, pieces: &[Piece<'_>]) -> String {
        let rendered: Vec<String> = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Text(text) => quote(text),
                Piece::Expr(expr) => self.render(expr),
            })
            .collect();
        match rendered.as_slice() {
            [one] => one.clone(),
            _ => format!("concat({})", rendered.join(", ")),
        }
    }

    /// The ARM `name` of a resource: with a parent, `format('{0}/{1}', ...)`.
    pub fn full_name(&mut self, index: usize) -> String {
        let parts = self.name_parts(index);
        if parts.len() == 1 {
            return parts.into_iter().next().unwrap_or_default();
        }
        let pattern: Vec<String> = (0..parts.len()).map(|i| format!("{{{i}}}")).collect();
        format!(
            "format({}, {})",
            quote(&pattern.join("/")),
            parts.join(", ")
        )
    }

    /// The full name as a JSON value (literal when every segment is).
    pub fn full_name_value(&mut self, index: usize) -> Value {
        let chain = self.lineage(index);
        if chain.len() == 1 {
            return chain.first().map_or(Value::Null, |r| self.value(&r.name));
        }
        let literal: Option<Vec<&str>> = chain.iter().map(|r| r.name.as_str()).collect();
        match literal {
            Some(parts) => Value::String(escape_literal(&parts.join("/"))),
            None => Value::String(format!("[{}]", self.full_name(index))),
        }
    }

    /// `resourceId(...)` (or `extensionResourceId(...)`) of a resource.
    pub fn resource_id(&mut self, index: usize) -> String {
        let Some(resource) = self.template.resources.get(index) else {
            return "null()".to_string();
        };
        let mut args = Vec::new();
        // An existing resource in another group (`resourceGroup('rg')` or
        // `resourceGroup('sub', 'rg')`), and so its children, are named with it.
        let root = self.lineage(index).first().copied();
        if let Some(Scope::Expr(expr)) = root.and_then(|r| r.scope.as_ref())
            && let ExprKind::Call(call) = &expr.kind
            && call.name == "resourceGroup"
        {
            args.extend(call.args.iter().map(|a| self.render(a)));
        }
        let scope = match &resource.scope {
            Some(Scope::Resource(target, _))
                if !self.naming.contains(target) && self.naming.len() <= MAX_NAME_DEPTH =>
            {
                self.naming.push(index);
                let id = self.resource_id(*target);
                self.naming.pop();
                Some(id)
            }
            Some(Scope::Resource(..)) => Some("null()".to_string()),
            _ => None,
        };
        args.push(quote(&resource.ty));
        args.extend(self.id_parts(index));
        // Above a resource group, ids are of the template's own scope (as Bicep
        // writes them).
        let function = match self.target_scope {
            "subscription" if args.len() > 1 && !resource.existing => "subscriptionResourceId",
            "managementGroup" if !resource.existing => "managementGroupResourceId",
            "tenant" if !resource.existing => "tenantResourceId",
            _ => "resourceId",
        };
        match scope {
            Some(scope) => format!("extensionResourceId({scope}, {})", args.join(", ")),
            None => format!("{function}({})", args.join(", ")),
        }
    }

    /// The id of a module's deployment, at the module's scope:
    /// `resourceId([sub, rg,] 'Microsoft.Resources/deployments', name)`, or
    /// the subscription, management group or tenant form.
    pub fn module_id(&mut self, index: usize) -> String {
        let Some(module) = self.template.modules.get(index) else {
            return "null()".to_string();
        };
        let name = self.render(&module.name);
        let ty = "'Microsoft.Resources/deployments'";
        match &module.scope {
            None => format!("resourceId({ty}, {name})"),
            Some(crate::ir::ModuleScope::ResourceGroup(sub, rg)) => {
                let mut args: Vec<String> = sub.iter().map(|s| self.render(s)).collect();
                args.push(self.render(rg));
                format!("resourceId({}, {ty}, {name})", args.join(", "))
            }
            Some(crate::ir::ModuleScope::Subscription(sub)) => match sub {
                Some(sub) => format!("subscriptionResourceId({}, {ty}, {name})", self.render(sub)),
                None => format!("subscriptionResourceId({ty}, {name})"),
            },
            Some(crate::ir::ModuleScope::ManagementGroup(mg)) => format!(
                "extensionResourceId(tenantResourceId('Microsoft.Management/managementGroups', {}), {ty}, {name})",
                self.render(mg)
            ),
            Some(crate::ir::ModuleScope::Tenant) => format!("tenantResourceId({ty}, {name})"),
        }
    }

    /// The relative scope form `Type/name` of a resource, for `scope`.
    pub fn scope_value(&mut self, index: usize) -> Value {
        let ty = self
            .template
            .resources
            .get(index)
            .map_or("", |r| r.ty.as_str());
        // One name segment per type segment, however the name was written (a
        // combined `svc/api` name is split as in its id).
        let parts = self.id_parts(index);
        let mut segments = ty.split('/');
        let namespace = segments.next().unwrap_or_default();
        let mut pattern = namespace.to_string();
        let mut args = Vec::new();
        for (i, (segment, part)) in segments.zip(parts).enumerate() {
            pattern.push_str(&format!("/{segment}/{{{i}}}"));
            args.push(part);
        }
        Value::String(format!(
            "[format({}, {})]",
            quote(&pattern),
            args.join(", ")
        ))
    }
}

/// How many `/`-separated name segments a type's resources have
/// (`Microsoft.ApiManagement/service/apis`: 2).
pub fn name_segments(ty: &str) -> usize {
    ty.trim_end_matches('/')
        .split('/')
        .count()
        .saturating_sub(1)
}

/// The text of segment `index` of a name of `count` segments written as a
/// literal, `concat` or `format` with the `/` separators in literal text, when
/// that segment is literal text (`Microsoft.Insights` of
/// `concat(name, '/Microsoft.Insights/', setting)`).
pub fn literal_segment(name: &Expr, count: usize, index: usize) -> Option<String> {
    let segments = static_segments(name, count)?;
    match segments.get(index)?.as_slice() {
        [Piece::Text(text)] => Some(text.clone()),
        _ => None,
    }
}

/// A piece of a name segment: literal text or an expression.
enum Piece<'e> {
    Text(String),
    Expr(&'e Expr),
}

/// The segments of a combined name written as a literal, `concat` or `format`
/// with the `/` separators in literal text; `None` when they are not exactly
/// `count` non-empty segments.
fn static_segments(name: &Expr, count: usize) -> Option<Vec<Vec<Piece<'_>>>> {
    let mut segments: Vec<Vec<Piece<'_>>> = vec![Vec::new()];
    let push_text = |segments: &mut Vec<Vec<Piece<'_>>>, text: &str| {
        for (i, part) in text.split('/').enumerate() {
            if i > 0 {
                segments.push(Vec::new());
            }
            if !part.is_empty()
                && let Some(last) = segments.last_mut()
            {
                last.push(Piece::Text(part.to_string()));
            }
        }
    };
    match &name.kind {
        ExprKind::Str(text) => push_text(&mut segments, text),
        ExprKind::Call(call) if call.name == "concat" => {
            for arg in &call.args {
                match &arg.kind {
                    ExprKind::Str(text) => push_text(&mut segments, text),
                    _ => segments.last_mut()?.push(Piece::Expr(arg)),
                }
            }
        }
        ExprKind::Call(call) if call.name == "format" => {
            let pattern = call.args.first()?.as_str()?;
            let mut rest = pattern;
            while !rest.is_empty() {
                // Literal text up to the next `{n}` placeholder.
                let Some(open) = rest.find('{') else {
                    push_text(&mut segments, rest);
                    break;
                };
                push_text(&mut segments, &rest[..open]);
                let close = rest[open..].find('}')? + open;
                let index: usize = rest[open + 1..close].parse().ok()?;
                segments
                    .last_mut()?
                    .push(Piece::Expr(call.args.get(index + 1)?));
                rest = &rest[close + 1..];
            }
        }
        _ => return None,
    }
    (segments.len() == count && segments.iter().all(|s| !s.is_empty())).then_some(segments)
}
