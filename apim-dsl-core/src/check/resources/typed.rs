//! Resource bodies checked against Bicep's type data ([`apim_dsl_types`]): every
//! key at every depth (unknown, read-only, missing required), every literal value
//! (JSON type, enum member, length, range, pattern, item count), discriminated
//! objects by their discriminator, and the JSON type of parameters, variables and
//! function results where it is known. Property names are matched as written;
//! enum values ignoring case, as ARM matches them.
//!
//! `#[accept("path")]` on a resource accepts what the data rejects at `path` and
//! below, and nothing else: every other check stays on, and an `accept` that
//! accepts nothing is an error.

use super::schema::{Kind, ResourceType, Text};
use super::walk::{join, list};
use crate::arm::json_pos::shown_key;
use crate::check::types::Types;
use crate::codes::{self, Code};
use crate::diag::{Diagnostics, Leniency, did_you_mean, suggest};
use crate::ir::{Expr, ExprKind, Key, Prop, Resource, Template, UnOp};
use crate::types::Ty;
use apim_dsl_types::{Property, ResourceEntry, Type, TypeRef};
use foldhash::{HashMap, HashMapExt};
use proc_macro2::Span;
use std::cell::RefCell;

/// The key of a resource's reference notes, which ARM takes on every resource.
const COMMENTS: &str = "comments";

/// The type of nested deployments, whose resources take [`DEPLOYMENT_TARGETS`].
const DEPLOYMENTS: &str = "Microsoft.Resources/deployments";

/// ARM's own top-level keys of a nested deployment (`Microsoft.Resources/deployments`),
/// beside `type`, `name` and the body: the resource group and subscription it
/// deploys to, strings ("Resource group deployments with ARM templates",
/// deploy to more than one resource group:
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/deploy-to-resource-group>;
/// the template reference lists both at the top level:
/// <https://learn.microsoft.com/azure/templates/microsoft.resources/deployments>).
/// The type data, made from the REST API's request body, has neither.
const DEPLOYMENT_TARGETS: [&str; 2] = ["resourceGroup", "subscriptionId"];

/// Whether `name` at `path` is the body's `comments`, which the type data
/// (`schema`) does not describe.
fn is_comments(schema: &[Property], path: &str, name: &str) -> bool {
    path.is_empty() && name == COMMENTS && !schema.iter().any(|s| s.name == COMMENTS)
}

/// The top-level keys of a resource body that Bicep takes on any resource
/// type, warning where the type data lacks one (its
/// `KnownTopLevelResourceProperties`, and `resourceGroup` and
/// `subscriptionId` of a deployment): a key that no resource has is an
/// error in Bicep too, as "'custom' top-level properties are not supported
/// by the platform" (`AzResourceTypeFactory`).
const TOP_LEVEL_KEYS: [&str; 14] = [
    "location",
    "tags",
    "asserts",
    "properties",
    "sku",
    "kind",
    "managedBy",
    "managedByExtended",
    "extendedLocation",
    "zones",
    "plan",
    "eTag",
    "scale",
    "identity",
];

/// Whether the body path `path` of a `type_name` resource is below its top
/// level, or a top-level key Bicep takes on it although its type data lacks
/// it ([`TOP_LEVEL_KEYS`]).
fn top_level_known(type_name: &str, path: &str) -> bool {
    if path.contains(['.', '[']) {
        return true;
    }
    TOP_LEVEL_KEYS.iter().any(|k| k.eq_ignore_ascii_case(path))
        || (type_name.eq_ignore_ascii_case("Microsoft.Resources/deployments")
            && ["resourceGroup", "subscriptionId"]
                .iter()
                .any(|k| k.eq_ignore_ascii_case(path)))
}

/// The top-level keys ARM takes on a resource of `type_name` that its type
/// data (`schema`) does not describe: `comments` on every type, and
/// [`DEPLOYMENT_TARGETS`] on a nested deployment.
fn arm_keys(type_name: &str, schema: &[Property]) -> Vec<&'static str> {
    let mut keys = vec![COMMENTS];
    if type_name.eq_ignore_ascii_case(DEPLOYMENTS) {
        keys.extend(DEPLOYMENT_TARGETS);
    }
    keys.retain(|k| !schema.iter().any(|s| s.name == *k));
    keys
}

/// Whether `name` is one of [`arm_keys`] (without building the list: asked
/// of every top-level key of every resource).
fn is_arm_key(type_name: &str, schema: &[Property], name: &str) -> bool {
    let arm = name == COMMENTS
        || (type_name.eq_ignore_ascii_case(DEPLOYMENTS) && DEPLOYMENT_TARGETS.contains(&name));
    arm && !schema.iter().any(|s| s.name == name)
}

/// Lists of allowed names longer than this are left out of messages (a
/// did-you-mean still shows).
const LIST_LIMIT: usize = 24;

/// Checks one resource's body against its type.
pub(super) struct Typed<'a, 't> {
    /// The type and API version.
    pub entry: ResourceEntry,
    /// The resource checked.
    pub resource: &'a Resource,
    /// Infers the types of non-literal values.
    pub types: Types<'t>,
    /// Where errors go.
    pub diags: &'a mut Diagnostics,
    /// `#[accept]` paths and whether each accepted something.
    pub accepted: Vec<(&'a str, Span, bool)>,
    /// The hand-written table's entry for the type, whose facts the data lacks
    /// (GUID shapes, bounds, the API version an enum value appeared in) apply on
    /// top.
    pub hand: Option<&'static ResourceType>,
}

impl<'a, 't> Typed<'a, 't> {
    /// A walker for `resource` of type `entry`.
    pub fn new(
        template: &'t Template,
        entry: ResourceEntry,
        resource: &'a Resource,
        diags: &'a mut Diagnostics,
    ) -> Self {
        Typed {
            entry,
            resource,
            types: Types::new(template),
            diags,
            accepted: resource
                .accept
                .iter()
                .map(|(path, span)| (path.as_str(), *span, false))
                .collect(),
            hand: super::hand_entry(&resource.ty, entry.type_name),
        }
    }

