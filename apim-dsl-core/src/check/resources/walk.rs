//! The generic walker: a resource body against its type's property tree. Only what
//! is known at compile time is checked: object keys written literally, and literal
//! values. A parameter, variable or function call may hold anything, so it passes.

use super::schema::{Kind, Prop, ResourceType, Text, same_value};
use crate::arm::json_pos::shown_key;
use crate::codes;
use crate::diag::{Diagnostics, did_you_mean, suggest};
use crate::ir::{Expr, ExprKind, Key, Resource};
use proc_macro2::Span;

/// Checks one resource's body against its type.
pub(super) struct Walker<'a> {
    /// The table entry.
    pub ty: &'static ResourceType,
    /// The resource checked.
    pub resource: &'a Resource,
    /// Its API version, one the type knows.
    pub version: &'a str,
    /// Where errors go.
    pub diags: &'a mut Diagnostics,
}

impl Walker<'_> {
    /// Checks every key of the body and reports the missing required ones at the
    /// resource's symbol.
    pub fn body(&mut self) {
        let resource = self.resource;
        self.object(self.ty.body, &resource.body, "", resource.span);
    }

    /// `props` against `schema`; `path` is where the object sits ("" for the body),
    /// `at` where a missing key is reported.
    fn object(&mut self, schema: &'static [Prop], props: &[crate::ir::Prop], path: &str, at: Span) {
        for prop in props {
            // A computed key (`[id]: {}`) cannot be looked up.
            let Key::Lit(name) = &prop.key else { continue };
            let child = join(path, name);
            match schema.iter().find(|s| s.name == name) {
                Some(s) if s.read_only => self.diags.error(
                    codes::READ_ONLY_PROPERTY,
                    prop.key_span,
                    format!(
                        "{} is read-only: Azure sets it, remove it",
                        self.subject(&child)
                    ),
                ),
                Some(s) if !s.in_version(self.version) => {
                    self.not_in_version(s, schema, &child, prop.key_span)
                }
                Some(s) => {
                    let required = s.is_required(self.version);
                    self.value(&s.kind, &prop.value, &child, required, prop.key_span);
                }
                None => self.unknown(name, schema, path, prop.key_span),
            }
        }
        if props.iter().any(|p| matches!(p.key, Key::Expr(_))) {
            // The computed key may be the required one.
            return;
        }
        let missing = schema.iter().filter(|s| {
            !s.read_only
                && s.in_version(self.version)
                && s.is_required(self.version)
                && !props.iter().any(|p| p.key.as_lit() == Some(s.name))
        });
        for s in missing {
            let message = missing_message(&self.resource.symbol, self.ty.name, path, s.name);
            self.diags.error(codes::MISSING_PROPERTY, at, message);
        }
    }

    /// A property the type has, but not in this API version.
    fn not_in_version(&mut self, s: &Prop, schema: &[Prop], path: &str, span: Span) {
        let subject = self.subject(path);
        let version = self.version;
        let message = match (s.since, s.until) {
            (Some(first), _) if !super::schema::within(version, Some(first), None) => format!(
                "{subject} needs API version `{first}` or later, this resource uses `{version}`: raise the API version or remove the property"
            ),
            (_, Some(last)) => {
                let hint = did_you_mean(s.name, self.names(schema));
                format!(
                    "{subject} was removed after API version `{last}`, this resource uses `{version}`{hint}"
                )
            }
            _ => format!("{subject} does not exist in API version `{version}`"),
        };
        self.diags.error(codes::UNKNOWN_PROPERTY, span, message);
    }

    fn unknown(&mut self, name: &str, schema: &[Prop], path: &str, span: Span) {
        if path.is_empty() && name == "resources" {
            let message = format!(
                "`resources` cannot nest child resources in the DSL: declare each child as its own `resource` with `parent: {}`",
                self.resource.symbol
            );
            self.diags.error(codes::BODY_SHAPE, span, message);
            return;
        }
        let place = if path.is_empty() {
            "the body".to_string()
        } else {
            format!("`{}`", shown_key(path))
        };
        let names = self.names(schema);
        let mut hint = did_you_mean(name, names.iter().copied());
        if hint.is_empty() {
            hint = if names.is_empty() {
                "; this object takes no properties".to_string()
            } else {
                format!("; expected one of {}", list(names.iter().copied()))
            };
        }
        let message = format!(
            "unknown property `{}` in {place} of `{}@{}`{hint}",
            shown_key(name),
            self.ty.name,
            self.version
        );
        self.diags.error(codes::UNKNOWN_PROPERTY, span, message);
    }

    /// The writable property names of `schema` in this API version.
    fn names(&self, schema: &[Prop]) -> Vec<&'static str> {
        schema
            .iter()
            .filter(|s| !s.read_only && s.in_version(self.version))
            .map(|s| s.name)
            .collect()
    }

    /// One value of kind `kind` at `path`. `at` is where a missing key inside it
    /// is reported (the key that holds it, or the array element itself).
    fn value(&mut self, kind: &'static Kind, expr: &Expr, path: &str, required: bool, at: Span) {
        match (&expr.kind, kind) {
            (_, Kind::Any) => {}
            // Both branches must be valid values.
            (ExprKind::Ternary(_, then, otherwise), _) => {
                self.value(kind, then, path, required, then.span);
                self.value(kind, otherwise, path, required, otherwise.span);
            }
            // ARM reads an optional property set to null as absent.
            (ExprKind::Null, _) if !required => {}
            (ExprKind::Object(props), Kind::Object(schema)) => self.object(schema, props, path, at),
            (ExprKind::Object(props), Kind::Map(inner)) => {
                for prop in props {
                    let child = match &prop.key {
                        Key::Lit(name) => join(path, name),
                        Key::Expr(_) => format!("{path}[...]"),
                    };
                    self.value(inner, &prop.value, &child, false, prop.key_span);
                }
            }
            (ExprKind::Array(items), Kind::Array(item, max)) => {
                // Reported at the first entry over the limit.
                if let Some((max, first_extra)) =
                    max.and_then(|max| items.get(max).map(|extra| (max, extra)))
                {
                    let message = format!(
                        "{} holds {} entries, at most {max} are allowed: split them over several resources",
                        self.subject(path),
                        items.len()
                    );
                    self.diags
                        .error(codes::OUT_OF_BOUNDS, first_extra.span, message);
                }
                for (index, element) in items.iter().enumerate() {
                    self.value(
                        item,
                        element,
                        &format!("{path}[{index}]"),
                        false,
                        element.span,
                    );
                }
            }
            // A property loop: its body is every element.
            (ExprKind::For(_, body), Kind::Array(item, _)) => {
                self.value(item, body, &format!("{path}[]"), false, body.span);
            }
            (ExprKind::Str(text), Kind::Str(rule)) => self.text(rule, text, path, expr.span),
            (ExprKind::Int(number), Kind::Int(min, max)) => {
                self.int(*number, *min, *max, path, expr.span)
            }
            (ExprKind::Bool(_), Kind::Bool) => {}
            _ => {
                if let Some(found) = literal_kind(expr) {
                    let message = format!(
                        "{} must be {}, not {found}",
                        self.subject(path),
                        expected_kind(kind)
                    );
                    self.diags
                        .error(codes::WRONG_VALUE_TYPE, expr.span, message);
                }
            }
        }
    }

    fn text(&mut self, rule: &Text, text: &str, path: &str, span: Span) {
        if !rule.values.is_empty() {
            self.enum_value(rule, text, path, span);
        }
        let length = text.chars().count();
        if let Some(max) = rule.max_len.filter(|max| length > *max) {
            let message = format!(
                "{} is {length} characters long, at most {max} are allowed",
                self.subject(path)
            );
            self.diags.error(codes::OUT_OF_BOUNDS, span, message);
        } else if length < rule.min_len {
            let message = format!(
                "{} is {length} characters long, at least {} are required",
                self.subject(path),
                rule.min_len
            );
            self.diags.error(codes::OUT_OF_BOUNDS, span, message);
        }
        if let Some(pattern) = rule.pattern.filter(|p| !(p.matches)(text)) {
            let message = format!(
                "`{text}` is not a valid {}: {} (`{}`)",
                self.subject(path),
                pattern.help,
                pattern.regex
            );
            self.diags.error(codes::PATTERN_MISMATCH, span, message);
        }
    }

    fn enum_value(&mut self, rule: &Text, text: &str, path: &str, span: Span) {
        let version = self.version;
        if let Some(value) = rule.values.iter().find(|v| same_value(v.name, text)) {
            if let Some(first) = value.first_after(version) {
                let message = format!(
                    "`{}` for {} needs API version `{first}` or later, this resource uses `{version}`: raise the API version or pick another value",
                    value.name,
                    self.subject(path)
                );
                self.diags.error(codes::INVALID_ENUM_VALUE, span, message);
            }
            return;
        }
        let allowed = super::schema::names_at(rule.values, version);
        let hint = suggest(text, allowed.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        let message = format!(
            "unknown value `{text}` for `{path}` of `{}@{version}`{hint}; expected one of {}",
            self.ty.name,
            list(allowed.iter().copied())
        );
        self.diags.error(codes::INVALID_ENUM_VALUE, span, message);
    }

    fn int(&mut self, number: i64, min: Option<i64>, max: Option<i64>, path: &str, span: Span) {
        if let Some(bounds) = out_of_bounds(number, min, max) {
            let message = format!("{} must be {bounds}, found {number}", self.subject(path));
            self.diags.error(codes::OUT_OF_BOUNDS, span, message);
        }
    }

    /// "`sku.name` of `Microsoft.ApiManagement/service`".
    fn subject(&self, path: &str) -> String {
        format!("`{}` of `{}`", shown_key(path), self.ty.name)
    }
}

