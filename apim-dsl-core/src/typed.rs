//! The parameters type each `template!` defines next to its constant: a struct
//! with a field per parameter and an enum per `#[allowed]` list (see
//! `apim_dsl::language`, "Typed parameters", for the naming rules).
//!
//! It is read from the syntax tree, not the checked template, so that a
//! template with errors still defines it: code that fills it in gets no
//! follow-on errors.

use crate::ast::{self, Expr, Header, Item};
use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// One parameter as its field of the parameters type sees it.
#[derive(Debug, Clone)]
pub struct TypedParam {
    /// The parameter's name.
    pub name: String,
    /// Where it is declared.
    pub span: Span,
    /// The type as written (`string`, `int`, ...), `#[secure]` applied.
    pub ty: String,
    /// Whether it has a default (the field is an `Option`).
    pub optional: bool,
    /// The literal values of `#[allowed(...)]`, when every one is a string or
    /// every one is an integer.
    pub allowed: Option<Allowed>,
    /// The doc comment.
    pub description: Option<String>,
}

/// An `#[allowed]` list that becomes an enum.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Allowed {
    /// String values.
    Str(Vec<String>),
    /// Integer values.
    Int(Vec<i64>),
}

/// The parameters of `template`, in declaration order.
pub fn collect(template: &ast::Template) -> Vec<TypedParam> {
    template
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Param(param) => Some(param),
            _ => None,
        })
        .map(|param| {
            let secure = param.attrs.list.iter().any(|a| a.name == "secure");
            let written = param.ty.to_string();
            let ty = match written.as_str() {
                "string" if secure => "secureString".to_string(),
                "object" if secure => "secureObject".to_string(),
                _ => written,
            };
            let allowed = param
                .attrs
                .list
                .iter()
                .find(|a| a.name == "allowed")
                .and_then(|a| a.args.as_deref())
                .and_then(allowed_literals);
            TypedParam {
                name: crate::parse::ident_name(&param.name),
                span: param.name.span(),
                ty,
                optional: param.default.is_some(),
                allowed,
                description: param.attrs.doc(),
            }
        })
        .collect()
}

fn allowed_literals(args: &[Expr]) -> Option<Allowed> {
    if args.is_empty() {
        return None;
    }
    let strings: Option<Vec<String>> = args
        .iter()
        .map(|a| match a {
            Expr::Str(lit) => Some(lit.value()),
            _ => None,
        })
        .collect();
    if let Some(strings) = strings {
        return Some(Allowed::Str(strings));
    }
    let ints: Option<Vec<i64>> = args
        .iter()
        .map(|a| match a {
            Expr::Int(value, _) => Some(*value),
            _ => None,
        })
        .collect();
    ints.map(Allowed::Int)
}

/// `APIM_WITH_IDENTITY` → `ApimWithIdentity`.
pub fn pascal_case(name: &str) -> String {
    let mut out = String::new();
    for word in name.split('_').filter(|w| !w.is_empty()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            if word.chars().any(|c| c.is_ascii_lowercase()) {
                // camelCase or PascalCase: keep its humps.
                out.push_str(chars.as_str());
            } else {
                out.push_str(&chars.as_str().to_ascii_lowercase());
            }
        }
    }
    out
}

/// `serviceName` → `service_name`, `APIMName` → `apim_name`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A variant name for an allowed string: its words (split at anything but
/// ASCII letters and digits) each capitalized and joined; `V` before a leading
/// digit, `Empty` for the empty string.
pub fn variant_name(value: &str) -> String {
    let mut out = String::new();
    for word in value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() {
        return "Empty".to_string();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'V');
    }
    if out == "Self" {
        out.push_str("Value");
    }
    out
}

/// Rust's keywords (strict and reserved, 2024 edition): a field of one of these
/// names is a raw identifier.
const KEYWORDS: [&str; 50] = [
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield", "Self", "union",
];