    /// Checks every key of the body, then reports `#[accept]` paths that accepted
    /// nothing.
    pub fn body(mut self) {
        let resource = self.resource;
        let body = self.entry.body;
        match body.decoded() {
            Type::Object(object) => {
                let props: Vec<Property> = object
                    .properties
                    .iter()
                    .cloned()
                    // The DSL writes the name outside the body.
                    .filter(|p| p.name != "name")
                    .collect();
                self.object(&props, object.additional, &resource.body, "", resource.span);
            }
            Type::Discriminated(_) => {
                // Picked by the resource's own name (`portalsettings/signin`).
                let fake = Expr::new(ExprKind::Object(resource.body.clone()), resource.span);
                self.value(body, &fake, "", false, resource.span);
            }
            _ => {}
        }
        for (path, span, used) in std::mem::take(&mut self.accepted) {
            if !used {
                self.diags.error(codes::TYPE_DATA_OVERRIDE,
                    span,
                    format!(
                        "nothing at `{path}` differs from the type data of `{}@{}`: remove this `#[accept]` (it accepts only deviations at that path)",
                        self.entry.type_name, self.entry.api_version
                    ),
                );
            }
        }
    }

    /// Records an error at `path`, unless an `#[accept]` covers it: one the
    /// type data alone decides, which Bicep only warns of, but for a top-level
    /// key that no resource takes.
    fn error(&mut self, code: Code, path: &str, span: Span, message: String) {
        for (accepted, _, used) in &mut self.accepted {
            let covered = path == *accepted
                || path
                    .strip_prefix(*accepted)
                    .is_some_and(|rest| rest.starts_with(['.', '[']));
            if covered {
                *used = true;
                return;
            }
        }
        let top_level_unknown = (code == codes::UNKNOWN_PROPERTY || code == codes::BODY_SHAPE)
            && !top_level_known(self.entry.type_name, path);
        if top_level_unknown {
            self.diags.error(code, span, message);
        } else {
            self.diags
                .lenient_error(code, span, message, Leniency::TypeData);
        }
    }

    /// "`sku.name` of `Microsoft.ApiManagement/service`".
    fn subject(&self, path: &str) -> String {
        format!("`{}` of `{}`", shown_key(path), self.entry.type_name)
    }

    /// An object literal against `schema` (named properties) and `additional`
    /// (the type of other keys, if allowed). `at`: where a missing key is reported.
    fn object(
        &mut self,
        schema: &[Property],
        additional: Option<TypeRef>,
        props: &[Prop],
        path: &str,
        at: Span,
    ) {
        for prop in props {
            // A computed key (`[id]: {}`) cannot be looked up.
            let Key::Lit(name) = &prop.key else {
                if let Some(additional) = additional {
                    let child = format!("{path}[...]");
                    self.value(additional, &prop.value, &child, false, prop.key_span);
                }
                continue;
            };
            let child = join(path, name);
            if path.is_empty() && is_arm_key(self.entry.type_name, schema, name) {
                self.arm_string(name, &prop.value);
                continue;
            }
            match schema.iter().find(|s| s.name == name) {
                Some(s) if s.flags.read_only() => {
                    let message = format!(
                        "{} is read-only: Azure sets it, remove it",
                        self.subject(&child)
                    );
                    self.error(codes::READ_ONLY_PROPERTY, &child, prop.key_span, message);
                }
                Some(s) => {
                    let required = s.flags.required();
                    self.value(s.ty, &prop.value, &child, required, prop.key_span);
                }
                None => match additional {
                    Some(additional) if !differs_in_case(schema, name) => {
                        self.value(additional, &prop.value, &child, false, prop.key_span)
                    }
                    _ => self.unknown(name, schema, path, &child, prop.key_span),
                },
            }
        }
        if props.iter().any(|p| matches!(p.key, Key::Expr(_))) {
            // The computed key may be the required one.
            return;
        }
        let missing: Vec<&Property> = schema
            .iter()
            .filter(|s| {
                s.flags.required()
                    && !s.flags.read_only()
                    // An unknown key that looks like it was meant (`publisherEmial`)
                    // was reported with the suggestion already.
                    && !props.iter().any(|p| {
                        p.key.as_lit().is_some_and(|k| {
                            !schema.iter().any(|x| x.name == k)
                                && suggest(k, [s.name]).is_some()
                        })
                    })
                    // A key in another case was reported as a misspelling.
                    && !props
                        .iter()
                        .any(|p| p.key.as_lit().is_some_and(|k| k.eq_ignore_ascii_case(s.name)))
            })
            .collect();
        for s in missing {
            let message = super::walk::missing_message(
                &self.resource.symbol,
                self.entry.type_name,
                path,
                s.name,
            );
            self.error(codes::MISSING_PROPERTY, &join(path, s.name), at, message);
        }
    }

