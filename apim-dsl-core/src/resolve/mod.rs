//! [`crate::ast::Template`] to [`crate::ir::Template`]: declarations collected, names resolved
//! (unknown, duplicate and unused ones reported), attributes read.

mod attrs;
pub(crate) mod depends;
mod expr;
mod func;
mod grant;
pub use grant::ROLE_ASSIGNMENTS_API_VERSION;
mod items;
mod load;

use crate::ast::{self, Item};
use crate::codes;
use crate::diag::Diagnostics;
use crate::ir::{self, ItemRef};
use crate::parse::ident_name;
use foldhash::{HashMap, HashMapExt};
use proc_macro2::Span;

/// `#[targetScope("...")]`: Bicep's `targetScope` names and the `$schema` of
/// each (learn.microsoft.com/azure/azure-resource-manager/templates/syntax).
pub const TARGET_SCOPES: [(&str, &str); 4] = [
    ("resourceGroup", DEFAULT_SCHEMA),
    (
        "subscription",
        "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
    ),
    (
        "managementGroup",
        "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
    ),
    (
        "tenant",
        "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#",
    ),
];

/// The `$schema` of target scope `scope` (a name of [`TARGET_SCOPES`]).
pub fn target_scope_schema(scope: &str) -> &'static str {
    TARGET_SCOPES
        .iter()
        .find(|(name, _)| *name == scope)
        .map_or(DEFAULT_SCHEMA, |(_, schema)| schema)
}

/// The Bicep `targetScope` of a `$schema` (`resourceGroup` unless it names
/// another scope's template).
pub fn target_scope_of(schema: &str) -> &'static str {
    crate::eval::TargetScope::from_schema(schema).name()
}

/// The `$schema` of a resource-group deployment template.
pub const DEFAULT_SCHEMA: &str =
    "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
/// The default `contentVersion`.
pub const DEFAULT_CONTENT_VERSION: &str = "1.0.0.0";

/// The sections `#[emptySections(...)]` names: written even when the template
/// declares nothing in them.
pub const EMPTY_SECTIONS: [&str; 4] = ["functions", "parameters", "variables", "outputs"];

/// Names Bicep cannot declare (Rust already rules out `true` and `false`).
const RESERVED: [&str; 3] = ["null", "az", "sys"];

/// A top-level name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Symbol {
    /// `params[i]`
    Param(usize),
    /// `vars[i]`
    Var(usize),
    /// `resources[i]`
    Resource(usize),
    /// `modules[i]`
    Module(usize),
    /// `functions[i]`
    Func(usize),
}

impl Symbol {
    /// "parameter", "variable", ...
    pub fn describe(self) -> &'static str {
        match self {
            Symbol::Param(_) => "parameter",
            Symbol::Var(_) => "variable",
            Symbol::Resource(_) => "resource",
            Symbol::Module(_) => "module",
            Symbol::Func(_) => "function",
        }
    }
}

/// A name bound inside an expression.
#[derive(Debug, Clone, Copy)]
enum Local {
    Item(usize),
    Index(usize),
    Lambda,
    /// A parameter of the function whose body is being resolved.
    FuncParam,
}

/// What a call of a user-defined function needs before its body is resolved.
struct Signature {
    name: String,
    namespace: String,
    arity: usize,
}

/// Name resolution state for one template.
pub struct Resolver<'d> {
    diags: &'d mut Diagnostics,
    symbols: HashMap<String, Symbol>,
    /// Each variable's ARM name and symbol, by index (`#[name("...")]` gives
    /// the ARM name another spelling).
    var_names: Vec<(String, String)>,
    /// Top-level names in declaration order, for suggestions.
    order: Vec<String>,
    locals: Vec<(String, Local)>,
    uses: HashMap<String, usize>,
    next_loop: usize,
    /// Names that did not resolve: an "unused" report would then only repeat them.
    unresolved: usize,
    /// `parameters(x)` and `variables(x)` with a computed name, seen: they may
    /// read any parameter or variable, so none of that kind is unused.
    computed_reads: (bool, bool),
    /// The user-defined functions, by index.
    funcs: Vec<Signature>,
    /// The function whose body is being resolved.
    in_func: Option<usize>,
    /// The files read by `loadTextContent` and the like (absolute paths).
    files: Vec<String>,
}

