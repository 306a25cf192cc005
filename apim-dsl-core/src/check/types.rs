//! Type inference over expressions (string, int, bool, object, array, null, any),
//! reporting arguments, operands and members that cannot work.

use crate::codes;
use crate::diag::Diagnostics;
use crate::functions::Ret;
use crate::ir::{BinOp, Expr, ExprKind, Func, Template, UnOp};
use crate::types::Ty;
use foldhash::{HashMap, HashMapExt};

/// Infers types within one template, caching variable types.
pub struct Types<'t> {
    template: &'t Template,
    vars: HashMap<&'t str, Ty>,
    in_progress: Vec<&'t str>,
    /// Each variable by name, the first of duplicates (a search per variable
    /// was quadratic in their number).
    by_name: HashMap<&'t str, &'t crate::ir::Var>,
    /// The user-defined function whose body is inferred: its parameters' types.
    func: Option<&'t Func>,
}

fn article(ty: Ty) -> String {
    let text = ty.to_string();
    match text.as_str() {
        "any" | "null" => text,
        _ if text.starts_with(['a', 'e', 'i', 'o', 'u']) => format!("an {text}"),
        _ => format!("a {text}"),
    }
}

impl<'t> Types<'t> {
    /// A fresh inference context.
    pub fn new(template: &'t Template) -> Self {
        let mut by_name = HashMap::with_capacity(template.vars.len());
        for var in &template.vars {
            by_name.entry(var.name.as_str()).or_insert(var);
        }
        Types {
            template,
            vars: HashMap::new(),
            in_progress: Vec::new(),
            by_name,
            func: None,
        }
    }

    /// Infers the body of `func` from now on (its parameters have their types).
    pub fn in_function(&mut self, func: Option<&'t Func>) {
        self.func = func;
    }

    /// The type of a variable (inferred once; errors in its value are reported by
    /// the caller that checks variables, not here).
    pub fn var_type(&mut self, name: &str) -> Ty {
        if let Some(ty) = self.vars.get(name) {
            return *ty;
        }
        let Some(&var) = self.by_name.get(name) else {
            return Ty::ANY;
        };
        if self.in_progress.contains(&var.name.as_str()) {
            return Ty::ANY;
        }
        self.in_progress.push(&var.name);
        let ty = self.infer(&var.value, &mut Diagnostics::new());
        self.in_progress.pop();
        self.vars.insert(&var.name, ty);
        ty
    }

    /// Requires `expr` to have a type in `expected`, reporting at its span.
    pub fn expect(&mut self, expr: &Expr, expected: Ty, what: &str, diags: &mut Diagnostics) -> Ty {
        let ty = self.infer(expr, diags);
        if !ty.fits(expected) {
            diags.error(
                codes::TYPE_MISMATCH,
                expr.span,
                format!(
                    "{what} must be {}, found {}",
                    article(expected),
                    article(ty)
                ),
            );
        }
        ty
    }

