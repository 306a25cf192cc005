//! Declarations: parameters, variables, resources, modules and outputs.

use super::Resolver;
use super::attrs::Seen;
use crate::ast::{self, ForHead};
use crate::ir::{self, Dependency, Expr, ExprKind, Loop, ParamType, Prop, Scope};
use crate::parse::ident_name;
use proc_macro2::Span;
use quote::ToTokens;

/// Resource body keys that the DSL writes another way.
const RESERVED_KEYS: [(&str, &str); 4] = [
    (
        "type",
        "the type comes from the resource's type string, remove `type`",
    ),
    (
        "apiVersion",
        "the API version comes from the resource's type string (\"Type@apiVersion\"), remove `apiVersion`",
    ),
    (
        "copy",
        "write a loop as `resource sym \"Type@version\" for item in source { ... }` instead of `copy`",
    ),
    (
        "condition",
        "write a condition as `resource sym \"Type@version\" if cond { ... }` instead of `condition`",
    ),
];

/// The lints a resource or grant can allow.
pub const LINTS: [&str; 3] = ["broad_access", "pinned_certificate", "enum_spelling"];

/// What a resource or module body holds besides its plain keys.
#[derive(Default)]
struct Body {
    name: Option<Expr>,
    parent: Option<(usize, Span)>,
    scope: Option<Scope>,
    depends_on: Vec<Dependency>,
    params: Option<Vec<Prop>>,
    props: Vec<Prop>,
    condition: Option<Expr>,
}

