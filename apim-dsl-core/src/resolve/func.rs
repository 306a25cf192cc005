//! User-defined functions: declarations to [`ir::Func`], their bodies resolved
//! with only their own parameters in scope, and calls of them.

use super::attrs::Seen;
use super::{Local, Resolver, Symbol};
use crate::ast;
use crate::codes;
use crate::diag::did_you_mean;
use crate::functions::{self, USER_FUNCTION};
use crate::ir::{self, Call, ExprKind, ParamType};
use crate::parse::ident_name;
use syn::Ident;

/// The ARM namespace of a function without `#[namespace]`: the one Bicep
/// compiles its `func` declarations into, so that the ARM output is what
/// `bicep build` makes of the Bicep output.
pub const DEFAULT_NAMESPACE: &str = "__bicep";

/// The text of `#[namespace("...")]` among `attrs`, if written as a string
/// (reported otherwise when the declaration is resolved).
pub(super) fn namespace_of(attrs: &ast::Attrs) -> Option<String> {
    attrs
        .list
        .iter()
        .filter(|a| a.name == "namespace")
        .find_map(|a| match a.args.as_deref() {
            Some([ast::Expr::Str(lit)]) => Some(lit.value()),
            _ => None,
        })
}

/// Whether `name` can be an ARM namespace or function name: an identifier.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `` `ns.name(...)` `` for each namespace of `declared`, once each (ARM
/// reads `ns` and `NS` as one namespace: the first spelling stands for both).
fn qualified_calls(declared: &[(usize, String)], name: &str) -> Vec<String> {
    let mut calls: Vec<String> = Vec::new();
    for (_, ns) in declared {
        let call = format!("`{ns}.{name}(...)`");
        if !calls.iter().any(|c| c.eq_ignore_ascii_case(&call)) {
            calls.push(call);
        }
    }
    calls
}

