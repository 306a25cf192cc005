//! `Debug` for the syntax nodes that hold syn literals and paths: a string
//! literal shows its value, a path its tokens.

use super::{Expr, Key, Module, Resource};
use std::fmt;

impl fmt::Debug for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resource")
            .field("attrs", &self.attrs)
            .field("symbol", &self.symbol)
            .field("type_lit", &self.type_lit.value())
            .field("existing", &self.existing)
            .field("for_loop", &self.for_loop)
            .field("condition", &self.condition)
            .field("body", &self.body)
            .finish()
    }
}

impl fmt::Debug for Module {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Module")
            .field("attrs", &self.attrs)
            .field("kw", &self.kw)
            .field("symbol", &self.symbol)
            .field("template", &self.template.tokens.to_string())
            .field("for_loop", &self.for_loop)
            .field("condition", &self.condition)
            .field("body", &self.body)
            .finish()
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Key::Ident(ident) => f.debug_tuple("Ident").field(ident).finish(),
            Key::Str(lit) => f.debug_tuple("Str").field(&lit.value()).finish(),
            Key::Computed(expr, span) => f.debug_tuple("Computed").field(expr).field(span).finish(),
        }
    }
}

impl fmt::Debug for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Str(lit) => f.debug_tuple("Str").field(&lit.value()).finish(),
            Expr::Int(n, span) => f.debug_tuple("Int").field(n).field(span).finish(),
            Expr::Bool(b, span) => f.debug_tuple("Bool").field(b).field(span).finish(),
            Expr::Null(span) => f.debug_tuple("Null").field(span).finish(),
            Expr::Array(items, span) => f.debug_tuple("Array").field(items).field(span).finish(),
            Expr::Object(object) => f.debug_tuple("Object").field(object).finish(),
            Expr::Ident(ident) => f.debug_tuple("Ident").field(ident).finish(),
            Expr::Call(name, args) => f.debug_tuple("Call").field(name).field(args).finish(),
            Expr::Member(base, name) => f.debug_tuple("Member").field(base).field(name).finish(),
            Expr::Index(base, index, span) => f
                .debug_tuple("Index")
                .field(base)
                .field(index)
                .field(span)
                .finish(),
            Expr::Unary(op, x, span) => f
                .debug_tuple("Unary")
                .field(op)
                .field(x)
                .field(span)
                .finish(),
            Expr::Binary(op, a, b, span) => f
                .debug_tuple("Binary")
                .field(op)
                .field(a)
                .field(b)
                .field(span)
                .finish(),
            Expr::Ternary(c, a, b, span) => f
                .debug_tuple("Ternary")
                .field(c)
                .field(a)
                .field(b)
                .field(span)
                .finish(),
            Expr::Lambda(params, body, span) => f
                .debug_tuple("Lambda")
                .field(params)
                .field(body)
                .field(span)
                .finish(),
            Expr::For(head, body) => f.debug_tuple("For").field(head).field(body).finish(),
            Expr::NsCall(names, args) => f
                .debug_tuple("NsCall")
                .field(&names.0)
                .field(&names.1)
                .field(args)
                .finish(),
            Expr::Resources(list, span) => {
                f.debug_tuple("Resources").field(list).field(span).finish()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ast::{Expr, Key};
    use proc_macro2::Span;

    #[test]
    fn literals_show_their_value() {
        let lit = syn::LitStr::new("Microsoft.KeyVault/vaults", Span::call_site());
        assert_eq!(
            format!("{:?}", Expr::Str(lit.clone())),
            r#"Str("Microsoft.KeyVault/vaults")"#
        );
        assert_eq!(
            format!("{:?}", Key::Str(lit)),
            r#"Str("Microsoft.KeyVault/vaults")"#
        );
    }
}