impl Resolver<'_> {
    fn param_type(&mut self, ident: &syn::Ident) -> ParamType {
        let name = ident_name(ident);
        if let Some((ty, _)) = ParamType::ALL
            .iter()
            .find(|(_, spelling)| *spelling == name)
        {
            return *ty;
        }
        let hint = crate::diag::did_you_mean(&name, ParamType::ALL.iter().map(|(_, n)| *n));
        let hint = if hint.is_empty() {
            ", expected `string`, `int`, `bool`, `object`, `array`, `secureString` or `secureObject`".to_string()
        } else {
            hint
        };
        self.diags
            .error(ident.span(), format!("unknown type `{name}`{hint}"));
        ParamType::String
    }

    pub(super) fn param(&mut self, p: &ast::Param) -> ir::Param {
        let mut ty = self.param_type(&p.ty);
        let mut param = ir::Param {
            name: ident_name(&p.name),
            span: p.name.span(),
            ty,
            ty_span: p.ty.span(),
            default: p.default.as_ref().map(|d| self.expr(d)),
            allowed: None,
            min_length: None,
            max_length: None,
            min_value: None,
            max_value: None,
            description: None,
            metadata: Vec::new(),
            allow_unused: false,
        };
        let mut seen = Seen::new(
            "parameter",
            &[
                "allowed",
                "minLength",
                "maxLength",
                "minValue",
                "maxValue",
                "metadata",
                "secure",
                "description",
                "allow",
            ],
            &p.attrs,
        );
        let mut description = None;
        for (attr, name) in seen.each(self) {
            match name.as_str() {
                "minLength" => param.min_length = self.attr_int(attr),
                "maxLength" => param.max_length = self.attr_int(attr),
                "minValue" => param.min_value = self.attr_int(attr),
                "maxValue" => param.max_value = self.attr_int(attr),
                "metadata" => param.metadata = self.attr_object(attr).unwrap_or_default(),
                "allow" => param.allow_unused = !self.attr_allow(attr, &["unused"]).is_empty(),
                "description" => description = Some(attr),
                "secure" => {
                    self.attr_flag(attr);
                    ty = match ty {
                        ParamType::String | ParamType::SecureString => ParamType::SecureString,
                        ParamType::Object | ParamType::SecureObject => ParamType::SecureObject,
                        other => {
                            self.diags.error(
                                attr.name.span(),
                                format!("`#[secure]` applies to `string` and `object` parameters, not `{}`", other.name()),
                            );
                            other
                        }
                    };
                }
                _ => param.allowed = self.allowed_values(attr),
            }
        }
        param.ty = ty;
        param.description = self.description(&p.attrs, description);
        param
    }

    fn allowed_values(&mut self, attr: &ast::Attr) -> Option<(Vec<Expr>, Span)> {
        let Some(args) = attr.args.as_deref().filter(|args| !args.is_empty()) else {
            self.diags.error(
                attr.name.span(),
                "`#[allowed]` needs the allowed values, e.g. `#[allowed(\"Developer\", \"Premium\")]`",
            );
            return None;
        };
        let values: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
        for value in values.iter().filter(|v| !v.is_literal()) {
            self.diags
                .error(value.span, "allowed values must be literals");
        }
        Some((values, attr.name.span()))
    }

    pub(super) fn var(&mut self, v: &ast::Var) -> ir::Var {
        let mut seen = Seen::new("variable", &["allow", "description"], &v.attrs);
        let (mut allow_unused, mut description) = (false, None);
        for (attr, name) in seen.each(self) {
            match name.as_str() {
                "allow" => allow_unused = !self.attr_allow(attr, &["unused"]).is_empty(),
                _ => description = Some(attr),
            }
        }
        ir::Var {
            name: ident_name(&v.name),
            span: v.name.span(),
            value: self.expr(&v.value),
            description: self.description(&v.attrs, description),
            allow_unused,
        }
    }

    pub(super) fn output(&mut self, o: &ast::Output) -> ir::Output {
        let mut seen = Seen::new("output", &["description"], &o.attrs);
        let attr = seen.each(self).first().map(|(attr, _)| *attr);
        ir::Output {
            name: ident_name(&o.name),
            span: o.name.span(),
            ty: self.param_type(&o.ty),
            value: self.expr(&o.value),
            description: self.description(&o.attrs, attr),
        }
    }

    pub(super) fn resource(&mut self, r: &ast::Resource) -> ir::Resource {
        let (ty, api_version) = self.split_type(&r.type_lit);
        let mut seen = Seen::new(
            "resource",
            &["unchecked", "batchSize", "description", "allow", "access"],
            &r.attrs,
        );
        let (mut allow, mut access) = (Vec::new(), None);
        let (mut unchecked, mut batch_size, mut description) = (false, None, None);
        for (attr, name) in seen.each(self) {
            match name.as_str() {
                "unchecked" => unchecked = self.attr_flag(attr),
                "allow" => allow = self.attr_allow(attr, &LINTS),
                "access" => access = self.attr_access(attr, &r.type_lit.value()),
                "batchSize" => batch_size = self.batch_size(attr, r.for_loop.is_some(), "resource"),
                _ => description = Some(attr),
            }
        }
        let (copy, body) = self.maybe_loop(r.for_loop.as_ref(), |this| {
            let mut body = this.body(&r.body, false);
            body.condition = r.condition.as_ref().map(|c| this.expr(c));
            body
        });
        let name = body.name.unwrap_or_else(|| {
            self.diags.error(
                r.symbol.span(),
                format!(
                    "resource `{}` has no `name`: add `name: ...` to its body",
                    ident_name(&r.symbol)
                ),
            );
            Expr::new(ExprKind::Invalid, r.symbol.span())
        });
        ir::Resource {
            symbol: ident_name(&r.symbol),
            span: r.symbol.span(),
            ty,
            api_version,
            type_span: r.type_lit.span(),
            existing: r.existing.is_some(),
            name,
            parent: body.parent,
            scope: body.scope,
            condition: body.condition,
            copy,
            batch_size,
            body: body.props,
            depends_on: body.depends_on,
            description: self.description(&r.attrs, description),
            unchecked,
            allow,
            access,
        }
    }

    pub(super) fn module(&mut self, m: &ast::Module) -> ir::Module {
        let mut seen = Seen::new("module", &["description", "batchSize"], &m.attrs);
        let (mut attr, mut batch_size) = (None, None);
        for (found, name) in seen.each(self) {
            match name.as_str() {
                "batchSize" => batch_size = self.batch_size(found, m.for_loop.is_some(), "module"),
                _ => attr = Some(found),
            }
        }
        let (copy, body) = self.maybe_loop(m.for_loop.as_ref(), |this| {
            let mut body = this.body(&m.body, true);
            body.condition = m.condition.as_ref().map(|c| this.expr(c));
            body
        });
        let symbol = ident_name(&m.symbol);
        let template_name = m
            .template
            .segments
            .last()
            .map(|s| ident_name(&s.ident))
            .unwrap_or_default();
        let span = m.symbol.span();
        // Without a `name`, a deployment is named after its symbol; each copy of a
        // loop after the symbol and its index (`format('m-{0}', i)`).
        let default_name = match (&copy, crate::functions::lookup("format")) {
            (Some(head), Some(format)) => Expr::new(
                ExprKind::Call(ir::Call {
                    function: format.function,
                    name: format.spelling.to_string(),
                    args: vec![
                        Expr::str(format!("{symbol}-{{0}}"), span),
                        Expr::new(ExprKind::LoopIndex(head.id), span),
                    ],
                }),
                span,
            ),
            _ => Expr::str(symbol.clone(), span),
        };
        ir::Module {
            name: body.name.unwrap_or(default_name),
            symbol,
            span: m.symbol.span(),
            template: m.template.to_token_stream(),
            template_name,
            params: body.params.unwrap_or_default(),
            condition: body.condition,
            copy,
            batch_size,
            depends_on: body.depends_on,
            description: self.description(&m.attrs, attr),
        }
    }

    /// `#[batchSize(n)]`: at least 1, on a declaration with a loop.
    fn batch_size(&mut self, attr: &ast::Attr, looped: bool, what: &str) -> Option<ir::Bound> {
        let bound = self.attr_int(attr)?;
        if !looped {
            self.diags.error(
                attr.name.span(),
                format!("`#[batchSize]` applies to a {what} declared with a loop (`for x in ...`)"),
            );
        } else if bound.value < 1 {
            self.diags
                .error(bound.span, "a batch holds at least 1 copy");
        }
        Some(bound)
    }

    fn maybe_loop<T>(
        &mut self,
        head: Option<&ForHead>,
        f: impl FnOnce(&mut Self) -> T,
    ) -> (Option<Loop>, T) {
        match head {
            Some(head) => {
                let (head, value) = self.in_loop(head, f);
                (Some(head), value)
            }
            None => (None, f(self)),
        }
    }

    fn split_type(&mut self, lit: &syn::LitStr) -> (String, String) {
        let text = lit.value();
        let valid = text.split_once('@').filter(|(ty, version)| {
            let segments: Vec<&str> = ty.split('/').collect();
            segments.len() >= 2
                && segments
                    .iter()
                    .all(|s| !s.is_empty() && !s.contains(char::is_whitespace))
                && !version.is_empty()
                && !version.contains('@')
        });
        match valid {
            Some((ty, version)) => (ty.to_string(), version.to_string()),
            None => {
                self.diags.error(
                    lit.span(),
                    format!("`{text}` is not a resource type: expected \"Namespace/type@apiVersion\", e.g. \"Microsoft.ApiManagement/service@2024-05-01\""),
                );
                (text, String::new())
            }
        }
    }

    /// Splits a resource or module body into its special keys and the rest.
    fn body(&mut self, object: &ast::Object, module: bool) -> Body {
        let mut body = Body::default();
        let props = self.object(object);
        for prop in props {
            let Some(key) = prop.key.as_lit().map(str::to_string) else {
                self.diags.error(
                    prop.key_span,
                    "the top-level keys of a body must be literal names",
                );
                continue;
            };
            match key.as_str() {
                "name" => body.name = Some(prop.value),
                "dependsOn" => body.depends_on = self.depends_on(prop.value),
                "params" if module => match prop.value.kind {
                    ExprKind::Object(params) => body.params = Some(params),
                    _ => self.diags.error(
                        prop.value.span,
                        "`params` takes an object of parameter values: `params: { name: value }`",
                    ),
                },
                _ if module => self.diags.error(
                    prop.key_span,
                    format!("unknown module key `{key}`, expected `name`, `params` or `dependsOn`"),
                ),
                "parent" => match prop.value.kind {
                    ExprKind::Resource(index) => body.parent = Some((index, prop.value.span)),
                    _ => self.diags.error(
                        prop.value.span,
                        "`parent` takes the symbol of a resource declared in this template",
                    ),
                },
                "scope" => {
                    body.scope = Some(match prop.value.kind {
                        ExprKind::Resource(index) => Scope::Resource(index, prop.value.span),
                        _ => Scope::Expr(prop.value),
                    })
                }
                _ => match RESERVED_KEYS.iter().find(|(k, _)| *k == key) {
                    Some((_, message)) => self.diags.error(prop.key_span, message),
                    None => body.props.push(prop),
                },
            }
        }
        body
    }

    fn depends_on(&mut self, value: Expr) -> Vec<Dependency> {
        let ExprKind::Array(items) = value.kind else {
            self.diags.error(
                value.span,
                "`dependsOn` takes an array of resources: `dependsOn: [apim]`",
            );
            return Vec::new();
        };
        items
            .into_iter()
            .map(|item| match item.kind {
                ExprKind::Resource(index) => Dependency::Resource(index, item.span),
                ExprKind::Module(index) => Dependency::Module(index, item.span),
                _ => Dependency::Unmatched(item),
            })
            .collect()
    }

    /// Turns each raw `dependsOn` entry (`resourceId(type, name)` or a literal name)
    /// into the resource it names; the rest are reported.
    pub(super) fn match_dependencies(&mut self, template: &mut ir::Template) {
        let mut matched: Vec<Vec<Dependency>> = Vec::new();
        let lists = template
            .resources
            .iter()
            .map(|r| &r.depends_on)
            .chain(template.modules.iter().map(|m| &m.depends_on));
        for list in lists {
            let mut out = Vec::with_capacity(list.len());
            for dependency in list {
                out.push(match dependency {
                    Dependency::Unmatched(expr) => match find_named(template, expr) {
                        Some(index) => Dependency::Resource(index, expr.span),
                        None => {
                            if !matches!(expr.kind, ExprKind::Invalid) {
                                self.diags.error(
                                    expr.span,
                                    "this `dependsOn` entry names no resource of this template: write the resource's symbol (`dependsOn: [apim]`), or `resourceId(type, name)` with the type and name of a declared resource",
                                );
                            }
                            dependency.clone()
                        }
                    },
                    other => other.clone(),
                });
            }
            matched.push(out);
        }
        let resources = template.resources.len();
        for (index, list) in matched.into_iter().enumerate() {
            match index.checked_sub(resources) {
                None => template.resources[index].depends_on = list,
                Some(module) => template.modules[module].depends_on = list,
            }
        }
    }
}