    fn unknown(&mut self, name: &str, schema: &[Property], path: &str, child: &str, span: Span) {
        if path.is_empty() && name == "resources" {
            let message = format!(
                "`resources` holds nested child resources, each a `resource` declaration: `resources: [resource child \"<child type>@<apiVersion>\" {{ ... }}]`; or declare each child as its own `resource` with `parent: {}`",
                self.resource.symbol
            );
            self.error(codes::BODY_SHAPE, child, span, message);
            return;
        }
        // Beside `#[metadata]`, resolution has said to remove the key: one
        // error for one mistake.
        if path.is_empty() && name == "metadata" && self.resource.metadata.is_some() {
            return;
        }
        let mut names: Vec<&str> = schema
            .iter()
            .filter(|s| !(s.flags.read_only() || path.is_empty() && s.name == "name"))
            .map(|s| s.name)
            .collect();
        if path.is_empty() {
            names.extend(arm_keys(self.entry.type_name, schema));
        }
        if let Some(message) = self.other_versions(child) {
            let mut hint = did_you_mean(name, names.iter().copied());
            if hint.is_empty() && message.contains(" was removed ") {
                hint = ": remove it".to_string();
            }
            self.error(
                codes::UNKNOWN_PROPERTY,
                child,
                span,
                format!("{message}{hint}"),
            );
            return;
        }
        let place = if path.is_empty() {
            "the body".to_string()
        } else {
            format!("`{}`", shown_key(path))
        };
        let mut hint = did_you_mean(name, names.iter().copied());
        if hint.is_empty() && path.is_empty() {
            hint = self.root_hint(name);
        }
        if hint.is_empty() {
            hint = if names.is_empty() {
                "; this object takes no properties".to_string()
            } else if names.len() <= LIST_LIMIT {
                format!("; expected one of {}", list(names.iter().copied()))
            } else {
                String::new()
            };
        }
        let message = format!(
            "unknown property `{}` in {place} of `{}@{}`{hint}",
            shown_key(name),
            self.entry.type_name,
            self.entry.api_version
        );
        self.error(codes::UNKNOWN_PROPERTY, child, span, message);
    }

    /// A key of the body that belongs elsewhere: the resource's `name` (written
    /// outside the body in the DSL, so not in the list), or a key of
    /// `properties` written one level too high (`sku` of a Log Analytics
    /// workspace).
    fn root_hint(&self, name: &str) -> String {
        if suggest(name, ["name"]).is_some() {
            return ", did you mean `name`?".to_string();
        }
        if name == "metadata" {
            return "; a resource's `metadata` of literal values goes in `#[metadata({ ... })]` on the resource, and a computed one is kept as this body key with `#[accept(\"metadata\")]`".to_string();
        }
        let Type::Object(body) = self.entry.body.decoded() else {
            return String::new();
        };
        let inner = body
            .property("properties")
            .map(|p| p.ty.decoded())
            .and_then(|t| match t {
                Type::Object(o) => Some(o),
                _ => None,
            });
        match inner.and_then(|o| o.properties.iter().find(|p| p.name == name).map(|p| p.name)) {
            Some(found) => {
                format!(", did you mean `properties.{found}`? (it belongs inside `properties`)")
            }
            None => String::new(),
        }
    }

    /// The `enum_spelling` lint for a value ARM accepts in another spelling
    /// than the type data's. Types of the hand-written table are linted by
    /// `check::spelling`, with that table's spellings.
    fn spelling(&mut self, canonical: &str, text: &str, span: Span) {
        if canonical == text
            || self.hand.is_some()
            || self.resource.allow.contains(&crate::check::spelling::LINT)
        {
            return;
        }
        self.diags.lint(
            span,
            crate::diag::Lint::EnumSpelling,
            format!(
                "ARM accepts \"{text}\", but the resource type's schema spells it \"{canonical}\" and templates that spell it otherwise fail schema validation: write \"{canonical}\", or mark `{}` `#[allow({})]` to keep it as written",
                self.resource.symbol,
                crate::check::spelling::LINT
            ),
        );
    }

    /// When `path` exists in other API versions of the type: which to use.
    fn other_versions(&self, path: &str) -> Option<String> {
        let version = self.entry.api_version;
        let with: Vec<&str> = apim_dsl_types::versions(self.entry.type_name)
            .into_iter()
            .filter(|v| *v != version)
            .filter(|v| {
                apim_dsl_types::resource(self.entry.type_name, v)
                    .is_some_and(|entry| has_path(entry.body, path))
            })
            .collect();
        // The path exists in this very version, in another shape of a
        // discriminated object: not a question of versions.
        if has_path(self.entry.body, path) {
            return None;
        }
        // Newest first.
        let newest = with.first()?;
        let subject = self.subject(path);
        if apim_dsl_types::version_order(newest, version).is_gt() {
            let first = with
                .iter()
                .rev()
                .find(|v| apim_dsl_types::version_order(v, version).is_gt())
                .unwrap_or(newest);
            Some(format!(
                "{subject} needs API version `{first}` or later, this resource uses `{version}`: raise the API version or remove the property"
            ))
        } else {
            Some(format!(
                "{subject} was removed after API version `{newest}`, this resource uses `{version}`"
            ))
        }
    }

    /// The hand-written table's kind at `path`, when it has one.
    fn hand_kind(&self, path: &str) -> Option<&'static Kind> {
        let mut props = self.hand?.body;
        let mut kind = None;
        for key in path.split('.') {
            let key = key.split('[').next().unwrap_or(key);
            let prop = props.iter().find(|p| p.name == key)?;
            let mut k = &prop.kind;
            while let Kind::Array(item, _) = k {
                k = item;
            }
            if let Kind::Object(inner) = k {
                props = inner;
            }
            kind = Some(&prop.kind);
        }
        kind
    }

