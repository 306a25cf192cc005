//! Expressions: AST to IR with every name and function resolved.

use super::{Local, Resolver, Symbol};
use crate::ast;
use crate::codes;
use crate::diag::did_you_mean;
use crate::functions::{self, Found};
use crate::ir::{Call, Expr, ExprKind, Key, Loop, Prop};
use crate::parse::ident_name;
use foldhash::{HashSet, HashSetExt};
use syn::Ident;

/// What the module placeholders of the emitted text start with.
const RESERVED_MARKER: &str = "__apim_dsl_module_";

/// Functions that take lambdas, for the error on a misplaced one.
const LAMBDA_FUNCTIONS: &str =
    "`filter`, `map`, `reduce`, `sort`, `toObject`, `groupBy` or `mapValues`";

impl Resolver<'_> {
    /// Resolves one expression.
    pub fn expr(&mut self, expr: &ast::Expr) -> Expr {
        let span = expr.span();
        let kind = match expr {
            ast::Expr::Str(lit) => {
                let text = crate::parse::lit_value(lit);
                self.reserved_text(&text, lit.span());
                ExprKind::Str(text)
            }
            ast::Expr::Int(value, _) => ExprKind::Int(*value),
            ast::Expr::Bool(value, _) => ExprKind::Bool(*value),
            ast::Expr::Null(_) => ExprKind::Null,
            ast::Expr::Array(items, _) => {
                ExprKind::Array(items.iter().map(|e| self.expr(e)).collect())
            }
            ast::Expr::Object(object) => ExprKind::Object(self.object(object)),
            ast::Expr::Ident(ident) => self.name(ident),
            ast::Expr::Call(name, args) => self.call(name, args),
            ast::Expr::NsCall(names, args) => self.ns_call(&names.0, &names.1, args),
            ast::Expr::Member(base, name) => {
                ExprKind::Member(Box::new(self.expr(base)), ident_name(name))
            }
            ast::Expr::Index(base, index, _) => {
                ExprKind::Index(Box::new(self.expr(base)), Box::new(self.expr(index)))
            }
            ast::Expr::Unary(op, operand, _) => ExprKind::Unary(*op, Box::new(self.expr(operand))),
            ast::Expr::Binary(op, lhs, rhs, _) => {
                ExprKind::Binary(*op, Box::new(self.expr(lhs)), Box::new(self.expr(rhs)))
            }
            ast::Expr::Ternary(cond, then, otherwise, _) => ExprKind::Ternary(
                Box::new(self.expr(cond)),
                Box::new(self.expr(then)),
                Box::new(self.expr(otherwise)),
            ),
            ast::Expr::Lambda(..) => {
                self.diags.error(
                    codes::LAMBDA,
                    span,
                    format!("a lambda can only be an argument of {LAMBDA_FUNCTIONS}"),
                );
                ExprKind::Invalid
            }
            ast::Expr::Resources(..) => {
                self.diags.error(codes::BODY_SHAPE,
                    span,
                    "nested resources belong in the `resources` of a resource's body: `resources: [resource api \"apis@2024-05-01\" { ... }]`",
                );
                ExprKind::Invalid
            }
            ast::Expr::For(head, body) => {
                let (head, body) = self.in_loop(head, |this| this.expr(body));
                ExprKind::For(Box::new(head), Box::new(body))
            }
        };
        Expr::new(kind, span)
    }

    /// Resolves an object literal, reporting duplicate keys at their second use.
    pub fn object(&mut self, object: &ast::Object) -> Vec<Prop> {
        let mut seen = HashSet::new();
        let mut props = Vec::with_capacity(object.props.len());
        for prop in &object.props {
            let key = match &prop.key {
                ast::Key::Computed(expr, _) => Key::Expr(Box::new(self.expr(expr))),
                other => {
                    let name = other.name().unwrap_or_default();
                    self.reserved_text(&name, other.span());
                    if !seen.insert(name.clone()) {
                        self.diags.error(
                            codes::DUPLICATE_KEY,
                            other.span(),
                            format!("duplicate key `{name}`: an object can hold each key once"),
                        );
                    }
                    Key::Lit(name)
                }
            };
            props.push(Prop {
                key,
                key_span: prop.key.span(),
                value: self.expr(&prop.value),
            });
        }
        props
    }

    /// Text that contains the placeholders `expand` splices module templates in
    /// at would be spliced too: it is reserved.
    pub fn reserved_text(&mut self, text: &str, span: proc_macro2::Span) {
        if text.contains(RESERVED_MARKER) {
            self.diags.error(codes::RESERVED_TEXT,
                span,
                format!("text containing `{RESERVED_MARKER}` is reserved: apim-dsl marks where module templates are spliced in with it"),
            );
        }
    }

    /// Resolves `head` and runs `body` with its variables in scope.
    pub fn in_loop<T>(
        &mut self,
        head: &ast::ForHead,
        body: impl FnOnce(&mut Self) -> T,
    ) -> (Loop, T) {
        let source = self.expr(&head.source);
        let id = self.next_loop;
        self.next_loop += 1;
        let depth = self.locals.len();
        self.locals.push((ident_name(&head.item), Local::Item(id)));
        if let Some(index) = &head.index {
            self.locals.push((ident_name(index), Local::Index(id)));
        }
        let result = body(self);
        self.locals.truncate(depth);
        let head = Loop {
            id,
            item: ident_name(&head.item),
            index: head.index.as_ref().map(ident_name),
            source: Box::new(source),
            span: head.kw,
        };
        (head, result)
    }

    fn name(&mut self, ident: &Ident) -> ExprKind {
        let name = ident_name(ident);
        if let Some((_, local)) = self.locals.iter().rev().find(|(n, _)| *n == name) {
            return match local {
                Local::Item(id) => ExprKind::LoopItem(*id),
                Local::Index(id) => ExprKind::LoopIndex(*id),
                Local::Lambda => ExprKind::LambdaVar(name),
                Local::FuncParam => ExprKind::FuncParam(name),
            };
        }
        match self.lookup(&name) {
            Some(Symbol::Func(_)) => {
                self.mark_used(&name);
                self.diags.error(
                    codes::UNKNOWN_FUNCTION,
                    ident.span(),
                    format!("`{name}` is a function: call it, `{name}(...)`"),
                );
                ExprKind::Invalid
            }
            Some(symbol) if self.in_func.is_some() => self.outside_func(ident, symbol),
            Some(symbol) => self.symbol_expr(symbol, &name),
            None => {
                self.unresolved += 1;
                let hint = self.suggestion(&name);
                let hint = if hint.is_empty() && functions::lookup(&name).is_some() {
                    format!(", the ARM function is called as `{name}()`")
                } else {
                    hint
                };
                self.diags.error(codes::UNKNOWN_NAME,
                    ident.span(),
                    format!("cannot find parameter, variable or resource `{name}` in this template{hint}"),
                );
                ExprKind::Invalid
            }
        }
    }

    fn symbol_expr(&mut self, symbol: Symbol, name: &str) -> ExprKind {
        self.mark_used(name);
        match symbol {
            Symbol::Param(_) => ExprKind::Param(name.to_string()),
            // ARM reads a variable by its ARM name (`#[name("...")]`).
            Symbol::Var(index) => ExprKind::Var(
                self.var_names
                    .get(index)
                    .map_or_else(|| name.to_string(), |(arm, _)| arm.clone()),
            ),
            Symbol::Resource(index) => ExprKind::Resource(index),
            Symbol::Module(index) => ExprKind::Module(index),
            Symbol::Func(_) => ExprKind::Invalid,
        }
    }

    /// ", did you mean `x`?" over every name in scope.
    pub fn suggestion(&self, name: &str) -> String {
        let locals = self.locals.iter().map(|(n, _)| n.as_str());
        did_you_mean(name, self.order.iter().map(String::as_str).chain(locals))
    }

    fn call(&mut self, ident: &Ident, args: &[ast::Expr]) -> ExprKind {
        let name = ident_name(ident);
        if let Some(Symbol::Func(index)) = self.lookup(&name) {
            return self.unqualified_call(ident, index, args);
        }
        if let Some(kind) = self.load_file(ident, args) {
            return kind;
        }
        let Some(Found { function, spelling }) = functions::lookup(&name) else {
            let message = match self.lookup(&name) {
                Some(symbol) => {
                    // Counted as used: an "unused" report would only repeat this.
                    self.mark_used(&name);
                    format!("`{name}` is a {}, not a function", symbol.describe())
                }
                None if let Some(arm) = other_languages_name(&name) => {
                    format!("unknown ARM template function `{name}`: ARM's is `{arm}`")
                }
                None if self.funcs.is_empty() => format!(
                    "unknown ARM template function `{name}`{}",
                    did_you_mean(&name, functions::names())
                ),
                None => {
                    let mut known: Vec<&str> = self.funcs.iter().map(|f| f.name.as_str()).collect();
                    for builtin in functions::names() {
                        known.push(builtin);
                    }
                    format!("unknown function `{name}`{}", did_you_mean(&name, known))
                }
            };
            self.diags
                .error(codes::UNKNOWN_FUNCTION, ident.span(), message);
            return self.invalid_call(args);
        };
        if !function.arity.accepts(args.len()) {
            self.diags.error(
                codes::ARGUMENT_COUNT,
                ident.span(),
                format!(
                    "`{spelling}` takes {}, but {} {} given",
                    function.arity.describe(),
                    args.len(),
                    if args.len() == 1 { "was" } else { "were" }
                ),
            );
        }
        if let Some(kind) = self.named_reference(spelling, args) {
            return kind;
        }
        // `if(c, a, b)` is `c ? a : b`, and checked as one.
        if let ("if", [cond, then, otherwise]) = (spelling, args) {
            return ExprKind::Ternary(
                Box::new(self.expr(cond)),
                Box::new(self.expr(then)),
                Box::new(self.expr(otherwise)),
            );
        }
        let args = args
            .iter()
            .enumerate()
            .map(|(index, arg)| self.argument(spelling, function.lambda_at(index), index, arg))
            .collect();
        ExprKind::Call(Box::new(Call {
            function,
            name: spelling.to_string(),
            args,
            user: None,
        }))
    }

    /// `parameters("x")` and `variables("x")` with a literal name: a checked reference.
    fn named_reference(&mut self, spelling: &str, args: &[ast::Expr]) -> Option<ExprKind> {
        let want_param = match spelling {
            "parameters" => true,
            "variables" => false,
            _ => return None,
        };
        let [ast::Expr::Str(lit)] = args else {
            // A computed name: any of them may be read.
            if want_param {
                self.computed_reads.0 = true;
            } else {
                self.computed_reads.1 = true;
            }
            return None;
        };
        let name = crate::parse::lit_value(lit);
        let kind = if want_param { "parameter" } else { "variable" };
        if let Some(func) = self.in_func {
            // In a function, `parameters('x')` reads the function's own `x`.
            let own = self
                .locals
                .iter()
                .any(|(n, l)| *n == name && matches!(l, Local::FuncParam));
            if want_param && own {
                return Some(ExprKind::FuncParam(name));
            }
            let func = self
                .funcs
                .get(func)
                .map(|s| s.name.clone())
                .unwrap_or_default();
            self.diags.error(codes::FUNCTION_DEFINITION,
                lit.span(),
                format!("function `{func}` cannot read the {kind} `{name}`: a function's body reads only its own parameters; add a parameter and pass the value at the call"),
            );
            return Some(ExprKind::Invalid);
        }
        if !want_param {
            // `variables("x")` reads the variable whose ARM name is `x`,
            // which `#[name("x")]` may give a symbol of another spelling.
            let found = self.var_names.iter().position(|(arm, _)| *arm == name);
            if let Some(index) = found {
                let symbol = self.var_names[index].1.clone();
                return Some(self.symbol_expr(Symbol::Var(index), &symbol));
            }
        }
        match self.lookup(&name) {
            Some(symbol @ Symbol::Param(_)) if want_param => Some(self.symbol_expr(symbol, &name)),
            found => {
                self.unresolved += 1;
                let hint = match found {
                    Some(Symbol::Var(index)) if !want_param => {
                        let arm = self.var_names.get(index).map_or("", |(arm, _)| arm);
                        format!(
                            ", the variable `{name}` is named `{arm}` in ARM (`#[name]`): write `variables({arm:?})`, or `{name}`"
                        )
                    }
                    Some(symbol) => format!(", `{name}` is a {}", symbol.describe()),
                    None => self.suggestion(&name),
                };
                self.diags.error(
                    codes::UNKNOWN_NAME,
                    lit.span(),
                    format!("cannot find {kind} `{name}` in this template{hint}"),
                );
                Some(ExprKind::Invalid)
            }
        }
    }

    pub(super) fn argument(
        &mut self,
        function: &str,
        lambda: Option<(usize, usize)>,
        index: usize,
        arg: &ast::Expr,
    ) -> Expr {
        match (lambda, arg) {
            (Some((min, max)), ast::Expr::Lambda(params, body, span)) => {
                if !(min..=max).contains(&params.len()) {
                    let count = if min == max {
                        min.to_string()
                    } else {
                        format!("{min} or {max}")
                    };
                    self.diags.error(codes::LAMBDA,
                        *span,
                        format!("the lambda passed to `{function}` takes {count} parameter(s), found {}", params.len()),
                    );
                }
                let names: Vec<String> = params.iter().map(ident_name).collect();
                // One name twice: Bicep's BCP028, "Identifier is declared
                // multiple times", which its duplicate check gives in a
                // lambda's scope as in any other (Azure/bicep
                // src/Bicep.Core/Semantics/FileSymbol.cs,
                // `DuplicateIdentifierValidatorVisitor`); ARM's reference
                // (templates/template-functions-lambda) says nothing of it.
                for (i, param) in params.iter().enumerate() {
                    if names[..i].contains(&names[i]) {
                        self.diags.error(
                            codes::DUPLICATE_NAME,
                            param.span(),
                            format!(
                                "duplicate lambda parameter `{}`: a parameter with this name is declared before it in the same lambda; rename one of them",
                                names[i]
                            ),
                        );
                    }
                }
                let depth = self.locals.len();
                self.locals
                    .extend(names.iter().map(|n| (n.clone(), Local::Lambda)));
                let body = self.expr(body);
                self.locals.truncate(depth);
                Expr::new(ExprKind::Lambda(names, Box::new(body)), *span)
            }
            (Some(_), other) => {
                self.diags.error(
                    codes::LAMBDA,
                    other.span(),
                    format!(
                        "argument {} of `{function}` must be a lambda, e.g. `x => x.name`",
                        index + 1
                    ),
                );
                Expr::new(ExprKind::Invalid, other.span())
            }
            (None, ast::Expr::Lambda(_, _, span)) => {
                self.diags.error(codes::LAMBDA,
                    *span,
                    format!("`{function}` takes no lambda here: a lambda can only be an argument of {LAMBDA_FUNCTIONS}"),
                );
                Expr::new(ExprKind::Invalid, *span)
            }
            (None, other) => self.expr(other),
        }
    }
}

/// ARM's name for a function other languages (JavaScript, C#, Python, Rust)
/// call otherwise, for names no edit distance finds (`substr` for `substring`).
fn other_languages_name(name: &str) -> Option<&'static str> {
    Some(match name.to_ascii_lowercase().as_str() {
        "substr" | "slice" => "substring",
        "len" | "count" | "size" => "length",
        "touppercase" | "upper" | "to_uppercase" | "toupperinvariant" => "toUpper",
        "tolowercase" | "lower" | "to_lowercase" | "tolowerinvariant" => "toLower",
        "tostring" | "to_string" | "str" => "string",
        "parseint" | "parse" | "toint" => "int",
        "includes" | "has" => "contains",
        "starts_with" => "startsWith",
        "ends_with" => "endsWith",
        "merge" | "assign" => "union",
        "keys" => "objectKeys",
        "sprintf" | "printf" => "format",
        "guidof" | "uuid" => "guid",
        _ => return None,
    })
}
