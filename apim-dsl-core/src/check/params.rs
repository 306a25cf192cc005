//! Parameter constraints: defaults of the declared type, within `allowed` and the
//! bounds; bounds only where they apply; no literal secrets in defaults.

use super::types::{Types, described};
use crate::codes;
use crate::diag::{Diagnostics, Leniency};
use crate::ir::{Bound, Expr, ExprKind, Param, ParamType};
use crate::types::Ty;

/// Checks one parameter.
pub fn check(param: &Param, types: &mut Types<'_>, diags: &mut Diagnostics) {
    let ty = param.ty.ty();
    let name = &param.name;
    if let Some(default) = &param.default {
        types.expect(default, ty, &format!("the default of `{name}`"), diags);
    }
    if let Some((values, _)) = &param.allowed {
        // On an `array` parameter ARM and Bicep check each element against the
        // allowed values, which are element values, not arrays.
        let array = param.ty.plain() == ParamType::Array;
        // Bicep's `@allowed([...])`: one array of the values.
        if let [
            Expr {
                kind: ExprKind::Array(items),
                span,
            },
        ] = values.as_slice()
            && !array
        {
            let args: Vec<String> = items
                .iter()
                .map(|item| match &item.kind {
                    ExprKind::Str(text) => format!("{text:?}"),
                    ExprKind::Int(n) => n.to_string(),
                    ExprKind::Bool(b) => b.to_string(),
                    _ => "...".to_string(),
                })
                .collect();
            diags.error(
                codes::BICEP_SYNTAX,
                *span,
                format!(
                    "`#[allowed]` takes the values as its arguments, without Bicep's brackets: `#[allowed({})]`",
                    args.join(", ")
                ),
            );
            return;
        }
        for value in values.iter().filter(|_| !array) {
            let found = types.infer(value, diags);
            if !found.fits(ty) {
                diags.error(
                    codes::ALLOWED_VALUES,
                    value.span,
                    format!(
                        "allowed value of `{name}` must be {}, found {}",
                        described(ty),
                        described(found)
                    ),
                );
            }
        }
        let listed = || {
            let listed: Vec<String> = values
                .iter()
                .map(|v| match &v.kind {
                    ExprKind::Str(text) => format!("`\"{text}\"`"),
                    ExprKind::Int(n) => format!("`{n}`"),
                    ExprKind::Bool(b) => format!("`{b}`"),
                    _ => "`...`".to_string(),
                })
                .collect();
            listed.join(", ")
        };
        match param.default.as_ref().filter(|d| d.is_literal()) {
            Some(Expr {
                kind: ExprKind::Array(items),
                ..
            }) if array => {
                for item in items
                    .iter()
                    .filter(|i| !values.iter().any(|v| v.same_as(i)))
                {
                    diags.error(codes::ALLOWED_VALUES,
                        item.span,
                        format!(
                            "each element of `{name}` must be one of its allowed values ({}), this one is not",
                            listed()
                        ),
                    );
                }
            }
            Some(default) if !values.iter().any(|v| v.same_as(default)) => {
                diags.error(
                    codes::ALLOWED_VALUES,
                    default.span,
                    format!(
                        "the default of `{name}` is not one of its allowed values: {}",
                        listed()
                    ),
                );
            }
            _ => {}
        }
    }
    bounds(param, diags);
    secret_default(param, diags);
}

fn bounds(param: &Param, diags: &mut Diagnostics) {
    let plain = param.ty.plain();
    let length_ok = matches!(plain, ParamType::String | ParamType::Array);
    let value_ok = plain == ParamType::Int;
    let pairs = [
        (
            "minLength",
            "maxLength",
            param.min_length,
            param.max_length,
            length_ok,
            "string and array",
        ),
        (
            "minValue",
            "maxValue",
            param.min_value,
            param.max_value,
            value_ok,
            "int",
        ),
    ];
    for (min_name, max_name, min, max, applies, kinds) in pairs {
        for (attr, bound) in [(min_name, min), (max_name, max)] {
            if let Some(bound) = bound
                && !applies
            {
                diags.error(
                    codes::PARAMETER_CONSTRAINT,
                    bound.attr_span,
                    format!(
                        "`#[{attr}]` applies to {kinds} parameters, not `{}`",
                        param.ty.name()
                    ),
                );
            }
        }
        if !applies {
            continue;
        }
        if min_name == "minLength" {
            for bound in [min, max].into_iter().flatten().filter(|b| b.value < 0) {
                diags.error(
                    codes::PARAMETER_CONSTRAINT,
                    bound.span,
                    "a length cannot be negative",
                );
            }
        }
        if let (Some(min), Some(max)) = (min, max)
            && min.value > max.value
        {
            diags.error(
                codes::PARAMETER_CONSTRAINT,
                max.span,
                format!(
                    "`{max_name}` ({}) is less than `{min_name}` ({})",
                    max.value, min.value
                ),
            );
        }
        if let Some(default) = &param.default {
            let measured = match (&default.kind, min_name) {
                (ExprKind::Str(text), "minLength") => {
                    // UTF-16 code units, as ARM counts.
                    Some((text.encode_utf16().count() as i64, "length"))
                }
                (ExprKind::Array(items), "minLength") => Some((items.len() as i64, "length")),
                (ExprKind::Int(n), "minValue") => Some((*n, "value")),
                _ => None,
            };
            if let Some((measure, what)) = measured {
                within(param, default, measure, what, min, max, diags);
            }
        }
    }
}

fn within(
    param: &Param,
    default: &Expr,
    measure: i64,
    what: &str,
    min: Option<Bound>,
    max: Option<Bound>,
    diags: &mut Diagnostics,
) {
    if let Some(min) = min.filter(|b| measure < b.value) {
        diags.error(
            codes::PARAMETER_CONSTRAINT,
            default.span,
            format!(
                "the default of `{}` has {what} {measure}, below the minimum {}",
                param.name, min.value
            ),
        );
    }
    if let Some(max) = max.filter(|b| measure > b.value) {
        diags.error(
            codes::PARAMETER_CONSTRAINT,
            default.span,
            format!(
                "the default of `{}` has {what} {measure}, above the maximum {}",
                param.name, max.value
            ),
        );
    }
}

fn secret_default(param: &Param, diags: &mut Diagnostics) {
    if !param.ty.is_secure() {
        return;
    }
    let Some(default) = &param.default else {
        return;
    };
    let empty = match &default.kind {
        ExprKind::Str(text) => text.is_empty(),
        ExprKind::Object(props) => props.is_empty(),
        _ => true,
    };
    if default.is_literal() && !empty {
        diags.lenient_error(
            codes::SECRET_EXPOSED,
            default.span,
            format!(
                "`{}` is a {} with a literal default: the secret would be stored in the template in plain text; remove the default and pass the value at deployment",
                param.name,
                param.ty.name()
            ),
            Leniency::Linter("secure-parameter-default"),
        );
    }
}

/// Whether a type is one of `kinds`.
pub fn is(ty: Ty, kinds: Ty) -> bool {
    ty.within(kinds)
}
