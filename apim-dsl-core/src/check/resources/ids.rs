//! Hand-written resource ids: `resourceId("Type", name...)` and its scoped
//! variants take one name argument per name segment of the type
//! (`Microsoft.ApiManagement/service/apis`: two). ARM fails validation on any
//! other count ("requires '2' resource name argument(s)"); a misspelt type is
//! reported with the type data's spelling.
//!
//! An id function only builds a string ("ARM template functions - resource",
//! `resourceId`:
//! <https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource#resourceid>),
//! so its type need not be deployable on its own: the id of a sub-resource
//! that lives in an array of its parent's `properties`
//! (`Microsoft.Network/applicationGateways/frontendIPConfigurations`, a load
//! balancer's `probes`, a Front Door's `backendPools`) is everyday ARM. Such a
//! type is accepted when its parent is a type the data knows and every further
//! segment names an array of sub-resources (objects with a `name` or `id`) in
//! the `properties` of the level above, in some API version of the parent. A
//! close spelling of such an array or of a child resource type is a mistake,
//! reported with the data's spelling (`frontendIPConfiguration`), as is a
//! misspelt parent (`applicationGateway/frontendIPConfigurations`). Anything
//! else passes, as before: ARM builds any id, and the data lacks some
//! (`Microsoft.Devices/IotHubs/IotHubKeys`, whose keys `listKeys` reads). The legacy
//! `<type>/providers/<extension type>` form ([`super::legacy_extension`]) is
//! accepted when its resource type is.

use crate::codes;
use crate::diag::{Diagnostics, Leniency, suggest};
use crate::graph::{CallKind, NodeKind, Nodes};
use crate::ir::{Expr, ExprKind, Template, walk};
use apim_dsl_types::{Property, Type, TypeRef};
use foldhash::{HashSet, HashSetExt};

/// Whether `text` is written like a resource type (`Namespace.Provider/type`).
fn looks_like_type(text: &str) -> bool {
    text.split_once('/')
        .is_some_and(|(namespace, rest)| namespace.contains('.') && !rest.is_empty())
}

/// Checks every hand-written id call in `template`.
pub fn check(template: &Template, nodes: &Nodes<'_>, diags: &mut Diagnostics) {
    for expr in nodes.of(NodeKind::Call(CallKind::Id)) {
        check_call(template, expr, diags);
    }
    // `dependsOn` entries written as ids are kept as written in the output, so
    // they must be deployable too.
    let lists = template
        .resources
        .iter()
        .map(|r| &r.depends_on)
        .chain(template.modules.iter().map(|m| &m.depends_on));
    for list in lists {
        for dependency in list {
            let written = match dependency {
                crate::ir::Dependency::Named(_, expr) => expr,
                crate::ir::Dependency::Copy {
                    written: Some(expr),
                    ..
                } => &**expr,
                _ => continue,
            };
            walk(written, &mut |e| check_call(template, e, diags));
        }
    }
}

