//! Attributes (`#[minLength(1)]`, `#[allowed(...)]`, ...): which ones each kind of
//! declaration takes, and reading their arguments.

use super::Resolver;
use crate::ast::{Attr, Attrs, Expr};
use crate::diag::did_you_mean;
use crate::ir::{Bound, Prop};
use crate::parse::ident_name;
use proc_macro2::Span;

/// The attributes seen on one declaration, to report a repeated one.
pub struct Seen<'a> {
    what: &'static str,
    allowed: &'static [&'static str],
    seen: Vec<String>,
    attrs: &'a Attrs,
}

impl<'a> Seen<'a> {
    /// Reads `attrs` of a declaration of kind `what`, which accepts `allowed`.
    pub fn new(what: &'static str, allowed: &'static [&'static str], attrs: &'a Attrs) -> Self {
        Seen {
            what,
            allowed,
            seen: Vec::new(),
            attrs,
        }
    }

    /// Each known attribute once, in order; unknown and repeated ones are reported.
    pub fn each(&mut self, resolver: &mut Resolver<'_>) -> Vec<(&'a Attr, String)> {
        let mut out = Vec::new();
        for attr in &self.attrs.list {
            let name = ident_name(&attr.name);
            if !self.allowed.contains(&name.as_str()) {
                let list: Vec<String> = self.allowed.iter().map(|a| format!("`{a}`")).collect();
                let hint = did_you_mean(&name, self.allowed.iter().copied());
                let expected = if hint.is_empty() {
                    format!(", expected one of {}", list.join(", "))
                } else {
                    hint
                };
                resolver.diags.error(
                    attr.name.span(),
                    format!("unknown attribute `{name}` on a {}{expected}", self.what),
                );
                continue;
            }
            if self.seen.contains(&name) {
                resolver.diags.error(
                    attr.name.span(),
                    format!("attribute `{name}` is given twice"),
                );
                continue;
            }
            self.seen.push(name.clone());
            out.push((attr, name));
        }
        out
    }
}

impl Resolver<'_> {
    fn attr_args<'a>(&mut self, attr: &'a Attr, what: &str) -> Option<&'a [Expr]> {
        match &attr.args {
            Some(args) => Some(args),
            None => {
                self.diags.error(
                    attr.name.span(),
                    format!("`#[{}]` needs {what}", ident_name(&attr.name)),
                );
                None
            }
        }
    }

    /// `#[name(n)]`: one integer literal.
    pub fn attr_int(&mut self, attr: &Attr) -> Option<Bound> {
        let args = self.attr_args(attr, "one integer argument, e.g. `(1)`")?;
        match args {
            [Expr::Int(value, span)] => Some(Bound {
                value: *value,
                span: *span,
                attr_span: attr.name.span(),
            }),
            _ => {
                let span = args.first().map_or(attr.name.span(), Expr::span);
                self.diags.error(
                    span,
                    format!("`#[{}]` takes one integer literal", ident_name(&attr.name)),
                );
                None
            }
        }
    }

    /// `#[name("text")]`: one string literal.
    pub fn attr_str(&mut self, attr: &Attr) -> Option<(String, Span)> {
        let args = self.attr_args(attr, "one string argument")?;
        match args {
            [Expr::Str(lit)] => Some((lit.value(), lit.span())),
            _ => {
                let span = args.first().map_or(attr.name.span(), Expr::span);
                self.diags.error(
                    span,
                    format!("`#[{}]` takes one string literal", ident_name(&attr.name)),
                );
                None
            }
        }
    }

    /// `#[name({ ... })]`: one object literal.
    pub fn attr_object(&mut self, attr: &Attr) -> Option<Vec<Prop>> {
        let args = self.attr_args(attr, "one object argument, e.g. `({ key: \"value\" })`")?;
        match args {
            [Expr::Object(object)] => Some(self.object(object)),
            _ => {
                let span = args.first().map_or(attr.name.span(), Expr::span);
                self.diags.error(
                    span,
                    format!("`#[{}]` takes one object literal", ident_name(&attr.name)),
                );
                None
            }
        }
    }

    /// `#[name]` with no arguments.
    pub fn attr_flag(&mut self, attr: &Attr) -> bool {
        if let Some(args) = &attr.args {
            let span = args.first().map_or(attr.name.span(), Expr::span);
            self.diags.error(
                span,
                format!("`#[{}]` takes no arguments", ident_name(&attr.name)),
            );
        }
        true
    }

    /// `#[allow(lint)]` where `lint` is the one lint this declaration has.
    pub fn attr_allow(&mut self, attr: &Attr, lint: &str) -> bool {
        let args = self.attr_args(attr, &format!("a lint name: `#[allow({lint})]`"));
        match args {
            Some([Expr::Ident(ident)]) if ident == lint => true,
            Some(args) => {
                let span = args.first().map_or(attr.name.span(), Expr::span);
                self.diags.error(
                    span,
                    format!("the lint that can be allowed here is `{lint}`: `#[allow({lint})]`"),
                );
                false
            }
            None => false,
        }
    }

    /// The description: the doc comment, or `#[description("...")]`, not both.
    pub fn description(&mut self, attrs: &Attrs, attr: Option<&Attr>) -> Option<String> {
        let explicit = attr.and_then(|attr| self.attr_str(attr));
        match (attrs.doc(), explicit) {
            (Some(_), Some((_, span))) => {
                self.diags.error(
                    span,
                    "the description is given twice: keep the doc comment or `#[description]`",
                );
                attrs.doc()
            }
            (doc, explicit) => doc.or(explicit.map(|(text, _)| text)),
        }
    }
}