    /// The hand-written facts about a string at `path`: its shape (reported
    /// instead of the data's length and pattern, since it says what to write) and
    /// the API version its enum value appeared in. Whether something was reported.
    fn hand_text(&mut self, text: &str, path: &str, span: Span) -> bool {
        let Some(Kind::Str(rule)) = self.hand_kind(path) else {
            return false;
        };
        let rule: &'static Text = rule;
        if let Some(pattern) = rule.pattern.filter(|p| !(p.matches)(text)) {
            let message = format!(
                "`{text}` is not a valid {}: {} (`{}`)",
                self.subject(path),
                pattern.help,
                pattern.regex
            );
            self.error(codes::PATTERN_MISMATCH, path, span, message);
            return true;
        }
        let version = self.entry.api_version;
        if let Some(value) = rule
            .values
            .iter()
            .find(|v| super::schema::same_value(v.name, text))
            && let Some(first) = value.first_after(version)
        {
            let message = format!(
                "`{}` for {} needs API version `{first}` or later, this resource uses `{version}`: raise the API version or pick another value",
                value.name,
                self.subject(path)
            );
            self.error(codes::INVALID_ENUM_VALUE, path, span, message);
            return true;
        }
        let allowed = super::schema::names_at(rule.values, version);
        if !rule.values.is_empty()
            && !rule
                .values
                .iter()
                .any(|v| super::schema::same_value(v.name, text))
        {
            let hint = suggest(text, allowed.iter().copied())
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            let message = format!(
                "unknown value `{text}` for `{path}` of `{}@{version}`{hint}; expected one of {}",
                self.entry.type_name,
                list(allowed.iter().copied())
            );
            self.error(codes::INVALID_ENUM_VALUE, path, span, message);
            return true;
        }
        false
    }

    /// One value of type `ty` at `path`. `at` is where a missing key inside it is
    /// reported (the key that holds it, or the array item itself).
    fn value(&mut self, ty: TypeRef, expr: &Expr, path: &str, required: bool, at: Span) {
        match &expr.kind {
            ExprKind::Invalid => return,
            // Both branches must be valid values.
            ExprKind::Ternary(_, then, otherwise) => {
                self.value(ty, then, path, required, then.span);
                self.value(ty, otherwise, path, required, otherwise.span);
                return;
            }
            // ARM reads an optional property set to null as absent.
            ExprKind::Null if !required => return,
            _ => {}
        }
        match ty.decoded() {
            Type::Any => {}
            Type::Union(members) => self.union(members, expr, path, required, at),
            Type::Literal(expected) => match &expr.kind {
                ExprKind::Str(text) if super::schema::same_value(expected, text) => {
                    self.spelling(expected, text, expr.span)
                }
                ExprKind::Str(text) => {
                    let message = format!(
                        "{} must be `{expected}`, found `{text}`",
                        self.subject(path)
                    );
                    self.error(codes::INVALID_ENUM_VALUE, path, expr.span, message);
                }
                _ => self.mismatch(ty, expr, path),
            },
            Type::String {
                min_length,
                max_length,
                pattern,
                ..
            } => match &expr.kind {
                ExprKind::Str(text) => {
                    if !self.hand_text(text, path, expr.span) {
                        self.text(text, *min_length, *max_length, *pattern, path, expr.span)
                    }
                }
                _ => self.mismatch(ty, expr, path),
            },
            Type::Int { min, max } => match int_literal(expr) {
                Some(number) => {
                    let (min, max) = match self.hand_kind(path) {
                        Some(Kind::Int(hand_min, hand_max)) => {
                            (min.or(*hand_min), max.or(*hand_max))
                        }
                        _ => (*min, *max),
                    };
                    self.int(number, min, max, path, expr.span)
                }
                None => self.mismatch(ty, expr, path),
            },
            Type::Array {
                item,
                min_length,
                max_length,
            } => match &expr.kind {
                ExprKind::Array(items) => {
                    let count = items.len() as u64;
                    let max_length = max_length.or(match self.hand_kind(path) {
                        Some(Kind::Array(_, Some(max))) => Some(*max as u64),
                        _ => None,
                    });
                    if let Some(max) = max_length.filter(|max| count > *max) {
                        let message = format!(
                            "{} holds {count} entries, at most {max} are allowed: split them over several resources",
                            self.subject(path)
                        );
                        let span = items.get(max as usize).map_or(expr.span, |e| e.span);
                        self.error(codes::OUT_OF_BOUNDS, path, span, message);
                    } else if let Some(min) = min_length.filter(|min| count < *min) {
                        let message = format!(
                            "{} holds {count} entries, at least {min} are required",
                            self.subject(path)
                        );
                        self.error(codes::OUT_OF_BOUNDS, path, expr.span, message);
                    }
                    for (index, element) in items.iter().enumerate() {
                        let child = format!("{path}[{index}]");
                        // An item is never absent: `null` must fit the item type.
                        self.value(*item, element, &child, true, element.span);
                    }
                }
                // A property loop: its body is every item.
                ExprKind::For(_, body) => {
                    self.value(*item, body, &format!("{path}[]"), false, body.span)
                }
                _ => self.mismatch(ty, expr, path),
            },
            Type::Object(object) => match &expr.kind {
                ExprKind::Object(props) => {
                    self.object(&object.properties, object.additional, props, path, at)
                }
                _ => self.mismatch(ty, expr, path),
            },
            Type::Discriminated(d) => match &expr.kind {
                ExprKind::Object(props) => self.discriminated(d, props, path, at),
                _ => self.mismatch(ty, expr, path),
            },
            _ => self.mismatch(ty, expr, path),
        }
    }