/// How many declarations of each kind a template has, nested resources included.
struct Counts {
    params: usize,
    vars: usize,
    resources: usize,
    modules: usize,
}

/// Resolves a parsed template. Errors go to `diags`; the result is complete enough
/// for later checks to run (broken expressions become [`ir::ExprKind::Invalid`]).
///
/// Takes the syntax tree by value: each declaration is dropped as soon as it is
/// resolved, while its memory is still in cache, and the resolved template's
/// allocations can reuse it (a large template's syntax tree no longer has to be
/// read back from memory to be freed).
pub fn resolve(template: ast::Template, diags: &mut Diagnostics) -> ir::Template {
    let mut resolver = Resolver {
        diags,
        symbols: HashMap::new(),
        var_names: Vec::new(),
        order: Vec::new(),
        locals: Vec::new(),
        uses: HashMap::new(),
        next_loop: 0,
        unresolved: 0,
        computed_reads: (false, false),
        funcs: Vec::new(),
        in_func: None,
        files: Vec::new(),
    };
    let counts = resolver.declare(&template.items, &template.header.attrs);
    resolver.template(template, counts)
}

impl Resolver<'_> {
    fn lookup(&self, name: &str) -> Option<Symbol> {
        self.symbols.get(name).copied()
    }

    fn mark_used(&mut self, name: &str) {
        *self.uses.entry(name.to_string()).or_default() += 1;
    }

    /// Collects every top-level name first, so that declarations may refer to ones
    /// further down. A repeated name is reported at its second declaration.
    /// Returns how many declarations of each kind there are.
    fn declare(&mut self, items: &[Item], header: &ast::Attrs) -> Counts {
        let (mut params, mut vars, mut resources, mut modules) = (0, 0, 0, 0);
        let default_namespace =
            func::namespace_of(header).unwrap_or_else(|| func::DEFAULT_NAMESPACE.to_string());
        let mut outputs: HashMap<String, ()> = HashMap::new();
        for item in items {
            let (ident, symbol) = match item {
                Item::Param(p) => (&p.name, Symbol::Param(post_inc(&mut params))),
                Item::Var(v) => {
                    let symbol = ident_name(&v.name);
                    let given = items::given_name(&v.attrs);
                    let renamed = given.is_some();
                    self.var_names
                        .push((given.unwrap_or_else(|| symbol.clone()), symbol));
                    let symbol = Symbol::Var(post_inc(&mut vars));
                    // `copy` is ARM's loop key only as an ARM name.
                    self.declare_name(&v.name, symbol, !renamed);
                    continue;
                }
                Item::Resource(r) => {
                    self.declare_resource(r, &mut resources);
                    continue;
                }
                Item::Grant(g) => (&g.symbol, Symbol::Resource(post_inc(&mut resources))),
                Item::Module(m) => (&m.symbol, Symbol::Module(post_inc(&mut modules))),
                Item::Func(f) => {
                    let name = ident_name(&f.name);
                    let namespace =
                        func::namespace_of(&f.attrs).unwrap_or_else(|| default_namespace.clone());
                    // ARM calls a member as `namespace.name(...)`: members of
                    // different namespaces may share a name (the first holds
                    // it among the declarations); members of one may not. ARM
                    // reads namespaces ignoring case: `ns` and `NS` are one.
                    let same_namespace = self
                        .funcs
                        .iter()
                        .find(|s| s.name == name && s.namespace.eq_ignore_ascii_case(&namespace))
                        .map(|s| s.namespace.clone());
                    let other_namespace = matches!(self.lookup(&name), Some(Symbol::Func(_)))
                        && same_namespace.is_none();
                    let respelled = same_namespace.filter(|first| *first != namespace);
                    if let Some(first) = &respelled {
                        self.diags.error(codes::DUPLICATE_NAME,
                            f.name.span(),
                            format!("duplicate function `{name}`: namespace `{first}` declares one above, and ARM reads namespace names ignoring case, so `{first}` and `{namespace}` are one namespace; rename the function or its namespace"),
                        );
                    }
                    self.funcs.push(Signature {
                        name,
                        namespace,
                        arity: f.params.len(),
                    });
                    if other_namespace || respelled.is_some() {
                        continue;
                    }
                    (&f.name, Symbol::Func(self.funcs.len() - 1))
                }
                Item::Output(o) => {
                    if outputs.insert(ident_name(&o.name), ()).is_some() {
                        self.diags.error(
                            codes::DUPLICATE_NAME,
                            o.name.span(),
                            format!(
                                "duplicate output `{}`: an output with this name is declared above",
                                ident_name(&o.name)
                            ),
                        );
                    }
                    continue;
                }
            };
            self.declare_name(ident, symbol, matches!(item, Item::Var(_)));
        }
        Counts {
            params,
            vars,
            resources,
            modules,
        }
    }

    /// A resource and the resources nested in it, parents first (the order
    /// [`Resolver::resource_tree`] gives them their indices in).
    fn declare_resource(&mut self, r: &ast::Resource, resources: &mut usize) {
        self.declare_name(&r.symbol, Symbol::Resource(post_inc(resources)), false);
        for child in items::nested(&r.body) {
            self.declare_resource(child, resources);
        }
    }

    fn declare_name(&mut self, ident: &syn::Ident, symbol: Symbol, is_var: bool) {
        let name = ident_name(ident);
        self.reserved_text(&name, ident.span());
        if name.eq_ignore_ascii_case("copy") && is_var {
            self.diags.error(codes::RESERVED_NAME,
                ident.span(),
                "a variable cannot be called `copy`, in any case: ARM reads `variables.copy` as the variable loops, and names ignoring case; rename it, or give it another ARM name with `#[name(\"...\")]`",
            );
        } else if RESERVED.contains(&name.as_str()) {
            self.diags.error(codes::RESERVED_NAME,
                ident.span(),
                format!("`{name}` cannot name a declaration: Bicep reserves it (`null` is a value, `az` and `sys` are namespaces); rename it"),
            );
        } else if !name.is_ascii() {
            self.diags.error(codes::RESERVED_NAME,
                ident.span(),
                format!("`{name}` cannot name a declaration: Bicep names are ASCII letters, digits and `_`; rename it"),
            );
        }
        match self.symbols.get(&name) {
            Some(first) => self.diags.error(codes::DUPLICATE_NAME,
                ident.span(),
                format!(
                    "duplicate name `{name}`: a {} with this name is declared above; rename one of them",
                    first.describe()
                ),
            ),
            None => {
                self.symbols.insert(name.clone(), symbol);
                self.order.push(name);
            }
        }
    }

    /// A module whose template is the template being declared (`NAME` or
    /// `self::NAME`) would nest it in itself without end; rustc would only
    /// report a cycle in the expansion's constants.
    fn nests_itself(&mut self, m: &ast::Module, own: &str) {
        let segments: Vec<String> = m
            .template
            .tokens
            .clone()
            .into_iter()
            .filter_map(|token| match token {
                proc_macro2::TokenTree::Ident(ident) => Some(ident_name(&ident)),
                _ => None,
            })
            .collect();
        let itself = match segments.as_slice() {
            [name] => name == own,
            [first, name] => first == "self" && name == own,
            _ => false,
        };
        if itself {
            self.diags.error(
                codes::INVALID_MODULE,
                m.template.last.span(),
                format!(
                    "module `{}` deploys `{own}`, the template being declared: a template cannot nest itself",
                    ident_name(&m.symbol)
                ),
            );
        }
    }

    /// `#[emptySections("parameters", ...)]`: the ARM sections written even
    /// when empty, each one of [`EMPTY_SECTIONS`].
    fn empty_sections(&mut self, attr: &ast::Attr) -> Vec<&'static str> {
        let listed: Vec<String> = EMPTY_SECTIONS.iter().map(|s| format!("\"{s}\"")).collect();
        let Some(args) = attr.args.as_ref().filter(|args| !args.is_empty()) else {
            self.diags.error(
                codes::ATTRIBUTE_ARGUMENTS,
                attr.name.span(),
                format!(
                    "`#[emptySections]` names the sections to write even when empty: {}",
                    listed.join(", ")
                ),
            );
            return Vec::new();
        };
        let mut sections = Vec::new();
        for arg in args {
            let known = match arg {
                ast::Expr::Str(lit) => EMPTY_SECTIONS.iter().find(|s| **s == lit.value()),
                _ => None,
            };
            match known {
                Some(section) if !sections.contains(section) => sections.push(*section),
                Some(section) => self.diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
                    arg.span(),
                    format!("the section \"{section}\" is named twice"),
                ),
                None => self.diags.error(
                    codes::ATTRIBUTE_ARGUMENTS,
                    arg.span(),
                    format!(
                        "`#[emptySections]` takes the names of ARM sections as strings: {}",
                        listed.join(", ")
                    ),
                ),
            }
        }
        sections
    }

    fn template(&mut self, template: ast::Template, counts: Counts) -> ir::Template {
        let ast::Template { header, items } = template;
        let header = &header;
        let mut out = ir::Template {
            name: ident_name(&header.name),
            schema: DEFAULT_SCHEMA.to_string(),
            content_version: DEFAULT_CONTENT_VERSION.to_string(),
            description: None,
            metadata: Vec::new(),
            // Sized up front: grown by doubling, a large template's resources
            // were copied and their memory reserved about twice over.
            params: Vec::with_capacity(counts.params),
            vars: Vec::with_capacity(counts.vars),
            resources: Vec::with_capacity(counts.resources),
            modules: Vec::with_capacity(counts.modules),
            outputs: Vec::new(),
            functions: Vec::new(),
            order: Vec::with_capacity(items.len()),
            files: Vec::new(),
            empty_sections: Vec::new(),
        };
        let mut seen = attrs::Seen::new(
            "template",
            &[
                "schema",
                "targetScope",
                "contentVersion",
                "metadata",
                "description",
                "namespace",
                "emptySections",
                "allow",
                "warn",
                "deny",
            ],
            &header.attrs,
        );
        let mut description = None;
        let mut schema_given: Option<(String, Span)> = None;
        let mut scope_given: Option<(&'static str, Span)> = None;
        for (attr, name) in seen.each(self) {
            match name.as_str() {
                "schema" => {
                    if let Some((text, span)) = self.attr_str(attr) {
                        out.schema = text.clone();
                        schema_given = Some((text, span));
                    }
                }
                "targetScope" => {
                    if let Some((text, span)) = self.attr_str(attr) {
                        match TARGET_SCOPES.iter().find(|(name, _)| *name == text) {
                            Some((name, schema)) => {
                                out.schema = schema.to_string();
                                scope_given = Some((name, span));
                            }
                            None => {
                                let names: Vec<String> = TARGET_SCOPES
                                    .iter()
                                    .map(|(n, _)| format!("`{n}`"))
                                    .collect();
                                self.diags.error(
                                    codes::TEMPLATE_HEADER,
                                    span,
                                    format!(
                                        "unknown target scope `{text}`{}; expected one of {}",
                                        crate::diag::did_you_mean(
                                            &text,
                                            TARGET_SCOPES.iter().map(|(n, _)| *n)
                                        ),
                                        names.join(", ")
                                    ),
                                );
                            }
                        }
                    }
                }
                "contentVersion" => {
                    if let Some((text, span)) = self.attr_str(attr) {
                        // The deployment template schema's pattern for it.
                        let parts: Vec<&str> = text.split('.').collect();
                        let valid = parts.len() == 4
                            && parts
                                .iter()
                                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
                        if !valid {
                            self.diags.error(codes::TEMPLATE_HEADER,
                                span,
                                format!("`contentVersion` is four numbers separated by dots (`1.0.0.0`), as the deployment template schema requires (`^[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+$`), not `{text}`"),
                            );
                        }
                        out.content_version = text;
                    }
                }
                "metadata" => out.metadata = self.attr_object(attr).unwrap_or_default(),
                "namespace" => self.namespace_attr(attr),
                "emptySections" => out.empty_sections = self.empty_sections(attr),
                // Lint levels: `crate::lints` reads them.
                "allow" | "warn" | "deny" => {}
                _ => description = Some(attr),
            }
        }
        if let (Some((schema, span)), Some((scope, _))) = (&schema_given, scope_given) {
            let wanted = target_scope_schema(scope);
            if !schema.eq_ignore_ascii_case(wanted) {
                self.diags.error(codes::TEMPLATE_HEADER,
                    *span,
                    format!(
                        "`#[schema]` says another scope than `#[targetScope(\"{scope}\")]`, whose schema is `{wanted}`: keep one of the two"
                    ),
                );
            }
            out.schema = schema.clone();
        }
        out.description = self.description(&header.attrs, description);
        let mut grants = Vec::new();
        for item in items {
            let item_ref = match &item {
                Item::Grant(g) => {
                    out.resources.push(self.grant_stub(g));
                    grants.push(out.resources.len() - 1);
                    ItemRef::Resource(out.resources.len() - 1)
                }
                Item::Param(p) => {
                    out.params.push(self.param(p));
                    ItemRef::Param(out.params.len() - 1)
                }
                Item::Var(v) => {
                    out.vars.push(self.var(v, out.vars.len()));
                    ItemRef::Var(out.vars.len() - 1)
                }
                Item::Resource(r) => {
                    self.resource_tree(r, None, None, &mut out);
                    continue;
                }
                Item::Module(m) => {
                    self.nests_itself(m, &out.name);
                    out.modules.push(self.module(m));
                    ItemRef::Module(out.modules.len() - 1)
                }
                Item::Output(o) => {
                    out.outputs.push(self.output(o));
                    ItemRef::Output(out.outputs.len() - 1)
                }
                Item::Func(f) => {
                    let index = out.functions.len();
                    out.functions.push(self.func(f, index));
                    ItemRef::Func(index)
                }
            };
            out.order.push(item_ref);
        }
        for index in grants {
            self.finish_grant(&mut out, index);
        }
        self.match_dependencies(&mut out);
        self.match_scopes(&mut out);
        depends::reference_dependencies(&mut out, self.diags);
        let interpolated = crate::check::interpolation::take(&mut out, self.diags);
        self.report_unused(&out, &interpolated);
        out.files = std::mem::take(&mut self.files);
        out
    }

    fn report_unused(&mut self, template: &ir::Template, interpolated: &[String]) {
        if self.unresolved > 0 {
            return;
        }
        // A name written as a key of `userAssignedIdentities` was meant as a use;
        // that key is reported instead (`check::identities`).
        let mut as_keys = crate::check::identities::literal_identity_keys(template);
        // So was a name written as Bicep interpolation, `"${name}"`.
        as_keys.extend(interpolated.iter().map(String::as_str));
        // `parameters(x)` or `variables(x)` with a computed name may read any
        // of them (ADSL0315 reports the call itself, for the Bicep).
        let (computed_params, computed_vars) = self.computed_reads;
        for param in template
            .params
            .iter()
            .filter(|p| !p.allow_unused && !computed_params)
        {
            if !self.uses.contains_key(&param.name) && !as_keys.contains(&param.name.as_str()) {
                self.diags.lint(
                    param.span,
                    crate::diag::Lint::Unused,
                    format!(
                        "parameter `{}` is never used (Bicep's no-unused-params): use it, remove it, or mark it `#[allow(unused)]`",
                        param.name
                    ),
                );
            }
        }
        for var in template
            .vars
            .iter()
            .filter(|v| !v.allow_unused && !computed_vars)
        {
            if !self.uses.contains_key(&var.symbol) && !as_keys.contains(&var.symbol.as_str()) {
                self.diags.lint(
                    var.span,
                    crate::diag::Lint::Unused,
                    format!(
                        "variable `{}` is never used (Bicep's no-unused-vars): use it, remove it, or mark it `#[allow(unused)]`",
                        // Named as ARM does, as every check names it.
                        var.name
                    ),
                );
            }
        }
    }
}

fn post_inc(counter: &mut usize) -> usize {
    let value = *counter;
    *counter += 1;
    value
}

#[cfg(test)]
#[path = "../resolve_tests.rs"]
mod tests;