/// "resource `apim` of type `T` is missing `properties.x`: add `x: ...` to
/// `properties`".
pub(super) fn missing_message(symbol: &str, ty: &str, path: &str, name: &str) -> String {
    let place = if path.is_empty() {
        "its body".to_string()
    } else {
        format!("`{path}`")
    };
    format!(
        "resource `{symbol}` of type `{ty}` is missing `{}`: add `{name}: ...` to {place}",
        join(path, name)
    )
}

/// "between 7 and 90", "at least 1", "at most 4": the bounds `number` breaks,
/// if it breaks one (both included).
pub(super) fn out_of_bounds(number: i64, min: Option<i64>, max: Option<i64>) -> Option<String> {
    match (min, max) {
        (Some(min), Some(max)) if number < min || number > max => {
            Some(format!("between {min} and {max}"))
        }
        (Some(min), _) if number < min => Some(format!("at least {min}")),
        (_, Some(max)) if number > max => Some(format!("at most {max}")),
        _ => None,
    }
}

/// `a.b`, or `b` at the root.
pub(super) fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path}.{name}")
    }
}

/// "`a`, `b`, `c`".
pub(super) fn list<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a literal is, for a type mismatch; `None` when not known before deployment.
fn literal_kind(expr: &Expr) -> Option<&'static str> {
    Some(match &expr.kind {
        ExprKind::Str(_) => "a string",
        ExprKind::Int(_) => "an integer",
        ExprKind::Bool(_) => "a boolean",
        ExprKind::Null => "null",
        ExprKind::Array(_) | ExprKind::For(..) => "an array",
        ExprKind::Object(_) => "an object",
        _ => return None,
    })
}

fn expected_kind(kind: &Kind) -> &'static str {
    match kind {
        Kind::Str(_) => "a string",
        Kind::Int(..) => "an integer",
        Kind::Bool => "a boolean",
        Kind::Object(_) | Kind::Map(_) => "an object",
        Kind::Array(..) => "an array",
        Kind::Any => "any value",
    }
}