/// A `reference(id, ...)` or `list*(id, ...)` of a resource this template
/// deploys, by its id (`resourceId(type, name)`, directly or through a
/// variable), makes the reader wait for it, as a symbol would: ARM adds no
/// dependency for an id, and Bicep none for a function call.
pub(super) fn reference_dependencies(
    template: &mut ir::Template,
    diags: &mut crate::diag::Diagnostics,
) {
    let mut added: Vec<(usize, Vec<(usize, Span)>)> = Vec::new();
    let readers = template
        .resources
        .iter()
        .map(crate::graph::resource_exprs)
        .chain(template.modules.iter().map(crate::graph::module_exprs));
    for (reader, exprs) in readers.enumerate() {
        let mut found: Vec<(usize, Span)> = Vec::new();
        for expr in exprs {
            ir::walk(expr, &mut |e| {
                let ExprKind::Call(call) = &e.kind else {
                    return;
                };
                let name = call.name.to_ascii_lowercase();
                if name != "reference" && !name.starts_with("list") {
                    return;
                }
                let Some(id) = call.args.first() else {
                    return;
                };
                let id = match &id.kind {
                    ExprKind::Var(var) => template
                        .vars
                        .iter()
                        .find(|v| &v.name == var)
                        .map_or(id, |v| &v.value),
                    _ => id,
                };
                if !matches!(&id.kind, ExprKind::Call(c) if c.name == "resourceId") {
                    return;
                }
                let Some(target) = find_named(template, id) else {
                    return;
                };
                if target == reader {
                    // Its own deployed state does not exist while its body is
                    // evaluated (like `apim.properties.x` inside `apim`).
                    diags.error(
                        e.span,
                        format!("this `{}(...)` reads the resource it is written in, which does not exist yet while its own body is evaluated: compute the value from what it is made of", call.name),
                    );
                } else if template.resources.get(target).is_some_and(|r| !r.existing)
                    && !found.iter().any(|(t, _)| *t == target)
                {
                    found.push((target, e.span));
                }
            });
        }
        if !found.is_empty() {
            added.push((reader, found));
        }
    }
    let resources = template.resources.len();
    for (reader, found) in added {
        let list = match reader.checked_sub(resources) {
            None => template
                .resources
                .get_mut(reader)
                .map(|r| &mut r.depends_on),
            Some(module) => template.modules.get_mut(module).map(|m| &mut m.depends_on),
        };
        let Some(list) = list else { continue };
        for (target, span) in found {
            let written = list
                .iter()
                .any(|d| matches!(d, Dependency::Resource(t, _) if *t == target));
            if !written {
                list.push(Dependency::Resource(target, span));
            }
        }
    }
}