    /// An object whose shape its discriminator picks (`loggerType`, `kind`).
    fn discriminated(
        &mut self,
        d: &apim_dsl_types::DiscriminatedType,
        props: &[Prop],
        path: &str,
        at: Span,
    ) {
        let key = props
            .iter()
            .find(|p| p.key.as_lit() == Some(d.discriminator));
        let values: Vec<&str> = d.elements.iter().map(|(v, _)| *v).collect();
        // The body of `portalsettings/signin`: its name picks the element.
        let by_name = path.is_empty() && d.discriminator == "name";
        let picked = if by_name {
            // The resource's own type: the legacy extension form has more
            // segments than the type it is checked as.
            super::rules::own_segment(&self.resource.ty, self.resource, None)
        } else {
            key.and_then(|k| k.value.as_str().map(|v| (v.to_string(), k.value.span)))
        };
        let element = match picked {
            Some((value, span)) => match d.element(&value) {
                Some(element) => Some(element),
                None => {
                    let hint = suggest(&value, values.iter().copied())
                        .map(|s| format!(" (did you mean `{s}`?)"))
                        .unwrap_or_default();
                    let child = join(path, d.discriminator);
                    let message = format!(
                        "unknown value `{value}` for `{child}` of `{}@{}`{hint}; expected one of {}",
                        self.entry.type_name,
                        self.entry.api_version,
                        list(values.iter().copied())
                    );
                    self.error(codes::INVALID_ENUM_VALUE, &child, span, message);
                    return;
                }
            },
            None if key.is_none() && !by_name => {
                let child = join(path, d.discriminator);
                let message = format!(
                    "resource `{}` of type `{}` is missing `{child}`, which picks the object's shape: add `{}: ...` (one of {}) to {}",
                    self.resource.symbol,
                    self.entry.type_name,
                    d.discriminator,
                    list(values.iter().copied()),
                    if path.is_empty() {
                        "its body".to_string()
                    } else {
                        format!("`{path}`")
                    }
                );
                self.error(codes::MISSING_PROPERTY, &child, at, message);
                return;
            }
            // Not known at compile time: only keys no shape has are wrong.
            None => None,
        };
        let mut schema = d.base.clone();
        match element.map(TypeRef::get) {
            Some(Type::Object(object)) => {
                schema.extend(object.properties);
                let schema: Vec<Property> = schema
                    .into_iter()
                    // The DSL writes the resource's name outside the body.
                    .filter(|p| !(path.is_empty() && p.name == "name"))
                    .collect();
                self.object(&schema, object.additional, props, path, at);
            }
            Some(_) => {}
            None => self.any_shape(d, props, path),
        }
    }

    /// An object of a discriminated type whose shape is not known at compile
    /// time (its discriminator is a parameter or expression): a key no shape
    /// has is an error; a key of the base properties is checked as such; a key
    /// only some shapes have is not checked further, since its type depends on
    /// the shape.
    fn any_shape(&mut self, d: &apim_dsl_types::DiscriminatedType, props: &[Prop], path: &str) {
        let elements: Vec<Vec<Property>> = d
            .elements
            .iter()
            .filter_map(|(_, e)| match e.decoded() {
                Type::Object(object) => Some(object.properties.clone()),
                _ => None,
            })
            .collect();
        for prop in props {
            let Key::Lit(name) = &prop.key else { continue };
            let child = join(path, name);
            if is_comments(&d.base, path, name)
                && !elements.iter().flatten().any(|p| p.name == name)
            {
                self.arm_string(COMMENTS, &prop.value);
                continue;
            }
            if let Some(base) = d.base.iter().find(|p| p.name == name) {
                if base.flags.read_only() {
                    let message = format!(
                        "{} is read-only: Azure sets it, remove it",
                        self.subject(&child)
                    );
                    self.error(codes::READ_ONLY_PROPERTY, &child, prop.key_span, message);
                } else {
                    let (ty, required) = (base.ty, base.flags.required());
                    self.value(ty, &prop.value, &child, required, prop.key_span);
                }
                continue;
            }
            if elements.iter().flatten().any(|p| p.name == name) {
                continue;
            }
            let mut names: Vec<&str> = d
                .base
                .iter()
                .chain(elements.iter().flatten())
                .filter(|p| !p.flags.read_only())
                .map(|p| p.name)
                .collect();
            names.sort_unstable();
            names.dedup();
            let hint = did_you_mean(name, names.iter().copied());
            let message = format!(
                "unknown property `{}` in {} of `{}@{}`: no shape of `{}` has it{hint}",
                shown_key(name),
                if path.is_empty() {
                    "the body".to_string()
                } else {
                    format!("`{}`", shown_key(path))
                },
                self.entry.type_name,
                self.entry.api_version,
                d.name
            );
            self.error(codes::UNKNOWN_PROPERTY, &child, prop.key_span, message);
        }
    }