    /// The type of `expr`; problems inside it go to `diags`.
    pub fn infer(&mut self, expr: &Expr, diags: &mut Diagnostics) -> Ty {
        match &expr.kind {
            ExprKind::Str(_) => Ty::STRING,
            ExprKind::Int(_) => Ty::INT,
            ExprKind::Bool(_) => Ty::BOOL,
            ExprKind::Null => Ty::NULL,
            ExprKind::Array(items) => {
                items.iter().for_each(|e| {
                    self.infer(e, diags);
                });
                Ty::ARRAY
            }
            ExprKind::Object(props) => {
                for prop in props {
                    if let crate::ir::Key::Expr(key) = &prop.key {
                        self.expect(key, Ty::STRING, "a computed key", diags);
                    }
                    self.infer(&prop.value, diags);
                }
                Ty::OBJECT
            }
            ExprKind::Param(name) => self
                .template
                .params
                .iter()
                .find(|p| &p.name == name)
                .map_or(Ty::ANY, |p| p.ty.ty()),
            ExprKind::Var(name) => self.var_type(name),
            ExprKind::FuncParam(name) => self
                .func
                .filter(|f| f.typed)
                .and_then(|f| f.params.iter().find(|p| &p.name == name))
                .map_or(Ty::ANY, |p| p.ty.ty()),
            ExprKind::LoopIndex(_) => Ty::INT,
            ExprKind::Resource(_)
            | ExprKind::Module(_)
            | ExprKind::LoopItem(_)
            | ExprKind::LambdaVar(_)
            | ExprKind::Lambda(..)
            | ExprKind::Invalid => Ty::ANY,
            ExprKind::Call(call) => self.call(call, diags),
            ExprKind::Member(base, name) => {
                if let Some(ty) = crate::check::resources::reads::read_type(self.template, expr) {
                    return ty;
                }
                let ty = self.infer(base, diags);
                if matches!(base.kind, ExprKind::Resource(_) | ExprKind::Module(_)) {
                    return Ty::ANY;
                }
                if !ty.fits(Ty::OBJECT) {
                    diags.error(
                        codes::TYPE_MISMATCH,
                        expr.span,
                        format!(
                            "`.{name}` reads a property of an object, but this is {}",
                            article(ty)
                        ),
                    );
                }
                Ty::ANY
            }
            ExprKind::Index(base, index) => {
                if let Some(ty) = crate::check::resources::reads::read_type(self.template, expr) {
                    self.infer(index, diags);
                    return ty;
                }
                let base_ty = self.infer(base, diags);
                let index_ty = self.infer(index, diags);
                if !base_ty.fits(Ty::ARRAY.or(Ty::OBJECT)) {
                    diags.error(
                        codes::TYPE_MISMATCH,
                        index.span,
                        format!(
                            "only arrays and objects can be indexed, but this is {}",
                            article(base_ty)
                        ),
                    );
                } else if base_ty == Ty::ARRAY && !index_ty.fits(Ty::INT) {
                    diags.error(
                        codes::TYPE_MISMATCH,
                        index.span,
                        format!("an array index must be an int, found {}", article(index_ty)),
                    );
                } else if base_ty == Ty::OBJECT && !index_ty.fits(Ty::STRING) {
                    diags.error(
                        codes::TYPE_MISMATCH,
                        index.span,
                        format!(
                            "an object key must be a string, found {}",
                            article(index_ty)
                        ),
                    );
                }
                Ty::ANY
            }
            ExprKind::Unary(UnOp::Not, operand) => {
                self.expect(operand, Ty::BOOL, "the operand of `!`", diags);
                Ty::BOOL
            }
            ExprKind::Unary(UnOp::Neg, operand) => {
                self.expect(operand, Ty::INT, "the operand of `-`", diags);
                Ty::INT
            }
            ExprKind::Binary(op, lhs, rhs) => self.binary(*op, lhs, rhs, expr.span, diags),
            ExprKind::Ternary(cond, then, otherwise) => {
                self.expect(
                    cond,
                    Ty::BOOL,
                    "the condition of `c ? a : b` (ARM `if`)",
                    diags,
                );
                self.infer(then, diags).or(self.infer(otherwise, diags))
            }
            ExprKind::For(head, body) => {
                self.expect(&head.source, Ty::ARRAY, "a loop's source", diags);
                self.infer(body, diags);
                Ty::ARRAY
            }
        }
    }

    fn call(&mut self, call: &crate::ir::Call, diags: &mut Diagnostics) -> Ty {
        if let Some(index) = call.user {
            return self.user_call(call, index, diags);
        }
        let function = call.function;
        let mut arg_types = Vec::with_capacity(call.args.len());
        for (index, arg) in call.args.iter().enumerate() {
            if function.lambda_at(index).is_some() {
                if let ExprKind::Lambda(_, body) = &arg.kind {
                    self.infer(body, diags);
                }
                arg_types.push(Ty::ANY);
                continue;
            }
            let expected = function.arg_type(index);
            let what = format!("argument {} of `{}`", index + 1, call.name);
            arg_types.push(self.expect(arg, expected, &what, diags));
        }
        if function.name == "concat" {
            // Ints and bools join a string as their text.
            for ty in &mut arg_types {
                if *ty == Ty::INT || *ty == Ty::BOOL {
                    *ty = Ty::STRING;
                }
            }
        }
        if matches!(function.name, "concat" | "union" | "intersection")
            && !self.same_kind(call, &arg_types, diags)
        {
            // Mixed kinds: the result has no type worth reporting twice.
            return Ty::ANY;
        }
        match function.ret {
            Ret::Ty(ty) => ty,
            Ret::Arg(i) => arg_types.get(i).copied().unwrap_or(Ty::ANY),
            Ret::Either(a, b) => {
                let pick = |i: usize| arg_types.get(i).copied().unwrap_or(Ty::ANY);
                pick(a).or(pick(b))
            }
            Ret::AnyArg => arg_types.iter().fold(Ty::NEVER, |acc, ty| acc.or(*ty)),
        }
    }