/// A Rust identifier for `name`, raw where it is a keyword (`r#type`).
fn field_ident(name: &str, span: Span) -> Ident {
    match name {
        // Keywords that cannot be raw identifiers.
        "self" | "super" | "crate" | "_" => Ident::new(&format!("{name}_"), span),
        _ if KEYWORDS.contains(&name) => Ident::new_raw(name, span),
        _ => Ident::new(name, span),
    }
}

/// Each name made unique by appending its position (1-based) where an earlier
/// one took it.
fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    names
        .into_iter()
        .enumerate()
        .map(|(i, name)| {
            let mut candidate = name.clone();
            let mut n = i + 1;
            while !seen.insert(candidate.clone()) {
                candidate = format!("{name}{n}");
                n += 1;
            }
            candidate
        })
        .collect()
}

/// Errors where two parameters would make one field of the parameters type
/// (`skuName`, `sku_name`) or one enum. Names equal ignoring case are left to
/// the compiler's own error (duplicates, BCP353).
pub fn collisions(header: &Header, params: &[TypedParam], diags: &mut crate::diag::Diagnostics) {
    let prefix = pascal_case(&crate::parse::ident_name(&header.name));
    let mut fields: Vec<(String, &str)> = Vec::new();
    let mut enums: Vec<(String, &str)> = Vec::new();
    for param in params {
        let field = snake_case(&param.name);
        let mut report = |taken: &Vec<(String, &str)>, name: &str, what: &str| {
            if let Some((_, other)) = taken.iter().find(|(n, _)| n == name)
                && !other.eq_ignore_ascii_case(&param.name)
            {
                diags.error(
                    crate::diag::codes::DUPLICATE_NAME,
                    param.span,
                    format!(
                        "parameters `{other}` and `{}` would both be {what} of `{prefix}Parameters`: rename one",
                        param.name
                    ),
                );
            }
        };
        report(&fields, &field, &format!("the field `{field}`"));
        fields.push((field, &param.name));
        if let Some(enum_name) = enum_name(&prefix, param) {
            report(
                &enums,
                &enum_name,
                &format!("the enum `{enum_name}` for the allowed values"),
            );
            enums.push((enum_name, &param.name));
        }
    }
}

/// The name of the enum of `param`'s allowed values, when it has one:
/// `<Template><Parameter>` (`Value` appended should that be the struct's name).
fn enum_name(prefix: &str, param: &TypedParam) -> Option<String> {
    let fits = matches!(
        (&param.allowed, param.ty.as_str()),
        (Some(Allowed::Str(_)), "string" | "array") | (Some(Allowed::Int(_)), "int" | "array")
    );
    if !fits {
        return None;
    }
    let mut name = format!("{prefix}{}", pascal_case(&param.name));
    if name == format!("{prefix}Parameters") {
        name.push_str("Value");
    }
    Some(name)
}

