//! IR expressions to Bicep: symbolic references, operators with Bicep's
//! precedence, string interpolation, and arrays and objects laid out as
//! `bicep format` writes them (one item per line, no commas).
//!
//! ARM functions that Bicep replaced by operators or literals (`if`, `and`,
//! `equals`, `add`, `coalesce`, `createArray`, `true()`, ...) are written as those
//! operators and literals; every other call keeps its canonical name.

use super::names::Names;
use super::text::{
    Part, accessor, block, guard_item, interpolate, joins_strings, key, list, quote, text_kind,
};
use crate::ir::{BinOp, Call, Expr, ExprKind, Func, Key, Loop, Prop, Template, UnOp};
use foldhash::{HashMap, HashMapExt};

/// The ARM functions Bicep writes as a binary operator.
fn binary_function(name: &str) -> Option<BinOp> {
    Some(match name {
        "equals" => BinOp::Eq,
        "less" => BinOp::Lt,
        "lessOrEquals" => BinOp::Le,
        "greater" => BinOp::Gt,
        "greaterOrEquals" => BinOp::Ge,
        "add" => BinOp::Add,
        "sub" => BinOp::Sub,
        "mul" => BinOp::Mul,
        "div" => BinOp::Div,
        "mod" => BinOp::Mod,
        "and" => BinOp::And,
        "or" => BinOp::Or,
        "coalesce" => BinOp::Coalesce,
        _ => return None,
    })
}

/// The binary operator `expr` is written with, if any.
fn operator(expr: &Expr) -> Option<BinOp> {
    match &expr.kind {
        ExprKind::Binary(op, _, _) => Some(*op),
        ExprKind::Call(call) if call.args.len() >= 2 => binary_function(&call.name),
        _ => None,
    }
}

/// Binding strength, loosest first: an operand of a looser expression than its
/// position needs is parenthesized.
const LAMBDA: u8 = 0;
const TERNARY: u8 = 1;
const COALESCE: u8 = 2;
const UNARY: u8 = 9;
const PRIMARY: u8 = 10;

/// The precedence of a binary operator in Bicep (the DSL's own grammar has the
/// same levels, so the user's grouping survives).
fn level(op: BinOp) -> u8 {
    match op {
        BinOp::Coalesce => COALESCE,
        BinOp::Or => 3,
        BinOp::And => 4,
        BinOp::Eq | BinOp::Ne => 5,
        BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => 6,
        BinOp::Add | BinOp::Sub => 7,
        BinOp::Mul | BinOp::Div | BinOp::Mod => 8,
    }
}

/// Where a `[for ...]` may stay a for-expression (Bicep's BCP138 and BCP142);
/// elsewhere it is written `map(source, item => body)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loops {
    /// Nowhere here.
    No,
    /// As this very value (a variable's or output's), not nested inside it.
    Here,
    /// As this value and as the value of any property of nested objects: the
    /// properties of resource and module bodies.
    Deep,
}

/// Where an expression is written.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The indentation level of the line the expression starts on; a multi-line
    /// value closes its bracket at this level.
    pub level: usize,
    /// Whether a `[for ...]` may stay a for-expression.
    pub loops: Loops,
    /// Inside `${...}` of a string: everything on one line.
    pub inline: bool,
}

impl Place {
    /// A position where loops are not allowed (decorators, defaults, arguments).
    pub fn plain(level: usize) -> Place {
        Place {
            level,
            loops: Loops::No,
            inline: false,
        }
    }

    /// The value of a variable or output declaration.
    pub fn declaration(level: usize) -> Place {
        Place {
            loops: Loops::Here,
            ..Place::plain(level)
        }
    }

    /// A property value of a resource or module body.
    pub fn body(level: usize) -> Place {
        Place {
            loops: Loops::Deep,
            ..Place::plain(level)
        }
    }

    fn nested(self) -> Place {
        Place {
            loops: Loops::No,
            ..self
        }
    }
}

