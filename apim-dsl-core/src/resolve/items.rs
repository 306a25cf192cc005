//! Declarations: parameters, variables, resources, modules and outputs.

use super::Resolver;
use super::attrs::Seen;
use crate::ast::{self, ForHead};
use crate::codes;
use crate::ir::{self, Dependency, Expr, ExprKind, Loop, ParamType, Prop, Scope};
use crate::parse::ident_name;
use proc_macro2::Span;

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
pub const LINTS: [&str; 5] = [
    "broad_access",
    "pinned_certificate",
    "enum_spelling",
    "unused",
    "useless_unchecked",
];

/// What a resource or module body holds besides its plain keys.
#[derive(Default)]
struct Body {
    name: Option<Expr>,
    parent: Option<(usize, Span)>,
    scope: Option<Scope>,
    depends_on: Vec<Dependency>,
    module_scope: Option<Expr>,
    params: Option<Vec<Prop>>,
    props: Vec<Prop>,
    condition: Option<Expr>,
    /// The resources nested in `resources: [...]`.
    children: Vec<ast::Resource>,
}

/// The resources nested in a resource's body (`resources: [resource ...]`).
/// The ARM name `#[name("...")]` gives a variable, if its first such
/// attribute has one string literal (anything else is reported when the
/// variable is resolved, and the symbol names it).
pub(super) fn given_name(attrs: &ast::Attrs) -> Option<String> {
    let attr = attrs.list.iter().find(|a| a.name == "name")?;
    match attr.args.as_deref() {
        Some([ast::Expr::Str(lit)]) => Some(lit.value()),
        _ => None,
    }
}

pub(super) fn nested(body: &ast::Object) -> impl Iterator<Item = &ast::Resource> {
    body.props
        .iter()
        .filter(|p| p.key.name().as_deref() == Some("resources"))
        .filter_map(|p| match &p.value {
            ast::Expr::Resources(list, _) => Some(list),
            _ => None,
        })
        .flatten()
}

/// The resource a nested one is written in: its index and full type.
pub(super) type Outer = Option<(usize, String)>;