    /// A value of one of several types: enum members (string literals), maybe a
    /// plain string (an open enum), objects, arrays.
    fn union(&mut self, members: &[TypeRef], expr: &Expr, path: &str, required: bool, at: Span) {
        let decoded: Vec<(TypeRef, &Type)> = members.iter().map(|m| (*m, m.decoded())).collect();
        if decoded.iter().any(|(_, t)| matches!(t, Type::Any)) {
            return;
        }
        let literals: Vec<&str> = decoded
            .iter()
            .filter_map(|(_, t)| match t {
                Type::Literal(value) => Some(*value),
                _ => None,
            })
            .collect();
        let strings: Vec<TypeRef> = kinds(&decoded, |t| matches!(t, Type::String { .. }));
        let objects: Vec<TypeRef> = kinds(&decoded, |t| {
            matches!(t, Type::Object(_) | Type::Discriminated(_))
        });
        let arrays: Vec<TypeRef> = kinds(&decoded, |t| matches!(t, Type::Array { .. }));
        match &expr.kind {
            ExprKind::Str(text) => {
                if let Some(listed) = literals.iter().find(|l| super::schema::same_value(l, text)) {
                    self.spelling(listed, text, expr.span);
                    self.hand_text(text, path, expr.span);
                    return;
                }
                if !strings.is_empty() {
                    // An open enum: Azure accepts values the data does not list,
                    // but one a typo away from a listed value is a typo.
                    if self.hand_text(text, path, expr.span) {
                        return;
                    }
                    if let Some(close) = suggest(text, literals.iter().copied()) {
                        let message = format!(
                            "unknown value `{text}` for `{path}` of `{}@{}` (did you mean `{close}`?); the API also takes values its type data does not list: if `{text}` is one, accept it with `#[accept(\"{path}\")]`",
                            self.entry.type_name, self.entry.api_version
                        );
                        self.error(codes::INVALID_ENUM_VALUE, path, expr.span, message);
                    } else if let [string] = strings.as_slice() {
                        // Any string of the string's shape.
                        self.value(*string, expr, path, required, at);
                    }
                    return;
                }
                if literals.is_empty() {
                    self.mismatch_union(&decoded, expr, path);
                    return;
                }
                let hint = suggest(text, literals.iter().copied())
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                let message = format!(
                    "unknown value `{text}` for `{path}` of `{}@{}`{hint}; expected one of {}",
                    self.entry.type_name,
                    self.entry.api_version,
                    list(literals.iter().copied())
                );
                self.error(codes::INVALID_ENUM_VALUE, path, expr.span, message);
            }
            ExprKind::Object(_) if objects.len() == 1 => {
                self.value(objects[0], expr, path, required, at)
            }
            ExprKind::Array(_) | ExprKind::For(..) if arrays.len() == 1 => {
                self.value(arrays[0], expr, path, required, at)
            }
            _ => {
                // Any member whose JSON type fits will do.
                let fits = decoded
                    .iter()
                    .find(|(_, t)| literal_ty(expr).is_some_and(|found| found.fits(json_ty(t, 0))));
                match fits {
                    Some((member, _)) if !matches!(expr.kind, ExprKind::Object(_)) => {
                        let member = *member;
                        self.value(member, expr, path, required, at)
                    }
                    Some(_) => {}
                    None => self.mismatch_union(&decoded, expr, path),
                }
            }
        }
    }

    fn mismatch_union(&mut self, decoded: &[(TypeRef, &Type)], expr: &Expr, path: &str) {
        let expected = decoded
            .iter()
            .fold(Ty::NEVER, |acc, (_, t)| acc.or(json_ty(t, 0)));
        self.report_mismatch(expected, expr, path);
    }

    /// A top-level key of [`arm_keys`], a string: the resource's `comments`
    /// (reference notes ARM takes on every resource, though no type's data
    /// lists them), a nested deployment's `resourceGroup` or `subscriptionId`.
    fn arm_string(&mut self, key: &str, expr: &Expr) {
        match &expr.kind {
            ExprKind::Invalid | ExprKind::Null => {}
            ExprKind::Ternary(_, then, otherwise) => {
                self.arm_string(key, then);
                self.arm_string(key, otherwise);
            }
            _ => self.report_mismatch(Ty::STRING, expr, key),
        }
    }

    /// A value whose JSON type cannot be `ty`'s.
    fn mismatch(&mut self, ty: TypeRef, expr: &Expr, path: &str) {
        self.report_mismatch(json_ty(ty.decoded(), 0), expr, path);
    }

    fn report_mismatch(&mut self, expected: Ty, expr: &Expr, path: &str) {
        let found = match literal_ty(expr) {
            Some(found) => found,
            None => {
                // Inferred; errors inside the expression are reported elsewhere.
                let mut scratch = Diagnostics::new();
                self.types.infer(expr, &mut scratch)
            }
        };
        if found.fits(expected) {
            return;
        }
        let message = format!(
            "{} must be {}, not {}",
            self.subject(path),
            described(expected),
            described(found)
        );
        self.error(codes::WRONG_VALUE_TYPE, path, expr.span, message);
    }

    fn text(
        &mut self,
        text: &str,
        min: Option<u64>,
        max: Option<u64>,
        pattern: Option<&'static str>,
        path: &str,
        span: Span,
    ) {
        let length = text.chars().count() as u64;
        if let Some(max) = max.filter(|max| length > *max) {
            let message = format!(
                "{} is {length} characters long, at most {max} are allowed",
                self.subject(path)
            );
            self.error(codes::OUT_OF_BOUNDS, path, span, message);
        } else if let Some(min) = min.filter(|min| length < *min) {
            let message = format!(
                "{} is {length} characters long, at least {min} are required",
                self.subject(path)
            );
            self.error(codes::OUT_OF_BOUNDS, path, span, message);
        } else if let Some(pattern) = pattern
            && matches(pattern, text) == Some(false)
        {
            let message = format!(
                "`{text}` is not a valid {}: it must match `{pattern}`",
                self.subject(path)
            );
            self.error(codes::PATTERN_MISMATCH, path, span, message);
        }
    }