fn check_call(template: &Template, expr: &Expr, diags: &mut Diagnostics) {
    let ExprKind::Call(call) = &expr.kind else {
        return;
    };
    // The id functions ([`CallKind::Id`]).
    if CallKind::of(&call.name) != CallKind::Id {
        return;
    }
    // `extensionResourceId(scope, type, ...)`: the scope is an id, not the type.
    let skip = usize::from(call.name == "extensionResourceId");
    let Some((at, ty)) = call
        .args
        .iter()
        .enumerate()
        .skip(skip)
        .find_map(|(i, a)| a.as_str().filter(|t| looks_like_type(t)).map(|t| (i, t)))
    else {
        return;
    };
    let type_arg = &call.args[at];
    let trimmed = ty.trim_end_matches('/');
    // The id of a resource the template declares with that unknown type is
    // reported at the declaration already (once, not at each id of it).
    let declared = || {
        template
            .resources
            .iter()
            .any(|r| r.ty.eq_ignore_ascii_case(trimmed))
    };
    // (`declared` scans every resource: asked only of a type that is a
    // mistake, so that ids of known types cost nothing per resource.)
    if let Verdict::Mistake(mistake) = resolve(trimmed)
        && !declared()
    {
        // The type data alone says so: it lists resources, and an id may be
        // of a part of one or of a type it lacks. Bicep does not check the
        // type of an id at all.
        diags.lenient_error(
            codes::UNKNOWN_RESOURCE_TYPE,
            type_arg.span,
            format!(
                "unknown resource type `{trimmed}` in `{}`{}",
                call.name,
                mistake.text()
            ),
            Leniency::TypeData,
        );
        return;
    }
    let needed = crate::emit::arm_expr::name_segments(trimmed);
    let names = &call.args[at + 1..];
    if names.len() == needed {
        return;
    }
    let what = |n: usize| {
        if n == 1 {
            "1 name argument".to_string()
        } else {
            format!("{n} name arguments")
        }
    };
    // A combined literal (`"svc/api"`) is the usual cause.
    let combined = names.len() == 1
        && names[0]
            .as_str()
            .is_some_and(|n| n.split('/').count() == needed);
    let fix = if combined {
        "split the combined name at its `/` into separate arguments".to_string()
    } else {
        let segments: Vec<&str> = trimmed.split('/').skip(1).collect();
        format!(
            "one per segment of the type, in order: {}",
            segments
                .iter()
                .map(|s| format!("the `{s}` name"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    // Too many: at the first extra; too few: at the first name.
    let span = names
        .get(needed)
        .or(names.first())
        .map_or(type_arg.span, |n| n.span);
    diags.error(
        codes::NAME_SEGMENTS,
        span,
        format!(
            "`{}` of `{trimmed}` takes {}, found {}: {fix}",
            call.name,
            what(needed),
            names.len()
        ),
    );
}

/// A type written in an id function that is a close spelling of a known one.
#[derive(Debug, PartialEq, Eq)]
struct Mistake {
    /// The known type meant (`, did you mean X?`).
    close: String,
}

impl Mistake {
    /// The tail of the message: `, did you mean ...?`.
    fn text(&self) -> String {
        format!(", did you mean `{}`?", self.close)
    }
}

/// The data's spelling of `ty`, a resource type the type data or the
/// hand-written table knows.
fn known_type(ty: &str) -> Option<&'static str> {
    apim_dsl_types::canonical_type_name(ty).or_else(|| super::lookup(ty).map(|t| t.name))
}

/// What the type data says of a type written in an id function.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// A resource type, a sub-resource of one (see the module docs), or the
    /// legacy extension form of a known resource type.
    Known,
    /// Nothing the data can judge: a provider or child type it lacks
    /// (`Microsoft.Devices/IotHubs/IotHubKeys`), with no close spelling of a
    /// known one. It passes, as ARM builds any id.
    Unsure,
    /// A close spelling of a known type: a mistake.
    Mistake(Mistake),
}

/// Judges `ty`, written in an id function.
fn resolve(ty: &str) -> Verdict {
    if known_type(ty).is_some() {
        return Verdict::Known;
    }
    if let Some((base, _)) = super::split_legacy_extension(ty) {
        // The extension type's namespace is in the name, not the type: only
        // the resource it extends can be checked here.
        return match resolve(base) {
            Verdict::Mistake(mistake) => Verdict::Mistake(Mistake {
                close: format!("{}{}", mistake.close, &ty[base.len()..]),
            }),
            other => other,
        };
    }
    let segments: Vec<&str> = ty.split('/').collect();
    // The longest prefix that is a resource type, at least `Namespace/type`.
    for cut in (2..segments.len()).rev() {
        let Some(parent) = known_type(&segments[..cut].join("/")) else {
            continue;
        };
        let rest = &segments[cut..];
        let Err((at, candidates)) = sub_resource_path(parent, rest) else {
            return Verdict::Known;
        };
        let wrong = rest[at];
        let Some(close) = suggest(wrong, candidates.iter().copied()) else {
            return Verdict::Unsure;
        };
        // With the rest of the type when that is known too.
        let mut fixed: Vec<&str> = rest.to_vec();
        fixed[at] = close;
        let whole = format!("{parent}/{}", fixed.join("/"));
        let close = if resolve(&whole) == Verdict::Known {
            whole
        } else {
            std::iter::once(parent)
                .chain(fixed[..=at].iter().copied())
                .collect::<Vec<_>>()
                .join("/")
        };
        return Verdict::Mistake(Mistake { close });
    }
    // No prefix is known: the parent of a child or sub-resource misspelt
    // (`applicationGateway/frontendIPConfigurations`; its own segment first,
    // since a long type is within a few edits of many others), or a misspelt
    // type.
    if segments.len() > 2
        && let Some(close) = suggest(&segments[..2].join("/"), apim_dsl_types::type_names())
    {
        let fixed = format!("{close}/{}", segments[2..].join("/"));
        if resolve(&fixed) == Verdict::Known {
            return Verdict::Mistake(Mistake { close: fixed });
        }
    }
    match suggest(ty, apim_dsl_types::type_names()) {
        Some(close) => Verdict::Mistake(Mistake {
            close: close.to_string(),
        }),
        None => Verdict::Unsure,
    }
}

/// Walks `rest`, the segments after resource type `parent`, through arrays of
/// sub-resources in `properties`, over every API version of `parent`. `Err`
/// with the index of the first segment that names none, and what it could
/// have named there (child resource types of `parent` for the first segment,
/// then the arrays found at that level).
fn sub_resource_path(parent: &str, rest: &[&str]) -> Result<(), (usize, Vec<&'static str>)> {
    let Some(provider) = parent.split('/').next().and_then(apim_dsl_types::provider) else {
        return Err((0, Vec::new()));
    };
    let mut level: Vec<TypeRef> = provider.resources_of(parent).map(|r| r.body).collect();
    for (i, segment) in rest.iter().enumerate() {
        let arrays = sub_resource_arrays(&level);
        let next: Vec<TypeRef> = arrays
            .iter()
            .filter(|(name, _)| name.eq_ignore_ascii_case(segment))
            .map(|(_, item)| *item)
            .collect();
        if next.is_empty() {
            let mut candidates: Vec<&'static str> = Vec::new();
            if i == 0 {
                candidates.extend(child_types(parent));
            }
            for (name, _) in arrays {
                if !candidates.iter().any(|c| c.eq_ignore_ascii_case(name)) {
                    candidates.push(name);
                }
            }
            return Err((i, candidates));
        }
        level = dedup(next);
    }
    Ok(())
}

/// The last segments of the resource types one level below `parent`
/// (`apis` of `Microsoft.ApiManagement/service`).
fn child_types(parent: &str) -> Vec<&'static str> {
    let depth = parent.split('/').count() + 1;
    apim_dsl_types::type_names()
        .filter(|t| {
            t.split('/').count() == depth
                && t.len() > parent.len()
                && t[..parent.len()].eq_ignore_ascii_case(parent)
                && t.as_bytes()[parent.len()] == b'/'
        })
        .filter_map(|t| t.rsplit('/').next())
        .collect()
}

/// The arrays of sub-resources of the objects `level` (resource bodies, or
/// the items of an array above), on them or in their `properties`: `(name,
/// item type)` for each array whose items are objects with a `name` or an
/// `id` (ARM's `SubResource`).
fn sub_resource_arrays(level: &[TypeRef]) -> Vec<(&'static str, TypeRef)> {
    let mut found: Vec<(&'static str, TypeRef)> = Vec::new();
    for object in level {
        let properties = object_properties(*object);
        let inner = properties
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case("properties"))
            .map(|p| object_properties(p.ty))
            .unwrap_or_default();
        for property in properties.iter().chain(&inner) {
            let Type::Array { item, .. } = property.ty.get() else {
                continue;
            };
            let fields = object_properties(item);
            let sub_resource = fields
                .iter()
                .any(|f| f.name.eq_ignore_ascii_case("name") || f.name.eq_ignore_ascii_case("id"));
            if sub_resource && !found.iter().any(|(n, t)| *n == property.name && *t == item) {
                found.push((property.name, item));
            }
        }
    }
    found
}

/// The named properties of an object type (of a discriminated one: its base
/// properties and every element's).
fn object_properties(ty: TypeRef) -> Vec<Property> {
    match ty.get() {
        Type::Object(object) => object.properties,
        Type::Discriminated(d) => {
            let mut all = d.base;
            for (_, element) in d.elements {
                if let Type::Object(object) = element.get() {
                    all.extend(object.properties);
                }
            }
            all
        }
        _ => Vec::new(),
    }
}

/// `types` without repeats, in order.
fn dedup(types: Vec<TypeRef>) -> Vec<TypeRef> {
    let mut seen = HashSet::new();
    types.into_iter().filter(|t| seen.insert(*t)).collect()
}