/// Renders the expressions of one template, tracking the loop and lambda
/// variables in scope.
pub struct Writer<'t> {
    template: &'t Template,
    names: Names,
    /// Loop id → the Bicep names of its item and index variables.
    loops: HashMap<usize, (String, Option<String>)>,
    /// Lambda variables in scope, innermost last: DSL name, Bicep name.
    lambdas: Vec<(String, String)>,
    /// The loop of the resource or module being written and its index variable:
    /// what ARM's unnamed `copyIndex()` counts.
    copy_loop: Option<(usize, String)>,
}

impl<'t> Writer<'t> {
    /// A writer for expressions of `template`, with every name chosen.
    pub fn new(template: &'t Template) -> Self {
        Writer {
            template,
            names: Names::new(template),
            loops: HashMap::new(),
            lambdas: Vec::new(),
            copy_loop: None,
        }
    }

    /// The Bicep name of a parameter, variable, resource or module.
    pub fn symbol(&self, name: &str) -> String {
        self.names.symbol(name)
    }

    /// The Bicep name of the variable ARM names `name`.
    pub fn var(&self, name: &str) -> String {
        self.names.var(name)
    }

    /// The Bicep name of `resources[index]`.
    pub fn resource(&self, index: usize) -> String {
        self.template
            .resources
            .get(index)
            .map_or_else(|| "null".to_string(), |r| self.symbol(&r.symbol))
    }

    /// The Bicep name of `modules[index]`.
    pub fn module(&self, index: usize) -> String {
        self.template
            .modules
            .get(index)
            .map_or_else(|| "null".to_string(), |m| self.symbol(&m.symbol))
    }

    /// `func name(a string, ...) type => body`, with the parameters in scope
    /// (renamed like lambda variables where they would shadow a declaration).
    pub fn func(&mut self, index: usize, func: &Func) -> String {
        let names: Vec<String> = func
            .params
            .iter()
            .map(|p| self.names.local(&p.name))
            .collect();
        let depth = self.lambdas.len();
        self.lambdas.extend(
            func.params
                .iter()
                .map(|p| p.name.clone())
                .zip(names.iter().cloned()),
        );
        let body = self.expr(&func.body, Place::plain(0));
        self.lambdas.truncate(depth);
        self.names.pop_locals(names.len());
        let params: Vec<String> = names
            .iter()
            .zip(&func.params)
            .map(|(name, p)| format!("{name} {}", p.ty.name()))
            .collect();
        format!(
            "func {}({}) {} => {body}",
            self.names.function_symbol(index),
            params.join(", "),
            func.output.name()
        )
    }

    /// The Bicep name of `outputs[index]`.
    pub fn output(&self, index: usize) -> String {
        self.names.output(index)
    }

    /// Renders `for item in source` (or `for (item, index) in source`) and brings
    /// the loop's variables into scope until [`Writer::leave_loop`].
    pub fn enter_loop(&mut self, head: &Loop, place: Place) -> String {
        self.open_loop(head, place, None)
    }

    /// [`Writer::enter_loop`] for the loop of a resource or module declaration.
    /// Raw ARM style counts it with `copyIndex()`, which Bicep lacks, and a
    /// module loop's default name uses the index: where one of `exprs` needs it,
    /// the loop gets an index variable (`i` when the DSL declared none).
    pub fn enter_copy(&mut self, head: &Loop, exprs: &[&Expr]) -> String {
        let mut counted = false;
        for expr in exprs {
            crate::ir::walk(expr, &mut |e| match &e.kind {
                ExprKind::Call(call) => counted |= call.name == "copyIndex",
                ExprKind::LoopIndex(id) => counted |= *id == head.id,
                _ => {}
            });
        }
        let fallback = (counted && head.index.is_none()).then_some("i");
        let text = self.open_loop(head, Place::plain(0), fallback);
        self.copy_loop = self
            .loops
            .get(&head.id)
            .and_then(|(_, index)| index.clone())
            .map(|index| (head.id, index));
        text
    }