impl Resolver<'_> {
    pub(super) fn param_type(&mut self, ident: &syn::Ident) -> ParamType {
        let name = ident_name(ident);
        if let Some((ty, _)) = ParamType::ALL
            .iter()
            .find(|(_, spelling)| *spelling == name)
        {
            return *ty;
        }
        // Other languages' names for ARM's types: suggested, and taken as meant so
        // that the unknown name is the only error (no "expected a string" where
        // the default is an int).
        let meant = match name.to_ascii_lowercase().as_str() {
            "integer" | "number" | "long" | "i32" | "i64" | "u32" | "u64" | "usize" => {
                Some(ParamType::Int)
            }
            "boolean" => Some(ParamType::Bool),
            "str" | "text" => Some(ParamType::String),
            "list" | "vec" => Some(ParamType::Array),
            "dict" | "map" | "hashmap" => Some(ParamType::Object),
            _ => None,
        };
        let spelling = |ty: ParamType| {
            ParamType::ALL
                .iter()
                .find(|(t, _)| *t == ty)
                .map_or("string", |(_, n)| *n)
        };
        let close = crate::diag::suggest(&name, ParamType::ALL.iter().map(|(_, n)| *n))
            .and_then(|n| ParamType::ALL.iter().find(|(_, m)| *m == n))
            .map(|(t, _)| *t);
        let meant = meant.or(close);
        let hint = match meant {
            Some(ty) => format!(", did you mean `{}`?", spelling(ty)),
            None => String::new(),
        };
        let hint = if hint.is_empty() {
            ", expected `string`, `int`, `bool`, `object`, `array`, `secureString` or `secureObject`".to_string()
        } else {
            hint
        };
        self.diags.error(
            codes::UNKNOWN_TYPE,
            ident.span(),
            format!("unknown type `{name}`{hint}"),
        );
        meant.unwrap_or(ParamType::String)
    }

    /// The declared type of a parameter; for an unknown type name (reported by
    /// [`Self::param_type`]), the type of a literal default, so that the name is
    /// the only error.
    fn declared_param_type(&mut self, p: &ast::Param) -> ParamType {
        let ty = self.param_type(&p.ty);
        let known = ParamType::ALL
            .iter()
            .any(|(_, spelling)| *spelling == ident_name(&p.ty));
        match (&p.default, known) {
            (Some(ast::Expr::Int(..)), false) => ParamType::Int,
            (Some(ast::Expr::Bool(..)), false) => ParamType::Bool,
            (Some(ast::Expr::Str(..)), false) => ParamType::String,
            (Some(ast::Expr::Array(..)), false) => ParamType::Array,
            (Some(ast::Expr::Object(..)), false) => ParamType::Object,
            _ => ty,
        }
    }

    pub(super) fn param(&mut self, p: &ast::Param) -> ir::Param {
        let mut ty = self.declared_param_type(p);
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
                            self.diags.error(codes::PARAMETER_CONSTRAINT,
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
        self.described_once(param.description.as_ref(), &param.metadata);
        param
    }

    /// The doc comment of a resource or parameter is its `metadata.description`
    /// (as Bicep's `@description` writes it): `#[metadata]` may not say it
    /// again. Bicep would write both and keep `@description`'s, which it
    /// applies last (`TemplateWriter`), where the ARM JSON would keep one.
    fn described_once(&mut self, description: Option<&String>, entries: &[Prop]) {
        if description.is_none() {
            return;
        }
        if let Some(prop) = entries
            .iter()
            .find(|p| p.key.as_lit() == Some("description"))
        {
            self.diags.error(
                codes::ATTRIBUTE_ARGUMENTS,
                prop.key_span,
                "the description is given twice: keep the doc comment or `description` in `#[metadata]`",
            );
        }
    }

    fn allowed_values(&mut self, attr: &ast::Attr) -> Option<(Vec<Expr>, Span)> {
        let Some(args) = attr.args.as_deref().filter(|args| !args.is_empty()) else {
            self.diags.error(codes::ALLOWED_VALUES,
                attr.name.span(),
                "`#[allowed]` needs the allowed values, e.g. `#[allowed(\"Developer\", \"Premium\")]`",
            );
            return None;
        };
        let values: Vec<Expr> = args.iter().map(|a| self.expr(a)).collect();
        // ARM takes an expression among a parameter's allowed values (the
        // quickstart Logic Apps list `[resourceGroup().location]` beside the
        // regions, and deploy); Bicep's `@allowed` takes only compile-time
        // constants (BCP032), so the macro, which writes Bicep too, cannot:
        // `check` warns (`--strict`: an error).
        // Only one ARM can evaluate there: the parameters section reads no
        // variable, resource (`reference`, `list*`), loop (`copyIndex`), nor
        // `utcNow`/`newGuid` outside a default
        // ("Parameters in ARM templates": a parameter's properties take
        // literals and the template functions that need no deployed state).
        for value in values.iter().filter(|v| !v.is_literal()) {
            let mut deployable = true;
            crate::ir::walk(value, &mut |e| {
                deployable &= match &e.kind {
                    ExprKind::Var(_)
                    | ExprKind::Resource(_)
                    | ExprKind::Module(_)
                    | ExprKind::LoopItem(_)
                    | ExprKind::LoopIndex(_) => false,
                    ExprKind::Call(call) => {
                        let name = call.name.as_str();
                        // `utcNow` and `newGuid` only in a default value
                        // (template-functions-date#utcnow, -string#newguid).
                        !(["reference", "references", "copyIndex", "utcNow", "newGuid"]
                            .iter()
                            .any(|f| name.eq_ignore_ascii_case(f))
                            || crate::graph::CallKind::of(name) == crate::graph::CallKind::List)
                    }
                    _ => true,
                };
            });
            let leniency = deployable.then_some(crate::diag::Leniency::NoBicep);
            match leniency {
                Some(leniency) => self.diags.lenient_error(
                    codes::ALLOWED_VALUES,
                    value.span,
                    "allowed values must be literals",
                    leniency,
                ),
                None => self.diags.error(
                    codes::ALLOWED_VALUES,
                    value.span,
                    "allowed values must be literals, and ARM cannot evaluate this one among a parameter's: it reads a variable, a resource or a loop",
                ),
            }
        }
        Some((values, attr.name.span()))
    }

    pub(super) fn var(&mut self, v: &ast::Var, index: usize) -> ir::Var {
        let mut seen = Seen::new("variable", &["allow", "description", "name"], &v.attrs);
        let (mut allow_unused, mut description, mut given) = (false, None, None);
        for (attr, name) in seen.each(self) {
            match name.as_str() {
                "allow" => allow_unused = !self.attr_allow(attr, &["unused"]).is_empty(),
                "name" => given = self.attr_str(attr),
                _ => description = Some(attr),
            }
        }
        let symbol = ident_name(&v.name);
        let name_span = match &given {
            Some((arm, span)) => {
                self.given_name_rules(arm, &symbol, *span);
                *span
            }
            None => v.name.span(),
        };
        // The name `declare` read (the same literal), so that reads, resolved
        // before or after this declaration, agree with it.
        let name = self
            .var_names
            .get(index)
            .map_or_else(|| symbol.clone(), |(arm, _)| arm.clone());
        ir::Var {
            name,
            symbol,
            span: v.name.span(),
            name_span,
            value: self.expr(&v.value),
            description: self.description(&v.attrs, description),
            allow_unused,
        }
    }

    /// ARM's rules for the name `#[name("...")]` gives a variable. The
    /// `variables` section takes any JSON key ("Variables in ARM templates"
    /// names no rule), but `copy` there is the array of variable loops
    /// ("Variable iteration in ARM templates"), and `variables('')` names
    /// nothing. A name equal to the symbol changes nothing: an error, so that a
    /// mistyped name (meant to differ) does not pass unseen; the import never
    /// writes one.
    fn given_name_rules(&mut self, arm: &str, symbol: &str, span: Span) {
        if arm.is_empty() {
            self.diags.error(
                codes::RESERVED_NAME,
                span,
                "a variable's ARM name cannot be empty: give `#[name]` the name ARM should read, or remove it",
            );
        } else if arm.eq_ignore_ascii_case("copy") {
            self.diags.error(
                codes::RESERVED_NAME,
                span,
                "a variable cannot be named `copy` in ARM: ARM reads `variables.copy` as the variable loops; give another name",
            );
        } else if arm == symbol {
            self.diags.error(
                codes::ATTRIBUTE_ARGUMENTS,
                span,
                format!("`#[name(\"{symbol}\")]` repeats the variable's symbol, which is its ARM name without the attribute: remove the attribute, or give the ARM name that differs"),
            );
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

    /// A resource and, after it, the resources nested in it, each with an
    /// entry in the declaration order.
    ///
    /// `inherited` is the loop of the looped resource this one is nested in
    /// (at any depth): ARM deploys the resources nested in a resource with a
    /// `copy` once for each of its copies, `copyIndex()` in them counting that
    /// loop (Bicep's decompiler gives each nested resource its parent's
    /// `copy` in the same way). Such a resource gets that loop as its own,
    /// its variables in scope in its body, and the ARM output writes no
    /// `copy` on it, as the template had none.
    pub(super) fn resource_tree(
        &mut self,
        r: &ast::Resource,
        outer: Outer,
        inherited: Option<&Loop>,
        out: &mut ir::Template,
    ) {
        let depth = self.locals.len();
        if let Some(head) = inherited {
            self.locals
                .push((head.item.clone(), super::Local::Item(head.id)));
            if let Some(index) = &head.index {
                self.locals
                    .push((index.clone(), super::Local::Index(head.id)));
            }
        }
        let (mut resource, children) = self.resource(r, outer);
        self.locals.truncate(depth);
        if resource.copy.is_none() {
            resource.copy = inherited.cloned().map(Box::new);
        }
        let index = out.resources.len();
        let ty = resource.ty.clone();
        let head = resource.copy.clone();
        out.resources.push(resource);
        out.order.push(ir::ItemRef::Resource(index));
        for child in &children {
            self.resource_tree(child, Some((index, ty.clone())), head.as_deref(), out);
        }
    }

    /// The type of a nested resource, as ARM reads it: the full type, the API
    /// version, and the type as written when it is relative to the parent.
    ///
    /// ARM takes a nested resource's type relative to its parent's unless it
    /// is fully qualified (its first segment a namespace, `Microsoft.X`):
    /// `"apis@v"` is `{parent type}/apis`, and a relative type of several
    /// segments (`"blobServices/containers@v"` in a storage account, or the
    /// legacy extension form `"providers/links@v"`) is the parent's type and
    /// all of them, named by as many segments (`default/container1`,
    /// `Microsoft.Resources/SiteToHub`). "Set name and type for child
    /// resources" describes the one-segment form and the full type
    /// (<https://learn.microsoft.com/azure/azure-resource-manager/templates/child-resource-name-type>);
    /// Bicep's decompiler reads a nested type in the same way, a type that
    /// does not start with a namespace being the parent's type and it, its
    /// name the parent's and it. A fully qualified type (of any provider:
    /// `Microsoft.OperationsManagement/solutions` in a Log Analytics
    /// workspace, the legacy `Microsoft.Cache/redis/providers/diagnosticSettings`
    /// in a cache) is the resource it names, with its full name, as at the top
    /// level: the Azure quickstart templates deploy both.
    fn nested_type(
        &mut self,
        lit: &syn::LitStr,
        outer_ty: &str,
    ) -> (String, String, Option<String>) {
        let text = crate::parse::lit_value(lit);
        let (written, version) = text.split_once('@').unwrap_or((text.as_str(), ""));
        let relative = !written.is_empty()
            && !version.is_empty()
            && !version.contains('@')
            && !written.split('/').next().unwrap_or("").contains('.');
        if relative {
            let malformed = written
                .split('/')
                .any(|s| s.is_empty() || s.contains(char::is_whitespace));
            if malformed {
                self.diags.error(
                    codes::BODY_SHAPE,
                    lit.span(),
                    format!(
                        "`{written}` is not a relative resource type: write its segments under `{outer_ty}` separated by single `/` (`\"<child>@{version}\"`, `\"<child>/<grandchild>@{version}\"`), or the full type"
                    ),
                );
            }
            // An empty version tells the checks the type did not parse.
            return (
                format!("{outer_ty}/{written}"),
                if malformed {
                    String::new()
                } else {
                    version.to_string()
                },
                Some(written.to_string()),
            );
        }
        let (ty, version) = self.split_type(lit);
        (ty, version, None)
    }

    fn resource(&mut self, r: &ast::Resource, outer: Outer) -> (ir::Resource, Vec<ast::Resource>) {
        let (ty, api_version, written_type) = match &outer {
            Some((_, outer_ty)) => self.nested_type(&r.type_lit, outer_ty),
            None => {
                let (ty, version) = self.split_type(&r.type_lit);
                (ty, version, None)
            }
        };
        let mut seen = Seen::new(
            "resource",
            &[
                "unchecked",
                "batchSize",
                "description",
                "allow",
                "accept",
                "access",
                "metadata",
            ],
            &r.attrs,
        );
        let (mut allow, mut access) = (Vec::new(), None);
        let (mut accept, mut metadata) = (Vec::new(), None);
        let (mut unchecked, mut batch_size, mut description) = (false, None, None);
        for (attr, name) in seen.each(self) {
            match name.as_str() {
                "unchecked" => unchecked = self.attr_flag(attr),
                "metadata" => metadata = self.resource_metadata(attr, r),
                "allow" => allow = self.attr_allow(attr, &LINTS),
                "accept" => accept = self.attr_paths(attr),
                "access" => access = self.attr_access(attr, &r.type_lit.value()),
                "batchSize" => batch_size = self.batch_size(attr, r.for_loop.is_some(), "resource"),
                _ => description = Some(attr),
            }
        }
        let (copy, mut body) = self.maybe_loop(r.for_loop.as_deref(), |this| {
            let mut body = this.body(&r.body, false);
            body.condition = r.condition.as_ref().map(|c| this.expr(c));
            body
        });
        if let Some((outer, _)) = &outer {
            if let (Some(head), true) = (&r.for_loop, copy.is_some()) {
                self.diags.error(codes::BODY_SHAPE,
                    head.kw,
                    "ARM has no loops in nested resources: declare the looped child at the top level with `parent:`",
                );
            }
            if let Some((_, span)) = body.parent {
                self.diags.error(
                    codes::BODY_SHAPE,
                    span,
                    "a nested resource's parent is the resource it is written in: remove `parent`",
                );
            }
            // A short type names the child relative to its parent, as `parent:`
            // does; a full type takes the full name.
            body.parent = written_type.as_ref().map(|_| (*outer, r.symbol.span()));
        }
        let name = body.name.unwrap_or_else(|| {
            self.diags.error(
                codes::MISSING_PROPERTY,
                r.symbol.span(),
                format!(
                    "resource `{}` has no `name`: add `name: ...` to its body",
                    ident_name(&r.symbol)
                ),
            );
            Expr::new(ExprKind::Invalid, r.symbol.span())
        });
        let description = self.description(&r.attrs, description);
        if let Some(entries) = &metadata {
            self.described_once(description.as_ref(), entries);
        }
        let resource = ir::Resource {
            symbol: ident_name(&r.symbol),
            span: r.symbol.span(),
            ty,
            api_version,
            type_span: r.type_lit.span(),
            existing: r.existing.is_some(),
            name,
            parent: body.parent,
            scope: body.scope,
            scope_text: None,
            condition: body.condition.map(Box::new),
            copy: copy.map(Box::new),
            batch_size,
            body: body.props,
            depends_on: body.depends_on,
            description,
            metadata,
            unchecked,
            allow,
            accept,
            access,
            nested_in: outer.map(|(index, _)| index),
            written_type,
        };
        (resource, body.children)
    }

    /// `#[metadata({...})]` on a resource: its `metadata` member, which ARM
    /// keeps with the resource (Bicep: the body's `metadata`), of literal
    /// values (a computed one is a body key kept with `#[accept]`). An
    /// `existing` resource is not
    /// deployed, and a body key `metadata` would be a second one.
    fn resource_metadata(&mut self, attr: &ast::Attr, r: &ast::Resource) -> Option<Vec<Prop>> {
        let metadata = self.attr_object(attr)?;
        if r.existing.is_some() {
            self.diags.error(
                codes::ATTRIBUTE_ARGUMENTS,
                attr.name.span(),
                "an `existing` resource is not deployed, so it has no metadata: remove `#[metadata]`",
            );
        }
        for prop in &metadata {
            if !matches!(prop.key, ir::Key::Lit(_)) {
                self.diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
                    prop.key_span,
                    "a resource's `#[metadata]` has literal keys (a computed `metadata` is a body key kept with `#[accept(\"metadata\")]`)",
                );
            } else if !prop.value.is_literal() && !super::depends::has_invalid(&prop.value) {
                // (A part with an error of its own, an unknown name, is
                // reported once, there.)
                self.diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
                    prop.value.span,
                    "a resource's `#[metadata]` holds literal values only: strings, numbers, `true`, `false`, `null`, and arrays and objects of them (a computed `metadata` is a body key kept with `#[accept(\"metadata\")]`)",
                );
            }
        }
        let body_key = r.body.props.iter().find_map(|p| match &p.key {
            ast::Key::Ident(k) if k == "metadata" => Some(k.span()),
            ast::Key::Str(k) if crate::parse::lit_value(k) == "metadata" => Some(k.span()),
            _ => None,
        });
        if let Some(span) = body_key {
            self.diags.error(
                codes::ATTRIBUTE_ARGUMENTS,
                span,
                "the resource's `metadata` is given by `#[metadata]` already: remove this key",
            );
        }
        Some(metadata)
    }

    pub(super) fn module(&mut self, m: &ast::Module) -> ir::Module {
        let mut seen = Seen::new(
            "module",
            &["description", "batchSize", "apiVersion"],
            &m.attrs,
        );
        let (mut attr, mut batch_size, mut api_version) = (None, None, None);
        for (found, name) in seen.each(self) {
            match name.as_str() {
                "batchSize" => batch_size = self.batch_size(found, m.for_loop.is_some(), "module"),
                "apiVersion" => api_version = self.attr_str(found),
                _ => attr = Some(found),
            }
        }
        let (copy, body) = self.maybe_loop(m.for_loop.as_deref(), |this| {
            let mut body = this.body(&m.body, true);
            body.condition = m.condition.as_ref().map(|c| this.expr(c));
            body
        });
        let symbol = ident_name(&m.symbol);
        let template_name = ident_name(&m.template.last);
        let span = m.symbol.span();
        // Without a `name`, a deployment is named after its symbol; each copy of a
        // loop after the symbol and its index (`format('m-{0}', i)`).
        let default_name = match (&copy, crate::functions::lookup("format")) {
            (Some(head), Some(format)) => Expr::new(
                ExprKind::Call(Box::new(ir::Call {
                    function: format.function,
                    name: format.spelling.to_string(),
                    args: vec![
                        Expr::str(format!("{symbol}-{{0}}"), span),
                        Expr::new(ExprKind::LoopIndex(head.id), span),
                    ],
                    user: None,
                })),
                span,
            ),
            _ => Expr::str(symbol.clone(), span),
        };
        ir::Module {
            name: body.name.unwrap_or(default_name),
            symbol,
            span: m.symbol.span(),
            template: m.template.tokens.clone(),
            template_name,
            params: body.params.unwrap_or_default(),
            condition: body.condition.map(Box::new),
            copy: copy.map(Box::new),
            batch_size,
            depends_on: body.depends_on,
            description: self.description(&m.attrs, attr),
            scope: body.module_scope.and_then(|scope| self.module_scope(scope)),
            api_version,
        }
    }

    /// `resourceGroup("rg")`, `resourceGroup("sub", "rg")`, `subscription()`,
    /// `subscription("id")`, `managementGroup("id")` or `tenant()`.
    fn module_scope(&mut self, expr: Expr) -> Option<ir::ModuleScope> {
        let ExprKind::Call(call) = &expr.kind else {
            self.module_scope_error(expr.span);
            return None;
        };
        let mut args = call.args.clone().into_iter();
        let scope = match (call.name.as_str(), call.args.len()) {
            ("resourceGroup", 1) => ir::ModuleScope::ResourceGroup(None, args.next()?),
            ("resourceGroup", 2) => {
                let sub = args.next()?;
                ir::ModuleScope::ResourceGroup(Some(sub), args.next()?)
            }
            ("subscription", 0) => ir::ModuleScope::Subscription(None),
            ("subscription", 1) => ir::ModuleScope::Subscription(args.next()),
            ("managementGroup", 1) => ir::ModuleScope::ManagementGroup(args.next()?),
            ("tenant", 0) => ir::ModuleScope::Tenant,
            _ => {
                self.module_scope_error(expr.span);
                return None;
            }
        };
        Some(scope)
    }

    fn module_scope_error(&mut self, span: Span) {
        self.diags.error(codes::INVALID_MODULE,
            span,
            "a module's `scope` is `resourceGroup(\"rg\")`, `resourceGroup(\"subscriptionId\", \"rg\")`, `subscription()`, `subscription(\"id\")`, `managementGroup(\"id\")` or `tenant()`",
        );
    }

    /// `#[batchSize(n)]`: at least 1, on a declaration with a loop.
    fn batch_size(&mut self, attr: &ast::Attr, looped: bool, what: &str) -> Option<ir::Bound> {
        let bound = self.attr_int(attr)?;
        if !looped {
            self.diags.error(
                codes::UNKNOWN_ATTRIBUTE,
                attr.name.span(),
                format!("`#[batchSize]` applies to a {what} declared with a loop (`for x in ...`)"),
            );
        } else if bound.value < 1 {
            self.diags.error(
                codes::ATTRIBUTE_ARGUMENTS,
                bound.span,
                "a batch holds at least 1 copy",
            );
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
        let text = crate::parse::lit_value(lit);
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
                self.diags.error(codes::UNKNOWN_RESOURCE_TYPE,
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
        let kept;
        // ARM's empty `resources: []` nests nothing: dropped, as ARM reads it.
        let empty_nested = |p: &ast::Prop| {
            p.key.name().as_deref() == Some("resources")
                && matches!(&p.value, ast::Expr::Array(items, _) if items.is_empty())
        };
        let object = if nested(object).next().is_some() || object.props.iter().any(empty_nested) {
            let mut copy = object.clone();
            let mut in_module = None;
            copy.props.retain(|p| match &p.value {
                ast::Expr::Resources(list, _) if p.key.name().as_deref() == Some("resources") => {
                    if module {
                        in_module = Some(p.key.span());
                    } else {
                        body.children.extend(list.iter().cloned());
                    }
                    false
                }
                _ => !empty_nested(p),
            });
            if let Some(span) = in_module {
                self.diags.error(
                    codes::INVALID_MODULE,
                    span,
                    "a module deploys another template: declare these resources in that template",
                );
            }
            kept = copy;
            &kept
        } else {
            object
        };
        let props = self.object(object);
        for prop in props {
            let Some(key) = prop.key.as_lit().map(str::to_string) else {
                self.diags.error(
                    codes::BODY_SHAPE,
                    prop.key_span,
                    "the top-level keys of a body must be literal names",
                );
                continue;
            };
            match key.as_str() {
                "name" => body.name = Some(prop.value),
                "dependsOn" => body.depends_on = self.depends_on(prop.value),
                "scope" if module => body.module_scope = Some(prop.value),
                "params" if module => match prop.value.kind {
                    ExprKind::Object(params) => body.params = Some(params),
                    _ => self.diags.error(codes::INVALID_MODULE,
                        prop.value.span,
                        "`params` takes an object of parameter values: `params: { name: value }`",
                    ),
                },
                _ if module => self.diags.error(codes::INVALID_MODULE,
                    prop.key_span,
                    format!("unknown module key `{key}`, expected `name`, `params`, `scope` or `dependsOn`"),
                ),
                "parent" => match prop.value.kind {
                    ExprKind::Resource(index) => body.parent = Some((index, prop.value.span)),
                    _ => self.diags.error(codes::BODY_SHAPE,
                        prop.value.span,
                        "`parent` takes the symbol of a resource declared in this template",
                    ),
                },
                "scope" => {
                    body.scope = Some(match prop.value.kind {
                        ExprKind::Resource(index) => Scope::Resource(index, prop.value.span),
                        _ => Scope::Expr(Box::new(prop.value)),
                    })
                }
                _ => match RESERVED_KEYS.iter().find(|(k, _)| *k == key) {
                    Some((_, message)) => self.diags.error(codes::BODY_SHAPE, prop.key_span, message),
                    None => body.props.push(prop),
                },
            }
        }
        body
    }

    fn depends_on(&mut self, value: Expr) -> Vec<Dependency> {
        let ExprKind::Array(items) = value.kind else {
            self.diags.error(
                codes::INVALID_DEPENDENCY,
                value.span,
                "`dependsOn` takes an array of resources: `dependsOn: [apim]`",
            );
            return Vec::new();
        };
        items
            .into_iter()
            .filter_map(|item| match item.kind {
                ExprKind::Resource(index) => Some(Dependency::Resource(index, item.span)),
                ExprKind::Module(index) => Some(Dependency::Module(index, item.span)),
                // One copy of a looped resource (`ids[0]`): ARM gets that
                // copy's id, Bicep `ids[0]`.
                ExprKind::Index(base, index) if matches!(base.kind, ExprKind::Resource(_)) => {
                    let ExprKind::Resource(resource) = base.kind else {
                        return None;
                    };
                    Some(Dependency::Copy {
                        resource,
                        index: Some(index),
                        written: None,
                        span: item.span,
                    })
                }
                // One copy of a module loop: its deployment's name is the
                // module's own business, so the DSL waits for the loop.
                ExprKind::Index(ref base, _) if matches!(base.kind, ExprKind::Module(_)) => {
                    let ExprKind::Module(module) = base.kind else {
                        return None;
                    };
                    let wanted = super::Symbol::Module(module);
                    let symbol = self
                        .symbols
                        .iter()
                        .find(|(_, s)| **s == wanted)
                        .map_or_else(|| "the loop".to_string(), |(name, _)| name.clone());
                    self.diags.error(
                        codes::INVALID_DEPENDENCY,
                        item.span,
                        format!("this `dependsOn` entry names one copy of the module loop `{symbol}`, which the DSL cannot wait for alone: wait for the whole loop, `dependsOn: [{symbol}]`"),
                    );
                    None
                }
                _ => Some(Dependency::Unmatched(item)),
            })
            .collect()
    }
}