/// The resource that `resourceId('Type', name...)` or a literal name designates.
fn find_named(template: &ir::Template, expr: &Expr) -> Option<usize> {
    let (ty, names): (Option<&str>, Vec<&Expr>) = match &expr.kind {
        ExprKind::Call(call) if call.name == "resourceId" => {
            let at = call
                .args
                .iter()
                .position(|a| a.as_str().is_some_and(|s| s.contains('/')))?;
            (call.args[at].as_str(), call.args[at + 1..].iter().collect())
        }
        ExprKind::Str(_) => (None, vec![expr]),
        _ => return None,
    };
    template.resources.iter().position(|r| {
        let type_ok = ty.is_none_or(|ty| ty.eq_ignore_ascii_case(&r.ty));
        let own = name_segments(template, r);
        type_ok && own.len() == names.len() && own.iter().zip(&names).all(|(a, b)| a.same_as(b))
    })
}

/// The name segments of a resource from its root parent down.
fn name_segments<'a>(template: &'a ir::Template, resource: &'a ir::Resource) -> Vec<&'a Expr> {
    let mut segments = vec![&resource.name];
    let mut current = resource;
    let mut depth = 0;
    while let Some((parent, _)) = current.parent {
        let Some(next) = template.resources.get(parent) else {
            break;
        };
        depth += 1;
        if depth > template.resources.len() {
            break;
        }
        segments.insert(0, &next.name);
        current = next;
    }
    segments
}