    fn open_loop(&mut self, head: &Loop, place: Place, fallback: Option<&str>) -> String {
        // A ternary source would read `in c ? a : b:`.
        let source = self.at(&head.source, place.nested(), COALESCE);
        let item = self.names.local(&head.item);
        let index = head
            .index
            .as_deref()
            .or(fallback)
            .map(|i| self.names.local(i));
        let binding = match &index {
            Some(index) => format!("({item}, {index})"),
            None => item.clone(),
        };
        self.loops.insert(head.id, (item, index));
        format!("for {binding} in {source}")
    }

    /// The index variable of the resource or module loop being written, when
    /// it has one (see [`Writer::enter_copy`]).
    pub fn copy_index(&self) -> Option<&str> {
        self.copy_loop.as_ref().map(|(_, index)| index.as_str())
    }

    /// Takes the variables of `head` out of scope.
    pub fn leave_loop(&mut self, head: &Loop) {
        if self
            .copy_loop
            .as_ref()
            .is_some_and(|(id, _)| *id == head.id)
        {
            self.copy_loop = None;
        }
        if let Some((_, index)) = self.loops.remove(&head.id) {
            let count = 1 + usize::from(index.is_some());
            self.names.pop_locals(count);
        }
    }

    /// A decorator's name (`description`, `secure`, ...): `sys.`-qualified where
    /// a declaration of the same name would shadow it, as Bicep looks decorators
    /// up like functions.
    pub fn decorator(&self, name: &str) -> String {
        self.names.function(name)
    }

    /// An expression in `place`.
    pub fn expr(&mut self, expr: &Expr, place: Place) -> String {
        self.at(expr, place, LAMBDA)
    }

    /// An array literal in `place`.
    pub fn array(&mut self, items: &[Expr], place: Place) -> String {
        let inner = Place {
            level: place.level + 1,
            ..place.nested()
        };
        let items: Vec<String> = items
            .iter()
            .map(|e| guard_item(self.expr(e, inner)))
            .collect();
        if place.inline {
            format!("[{}]", items.join(", "))
        } else {
            list(&items, place.level)
        }
    }