    fn int(&mut self, number: i64, min: Option<i64>, max: Option<i64>, path: &str, span: Span) {
        if let Some(bounds) = super::walk::out_of_bounds(number, min, max) {
            let message = format!("{} must be {bounds}, found {number}", self.subject(path));
            self.error(codes::OUT_OF_BOUNDS, path, span, message);
        }
    }
}

/// Whether `name` is a schema property written in another case (then it is a
/// misspelling, not an additional key).
fn differs_in_case(schema: &[Property], name: &str) -> bool {
    schema.iter().any(|s| s.name.eq_ignore_ascii_case(name))
}

fn kinds(decoded: &[(TypeRef, &Type)], pick: impl Fn(&Type) -> bool) -> Vec<TypeRef> {
    decoded
        .iter()
        .filter(|(_, t)| pick(t))
        .map(|(r, _)| *r)
        .collect()
}

/// An integer literal, negative ones included.
fn int_literal(expr: &Expr) -> Option<i64> {
    match &expr.kind {
        ExprKind::Int(number) => Some(*number),
        ExprKind::Unary(UnOp::Neg, inner) => match inner.kind {
            ExprKind::Int(number) => number.checked_neg(),
            _ => None,
        },
        _ => None,
    }
}

/// The JSON type of a literal; `None` when not known before deployment.
fn literal_ty(expr: &Expr) -> Option<Ty> {
    Some(match &expr.kind {
        ExprKind::Str(_) => Ty::STRING,
        ExprKind::Int(_) => Ty::INT,
        ExprKind::Bool(_) => Ty::BOOL,
        ExprKind::Null => Ty::NULL,
        ExprKind::Array(_) | ExprKind::For(..) => Ty::ARRAY,
        ExprKind::Object(_) => Ty::OBJECT,
        _ if int_literal(expr).is_some() => Ty::INT,
        _ => return None,
    })
}

/// The JSON types a value of `ty` can have.
pub(super) fn json_ty(ty: &Type, depth: usize) -> Ty {
    match ty {
        Type::Bool => Ty::BOOL,
        Type::Null => Ty::NULL,
        Type::Int { .. } => Ty::INT,
        Type::String { .. } | Type::Literal(_) => Ty::STRING,
        Type::Array { .. } => Ty::ARRAY,
        Type::Object(_) | Type::Discriminated(_) => Ty::OBJECT,
        Type::Union(members) if depth < 4 => members
            .iter()
            .fold(Ty::NEVER, |acc, m| acc.or(json_ty(m.decoded(), depth + 1))),
        _ => Ty::ANY,
    }
}

thread_local! {
    /// Compiled patterns (`None`: a .NET construct the engine lacks).
    static PATTERNS: RefCell<HashMap<&'static str, Option<regex_lite::Regex>>> =
        RefCell::new(HashMap::new());
}

/// Whether `text` matches the data's .NET regular expression `pattern`; `None`
/// when the pattern uses what `regex-lite` cannot run (look-around,
/// back-references, Unicode classes): then the value is not checked.
pub(super) fn matches(pattern: &'static str, text: &str) -> Option<bool> {
    PATTERNS.with(|cache| {
        let mut cache = cache.borrow_mut();
        let regex = cache
            .entry(pattern)
            .or_insert_with(|| regex_lite::Regex::new(pattern).ok());
        regex.as_ref().map(|r| r.is_match(text))
    })
}

/// Checks the literal part of the resource's own name against the type data's
/// `name`: length, pattern, or the fixed names some child types have (`default`).
pub(super) fn name(
    template: &Template,
    entry: &ResourceEntry,
    resource: &Resource,
    diags: &mut Diagnostics,
) {
    let Type::Object(body) = entry.body.decoded() else {
        return;
    };
    let Some(name) = body.property("name") else {
        return;
    };
    // A parameter that is a top-level resource's whole name: each of its
    // allowed values and its literal default must be a valid name.
    // (Types of the hand-written table: `check::spelling` does it.)
    if let ExprKind::Param(param) = &resource.name.kind
        && super::lookup(&resource.ty).is_none()
        && resource.parent.is_none()
        && !entry.type_name.contains("/providers/")
        && entry.type_name.matches('/').count() == 1
        && let Some(param) = template.params.iter().find(|p| &p.name == param)
    {
        let allowed = param.allowed.iter().flat_map(|(values, _)| values.iter());
        for candidate in allowed.chain(param.default.iter()) {
            if let Some(text) = candidate.as_str() {
                name_segment(
                    entry,
                    resource,
                    name.ty,
                    text.to_string(),
                    candidate.span,
                    diags,
                );
            }
        }
        return;
    }
    // The resource's own type: the legacy diagnostic settings form has more
    // segments than the type it is checked as.
    let Some((segment, span)) = super::rules::own_segment(&resource.ty, resource, Some(diags))
    else {
        return;
    };
    name_segment(entry, resource, name.ty, segment, span, diags);
}