impl Resolver<'_> {
    /// Checks a `#[namespace("...")]` (its text was read in `declare`).
    pub(super) fn namespace_attr(&mut self, attr: &ast::Attr) {
        if let Some((text, span)) = self.attr_str(attr)
            && !is_identifier(&text)
        {
            self.diags.error(codes::FUNCTION_DEFINITION,
                span,
                format!("`{text}` cannot be a function namespace: ARM calls functions as `namespace.name(...)`, so it is letters, digits and `_`, e.g. `contoso`"),
            );
        }
    }

    /// `func name(params): type = body;`
    pub(super) fn func(&mut self, f: &ast::Func, index: usize) -> ir::Func {
        let name = ident_name(&f.name);
        if let Some(found) = functions::lookup(&name) {
            self.diags.error(codes::FUNCTION_DEFINITION,
                f.name.span(),
                format!(
                    "`{name}` is the ARM template function `{}`: a user-defined function cannot take its name; rename it",
                    found.spelling
                ),
            );
        }
        let mut seen = Seen::new("function", &["namespace", "description"], &f.attrs);
        let mut description = None;
        for (attr, attr_name) in seen.each(self) {
            match attr_name.as_str() {
                "namespace" => self.namespace_attr(attr),
                _ => description = Some(attr),
            }
        }
        let typed = f
            .params
            .iter()
            .map(|p| &p.ty)
            .chain([&f.output])
            .all(|ty| ParamType::ALL.iter().any(|(_, n)| ident_name(ty) == *n));
        let mut params: Vec<ir::FuncParam> = Vec::with_capacity(f.params.len());
        for p in &f.params {
            let param_name = ident_name(&p.name);
            if params.iter().any(|q| q.name == param_name) {
                self.diags.error(codes::DUPLICATE_NAME,
                    p.name.span(),
                    format!("duplicate parameter `{param_name}` of function `{name}`: rename one of them"),
                );
            }
            if let Some(default) = &p.default {
                self.diags.error(codes::FUNCTION_DEFINITION,
                    default.span(),
                    "a function parameter has no default value (ARM and Bicep functions take none): remove `= ...` and pass the value at each call",
                );
            }
            params.push(ir::FuncParam {
                name: param_name,
                span: p.name.span(),
                ty: self.func_type(&p.ty),
            });
        }
        let output = self.func_type(&f.output);
        let depth = self.locals.len();
        self.locals
            .extend(params.iter().map(|p| (p.name.clone(), Local::FuncParam)));
        self.in_func = Some(index);
        let body = self.expr(&f.body);
        self.in_func = None;
        self.locals.truncate(depth);
        ir::Func {
            namespace: self
                .funcs
                .get(index)
                .map_or_else(|| DEFAULT_NAMESPACE.to_string(), |s| s.namespace.clone()),
            name,
            span: f.name.span(),
            params,
            output,
            output_span: f.output.span(),
            body,
            description: self.description(&f.attrs, description),
            typed,
        }
    }

    /// A parameter or result type of a function: not a secure one, which Bicep
    /// functions cannot declare.
    fn func_type(&mut self, ident: &Ident) -> ParamType {
        let ty = self.param_type(ident);
        if ty.is_secure() {
            self.diags.error(codes::FUNCTION_DEFINITION,
                ident.span(),
                format!(
                    "a function's parameters and result cannot be `{}` (Bicep functions take no secure types): write `{}`",
                    ty.name(),
                    ty.plain().name()
                ),
            );
        }
        ty.plain()
    }

    /// A name read in the body of a user-defined function that is not one of
    /// its parameters: an error, as ARM evaluates the body apart from the template.
    pub(super) fn outside_func(&mut self, ident: &Ident, symbol: Symbol) -> ExprKind {
        let name = ident_name(ident);
        // Counted as used: an "unused" report would only repeat this.
        self.mark_used(&name);
        let func = self
            .in_func
            .and_then(|i| self.funcs.get(i))
            .map_or_else(String::new, |s| format!(" `{}`", s.name));
        self.diags.error(codes::FUNCTION_DEFINITION,
            ident.span(),
            format!(
                "function{func} cannot read the {} `{name}`: a function's body reads only its own parameters; add a parameter and pass `{name}` at the call",
                symbol.describe()
            ),
        );
        ExprKind::Invalid
    }

    /// `name(args)` of the user-defined function `functions[index]`.
    pub(super) fn user_call(
        &mut self,
        ident: &Ident,
        index: usize,
        args: &[ast::Expr],
    ) -> ExprKind {
        let (name, arity) = match self.funcs.get(index) {
            Some(signature) => (signature.name.clone(), signature.arity),
            None => return ExprKind::Invalid,
        };
        self.mark_used(&name);
        if arity != args.len() {
            let plural = |n: usize| if n == 1 { "argument" } else { "arguments" };
            self.diags.error(
                codes::ARGUMENT_COUNT,
                ident.span(),
                format!(
                    "`{name}` takes {arity} {}, but {} {} given",
                    plural(arity),
                    args.len(),
                    if args.len() == 1 { "was" } else { "were" }
                ),
            );
        }
        let args = args
            .iter()
            .enumerate()
            .map(|(i, arg)| self.argument(&name, None, i, arg))
            .collect();
        ExprKind::Call(Box::new(Call {
            function: &USER_FUNCTION,
            name,
            args,
            user: Some(index),
        }))
    }

    /// A call that stands for nothing (its error is reported): its arguments
    /// are still resolved, so that their own mistakes show too, but lambdas,
    /// whose parameters only the function would give.
    pub(super) fn invalid_call(&mut self, args: &[ast::Expr]) -> ExprKind {
        for arg in args {
            if !matches!(arg, ast::Expr::Lambda(..)) {
                self.expr(arg);
            }
        }
        ExprKind::Invalid
    }

    /// The namespaces that declare a function `name`, in declaration order.
    fn namespaces_of(&self, name: &str) -> Vec<(usize, String)> {
        self.funcs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.name == name)
            .map(|(i, s)| (i, s.namespace.clone()))
            .collect()
    }

    /// `name(args)` of the user-defined function `functions[index]`, unless
    /// functions of other namespaces share its name: then only
    /// `namespace.name(...)` says which is meant.
    pub(super) fn unqualified_call(
        &mut self,
        ident: &Ident,
        index: usize,
        args: &[ast::Expr],
    ) -> ExprKind {
        let name = ident_name(ident);
        let calls = qualified_calls(&self.namespaces_of(&name), &name);
        if calls.len() < 2 {
            return self.user_call(ident, index, args);
        }
        self.diags.error(
            codes::UNKNOWN_FUNCTION,
            ident.span(),
            format!(
                "`{name}` is a function of several namespaces: call it through the one meant, {}",
                calls.join(" or ")
            ),
        );
        self.mark_used(&name);
        self.invalid_call(args)
    }

    /// `namespace.name(args)`: a user-defined function by its ARM namespace.
    pub(super) fn ns_call(
        &mut self,
        namespace: &Ident,
        ident: &Ident,
        args: &[ast::Expr],
    ) -> ExprKind {
        let ns = ident_name(namespace);
        let name = ident_name(ident);
        let declared = self.namespaces_of(&name);
        let calls = qualified_calls(&declared, &name);
        let message = match declared.as_slice() {
            [..] if let Some((index, _)) = declared.iter().find(|(_, d)| *d == ns) => {
                return self.user_call(ident, *index, args);
            }
            // Names are case-sensitive in the DSL, as in Rust (ARM would
            // read `NS` as `ns`): the spelling declared is the one to write.
            [..] if let Some((index, meant)) =
                declared.iter().find(|(_, d)| d.eq_ignore_ascii_case(&ns)) =>
            {
                self.diags.error(
                    codes::UNKNOWN_FUNCTION,
                    namespace.span(),
                    format!("no function `{name}` is in namespace `{ns}`, did you mean `{meant}.{name}`?"),
                );
                return self.user_call(ident, *index, args);
            }
            [(index, only), ..] if calls.len() == 1 => {
                let kind = self.user_call(ident, *index, args);
                self.diags.error(codes::UNKNOWN_FUNCTION,
                    namespace.span(),
                    format!("function `{name}` is in namespace `{only}`, not `{ns}`: call it as `{only}.{name}(...)` or `{name}(...)`"),
                );
                return kind;
            }
            [_, ..] => {
                self.diags.error(
                    codes::UNKNOWN_FUNCTION,
                    namespace.span(),
                    format!(
                        "no function `{name}` is in namespace `{ns}`: call it as {}",
                        calls.join(" or ")
                    ),
                );
                return self.invalid_call(args);
            }
            _ if self.lookup(&ns).is_some() && !self.funcs.iter().any(|s| s.namespace == ns) => {
                let symbol = self.lookup(&ns).map_or("declaration", Symbol::describe);
                self.mark_used(&ns);
                let hint = if matches!(self.lookup(&ns), Some(Symbol::Resource(_)))
                    && functions::lookup(&name).is_some()
                {
                    format!(
                        ": ARM functions take the resource's id, `{name}({ns}.id, {ns}.apiVersion)`"
                    )
                } else {
                    String::new()
                };
                format!(
                    "`{ns}` is a {symbol}, not a function namespace, so `{ns}.{name}(...)` calls nothing{hint}"
                )
            }
            _ => {
                let names: Vec<&str> = self.funcs.iter().map(|s| s.name.as_str()).collect();
                let hint = did_you_mean(&name, names.iter().copied());
                let hint = if hint.is_empty() && names.is_empty() {
                    ": this template declares no functions (`func name(a: string): string = ...;`)"
                        .to_string()
                } else {
                    hint
                };
                format!("cannot find user-defined function `{ns}.{name}` in this template{hint}")
            }
        };
        self.diags
            .error(codes::UNKNOWN_FUNCTION, ident.span(), message);
        self.invalid_call(args)
    }
}