/// The struct, its enums and their impls (a parameter whose field or enum
/// another took is left out: [`collisions`] reports it).
pub fn parameters_type(header: &Header, params: &[TypedParam]) -> TokenStream {
    let Header { vis, name, .. } = header;
    let prefix = pascal_case(&crate::parse::ident_name(name));
    let struct_name = format_ident!("{}Parameters", prefix, span = name.span());
    let mut fields = Vec::new();
    let mut enums = Vec::new();
    let mut taken_fields: Vec<(String, &str)> = Vec::new();
    let mut taken_enums: Vec<(String, &str)> = Vec::new();
    for param in params {
        let field_name = snake_case(&param.name);
        // Reported by `collisions`.
        if taken_fields.iter().any(|(f, _)| *f == field_name) {
            continue;
        }
        taken_fields.push((field_name.clone(), &param.name));
        let field = field_ident(&field_name, param.span);
        let base = match param.ty.as_str() {
            "string" => quote!(string),
            "int" => quote!(int),
            "bool" => quote!(bool),
            "secureString" | "secureObject" => quote!(secret),
            "array" => quote!(array),
            _ => quote!(object),
        };
        let mut ty = base;
        if let (Some(enum_name), Some(allowed)) = (enum_name(&prefix, param), &param.allowed) {
            if taken_enums.iter().any(|(e, _)| *e == enum_name) {
                continue;
            }
            taken_enums.push((enum_name.clone(), &param.name));
            let enum_ident = Ident::new(&enum_name, param.span);
            enums.push(allowed_enum(vis, &enum_ident, &param.name, allowed));
            ty = if param.ty == "array" {
                quote!(enums #enum_ident)
            } else {
                quote!(enum #enum_ident)
            };
        }
        if param.optional {
            ty = quote!(? #ty);
        }
        let mut doc = format!(
            " `{}`: `{}`, {}.",
            param.name,
            param.ty,
            if param.optional {
                "optional (`None` keeps the template's default)"
            } else {
                "required"
            }
        );
        if let Some(description) = &param.description {
            doc = format!(" {description}\n\n{doc}");
        }
        let doc = crate::expand::text_literal(&doc);
        fields.push(quote! { #[doc = #doc] #field: [#ty] });
    }
    let fields = crate::expand::delimited(proc_macro2::Delimiter::Brace, fields);
    // The enums moved in, not copied (see `delimited`).
    let mut out = quote! {
        ::apim_dsl::__parameters! {
            #vis struct #struct_name for #name #fields
        }
    };
    out.extend(enums);
    out
}

fn allowed_enum(vis: &TokenStream, ident: &Ident, param: &str, allowed: &Allowed) -> TokenStream {
    let (names, kind, literals): (Vec<String>, Ident, Vec<TokenStream>) = match allowed {
        Allowed::Str(values) => (
            values.iter().map(|v| variant_name(v)).collect(),
            Ident::new("Str", Span::call_site()),
            values
                .iter()
                .map(|v| {
                    let literal = proc_macro2::Literal::string(v);
                    quote!(#literal)
                })
                .collect(),
        ),
        Allowed::Int(values) => (
            values
                .iter()
                .map(|v| match v {
                    v if *v < 0 => format!("VMinus{}", v.unsigned_abs()),
                    v => format!("V{v}"),
                })
                .collect(),
            Ident::new("Int", Span::call_site()),
            values
                .iter()
                .map(|v| {
                    // A negative number is `-` and a literal, as rustc reads it.
                    let literal = proc_macro2::Literal::u64_unsuffixed(v.unsigned_abs());
                    if *v < 0 {
                        quote!(-#literal)
                    } else {
                        quote!(#literal)
                    }
                })
                .collect(),
        ),
    };
    let variants = unique(names)
        .into_iter()
        .map(|n| Ident::new(&n, ident.span()));
    let doc = crate::expand::text_literal(&format!(" The allowed values of parameter `{param}`."));
    quote! {
        ::apim_dsl::__allowed! {
            #[doc = #doc]
            #vis enum #ident { #(#variants = #kind(#literals)),* }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_rust_conventions() {
        assert_eq!(pascal_case("APIM_WITH_IDENTITY"), "ApimWithIdentity");
        assert_eq!(pascal_case("T"), "T");
        assert_eq!(pascal_case("skuName"), "SkuName");
        assert_eq!(pascal_case("sku_name"), "SkuName");
        assert_eq!(snake_case("serviceName"), "service_name");
        assert_eq!(snake_case("APIMName"), "apim_name");
        assert_eq!(snake_case("vnet2Subnet"), "vnet2_subnet");
        assert_eq!(snake_case("type"), "type");
        assert_eq!(field_ident("type", Span::call_site()).to_string(), "r#type");
        assert_eq!(field_ident("self", Span::call_site()).to_string(), "self_");
        assert_eq!(variant_name("Developer"), "Developer");
        assert_eq!(variant_name("Standard_v2"), "StandardV2");
        assert_eq!(
            variant_name("SystemAssigned, UserAssigned"),
            "SystemAssignedUserAssigned"
        );
        assert_eq!(variant_name("1"), "V1");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("self"), "SelfValue");
        assert_eq!(variant_name("é"), "Empty");
        assert_eq!(
            unique(vec!["Premium".into(), "Premium".into(), "Premium2".into()]),
            ["Premium", "Premium2", "Premium23"]
        );
    }
}