/// Checks one name (segment) against the type data's `name` type.
fn name_segment(
    entry: &ResourceEntry,
    resource: &Resource,
    name_ty: TypeRef,
    segment: String,
    span: Span,
    diags: &mut Diagnostics,
) {
    let kind = entry.type_name;
    // The hand-written table's shape says what to write (a GUID for role
    // assignments), where the data has none.
    if let Some(pattern) = super::hand_entry(&resource.ty, kind).and_then(|t| t.name_rule.pattern)
        && !(pattern.matches)(&segment)
    {
        diags.error(
            codes::INVALID_RESOURCE_NAME,
            span,
            format!(
                "`{segment}` is not a valid name for a `{kind}`: {} (`{}`)",
                pattern.help, pattern.regex
            ),
        );
        return;
    }
    let hand_rule = super::hand_entry(&resource.ty, kind).map(|t| &t.name_rule);
    let fixed = |values: Vec<&str>, diags: &mut Diagnostics| {
        if values
            .iter()
            .any(|v| super::schema::same_value(v, &segment))
        {
            return;
        }
        let hint = suggest(&segment, values.iter().copied())
            .map(|s| format!(" (did you mean `{s}`?)"))
            .unwrap_or_default();
        diags.error(
            codes::INVALID_RESOURCE_NAME,
            span,
            format!(
                "`{segment}` is not a valid name for a `{kind}`{hint}; expected one of {}",
                list(values.iter().copied())
            ),
        );
    };
    let mut ty = name_ty.decoded();
    if let Type::Union(members) = &ty {
        let decoded: Vec<&Type> = members.iter().map(|m| m.decoded()).collect();
        let values: Vec<&str> = decoded
            .iter()
            .filter_map(|t| match t {
                Type::Literal(v) => Some(*v),
                _ => None,
            })
            .collect();
        let string = decoded
            .iter()
            .find(|t| matches!(t, Type::String { .. }))
            .copied();
        match string {
            // API Management policies are always named `policy` (the data
            // leaves the set open).
            Some(_) if closed_names(kind) => {
                fixed(values, diags);
                return;
            }
            // An open set: any name of the string's shape, but not a typo of a
            // listed one.
            Some(string) => {
                let listed = values
                    .iter()
                    .any(|v| super::schema::same_value(v, &segment));
                if !listed && suggest(&segment, values.iter().copied()).is_some() {
                    fixed(values, diags);
                    return;
                }
                ty = string;
            }
            None => {
                fixed(values, diags);
                return;
            }
        }
    }
    match ty {
        Type::Literal(value) => fixed(vec![value], diags),
        Type::String {
            min_length,
            max_length,
            pattern,
            ..
        } => {
            let min_length = min_length.or(hand_rule.map(|r| r.min_len as u64));
            let max_length = max_length.or(hand_rule.and_then(|r| r.max_len.map(|m| m as u64)));
            let length = segment.chars().count() as u64;
            if let Some(max) = max_length.filter(|max| length > *max) {
                diags.error(codes::INVALID_RESOURCE_NAME,
                    span,
                    format!(
                        "the name `{segment}` of a `{kind}` is {length} characters long, at most {max} are allowed"
                    ),
                );
            } else if let Some(min) = min_length.filter(|min| length < *min) {
                diags.error(codes::INVALID_RESOURCE_NAME,
                    span,
                    format!(
                        "the name `{segment}` of a `{kind}` is {length} characters long, at least {min} are required"
                    ),
                );
            } else if let Some(pattern) = pattern
                && matches(pattern, &segment) == Some(false)
            {
                diags.error(
                    codes::INVALID_RESOURCE_NAME,
                    span,
                    format!(
                        "`{segment}` is not a valid name for a `{kind}`: it must match `{pattern}`"
                    ),
                );
            }
        }
        _ => {}
    }
}

/// "a string", "an integer", "a string or an integer".
fn described(ty: Ty) -> String {
    let names = [
        (Ty::STRING, "a string"),
        (Ty::INT, "an integer"),
        (Ty::BOOL, "a boolean"),
        (Ty::OBJECT, "an object"),
        (Ty::ARRAY, "an array"),
        (Ty::NULL, "null"),
    ];
    if ty == Ty::ANY {
        return "any value".to_string();
    }
    let parts: Vec<&str> = names
        .iter()
        .filter(|(t, _)| ty.fits(*t))
        .map(|(_, name)| *name)
        .collect();
    parts.join(" or ")
}

/// Whether the object type `ty` has the property path `path` (`a.b[0].c`),
/// looking through arrays, unions and discriminated objects.
fn has_path(ty: TypeRef, path: &str) -> bool {
    let keys: Vec<&str> = path
        .split('.')
        .map(|k| k.split('[').next().unwrap_or(k))
        .collect();
    has_keys(ty, &keys, 0)
}

fn has_keys(ty: TypeRef, keys: &[&str], depth: usize) -> bool {
    let Some((first, rest)) = keys.split_first() else {
        return true;
    };
    if depth > 32 {
        return false;
    }
    match ty.decoded() {
        Type::Object(object) => object
            .properties
            .iter()
            .find(|p| p.name == *first)
            .is_some_and(|p| has_keys(p.ty, rest, depth + 1)),
        Type::Discriminated(d) => {
            d.base
                .iter()
                .find(|p| p.name == *first)
                .is_some_and(|p| has_keys(p.ty, rest, depth + 1))
                || d.elements
                    .iter()
                    .any(|(_, e)| has_keys(*e, keys, depth + 1))
        }
        Type::Array { item, .. } => has_keys(*item, keys, depth + 1),
        Type::Union(members) => members.iter().any(|m| has_keys(*m, keys, depth + 1)),
        _ => false,
    }
}

/// Types whose names the data lists as an open set but Azure accepts only the
/// listed ones: API Management policies (service, API, operation, product,
/// workspace) are all named `policy`
/// (learn.microsoft.com/azure/templates/microsoft.apimanagement/service/apis/policies).
fn closed_names(type_name: &str) -> bool {
    let lower = type_name.to_ascii_lowercase();
    lower.starts_with("microsoft.apimanagement/") && lower.ends_with("/policies")
}