    /// A call of `functions[index]`: each argument has its parameter's declared
    /// type, and the result the declared result type.
    fn user_call(&mut self, call: &crate::ir::Call, index: usize, diags: &mut Diagnostics) -> Ty {
        let template = self.template;
        let Some(func) = template.functions.get(index).filter(|f| f.typed) else {
            for arg in &call.args {
                self.infer(arg, diags);
            }
            return Ty::ANY;
        };
        for (position, arg) in call.args.iter().enumerate() {
            match func.params.get(position) {
                Some(param) => {
                    let what = format!(
                        "argument {} of `{}` (parameter `{}`)",
                        position + 1,
                        func.name,
                        param.name
                    );
                    self.expect(arg, param.ty.ty(), &what, diags);
                }
                None => {
                    self.infer(arg, diags);
                }
            }
        }
        func.output.ty()
    }

    /// `concat` joins strings or arrays, `union` objects or arrays: not a mix.
    /// Returns whether the arguments agree.
    fn same_kind(&self, call: &crate::ir::Call, types: &[Ty], diags: &mut Diagnostics) -> bool {
        let Some(first) = types.iter().position(|t| t.is_single()) else {
            return true;
        };
        let mut agree = true;
        for (index, ty) in types.iter().enumerate().skip(first + 1) {
            if ty.is_single() && *ty != types[first] {
                agree = false;
                diags.error(
                    codes::TYPE_MISMATCH,
                    call.args[index].span,
                    format!(
                        "`{}` cannot mix {} and {}: argument {} is {}, argument {} is {}",
                        call.name,
                        types[first],
                        ty,
                        first + 1,
                        article(types[first]),
                        index + 1,
                        article(*ty)
                    ),
                );
            }
        }
        agree
    }

    fn binary(
        &mut self,
        op: BinOp,
        lhs: &Expr,
        rhs: &Expr,
        span: proc_macro2::Span,
        diags: &mut Diagnostics,
    ) -> Ty {
        let symbol = op.symbol();
        match op {
            BinOp::And | BinOp::Or => {
                self.expect(
                    lhs,
                    Ty::BOOL,
                    &format!("the left operand of `{symbol}`"),
                    diags,
                );
                self.expect(
                    rhs,
                    Ty::BOOL,
                    &format!("the right operand of `{symbol}`"),
                    diags,
                );
                Ty::BOOL
            }
            BinOp::Eq | BinOp::Ne => {
                self.infer(lhs, diags);
                self.infer(rhs, diags);
                Ty::BOOL
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                let comparable = Ty::INT.or(Ty::STRING);
                let left = self.expect(
                    lhs,
                    comparable,
                    &format!("the left operand of `{symbol}`"),
                    diags,
                );
                let right = self.expect(
                    rhs,
                    comparable,
                    &format!("the right operand of `{symbol}`"),
                    diags,
                );
                if left.is_single()
                    && right.is_single()
                    && left != right
                    && left.within(comparable)
                    && right.within(comparable)
                {
                    diags.error(
                        codes::TYPE_MISMATCH,
                        rhs.span,
                        format!(
                            "`{symbol}` compares two ints or two strings, not {left} and {right}"
                        ),
                    );
                }
                Ty::BOOL
            }
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod => {
                let left = self.infer(lhs, diags);
                let right = self.infer(rhs, diags);
                if op == BinOp::Add && (left == Ty::STRING || right == Ty::STRING) {
                    diags.error(codes::TYPE_MISMATCH,
                        span,
                        "`+` adds ints; join strings with `concat(a, b)` or `format(\"{0}{1}\", a, b)`",
                    );
                    return Ty::ANY;
                }
                for (side, operand, ty) in [("left", lhs, left), ("right", rhs, right)] {
                    if !ty.fits(Ty::INT) {
                        diags.error(
                            codes::TYPE_MISMATCH,
                            operand.span,
                            format!(
                                "the {side} operand of `{symbol}` must be an int, found {}",
                                article(ty)
                            ),
                        );
                    }
                }
                Ty::INT
            }
            BinOp::Coalesce => self.infer(lhs, diags).or(self.infer(rhs, diags)),
        }
    }
}

/// The type name with its article ("a string", "an int").
pub fn described(ty: Ty) -> String {
    article(ty)
}
