//! Attributes (`#[minLength(1)]`, `#[allowed(...)]`, ...): which ones each kind of
//! declaration takes, and reading their arguments.

use super::Resolver;
use crate::ast::{Attr, Attrs, Expr};
use crate::codes;
use crate::diag::did_you_mean;
use crate::ir::{AccessGiven, Bound, Prop};
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
                let expected = if name == "name" {
                    // Only a variable's name is internal to the template: a
                    // parameter's or output's is its interface (what a
                    // deployment passes or reads), and Bicep names them by it.
                    ": `#[name]` gives only a variable an ARM name other than its symbol (a parameter's or output's name is the template's interface, which Bicep keeps too; a resource's is its `name:`); name the declaration as ARM should".to_string()
                } else if hint.is_empty() {
                    format!(", expected one of {}", list.join(", "))
                } else {
                    hint
                };
                resolver.diags.error(
                    codes::UNKNOWN_ATTRIBUTE,
                    attr.name.span(),
                    format!(
                        "unknown attribute `{name}` on {} {}{expected}",
                        if self.what.starts_with(['a', 'e', 'i', 'o', 'u']) {
                            "an"
                        } else {
                            "a"
                        },
                        self.what
                    ),
                );
                continue;
            }
            if self.seen.contains(&name) {
                resolver.diags.error(
                    codes::UNKNOWN_ATTRIBUTE,
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
                    codes::ATTRIBUTE_ARGUMENTS,
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
                    codes::ATTRIBUTE_ARGUMENTS,
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
                    codes::ATTRIBUTE_ARGUMENTS,
                    span,
                    format!("`#[{}]` takes one string literal", ident_name(&attr.name)),
                );
                None
            }
        }
    }

    /// `#[accept("properties.customProperties", ...)]`: body paths, each keys
    /// joined by `.` with `[i]` or `[]` for array items.
    pub fn attr_paths(&mut self, attr: &Attr) -> Vec<(String, Span)> {
        let Some(args) = self.attr_args(
            attr,
            "body paths as strings, e.g. `(\"properties.customProperties\")`",
        ) else {
            return Vec::new();
        };
        let mut paths = Vec::new();
        for arg in args {
            match arg {
                Expr::Str(lit) if valid_path(&lit.value()) => paths.push((lit.value(), lit.span())),
                other => self.diags.error(codes::ATTRIBUTE_ARGUMENTS,
                    other.span(),
                    "`#[accept]` takes body paths as strings: keys joined by `.`, `[i]` for an array item, e.g. `\"properties.hostnameConfigurations[0].keyVaultId\"`",
                ),
            }
        }
        paths
    }

    /// `#[name({ ... })]`: one object literal.
    pub fn attr_object(&mut self, attr: &Attr) -> Option<Vec<Prop>> {
        let args = self.attr_args(attr, "one object argument, e.g. `({ key: \"value\" })`")?;
        match args {
            [Expr::Object(object)] => Some(self.object(object)),
            _ => {
                let span = args.first().map_or(attr.name.span(), Expr::span);
                self.diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
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
                codes::ATTRIBUTE_ARGUMENTS,
                span,
                format!("`#[{}]` takes no arguments", ident_name(&attr.name)),
            );
        }
        true
    }

    /// `#[allow(lint, ...)]`: the lints named, each one of `lints` (those this
    /// kind of declaration can have).
    pub fn attr_allow(&mut self, attr: &Attr, lints: &[&'static str]) -> Vec<&'static str> {
        let listed: Vec<String> = lints.iter().map(|l| format!("`{l}`")).collect();
        let Some(args) = self.attr_args(attr, &format!("lint names, one of {}", listed.join(", ")))
        else {
            return Vec::new();
        };
        let mut allowed = Vec::new();
        for arg in args {
            match arg {
                Expr::Ident(ident) if lints.iter().any(|l| ident == l) => {
                    allowed.extend(lints.iter().copied().filter(|l| ident == l));
                }
                other => self.diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
                    other.span(),
                    format!(
                        "the lints that can be allowed here are {}",
                        listed.join(", ")
                    ),
                ),
            }
        }
        allowed
    }

    /// `#[access(caller)]` or `#[access(external)]`, on a Key Vault (`ty` is the
    /// resource's `"Type@version"`).
    pub fn attr_access(&mut self, attr: &Attr, ty: &str) -> Option<(AccessGiven, Span)> {
        let span = attr.name.span();
        let is_vault = ty
            .split('@')
            .next()
            .is_some_and(|t| t.eq_ignore_ascii_case("Microsoft.KeyVault/vaults"));
        if !is_vault {
            self.diags.error(codes::UNKNOWN_ATTRIBUTE,
                span,
                "`#[access(...)]` says who gives access to a Key Vault: it goes on a `Microsoft.KeyVault/vaults` resource",
            );
            return None;
        }
        let expected = "`#[access(caller)]` (the template that deploys this one as a module gives the access first) or `#[access(external)]` (access is given outside any template)";
        let args = self.attr_args(attr, expected)?;
        match args {
            [Expr::Ident(ident)] if ident == "caller" => Some((AccessGiven::Caller, span)),
            [Expr::Ident(ident)] if ident == "external" => Some((AccessGiven::External, span)),
            _ => {
                let at = args.first().map_or(span, Expr::span);
                self.diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
                    at,
                    format!("expected {expected}"),
                );
                None
            }
        }
    }

    /// The description: the doc comment, or `#[description("...")]`, not both.
    pub fn description(&mut self, attrs: &Attrs, attr: Option<&Attr>) -> Option<String> {
        let explicit = attr.and_then(|attr| self.attr_str(attr));
        match (attrs.doc(), explicit) {
            (Some(_), Some((_, span))) => {
                self.diags.error(
                    codes::UNKNOWN_ATTRIBUTE,
                    span,
                    "the description is given twice: keep the doc comment or `#[description]`",
                );
                attrs.doc()
            }
            (doc, explicit) => doc.or(explicit.map(|(text, _)| text)),
        }
    }
}

/// `a.b[0].c`: keys (no empty ones) joined by `.`, array items as `[n]` or `[]`.
fn valid_path(path: &str) -> bool {
    !path.is_empty()
        && path.split('.').all(|part| {
            let key = part.split('[').next().unwrap_or("");
            let indexes = &part[key.len()..];
            !key.is_empty()
                && indexes.split_inclusive(']').all(|index| {
                    index
                        .strip_prefix('[')
                        .and_then(|i| i.strip_suffix(']'))
                        .is_some_and(|i| i.chars().all(|c| c.is_ascii_digit()))
                })
        })
}