    /// An object literal in `place`.
    pub fn object(&mut self, props: &[Prop], place: Place) -> String {
        let entries: Vec<(KeyRef<'_>, &Expr)> = props
            .iter()
            .map(|p| {
                let key = match &p.key {
                    Key::Lit(text) => KeyRef::Lit(text),
                    Key::Expr(expr) => KeyRef::Expr(expr),
                };
                (key, &p.value)
            })
            .collect();
        self.entries(&entries, place)
    }

    /// The key of a property: bare, quoted, or an interpolated string.
    pub fn prop_key(&mut self, key: &Key, place: Place) -> String {
        match key {
            Key::Lit(text) => self::key(text),
            Key::Expr(expr) => self.computed_key(expr, place),
        }
    }

    fn computed_key(&mut self, expr: &Expr, place: Place) -> String {
        match &expr.kind {
            ExprKind::Str(text) => key(text),
            _ => {
                let mut parts = Vec::new();
                self.string_parts(expr, &mut parts, place);
                interpolate(parts)
            }
        }
    }

    fn entries(&mut self, entries: &[(KeyRef<'_>, &Expr)], place: Place) -> String {
        let inner = Place {
            level: place.level + 1,
            loops: if place.loops == Loops::Deep {
                Loops::Deep
            } else {
                Loops::No
            },
            inline: place.inline,
        };
        let mut rendered = Vec::with_capacity(entries.len());
        for (key, value) in entries {
            let (key, value_place) = match key {
                KeyRef::Lit(text) => (self::key(text), inner),
                // Bicep forbids a loop as the value of a computed key (BCP143).
                KeyRef::Expr(expr) => (
                    self.computed_key(expr, inner),
                    Place {
                        loops: Loops::No,
                        ..inner
                    },
                ),
            };
            rendered.push((key, self.expr(value, value_place)));
        }
        if !place.inline {
            return block(&rendered, place.level);
        }
        if rendered.is_empty() {
            return "{}".to_string();
        }
        let items: Vec<String> = rendered.iter().map(|(k, v)| format!("{k}: {v}")).collect();
        format!("{{ {} }}", items.join(", "))
    }

    fn at(&mut self, expr: &Expr, place: Place, min: u8) -> String {
        let (text, strength) = self.render(expr, place);
        if strength < min {
            format!("({text})")
        } else {
            text
        }
    }

    fn render(&mut self, expr: &Expr, place: Place) -> (String, u8) {
        let sub = place.nested();
        let text = match &expr.kind {
            ExprKind::Str(text) => quote(text),
            ExprKind::Int(n) => return (n.to_string(), if *n < 0 { UNARY } else { PRIMARY }),
            ExprKind::Bool(b) => b.to_string(),
            ExprKind::Null | ExprKind::Invalid => "null".to_string(),
            ExprKind::Array(items) => self.array(items, sub),
            ExprKind::Object(props) => self.object(props, place),
            ExprKind::Param(name) => self.symbol(name),
            ExprKind::Var(name) => self.var(name),
            // A bare resource stands for its ID, as in the ARM emitter.
            ExprKind::Resource(i) => format!("{}.id", self.resource(*i)),
            ExprKind::Module(i) => format!(
                "{}('Microsoft.Resources/deployments', {}.name)",
                self.names.function("resourceId"),
                self.module(*i)
            ),
            ExprKind::LoopItem(id) => self
                .loops
                .get(id)
                .map_or_else(|| "null".to_string(), |(item, _)| item.clone()),
            ExprKind::LoopIndex(id) => self
                .loops
                .get(id)
                .and_then(|(_, index)| index.clone())
                .unwrap_or_else(|| "null".to_string()),
            ExprKind::LambdaVar(name) | ExprKind::FuncParam(name) => self
                .lambdas
                .iter()
                .rev()
                .find(|(dsl, _)| dsl == name)
                .map_or_else(|| name.clone(), |(_, bicep)| bicep.clone()),
            ExprKind::Call(call) => return self.call(call, place),
            ExprKind::Lambda(params, body) => return (self.lambda(params, body, sub), LAMBDA),
            // A scope or deployment function's result in its documented
            // spelling (`resourceGroup().Location` is `location`: Bicep types
            // it strictly, ARM reads it in any case).
            ExprKind::Member(base, name) => {
                let name =
                    crate::check::function_members::documented_spelling(self.template, base, name)
                        .unwrap_or(name);
                format!("{}{}", self.base(base, sub), accessor(name))
            }
            // `p['type']` reads better as `p.type`.
            ExprKind::Index(base, index) => match index.as_str() {
                Some(name) if !matches!(base.kind, ExprKind::Resource(_) | ExprKind::Module(_)) => {
                    format!("{}{}", self.base(base, sub), accessor(name))
                }
                _ => {
                    let base = self.base(base, sub);
                    format!("{base}[{}]", self.expr(index, sub))
                }
            },
            ExprKind::Unary(op, operand) => return self.unary(*op, operand, sub),
            ExprKind::Binary(op, lhs, rhs) => return self.chain(*op, &[lhs, rhs], sub),
            ExprKind::Ternary(cond, then, otherwise) => {
                return self.ternary(cond, then, otherwise, sub);
            }
            ExprKind::For(head, body) => self.for_expr(head, body, place),
        };
        (text, PRIMARY)
    }

    /// The base of `.member` or `[index]`: a resource or module symbol stands for
    /// itself there (`apim.identity`, `mod.outputs`), not for its ID.
    fn base(&mut self, base: &Expr, place: Place) -> String {
        match base.kind {
            ExprKind::Resource(i) => self.resource(i),
            ExprKind::Module(i) => self.module(i),
            _ => self.at(base, place, PRIMARY),
        }
    }

    fn unary(&mut self, op: UnOp, operand: &Expr, place: Place) -> (String, u8) {
        let inner = self.at(operand, place, UNARY);
        let text = match op {
            UnOp::Not => format!("!{inner}"),
            // `--1` would not lex as two minus signs.
            UnOp::Neg if inner.starts_with('-') => format!("-({inner})"),
            UnOp::Neg => format!("-{inner}"),
        };
        (text, UNARY)
    }

    /// `a op b op c`, left-associative.
    /// `a || b && c` and `a < b == c` are parenthesized although Bicep would not
    /// need it: people read them more easily that way.
    fn chain(&mut self, op: BinOp, operands: &[&Expr], place: Place) -> (String, u8) {
        let strength = level(op);
        let comparison = |op: BinOp| matches!(level(op), 5 | 6);
        let parts: Vec<String> = operands
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let clarify = match operator(e) {
                    Some(inner) => {
                        (op == BinOp::Or && inner == BinOp::And)
                            || (comparison(op) && comparison(inner))
                    }
                    None => false,
                };
                let min = match (clarify, i) {
                    (true, _) => PRIMARY,
                    (false, 0) => strength,
                    (false, _) => strength + 1,
                };
                self.at(e, place, min)
            })
            .collect();
        (parts.join(&format!(" {} ", op.symbol())), strength)
    }

    fn ternary(
        &mut self,
        cond: &Expr,
        then: &Expr,
        otherwise: &Expr,
        place: Place,
    ) -> (String, u8) {
        // A nested ternary reads better parenthesized, except as the `else` branch
        // (`a ? x : b ? y : z`).
        let cond = self.at(cond, place, TERNARY + 1);
        let then = self.at(then, place, TERNARY + 1);
        let otherwise = self.at(otherwise, place, TERNARY);
        (format!("{cond} ? {then} : {otherwise}"), TERNARY)
    }

    fn lambda(&mut self, params: &[String], body: &Expr, place: Place) -> String {
        let names: Vec<String> = params.iter().map(|p| self.names.local(p)).collect();
        let depth = self.lambdas.len();
        self.lambdas
            .extend(params.iter().cloned().zip(names.iter().cloned()));
        let body = self.at(body, place, TERNARY);
        self.lambdas.truncate(depth);
        self.names.pop_locals(names.len());
        match names.as_slice() {
            [one] => format!("{one} => {body}"),
            _ => format!("({}) => {body}", names.join(", ")),
        }
    }

    /// `[for x in source: body]` where Bicep allows it, `map(...)` elsewhere.
    fn for_expr(&mut self, head: &Loop, body: &Expr, place: Place) -> String {
        if place.loops == Loops::No || place.inline {
            let source = self.expr(&head.source, place.nested());
            let mut params = vec![head.item.clone()];
            params.extend(head.index.clone());
            let names: Vec<String> = params.iter().map(|p| self.names.local(p)).collect();
            let index = names.get(1).cloned();
            let item = names.first().cloned().unwrap_or_default();
            self.loops.insert(head.id, (item, index));
            let body = self.at(body, place.nested(), TERNARY);
            self.leave_loop(head);
            let lambda = match names.as_slice() {
                [one] => format!("{one} => {body}"),
                _ => format!("({}) => {body}", names.join(", ")),
            };
            return format!("{}({source}, {lambda})", self.names.function("map"));
        }
        let binding = self.enter_loop(head, place);
        let body = self.expr(body, place.nested());
        self.leave_loop(head);
        format!("[{binding}: {body}]")
    }

    fn call(&mut self, call: &Call, place: Place) -> (String, u8) {
        let sub = place.nested();
        let args: Vec<&Expr> = call.args.iter().collect();
        if let Some(index) = call.user {
            // A user-defined function is a declaration: called by its Bicep name.
            let rendered: Vec<String> = args.iter().map(|a| self.expr(a, sub)).collect();
            let name = self.names.function_symbol(index);
            return (format!("{name}({})", rendered.join(", ")), PRIMARY);
        }
        // Bicep has no `if`, `and`, `or`, `not`, comparison or arithmetic functions,
        // nor `true()`, `false()`, `null()`, `createArray` or `createObject`.
        match (call.name.as_str(), args.as_slice()) {
            ("if", [cond, then, otherwise]) => return self.ternary(cond, then, otherwise, sub),
            ("and", [_, _, ..]) => return self.chain(BinOp::And, &args, sub),
            ("or", [_, _, ..]) => return self.chain(BinOp::Or, &args, sub),
            ("coalesce", [_, _, ..]) => return self.chain(BinOp::Coalesce, &args, sub),
            ("coalesce", [only]) => return self.render(only, place),
            ("not", [operand]) => return self.unary(UnOp::Not, operand, sub),
            (name, [lhs, rhs]) if binary_function(name).is_some() => {
                if let Some(op) = binary_function(name) {
                    return self.chain(op, &[lhs, rhs], sub);
                }
            }
            ("true" | "false" | "null", []) => return (call.name.clone(), PRIMARY),
            ("copyIndex", []) if self.copy_loop.is_some() => {
                let index = self.copy_loop.as_ref().map(|(_, i)| i.clone());
                return (index.unwrap_or_default(), PRIMARY);
            }
            ("copyIndex", [offset]) if self.copy_loop.is_some() && offset.as_str().is_none() => {
                let index = self.copy_loop.as_ref().map(|(_, i)| i.clone());
                let offset = self.at(offset, sub, level(BinOp::Add) + 1);
                return (
                    format!("{} + {offset}", index.unwrap_or_default()),
                    level(BinOp::Add),
                );
            }
            ("createArray", _) => return (self.array(&call.args, sub), PRIMARY),
            // Bicep reads `tryGet(o, a, b)` as safe access: `o[?a][?b]`.
            ("tryGet", [base, keys @ ..]) if !keys.is_empty() => {
                let mut text = self.at(base, sub, PRIMARY);
                for key in keys {
                    text = format!("{text}[?{}]", self.expr(key, sub));
                }
                return (text, PRIMARY);
            }
            ("createObject", _) if args.len().is_multiple_of(2) => {
                let entries: Vec<(KeyRef<'_>, &Expr)> = args
                    .chunks(2)
                    .filter_map(|pair| match pair {
                        [k, v] => Some((KeyRef::from_expr(k), *v)),
                        _ => None,
                    })
                    .collect();
                return (self.entries(&entries, sub), PRIMARY);
            }
            ("concat", _) if joins_strings(self.template, &call.args) => {
                if let [only] = args.as_slice()
                    && only.as_str().is_none()
                    && text_kind(self.template, only, 0) == Some(true)
                {
                    return self.render(only, place);
                }
                let mut parts = Vec::new();
                for arg in &args {
                    self.string_parts(arg, &mut parts, sub);
                }
                return (interpolate(parts), PRIMARY);
            }
            _ => {}
        }
        let rendered: Vec<String> = args.iter().map(|a| self.expr(a, sub)).collect();
        (
            format!(
                "{}({})",
                self.names.function(&call.name),
                rendered.join(", ")
            ),
            PRIMARY,
        )
    }

    /// The pieces of a string: literal text, and `${...}` holes; a `concat` of
    /// strings is flattened into them.
    fn string_parts(&mut self, expr: &Expr, parts: &mut Vec<Part>, place: Place) {
        match &expr.kind {
            ExprKind::Str(text) => parts.push(Part::Lit(text.clone())),
            ExprKind::Call(call)
                if call.name == "concat" && joins_strings(self.template, &call.args) =>
            {
                for arg in &call.args {
                    self.string_parts(arg, parts, place);
                }
            }
            _ => {
                let inline = Place {
                    inline: true,
                    ..place.nested()
                };
                parts.push(Part::Hole(self.expr(expr, inline)));
            }
        }
    }
}

/// A key to render: literal text or an expression.
enum KeyRef<'a> {
    Lit(&'a str),
    Expr(&'a Expr),
}

impl<'a> KeyRef<'a> {
    /// A `createObject` key argument.
    fn from_expr(expr: &'a Expr) -> Self {
        match expr.as_str() {
            Some(text) => KeyRef::Lit(text),
            None => KeyRef::Expr(expr),
        }
    }
}
