//! Raw `dependsOn` entries to the resources they name: every form ARM takes
//! (`resourceId(type, names...)` with or without a trailing `/` in the type, the
//! names as separate arguments or `split(x, '/')[i]`; a `'Type/name'` string or
//! `concat('Namespace/type/', name)`; a resource's name), compared by structure:
//! the same literal text, parameters, variables and calls in each name segment.
//! An id's subscription and resource group are compared with the deployment's
//! own, for the template's target scope ([`Scoped`]), and the deployment
//! scope's id extended by text (`concat(resourceGroup().id, '/providers/T/n')`)
//! is the id it evaluates to. An extension resource's `scope` written as an id
//! or string is matched the same way.

use super::Resolver;
use crate::codes;
use crate::diag::suggest;
use crate::emit::arm_expr::ExprWriter;
use crate::eval::TargetScope;
use crate::ir::{self, Dependency, Expr, ExprKind, Scope};
use foldhash::HashMap;
use proc_macro2::Span;
use std::cell::RefCell;
use std::rc::Rc;

/// How deep variables are followed into their values.
const MAX_VAR_DEPTH: usize = 8;

/// A piece of a name: literal text or an expression kept whole.
#[derive(Clone)]
enum Tok<'e> {
    Text(String),
    Atom(&'e Expr),
}

/// A name as its `/`-separated segments, each a list of pieces.
type Segments<'e> = Vec<Vec<Tok<'e>>>;

/// Functions whose value is a deployment scope, not a resource.
const SCOPE_FUNCTIONS: [&str; 4] = ["resourceGroup", "subscription", "managementGroup", "tenant"];

/// Where a raw resource reference was written.
#[derive(Clone, Copy)]
enum Written {
    DependsOn,
    Scope,
}

/// Why an entry names no resource.
enum Miss {
    /// No resource of the type is declared.
    Type(String, proc_macro2::Span),
    /// The type is declared, but the entry gives another number of names.
    Count(String, usize, usize, proc_macro2::Span),
    /// No resource of the type (or at all, for a bare name) has the name.
    Name(Option<String>, proc_macro2::Span),
    /// Several resources have the name (a bare name only).
    Ambiguous(Vec<usize>),
    /// An id of a scope this template's deployment deploys nothing to (a
    /// resource group's in a subscription template): why, at the entry.
    Scope(String, proc_macro2::Span),
    /// Not a form that names a resource.
    Form,
}

impl Resolver<'_> {
    /// Turns each raw `dependsOn` entry into the resource it names, kept as
    /// written; the rest are reported with what failed to match.
    pub(super) fn match_dependencies(&mut self, template: &mut ir::Template) {
        let mut matched: Vec<Vec<Dependency>> = Vec::new();
        // One for every entry: it remembers each resource's name and the
        // resources of each type, which each entry would otherwise work out
        // again (quadratic in the resources of a template whose entries are
        // ids, as ARM templates' are).
        let names = Names::new(template);
        let lists = template
            .resources
            .iter()
            .map(|r| &r.depends_on)
            .chain(template.modules.iter().map(|m| &m.depends_on));
        for list in lists {
            let mut out = Vec::with_capacity(list.len());
            for dependency in list {
                let Dependency::Unmatched(expr) = dependency else {
                    out.push(dependency.clone());
                    continue;
                };
                let copy = find_copy(&names, expr);
                match find(&names, expr) {
                    // A bare name that a resource has and a copy of another
                    // resource's loop has too names neither for certain (ARM:
                    // a name works "as long as there are no other resources
                    // in the template with the same name", MicrosoftDocs/
                    // azure-docs#45431).
                    // (Only a copy whose name is known: a name written from
                    // the loop variable alone fits any text.)
                    Ok(index)
                        if is_bare_name(template, expr)
                            && let Ok((looped, Some(_))) = copy
                            && looped != index =>
                    {
                        self.report(
                            template,
                            expr,
                            Miss::Ambiguous(vec![index, looped]),
                            Written::DependsOn,
                        );
                        out.push(dependency.clone());
                    }
                    Ok(index) => {
                        self.warn_unknown_scope(template, &names, expr, index);
                        out.push(Dependency::Named(index, expr.clone()));
                    }
                    Err(_) if let Some(module) = find_module(template, expr) => {
                        out.push(Dependency::NamedModule(module, expr.clone()));
                    }
                    // Copies of several loops have the name.
                    Err(_) if let Err(miss @ Miss::Ambiguous(_)) = copy => {
                        if !has_invalid(expr) {
                            self.report(template, expr, miss, Written::DependsOn);
                        }
                        out.push(dependency.clone());
                    }
                    Err(_) if let Ok((resource, copy)) = copy => {
                        self.warn_unknown_scope(template, &names, expr, resource);
                        out.push(Dependency::Copy {
                            resource,
                            index: copy.map(|k| Box::new(Expr::new(ExprKind::Int(k), expr.span))),
                            written: Some(Box::new(expr.clone())),
                            span: expr.span,
                        });
                    }
                    Err(miss) => {
                        // A part that had an error is reported already, and
                        // so is a declaration whose type is a misspelling of
                        // the one this entry names.
                        if !has_invalid(expr) && !names_misspelt_declaration(template, &miss) {
                            self.report(template, expr, miss, Written::DependsOn);
                        }
                        out.push(dependency.clone());
                    }
                }
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

    /// Turns an extension resource's `scope` written as an id or a string into
    /// the resource it names, keeping the text for the ARM output.
    pub(super) fn match_scopes(&mut self, template: &mut ir::Template) {
        for index in 0..template.resources.len() {
            let resource = &template.resources[index];
            let Some(Scope::Expr(expr)) = &resource.scope else {
                continue;
            };
            let deployment_scope = matches!(&expr.kind, ExprKind::Call(call) if SCOPE_FUNCTIONS.contains(&call.name.as_str()));
            if resource.existing || deployment_scope || has_invalid(expr) {
                continue;
            }
            // `vaults[i]` or `vaults[i].id`: one copy of a loop.
            let copy_of = |e: &Expr| match &e.kind {
                ExprKind::Index(base, _) => match base.kind {
                    ExprKind::Resource(i) => Some(i),
                    _ => None,
                },
                _ => None,
            };
            let one_copy = match &expr.kind {
                ExprKind::Member(base, member) if member == "id" => copy_of(base),
                _ => copy_of(expr),
            };
            if let Some(looped) = one_copy {
                let symbol = template
                    .resources
                    .get(looped)
                    .map_or("the loop", |r| r.symbol.as_str());
                self.diags.error(
                    codes::INVALID_SCOPE,
                    expr.span,
                    format!("this `scope` names one copy of the loop `{symbol}`, which the DSL cannot deploy onto: an extension resource's scope is a resource's symbol (`scope: vault`) or the id of one the template declares, and not a copy of a loop"),
                );
                // Reported: no check reads it again.
                let span = expr.span;
                template.resources[index].scope =
                    Some(Scope::Expr(Box::new(Expr::new(ExprKind::Invalid, span))));
                continue;
            }
            let names = Names::new(template);
            let found = match &expr.kind {
                ExprKind::Member(base, member) if member == "id" => match base.kind {
                    ExprKind::Resource(target) => Ok(target),
                    _ => Err(Miss::Form),
                },
                // A group a parameter chooses (see `Scoped`): ARM deploys onto
                // that group's resource, which is this template's only where
                // the deployment is to that group, and the DSL would deploy
                // onto this template's (Bicep's `scope: <symbol>`) everywhere.
                _ => match find(&names, expr) {
                    Ok(_) if !scope_doubts(&names, expr, 0).is_empty() => Err(Miss::Scope(
                        "its subscription or resource group is chosen at deployment (a parameter), so the id is this template's resource only in a deployment to that group, and another group's anywhere else".to_string(),
                        expr.span,
                    )),
                    found => found,
                },
            };
            match found {
                Ok(target) => {
                    let expr = expr.clone();
                    let resource = &mut template.resources[index];
                    resource.scope = Some(Scope::Resource(target, expr.span));
                    resource.scope_text = Some(expr);
                }
                // A `resourceId` with the wrong number of names is reported
                // with every hand-written id (`check::resources::ids`).
                Err(Miss::Count(..)) if is_id_call(expr) => {}
                Err(Miss::Type(ty, _)) if is_id_call(expr) && misspelt_type(&ty) => {}
                Err(miss) => {
                    let expr = expr.clone();
                    self.report(template, &expr, miss, Written::Scope);
                }
            }
        }
    }

    /// Warns of an entry matched to `resources[target]` whose id names a
    /// subscription or resource group that only the deployment knows is its
    /// own (see [`Scoped::Unknown`]).
    fn warn_unknown_scope(
        &mut self,
        template: &ir::Template,
        names: &Names<'_>,
        expr: &Expr,
        target: usize,
    ) {
        let doubts = scope_doubts(names, expr, 0);
        if doubts.is_empty() {
            return;
        }
        let mut writer = ExprWriter::new(template);
        let written: Vec<String> = doubts
            .iter()
            .map(|(what, tok)| match tok {
                Tok::Text(text) => format!("the {what} `'{text}'`"),
                Tok::Atom(e) => format!("the {what} `{}`", writer.render(e)),
            })
            .collect();
        let Some(resource) = template.resources.get(target) else {
            return;
        };
        let segments = crate::emit::arm_expr::name_segments(&resource.ty);
        let own_id = if resource.copy.is_none() && segments == 1 {
            format!(
                "`resourceId('{}', {})`",
                resource.ty,
                match writer.full_name_value(target) {
                    serde_json::Value::String(name) => format!("'{name}'"),
                    _ => "<name>".to_string(),
                }
            )
        } else {
            format!("`resourceId('{}', <names>)`", resource.ty)
        };
        self.diags.warn(
            expr.span,
            format!(
                "this `dependsOn` entry is an id in {}, which is chosen at each deployment: ARM matches `dependsOn` against the ids of the resources the deployment deploys, so the entry waits for this template's `{symbol}` where the deployment is to that group, and ARM rejects the template anywhere else (\"is not defined in the template\"); to wait for it wherever the template is deployed, write its id without the group, {own_id} (in the DSL, its symbol: `dependsOn: [{symbol}]`)",
                written.join(" and "),
                symbol = resource.symbol,
            ),
        );
    }

    fn report(&mut self, template: &ir::Template, expr: &Expr, miss: Miss, written: Written) {
        let (entry, fix) = match written {
            Written::DependsOn => (
                "this `dependsOn` entry",
                "write the symbol of the resource to wait for (`dependsOn: [<symbol>]`)",
            ),
            Written::Scope => (
                "this `scope`",
                "write the symbol of the resource to deploy onto (`scope: <symbol>`); for one this template does not deploy, declare it `existing` first",
            ),
        };
        let mut writer = ExprWriter::new(template);
        let (span, message) = match miss {
            // A deployment id that names no module: the modules are not
            // resources of the list above, so say what they are.
            Miss::Type(ty, span)
                if ty.eq_ignore_ascii_case("Microsoft.Resources/deployments")
                    && !template.modules.is_empty() =>
            {
                let modules: Vec<String> = template
                    .modules
                    .iter()
                    .map(|m| format!("`{}`", m.symbol))
                    .collect();
                (
                    span,
                    format!(
                        "{entry} names a deployment that no module of this template is named as written (the modules: {}); wait for a module by its symbol, and for a module loop as a whole (`dependsOn: [<symbol>]`)",
                        modules.join(", ")
                    ),
                )
            }
            Miss::Type(ty, span) => {
                let declared = template.resources.iter().map(|r| r.ty.as_str());
                let hint = match suggest(&ty, declared) {
                    Some(close) => format!(", did you mean `{close}`?"),
                    None => format!(": {fix}"),
                };
                (
                    span,
                    format!(
                        "{entry} names a `{ty}`, but no resource of that type is declared in this template{hint}"
                    ),
                )
            }
            Miss::Count(ty, needed, found, span) => (
                span,
                format!(
                    "{entry} gives {found} name segment(s) for a `{ty}`, which has {needed}: write one name per segment of the type, from the parent down (`resourceId('{ty}', {})`)",
                    (0..needed)
                        .map(|i| format!("name{}", i + 1))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ),
            Miss::Name(Some(ty), span) => {
                let declared: Vec<(usize, &str)> = template
                    .resources
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.ty.eq_ignore_ascii_case(&ty))
                    .map(|(i, r)| (i, r.symbol.as_str()))
                    .collect();
                let names: Vec<String> = declared
                    .iter()
                    .map(|(i, symbol)| {
                        // A loop's name is one per copy: the copies' names
                        // when known at compile time, else no text to show.
                        if template.resources.get(*i).is_some_and(|r| r.copy.is_some()) {
                            match crate::check::evaluate::copy_names(template, *i) {
                                Some(copies) if !copies.is_empty() => {
                                    const SHOWN: usize = 5;
                                    let mut shown: Vec<String> = copies
                                        .iter()
                                        .take(SHOWN)
                                        .map(|n| format!("'{n}'"))
                                        .collect();
                                    if copies.len() > SHOWN {
                                        shown.push(format!("and {} more", copies.len() - SHOWN));
                                    }
                                    format!("`{symbol}` (a loop, its copies {})", shown.join(", "))
                                }
                                _ => format!("`{symbol}` (a loop, one name per copy)"),
                            }
                        } else {
                            format!("`{symbol}` ({})", writer.full_name(*i))
                        }
                    })
                    .collect();
                // The fix names a declared resource of the type, as written
                // (not a loop: a loop is waited for whole, never a scope).
                let suggested = declared.iter().find(|(i, _)| {
                    matches!(written, Written::DependsOn)
                        || template.resources.get(*i).is_some_and(|r| r.copy.is_none())
                });
                let fix = match (written, suggested) {
                    (Written::DependsOn, Some((_, symbol))) => {
                        format!("write the symbol of the one to wait for (`dependsOn: [{symbol}]`)")
                    }
                    (Written::Scope, Some((_, symbol))) => {
                        format!("write the symbol of the one to deploy onto (`scope: {symbol}`)")
                    }
                    _ => fix.to_string(),
                };
                (
                    span,
                    format!(
                        "{entry} names no `{ty}` of this template: the type matches, the name does not; the declared ones are {}; {fix}",
                        names.join(", ")
                    ),
                )
            }
            Miss::Name(None, span) => (
                span,
                format!(
                    "{entry} names no resource of this template: no resource is named `{}`; {fix}, or `resourceId(type, name)` with the type and name of a declared resource",
                    writer.render(expr)
                ),
            ),
            // ARM takes a name only when no other resource of the template
            // has it (see `by_name`): each candidate with its type and full
            // name, so that the entry can be written as one of them.
            Miss::Ambiguous(found) => {
                let candidates: Vec<String> = found
                    .iter()
                    .filter_map(|i| template.resources.get(*i).map(|r| (*i, r)))
                    .map(|(i, r)| {
                        // A loop's name is one per copy: no text to show.
                        if r.copy.is_some() {
                            return format!(
                                "`{}` (a loop of `{}`, one name per copy)",
                                r.symbol, r.ty
                            );
                        }
                        let name = match writer.full_name_value(i) {
                            serde_json::Value::String(name) => name,
                            other => other.to_string(),
                        };
                        format!("`{}` (a `{}` named `{name}`)", r.symbol, r.ty)
                    })
                    .collect();
                let fix = match written {
                    Written::DependsOn => {
                        "write the symbol of the one to wait for (`dependsOn: [<symbol>]`), or `resourceId(type, name...)` with its type and full name"
                    }
                    Written::Scope => {
                        "write the symbol of the one to deploy onto (`scope: <symbol>`), or `resourceId(type, name...)` with its type and full name"
                    }
                };
                (
                    expr.span,
                    format!(
                        "{entry} is a name that several resources of this template have, and ARM takes a name only when one resource has it: {}; {fix}",
                        candidates.join(", ")
                    ),
                )
            }
            Miss::Scope(why, span) => (
                span,
                format!("{entry} names no resource of this template: {why}; {fix}"),
            ),
            Miss::Form => (
                expr.span,
                format!(
                    "{entry} names no resource of this template: {fix}, `resourceId(type, name)`, a `'Type/name'` string or a resource's name"
                ),
            ),
        };
        let code = match written {
            Written::DependsOn => codes::INVALID_DEPENDENCY,
            Written::Scope => codes::INVALID_SCOPE,
        };
        self.diags.error(code, span, message);
    }
}

/// The deployment name `call` (a `resourceId` call) gives, when it is
/// `resourceId([subscriptionId,] [resourceGroup,] 'Microsoft.Resources/deployments', name)`.
pub(crate) fn deployment_id_name(call: &ir::Call) -> Option<&Expr> {
    match call.args.get(call.args.len().saturating_sub(2)..) {
        Some([ty, name])
            if call.args.len() <= 4
                && ty.as_str().is_some_and(|t| {
                    t.trim_end_matches('/')
                        .eq_ignore_ascii_case("Microsoft.Resources/deployments")
                }) =>
        {
            Some(name)
        }
        _ => None,
    }
}

/// The module a raw `dependsOn` entry names: its deployment name as written
/// (a literal compared ignoring case, as ARM does, or the same expression), or
/// `resourceId([subscriptionId,] [resourceGroup,] 'Microsoft.Resources/deployments', name)`
/// of it, whose subscription and group are the module's ([`module_scope_fits`]).
fn find_module(template: &ir::Template, expr: &Expr) -> Option<usize> {
    // `'Microsoft.Resources/deployments/<name>'`: the type-and-name form ARM
    // takes for any resource of the template.
    const TYPE_PREFIX: &str = "Microsoft.Resources/deployments/";
    let typed;
    let mut prefix: &[Expr] = &[];
    let name = match &expr.kind {
        ExprKind::Call(call) if call.user.is_none() && call.name == "resourceId" => {
            let name = deployment_id_name(call)?;
            prefix = call.args.get(..call.args.len().saturating_sub(2))?;
            name
        }
        ExprKind::Str(text)
            if text.len() > TYPE_PREFIX.len()
                && text.is_char_boundary(TYPE_PREFIX.len())
                && text[..TYPE_PREFIX.len()].eq_ignore_ascii_case(TYPE_PREFIX) =>
        {
            typed = Expr::str(text[TYPE_PREFIX.len()..].to_string(), expr.span);
            &typed
        }
        _ => expr,
    };
    let kind = TargetScope::from_schema(&template.schema);
    template.modules.iter().position(|m| {
        let named = match (m.name.as_str(), name.as_str()) {
            (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
            _ => m.name.same_as(name),
        };
        named && module_scope_fits(kind, m, prefix)
    })
}

/// Whether a deployment id with the subscription and group arguments
/// `prefix` is module `m`'s: its deployment is at the module's scope (as
/// [`crate::emit::arm_expr::ExprWriter::module_id`] writes it). A module
/// deployed here is compared as a resource's id is ([`id_scope`]: a group
/// written as text is refused); one in another group by that group (and
/// subscription), written alike. An id without them keeps naming any module
/// of the name, as before.
fn module_scope_fits(kind: TargetScope, m: &ir::Module, prefix: &[Expr]) -> bool {
    let alike = |a: &Expr, b: &Expr| match (a.as_str(), b.as_str()) {
        (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
        _ => a.same_as(b),
    };
    match (&m.scope, prefix) {
        (_, []) => true,
        (None, _) => !matches!(id_scope(kind, "resourceId", prefix), Scoped::Other(_)),
        (Some(ir::ModuleScope::ResourceGroup(sub, group)), [g]) => sub.is_none() && alike(g, group),
        (Some(ir::ModuleScope::ResourceGroup(sub, group)), [s, g]) => {
            alike(g, group)
                && match sub {
                    Some(sub) => alike(s, sub),
                    None => scope_member(s, "subscription", "subscriptionId"),
                }
        }
        _ => false,
    }
}

/// Whether `miss` is an entry naming a known type (`Microsoft.Web/sites`),
/// and a resource of it the template does not have under that type, where
/// the template declares a misspelling of it (`Microsoft.Web/site`):
/// the declaration's type is reported (`check::resources`), and the entry,
/// written right, would only be told to name the misspelling.
fn names_misspelt_declaration(template: &ir::Template, miss: &Miss) -> bool {
    let (Miss::Type(ty, _) | Miss::Name(Some(ty), _)) = miss else {
        return false;
    };
    apim_dsl_types::canonical_type_name(ty).is_some()
        && template.resources.iter().any(|r| {
            apim_dsl_types::canonical_type_name(&r.ty).is_none()
                && suggest(ty, [r.ty.as_str()]).is_some()
        })
}

/// Whether an expression holds a part that had an error.
pub(super) fn has_invalid(expr: &Expr) -> bool {
    let mut found = false;
    ir::walk(expr, &mut |e| found |= matches!(e.kind, ExprKind::Invalid));
    found
}

/// Whether `check::resources::ids` reports `ty` as a misspelt type.
fn misspelt_type(ty: &str) -> bool {
    apim_dsl_types::canonical_type_name(ty).is_none()
        && suggest(ty, apim_dsl_types::type_names()).is_some()
}

/// Whether `expr` is `resourceId(...)` or a variant that names a resource by
/// type and names.
fn is_id_call(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Call(call) if matches!(
        call.name.as_str(),
        "resourceId" | "subscriptionResourceId" | "tenantResourceId"
    ))
}

/// How an entry's name is compared with a resource's.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Compare {
    /// By structure: the same literal text, parameters, variables and calls.
    Exact,
    /// Literal text against the copies of a looped resource: each copy's name
    /// when known at compile time, else the name's literal text with any
    /// text where it has an expression (the loop variable).
    Copy,
}

/// The resource that a raw entry designates.
fn find(names: &Names<'_>, expr: &Expr) -> Result<usize, Miss> {
    find_at(names, expr, 0, Compare::Exact).map(|(index, _)| index)
}

/// The looped resource one copy of which a raw entry written as literal text
/// designates (`resourceId('T', 'id0')`), with which copy when the copies'
/// names are known at compile time. ARM waits for that copy alone.
fn find_copy(names: &Names<'_>, expr: &Expr) -> Result<(usize, Option<i64>), Miss> {
    find_at(names, expr, 0, Compare::Copy)
}

/// Whether a raw entry is a resource's name alone (`'id-0'`, `'vnet1/s1'`),
/// not an id or a `'Type/name'` string: the form ARM matches against every
/// resource's name.
fn is_bare_name(template: &ir::Template, expr: &Expr) -> bool {
    if is_id_call(expr) || matches!(&expr.kind, ExprKind::Member(_, m) if m == "id") {
        return false;
    }
    let names = Names::new(template);
    names
        .segments(expr, 0)
        .is_some_and(|segments| typed_string(&segments).is_none())
}

/// [`find`], looking through variables that hold an id (`var apimId =
/// resourceId(...)`, `dependsOn: [apimId]`) and through `sym.id`. With
/// [`Compare::Copy`], the copy too when known.
fn find_at(
    names: &Names<'_>,
    expr: &Expr,
    depth: usize,
    compare: Compare,
) -> Result<(usize, Option<i64>), Miss> {
    let template = names.template;
    match &expr.kind {
        ExprKind::Member(base, member) if member == "id" && compare == Compare::Exact => {
            if let ExprKind::Resource(i) = base.kind {
                return Ok((i, None));
            }
        }
        // `concat(resourceId(...))`: the one argument.
        ExprKind::Call(call) if call.name == "concat" && call.args.len() == 1 && depth < 8 => {
            return find_at(names, &call.args[0], depth + 1, compare);
        }
        // `concat(<id>, suffix...)`, an id extended by text
        // (`concat(variables('nicRef'), copyIndex())` with `nicRef` a
        // `resourceId('T', 'nic')`): ARM reads the text it makes, the id of
        // `T/nic<suffix>` (`/extensions/x` names a child), so it is matched
        // as the `'T/name'` string `concat('T/', 'nic', suffix...)`.
        ExprKind::Call(call) if call.name == "concat" && call.args.len() > 1 && depth < 8 => {
            if let Some((ty, id_names)) = own_group_id_call(template, &call.args[0], 0) {
                let span = expr.span;
                let mut args = vec![Expr::str(format!("{}/", ty.trim_end_matches('/')), span)];
                for (k, name) in id_names.iter().enumerate() {
                    if k > 0 {
                        args.push(Expr::str("/".to_string(), span));
                    }
                    args.push(name.clone());
                }
                args.extend(call.args[1..].iter().cloned());
                let mut typed = call.clone();
                typed.args = args;
                return find_at(
                    names,
                    &Expr::new(ExprKind::Call(typed), span),
                    depth + 1,
                    compare,
                );
            }
        }
        ExprKind::Var(name) if depth < 8 => {
            if let Some(var) = template.vars.iter().find(|v| &v.name == name)
                && (is_id_call(&var.value) || matches!(var.value.kind, ExprKind::Member(..)))
            {
                return find_at(names, &var.value, depth + 1, compare);
            }
        }
        _ => {}
    }
    if let ExprKind::Call(call) = &expr.kind
        && is_id_call(expr)
    {
        let (at, ty) = call
            .args
            .iter()
            .enumerate()
            .find_map(|(i, a)| a.as_str().filter(|t| t.contains('/')).map(|t| (i, t)))
            .ok_or(Miss::Form)?;
        let ty = ty.trim_end_matches('/');
        if let Scoped::Other(why) = id_scope(names.kind, &call.name, &call.args[..at]) {
            return Err(Miss::Scope(why, expr.span));
        }
        let args = &call.args[at + 1..];
        let span = args.first().map_or(expr.span, |a| a.span);
        // `split(x, '/')[0], split(x, '/')[1]`: the whole of `x`, however many
        // segments it is written as.
        if let Some(whole) = split_whole(args) {
            let segments = names.segments(whole, 0).unwrap_or_else(|| atom(whole));
            return by_type(names, ty, &segments, call.args[at].span, None, compare);
        }
        let mut segments: Segments<'_> = Vec::new();
        for arg in args {
            segments.extend(names.segments(arg, 0).unwrap_or_else(|| atom(arg)));
        }
        return by_type(
            names,
            ty,
            &segments,
            call.args[at].span,
            Some(span),
            compare,
        );
    }
    let segments = names.segments(expr, 0).ok_or(Miss::Form)?;
    let segments = match deployment_relative(names.kind, &segments) {
        Some((_, Scoped::Other(why))) => return Err(Miss::Scope(why, expr.span)),
        Some((relative, _)) => relative,
        None => segments,
    };
    // `'Namespace.Provider/type/name'` and its children
    // (`'.../service/{svc}/apis/{api}'`): types and names alternate.
    if let Some((ty, names_of)) = typed_string(&segments) {
        let typed = by_type(names, &ty, &names_of, expr.span, Some(expr.span), compare);
        // A name with dots (a DNS zone's) is still a name.
        return typed.or_else(|miss| match by_name(names, &segments, compare).as_slice() {
            [one] => Ok(*one),
            _ => Err(miss),
        });
    }
    let found = by_name(names, &segments, compare);
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(Miss::Name(None, expr.span)),
        _ => Err(Miss::Ambiguous(found.iter().map(|(i, _)| *i).collect())),
    }
}

/// The type and names of `resourceId('T', names...)` (this deployment's
/// resource group: the type is its first argument), directly or through
/// variables.
fn own_group_id_call<'e>(
    template: &'e ir::Template,
    expr: &'e Expr,
    depth: usize,
) -> Option<(&'e str, &'e [Expr])> {
    match &expr.kind {
        ExprKind::Var(name) if depth < MAX_VAR_DEPTH => {
            let var = template.vars.iter().find(|v| &v.name == name)?;
            own_group_id_call(template, &var.value, depth + 1)
        }
        ExprKind::Call(call) if call.name == "resourceId" && call.user.is_none() => {
            let (ty, names) = call.args.split_first()?;
            let ty = ty.as_str().filter(|t| t.contains('/'))?;
            (!names.is_empty()).then_some((ty, names))
        }
        _ => None,
    }
}

/// What the subscription and resource group an id names are, against the
/// deployment's own.
///
/// ARM matches a `dependsOn` entry against the resources the deployment
/// itself deploys, by their full ids
/// (<https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency>:
/// each entry is "a resource name or ID", and "you only need to define
/// dependencies for resources that are deployed in the same template"), and
/// rejects a template with an entry that is none of them ("Deployment template
/// validation failed: The resource '...' is not defined in the template",
/// microsoft/vscode-azurearmtools#493; an entry naming a resource of another
/// group fails so, dfe-analytical-services/explore-education-statistics#4177).
/// `resourceId`'s subscription and group are the deployment's own when left
/// out ("resourceId function": the group's "default value is the current
/// resource group"), and a resource group template's resources are in that
/// group (`resourceId` is for resources deployed at a resource group,
/// `subscriptionResourceId` at a subscription, "ARM template functions in
/// deployment scopes"). So, for the subscription and group written:
/// - `subscription().subscriptionId` and `resourceGroup().name` are the
///   deployment's own: the id is the one without them, [`Scoped::Own`];
/// - literal text is a group fixed when the template was written, while the
///   template's resources are in the group each deployment chooses: the id is
///   theirs only in deployments to a group of that name, and ARM rejects the
///   template everywhere else. Nearly always a mistake (this template's
///   resource meant, or another group's, which ARM cannot wait for), so it is
///   refused, saying what to write ([`Scoped::Other`]), as the id written out
///   in full with another group's name has been;
/// - any other expression (a parameter, often defaulting to
///   `resourceGroup().name`) is chosen at each deployment too: where it is the
///   deployment's own group, ARM waits for the template's resource, and
///   anywhere else it rejects the whole template before deploying anything.
///   The match is right in every deployment ARM accepts, so it is kept (an
///   error would refuse templates ARM deploys), with a warning of that
///   condition and of the form that holds everywhere ([`Scoped::Unknown`]);
/// - a kind of scope the template's resources never have (a group in a
///   subscription template, `subscriptionResourceId` in a resource group's)
///   names none of them: [`Scoped::Other`], an error.
enum Scoped<'e> {
    Own,
    /// The pieces written for the subscription or group, each with what it
    /// is.
    Unknown(Vec<(&'static str, Tok<'e>)>),
    /// Why no resource of the template has such an id.
    Other(String),
}

/// Whether `expr` is `function().member` (or `function()['member']`) of the
/// deployment-scope function `function`.
fn scope_member(expr: &Expr, function: &str, member: &str) -> bool {
    let (base, written) = match &expr.kind {
        ExprKind::Member(base, m) => (base, m.as_str()),
        ExprKind::Index(base, index) => match index.as_str() {
            Some(m) => (base, m),
            None => return false,
        },
        _ => return false,
    };
    written.eq_ignore_ascii_case(member)
        && matches!(&base.kind, ExprKind::Call(c)
            if c.user.is_none() && c.name.eq_ignore_ascii_case(function) && c.args.is_empty())
}

/// Whether `expr` is the id of the scope a template of `kind` deploys to,
/// written as its function's `id` (`resourceGroup().id` in a resource group
/// template, `subscription().id` in a subscription's, `managementGroup().id`
/// in a management group's; `['id']` too): the scope of an extension resource
/// declared without `scope`, and the start of its resources' ids. A tenant's
/// resources' ids start with no scope (`tenant()` has none): `false` there.
pub(crate) fn is_own_scope_id(kind: TargetScope, expr: &Expr) -> bool {
    let function = match kind {
        TargetScope::ResourceGroup => "resourceGroup",
        TargetScope::Subscription => "subscription",
        TargetScope::ManagementGroup => "managementGroup",
        TargetScope::Tenant => return false,
    };
    scope_member(expr, function, "id")
}

/// [`Scoped`] of the pieces written for a subscription and a resource group,
/// each with what it is (`"subscription"`, `"resource group"`) and whether it
/// is the deployment's own: [`Scoped::Own`] when each is, [`Scoped::Other`]
/// when one is literal text (see [`Scoped`]), else [`Scoped::Unknown`].
fn own_or_unknown<'e>(pieces: Vec<(&'static str, Tok<'e>, bool)>) -> Scoped<'e> {
    let literal = pieces.iter().find_map(|(what, tok, own)| match tok {
        _ if *own => None,
        Tok::Text(text) => Some((*what, text.as_str())),
        Tok::Atom(e) => e.as_str().map(|text| (*what, text)),
    });
    if let Some((what, text)) = literal {
        return Scoped::Other(format!(
            "its {what} is the text `'{text}'`, and ARM waits only for resources the deployment deploys, by their ids, which are in the {what} it is deployed to: the id is one of them only in a deployment to a {what} of that name, and ARM rejects the template anywhere else (\"is not defined in the template\"); another {what}'s resource needs no entry (ARM cannot wait for it), and this template's is named without the {what}"
        ));
    }
    let unknown: Vec<(&'static str, Tok<'e>)> = pieces
        .into_iter()
        .filter(|(_, _, own)| !own)
        .map(|(what, tok, _)| (what, tok))
        .collect();
    if unknown.is_empty() {
        Scoped::Own
    } else {
        Scoped::Unknown(unknown)
    }
}

fn kind_name(kind: TargetScope) -> &'static str {
    match kind {
        TargetScope::ResourceGroup => "resource group",
        TargetScope::Subscription => "subscription",
        TargetScope::ManagementGroup => "management group",
        TargetScope::Tenant => "tenant",
    }
}

/// [`Scoped`] of `function(prefix..., type, names...)`, an id call whose
/// arguments before the type are `prefix`, in a template of `kind`.
fn id_scope<'e>(kind: TargetScope, function: &str, prefix: &'e [Expr]) -> Scoped<'e> {
    let subscription = |e: &'e Expr| {
        (
            "subscription",
            Tok::Atom(e),
            scope_member(e, "subscription", "subscriptionId"),
        )
    };
    let group = |e: &'e Expr| {
        (
            "resource group",
            Tok::Atom(e),
            scope_member(e, "resourceGroup", "name"),
        )
    };
    let deploys = kind_name(kind);
    match (function, kind, prefix) {
        ("resourceId", TargetScope::ResourceGroup, [g]) => own_or_unknown(vec![group(g)]),
        ("resourceId", TargetScope::ResourceGroup, [s, g]) => {
            own_or_unknown(vec![subscription(s), group(g)])
        }
        ("resourceId", TargetScope::ResourceGroup, _) | ("resourceId", _, []) => Scoped::Own,
        ("resourceId", _, _) => Scoped::Other(format!(
            "it is the id of a resource in a resource group, and this template deploys to a {deploys} (`#[targetScope]`, `$schema`), not into a group"
        )),
        ("subscriptionResourceId", TargetScope::Subscription, []) => Scoped::Own,
        ("subscriptionResourceId", TargetScope::Subscription, [s]) => {
            own_or_unknown(vec![subscription(s)])
        }
        ("subscriptionResourceId", _, _) => Scoped::Other(format!(
            "`subscriptionResourceId` is the id of a resource deployed at a subscription, and this template deploys to a {deploys} (`#[targetScope]`, `$schema`)"
        )),
        ("tenantResourceId", TargetScope::Tenant, _) => Scoped::Own,
        ("tenantResourceId", _, _) => Scoped::Other(format!(
            "`tenantResourceId` is the id of a resource deployed at the tenant, and this template deploys to a {deploys} (`#[targetScope]`, `$schema`)"
        )),
        _ => Scoped::Own,
    }
}

/// The `Namespace.Provider/type/name` part of a resource id written out as
/// text for this deployment's scope, and [`Scoped`] of the scope it names:
/// `<scope id>/providers/<type and names>`, the scope id written
/// - as the deployment scope's `id` (`concat(resourceGroup().id,
///   '/providers/T/n')`, `format('{0}/providers/T/n', resourceGroup().id)`;
///   `subscription().id` in a subscription template, `managementGroup().id`
///   in a management group's), which ARM evaluates to the id
///   `resourceId('T', 'n')` gives there;
/// - or in full, `/subscriptions/<sub>/resourceGroups/<group>` in a resource
///   group template (`concat('/subscriptions/', subscription().subscriptionId,
///   '/resourceGroups/', resourceGroup().name, '/providers/...', name)`) and
///   `/subscriptions/<sub>` in a subscription template, each of its pieces
///   compared as [`id_scope`] compares `resourceId`'s arguments.
///
/// ARM takes an id in `dependsOn` ("a resource name or ID",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency#dependson>).
/// The id of another kind of scope (a group's, a subscription's in a group's
/// template) names no resource of the deployment: [`Scoped::Other`]. `None`
/// for text that is not an id.
fn deployment_relative<'e>(
    kind: TargetScope,
    segments: &Segments<'e>,
) -> Option<(Segments<'e>, Scoped<'e>)> {
    let start = segments.iter().take_while(|s| s.is_empty()).count();
    let rest = segments.get(start..)?;
    let piece = |i: usize| rest.get(i).and_then(|s| single(s));
    let text = |i: usize, want: &str| matches!(piece(i), Some(Tok::Text(t)) if t.eq_ignore_ascii_case(want));
    let atom_is = |i: usize, function: &str, member: &str| matches!(piece(i), Some(Tok::Atom(e)) if scope_member(e, function, member));
    // `<scope>().id/providers/...`: which deployment scope's id.
    if start == 0 && text(1, "providers") && rest.len() >= 5 {
        let scoped = if matches!(piece(0), Some(Tok::Atom(e)) if is_own_scope_id(kind, e)) {
            Scoped::Own
        } else if let Some(other) = ["resourceGroup", "subscription", "managementGroup"]
            .into_iter()
            .find(|f| atom_is(0, f, "id"))
        {
            Scoped::Other(format!(
                "`{other}().id` is not the scope of this template's resources, which it deploys to a {} (`#[targetScope]`, `$schema`)",
                kind_name(kind)
            ))
        } else {
            return None;
        };
        return Some((rest[2..].to_vec(), scoped));
    }
    if start == 0 || !text(0, "subscriptions") {
        return None;
    }
    // One piece, the subscription's or the group's, and whether it is the
    // deployment's own.
    let part = |i: usize, what: &'static str, function: &str, member: &str| {
        piece(i).map(|tok| {
            let own = matches!(&tok, Tok::Atom(e) if scope_member(e, function, member));
            (what, tok, own)
        })
    };
    let subscription = part(1, "subscription", "subscription", "subscriptionId")?;
    if text(2, "resourceGroups") && text(4, "providers") && rest.len() >= 8 {
        let group = part(3, "resource group", "resourceGroup", "name")?;
        let scoped = match kind {
            TargetScope::ResourceGroup => own_or_unknown(vec![subscription, group]),
            other => Scoped::Other(format!(
                "it is the id of a resource in a resource group, and this template deploys to a {} (`#[targetScope]`, `$schema`), not into a group",
                kind_name(other)
            )),
        };
        return Some((rest[5..].to_vec(), scoped));
    }
    if text(2, "providers") && rest.len() >= 6 {
        let scoped = match kind {
            TargetScope::Subscription => own_or_unknown(vec![subscription]),
            other => Scoped::Other(format!(
                "it is the id of a resource deployed at a subscription, and this template deploys to a {} (`#[targetScope]`, `$schema`)",
                kind_name(other)
            )),
        };
        return Some((rest[3..].to_vec(), scoped));
    }
    None
}

/// The subscription and group pieces of the id a matched entry is (directly,
/// through variables and a one-argument `concat`, as [`find_at`] reads it)
/// that only the deployment knows are its own ([`Scoped::Unknown`]).
fn scope_doubts<'t: 'e, 'e>(
    names: &Names<'t>,
    expr: &'e Expr,
    depth: usize,
) -> Vec<(&'static str, Tok<'e>)> {
    if depth >= MAX_VAR_DEPTH {
        return Vec::new();
    }
    let scoped = match &expr.kind {
        ExprKind::Call(call) if call.name == "concat" && call.args.len() == 1 => {
            return scope_doubts(names, &call.args[0], depth + 1);
        }
        ExprKind::Var(name) => {
            return match names.template.vars.iter().find(|v| &v.name == name) {
                Some(var)
                    if is_id_call(&var.value) || matches!(var.value.kind, ExprKind::Member(..)) =>
                {
                    scope_doubts(names, &var.value, depth + 1)
                }
                _ => Vec::new(),
            };
        }
        ExprKind::Call(call) if is_id_call(expr) => {
            let Some(at) = call
                .args
                .iter()
                .position(|a| a.as_str().is_some_and(|t| t.contains('/')))
            else {
                return Vec::new();
            };
            id_scope(names.kind, &call.name, &call.args[..at])
        }
        _ => match names
            .segments(expr, 0)
            .and_then(|segments| deployment_relative(names.kind, &segments))
        {
            Some((_, scoped)) => scoped,
            None => return Vec::new(),
        },
    };
    match scoped {
        Scoped::Unknown(doubts) => doubts,
        _ => Vec::new(),
    }
}

/// The type and names of a `'Namespace.Provider/type/name'` string, when it
/// reads as one. A type segment without its name (`'.../service/{svc}/apis'`)
/// is a name short, reported as such.
fn typed_string<'e>(segments: &Segments<'e>) -> Option<(String, Segments<'e>)> {
    let Some(Tok::Text(first)) = segments.first().and_then(|s| single(s)) else {
        return None;
    };
    if !first.contains('.') || segments.len() < 3 {
        return None;
    }
    let mut ty = first;
    let mut names: Segments<'e> = Vec::new();
    for pair in segments[1..].chunks(2) {
        let Some(Tok::Text(kind)) = pair.first().and_then(|s| single(s)) else {
            return None;
        };
        ty.push('/');
        ty.push_str(&kind);
        names.extend(pair.get(1).cloned());
    }
    Some((ty, names))
}

/// The resources a `dependsOn` entry written as a name designates: those
/// whose full name is `segments` (`'vnet1/subnet1'`), and, for a name of one
/// segment, the child resources whose own name, the last segment of their
/// full name, it is (`'subnet1'` for a subnet nested in `vnet1`, or declared
/// at the top level as `vnet1/subnet1` or with `parent:`). With
/// [`Compare::Copy`], the looped ones one of whose copies it is, and which
/// copy when known.
///
/// ARM takes "a resource name or ID" in `dependsOn`
/// (<https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency#dependson>),
/// a nested child's name being the name written in it (the quickstart
/// templates wait for nested subnets, databases and secrets by that name);
/// a name works "as long as ... there are no other resources in the template
/// with the same name", and a name several have needs the type
/// (<https://github.com/MicrosoftDocs/azure-docs/issues/45431>; the earlier
/// page: "include the resource provider namespace and resource type to avoid
/// ambiguity"). Several results are reported as ambiguous by the caller.
fn by_name(
    names: &Names<'_>,
    segments: &Segments<'_>,
    compare: Compare,
) -> Vec<(usize, Option<i64>)> {
    let found: Vec<(usize, u8, Option<i64>)> = names
        .named_maybe(segments)
        .into_iter()
        .filter_map(|i| {
            names
                .matches(i, segments, compare)
                .or_else(|| {
                    (compare == Compare::Exact && names.own_name_is(i, segments))
                        .then_some((0, None))
                })
                .map(|(tier, copy)| (i, tier, copy))
        })
        .collect();
    best_tier(found)
}

/// The matches of the best (lowest) tier: a copy whose name is known beats
/// one whose name fits by structure, which beats one that fits its literal
/// text alone.
fn best_tier(found: Vec<(usize, u8, Option<i64>)>) -> Vec<(usize, Option<i64>)> {
    let best = found.iter().map(|(_, tier, _)| *tier).min();
    found
        .into_iter()
        .filter(|(_, tier, _)| Some(*tier) == best)
        .map(|(i, _, copy)| (i, copy))
        .collect()
}

fn by_type(
    names: &Names<'_>,
    ty: &str,
    segments: &Segments<'_>,
    type_span: proc_macro2::Span,
    name_span: Option<proc_macro2::Span>,
    compare: Compare,
) -> Result<(usize, Option<i64>), Miss> {
    let Some(of_type) = names.of_type(ty, segments) else {
        return Err(Miss::Type(ty.to_string(), type_span));
    };
    let needed = crate::emit::arm_expr::name_segments(ty);
    if let Some(span) = name_span
        && segments.len() != needed
    {
        return Err(Miss::Count(ty.to_string(), needed, segments.len(), span));
    }
    let mut found = best_tier(
        of_type
            .into_iter()
            .filter_map(|i| {
                names
                    .matches(i, segments, compare)
                    .map(|(tier, copy)| (i, tier, copy))
            })
            .collect(),
    )
    .into_iter();
    let Some(first) = found.next() else {
        return Err(Miss::Name(
            Some(ty.to_string()),
            name_span.unwrap_or(type_span),
        ));
    };
    // A name that fits copies of two loops equally names neither for certain.
    if compare == Compare::Copy
        && let Some(second) = found.next()
    {
        let mut all = vec![first.0, second.0];
        all.extend(found.map(|(i, _)| i));
        return Err(Miss::Ambiguous(all));
    }
    Ok(first)
}

/// `x` when `args` are `split(x, '/')[0]`, `split(x, '/')[1]`, ... in order.
fn split_whole(args: &[Expr]) -> Option<&Expr> {
    let mut whole: Option<&Expr> = None;
    for (k, arg) in args.iter().enumerate() {
        let ExprKind::Index(base, index) = &arg.kind else {
            return None;
        };
        let (ExprKind::Call(call), ExprKind::Int(i)) = (&base.kind, &index.kind) else {
            return None;
        };
        if call.name != "split"
            || call.args.get(1).and_then(Expr::as_str) != Some("/")
            || usize::try_from(*i).ok() != Some(k)
        {
            return None;
        }
        let this = call.args.first()?;
        if whole.is_some_and(|w| !w.same_as(this)) {
            return None;
        }
        whole = Some(this);
    }
    whole.filter(|_| args.len() > 1)
}

/// The only piece of a segment, merged.
fn single<'e>(segment: &[Tok<'e>]) -> Option<Tok<'e>> {
    match segment {
        [one] => Some(one.clone()),
        _ => None,
    }
}

fn atom(expr: &Expr) -> Segments<'_> {
    vec![vec![Tok::Atom(expr)]]
}

/// One unit of a name segment: a character of literal text, or an
/// expression kept whole (`wild`: it stands for any text).
enum Unit<'e> {
    Char(char),
    Expr(&'e Expr),
    Any,
}

fn units<'e>(segment: &[Tok<'e>], wild: &dyn Fn(&Expr) -> bool) -> Vec<Unit<'e>> {
    let mut out = Vec::new();
    for piece in segment {
        match piece {
            Tok::Text(text) => out.extend(text.chars().map(Unit::Char)),
            Tok::Atom(e) if wild(e) => out.push(Unit::Any),
            Tok::Atom(e) => out.push(Unit::Expr(e)),
        }
    }
    out
}

/// Whether the entry's segment `subject` fits the name segment `pattern`:
/// literal text alike (ignoring case, as ARM compares names), the same
/// expression where the name has one, and anything, text or expressions,
/// empty or not, where the name has an expression `wild` says varies.
fn fits(pattern: &[Tok<'_>], subject: &[Tok<'_>], wild: &dyn Fn(&Expr) -> bool) -> bool {
    let pattern = units(pattern, wild);
    let subject = units(subject, &|_| false);
    // reach[j]: the pattern so far matches `subject[..j]`.
    let mut reach = vec![false; subject.len() + 1];
    reach[0] = true;
    for unit in &pattern {
        let mut next = vec![false; subject.len() + 1];
        for j in 0..=subject.len() {
            match unit {
                Unit::Any => next[j] = reach[j] || (j > 0 && next[j - 1]),
                Unit::Char(c) => {
                    next[j] = j > 0
                        && reach[j - 1]
                        && matches!(subject[j - 1], Unit::Char(d) if c.eq_ignore_ascii_case(&d));
                }
                Unit::Expr(e) => {
                    next[j] = j > 0
                        && reach[j - 1]
                        && matches!(subject[j - 1], Unit::Expr(f) if e.same_as(f));
                }
            }
        }
        reach = next;
    }
    reach[subject.len()]
}

/// The resources `index` files under `wanted` or any of its prefixes (the
/// empty one included): those whose name's leading text may be the start of
/// a name starting with `wanted` ([`leading_text`]).
fn filed_under_prefixes(index: &ByLead, wanted: &str) -> Vec<usize> {
    wanted
        .char_indices()
        .map(|(at, _)| at)
        .chain([wanted.len()])
        .filter_map(|end| index.get(&wanted[..end]))
        .flatten()
        .copied()
        .collect()
}

/// The literal text a name starts with, lower-cased: its first segment's
/// text up to its first expression ([`Names::of_type`]). Lower-cased as
/// Unicode does, so that a name the evaluator lower-cases (`toLower('ÄB')`
/// is `äb`, which a copy's name is compared with) still starts with it;
/// names equal ignoring ASCII case are equal so too.
fn leading_text(segments: &Segments<'_>) -> String {
    let mut text = String::new();
    for tok in segments.first().into_iter().flatten() {
        match tok {
            Tok::Text(t) => text.push_str(&t.to_lowercase()),
            Tok::Atom(_) => break,
        }
    }
    text
}

/// Whether two names are the same, segment by segment.
fn same(a: &[Vec<Tok<'_>>], b: &[Vec<Tok<'_>>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.len() == y.len()
                && x.iter().zip(y).all(|pair| match pair {
                    // ARM compares resource names ignoring case.
                    (Tok::Text(s), Tok::Text(t)) => s.eq_ignore_ascii_case(t),
                    (Tok::Atom(e), Tok::Atom(f)) => e.same_as(f),
                    _ => false,
                })
        })
}

/// Names of the template's resources and of expressions, as segments.
struct Names<'t> {
    template: &'t ir::Template,
    /// The template's target scope (its `$schema`): which ids are of the
    /// resources it deploys.
    kind: TargetScope,
    /// What the comparisons work out once per resource, on first use.
    known: RefCell<Known<'t>>,
}

/// [`Names`]' memory: each resource's full name, the names of its copies, and
/// the resources of each type by the literal text their names start with.
#[derive(Default)]
struct Known<'t> {
    full: HashMap<usize, Option<Rc<Segments<'t>>>>,
    copies: HashMap<usize, Option<Rc<Vec<String>>>>,
    /// Lower-cased type, then the lower-cased literal text the resource's full
    /// name starts with (empty when it starts with an expression), then the
    /// resources, in declaration order.
    by_type: Option<HashMap<String, ByLead>>,
    /// Every resource by the lower-cased literal text its full name starts
    /// with, and the children (full names of several segments) by the text
    /// their last segment starts with: the candidates of a bare name.
    by_lead: Option<(ByLead, ByLead)>,
}

/// Resources by the lower-cased literal text a name of theirs starts with.
type ByLead = HashMap<String, Vec<usize>>;

impl<'t> Names<'t> {
    fn new(template: &'t ir::Template) -> Self {
        Names {
            template,
            kind: TargetScope::from_schema(&template.schema),
            known: RefCell::default(),
        }
    }

    /// The resources a bare name `segments` may name (by [`matches`] or
    /// [`own_name_is`](Self::own_name_is)): those whose full name, or last
    /// segment, starts with literal text that `segments` starts with too, in
    /// declaration order (see [`of_type`](Self::of_type)).
    ///
    /// [`matches`]: Self::matches
    fn named_maybe(&self, segments: &Segments<'_>) -> Vec<usize> {
        if self.known.borrow().by_lead.is_none() {
            let mut whole = ByLead::default();
            let mut last = ByLead::default();
            for i in 0..self.template.resources.len() {
                let Some(full) = self.full(i) else {
                    whole.entry(String::new()).or_default().push(i);
                    continue;
                };
                whole.entry(leading_text(&full)).or_default().push(i);
                if full.len() > 1 {
                    let own: Segments<'_> = full[full.len() - 1..].to_vec();
                    last.entry(leading_text(&own)).or_default().push(i);
                }
            }
            self.known.borrow_mut().by_lead = Some((whole, last));
        }
        let known = self.known.borrow();
        let Some((whole, last)) = known.by_lead.as_ref() else {
            return Vec::new();
        };
        let wanted = leading_text(segments);
        let mut found = filed_under_prefixes(whole, &wanted);
        found.extend(filed_under_prefixes(last, &wanted));
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The resources of type `ty` (ignoring case) whose full name may be
    /// `segments` (or have it as a copy's name): those whose name starts
    /// with literal text that `segments` starts with too, in declaration
    /// order. Every comparison of [`matches`](Self::matches) needs that (its
    /// literal text is compared ignoring case, and an expression where the
    /// resource's name starts with text matches no text), so the others are
    /// not compared at all; `None` when no resource has the type.
    fn of_type(&self, ty: &str, segments: &Segments<'_>) -> Option<Vec<usize>> {
        if self.known.borrow().by_type.is_none() {
            let mut by_type: HashMap<String, ByLead> = HashMap::default();
            for (i, resource) in self.template.resources.iter().enumerate() {
                let lead = self
                    .full(i)
                    .map(|full| leading_text(&full))
                    .unwrap_or_default();
                by_type
                    .entry(resource.ty.to_ascii_lowercase())
                    .or_default()
                    .entry(lead)
                    .or_default()
                    .push(i);
            }
            self.known.borrow_mut().by_type = Some(by_type);
        }
        let known = self.known.borrow();
        let leads = known.by_type.as_ref()?.get(&ty.to_ascii_lowercase())?;
        let mut found = filed_under_prefixes(leads, &leading_text(segments));
        found.sort_unstable();
        Some(found)
    }

    /// Whether `resources[index]` has the name `segments`: `Some(None)` when
    /// it does ([`Compare::Exact`]), `Some(copy)` when one of its copies
    /// does, which one when known ([`Compare::Copy`]).
    fn matches(
        &self,
        index: usize,
        segments: &Segments<'_>,
        compare: Compare,
    ) -> Option<(u8, Option<i64>)> {
        let own = self.full(index)?;
        match compare {
            Compare::Exact => same(&own, segments).then_some((0, None)),
            Compare::Copy => self.copy_of(index, &own, segments),
        }
    }

    /// Whether `segments`, one segment, is the own name of the child
    /// resource `resources[index]`: the last segment of its full name of
    /// several, compared by structure as [`same`] does.
    fn own_name_is(&self, index: usize, segments: &Segments<'_>) -> bool {
        if segments.len() != 1 {
            return false;
        }
        self.full(index)
            .is_some_and(|own| own.len() > 1 && same(&own[own.len() - 1..], segments))
    }

    /// Which copy of the looped `resources[index]` (full name `own`) the
    /// literal name `segments` is: its parents' segments are compared by
    /// structure, its own against each copy's name when the copies' names
    /// are known at compile time, else against the name's literal text,
    /// any text matching each expression in it.
    fn copy_of(
        &self,
        index: usize,
        own: &Segments<'_>,
        segments: &Segments<'_>,
    ) -> Option<(u8, Option<i64>)> {
        let resource = self.template.resources.get(index)?;
        let head = resource.copy.as_deref()?;
        if own.len() != segments.len() {
            return None;
        }
        let own_count = self
            .segments(&resource.name, 0)
            .map_or(1, |s| s.len())
            .min(own.len());
        let parents = own.len() - own_count;
        if !same(&own[..parents], &segments[..parents]) {
            return None;
        }
        let texts: Option<Vec<&str>> = segments[parents..]
            .iter()
            .map(|segment| match segment.as_slice() {
                [Tok::Text(text)] => Some(text.as_str()),
                _ => None,
            })
            .collect();
        // Tier 0: literal text, and the copies' names known.
        if let Some(texts) = &texts
            && let Some(copies) = self.copy_names(index)
        {
            let written = texts.join("/");
            return copies
                .iter()
                .position(|name| name.eq_ignore_ascii_case(&written))
                .and_then(|k| i64::try_from(k).ok())
                .map(|k| (0, Some(k)));
        }
        let pairs = || own[parents..].iter().zip(&segments[parents..]);
        // Tier 1: the name's own parts (its parameters, variables and
        // literal text) as written, anything where it reads the loop.
        let looped = |e: &Expr| e.reads_loop(head.id);
        if pairs().all(|(pattern, subject)| fits(pattern, subject, &looped)) {
            // A name that is the loop's value alone (`names[copyIndex()]`)
            // fits anything: the last resort.
            let open = own[parents..]
                .iter()
                .flatten()
                .all(|piece| matches!(piece, Tok::Atom(e) if looped(e)));
            return Some((if open { 3 } else { 1 }, None));
        }
        // Tier 2: literal text that fits the name's literal text, anything
        // where it has an expression (a parameter's value is the
        // deployment's).
        (texts.is_some() && pairs().all(|(pattern, subject)| fits(pattern, subject, &|_| true)))
            .then_some((2, None))
    }

    /// The full name of `resources[index]`, its parents' names first
    /// (worked out once).
    fn full(&self, index: usize) -> Option<Rc<Segments<'t>>> {
        if let Some(full) = self.known.borrow().full.get(&index) {
            return full.clone();
        }
        let full = self.full_at(index, 0).map(Rc::new);
        self.known.borrow_mut().full.insert(index, full.clone());
        full
    }

    /// The names of the copies of the looped `resources[index]` when known at
    /// compile time ([`crate::check::evaluate::copy_names`], worked out once).
    fn copy_names(&self, index: usize) -> Option<Rc<Vec<String>>> {
        if let Some(copies) = self.known.borrow().copies.get(&index) {
            return copies.clone();
        }
        let copies = crate::check::evaluate::copy_names(self.template, index).map(Rc::new);
        self.known.borrow_mut().copies.insert(index, copies.clone());
        copies
    }

    fn full_at(&self, index: usize, depth: usize) -> Option<Segments<'t>> {
        let mut chain = Vec::new();
        let mut current = self.template.resources.get(index);
        while let Some(resource) = current {
            if chain.len() > self.template.resources.len() {
                return None;
            }
            chain.insert(0, resource);
            current = resource
                .parent
                .and_then(|(p, _)| self.template.resources.get(p));
        }
        let mut all: Segments<'t> = Vec::new();
        for resource in chain {
            all.extend(
                self.segments(&resource.name, depth)
                    .unwrap_or_else(|| atom(&resource.name)),
            );
        }
        Some(all)
    }

    /// `expr` as name segments, or `None` when it is not a string built from
    /// literal text and expressions.
    fn segments<'e>(&self, expr: &'e Expr, depth: usize) -> Option<Segments<'e>>
    where
        't: 'e,
    {
        let mut pieces = Vec::new();
        self.pieces(expr, depth, &mut pieces)?;
        let mut segments: Segments<'e> = vec![Vec::new()];
        for piece in pieces {
            match piece {
                Tok::Text(text) => {
                    for (i, part) in text.split('/').enumerate() {
                        if i > 0 {
                            segments.push(Vec::new());
                        }
                        if part.is_empty() {
                            continue;
                        }
                        let last = segments.last_mut()?;
                        match last.last_mut() {
                            Some(Tok::Text(prev)) => prev.push_str(part),
                            _ => last.push(Tok::Text(part.to_string())),
                        }
                    }
                }
                atom => segments.last_mut()?.push(atom),
            }
        }
        // A trailing `/` (`'Microsoft.Web/sites/'`) ends no segment.
        if segments.last().is_some_and(Vec::is_empty) && segments.len() > 1 {
            segments.pop();
        }
        Some(segments)
    }

    /// The value at a member or element path (`.a.b`, `[0]`) of a variable
    /// written as literal JSON: `None` where any step is computed or absent.
    fn literal_at<'e>(&self, expr: &'e Expr, depth: usize) -> Option<&'e Expr>
    where
        't: 'e,
    {
        if depth >= MAX_VAR_DEPTH {
            return None;
        }
        match &expr.kind {
            ExprKind::Var(name) => {
                let var = self.template.vars.iter().find(|v| v.name == *name)?;
                match &var.value.kind {
                    ExprKind::Var(_) => self.literal_at(&var.value, depth + 1),
                    _ => Some(&var.value),
                }
            }
            ExprKind::Member(base, member) => {
                let ExprKind::Object(props) = &self.literal_at(base, depth + 1)?.kind else {
                    return None;
                };
                // ARM reads object members ignoring case.
                props
                    .iter()
                    .find(|p| {
                        p.key
                            .as_lit()
                            .is_some_and(|k| k.eq_ignore_ascii_case(member))
                    })
                    .map(|p| &p.value)
            }
            ExprKind::Index(base, index) => {
                let ExprKind::Int(i) = index.kind else {
                    return None;
                };
                let ExprKind::Array(items) = &self.literal_at(base, depth + 1)?.kind else {
                    return None;
                };
                items.get(usize::try_from(i).ok()?)
            }
            _ => None,
        }
    }

    fn pieces<'e>(&self, expr: &'e Expr, depth: usize, out: &mut Vec<Tok<'e>>) -> Option<()>
    where
        't: 'e,
    {
        match &expr.kind {
            ExprKind::Str(text) => out.push(Tok::Text(text.clone())),
            // `concat(variables('nicName'), 0)`: ARM writes the integer's
            // digits (the quickstart templates name resources so, and wait
            // for them by `concat(..., '0')`).
            ExprKind::Int(n) => out.push(Tok::Text(n.to_string())),
            // `string(x)` of a name is the name.
            ExprKind::Call(call)
                if call.name.eq_ignore_ascii_case("string") && call.args.len() == 1 =>
            {
                self.pieces(&call.args[0], depth, out)?;
            }
            // A member or element of a variable written as literal JSON
            // (`variables('solutions').backup.name`, `variables('runbooks')[0].name`):
            // the value there.
            ExprKind::Member(..) | ExprKind::Index(..)
                if depth < MAX_VAR_DEPTH
                    && let Some(value) = self.literal_at(expr, depth)
                    && is_text(value) =>
            {
                self.pieces(value, depth + 1, out)?;
            }
            ExprKind::Call(call) if call.name == "concat" => {
                for arg in &call.args {
                    self.pieces(arg, depth, out)?;
                }
            }
            // ARM compares resource names ignoring case, so a name in lower
            // or upper case is the name (`toLower(storageName)`).
            ExprKind::Call(call)
                if (call.name.eq_ignore_ascii_case("toLower")
                    || call.name.eq_ignore_ascii_case("toUpper"))
                    && call.args.len() == 1 =>
            {
                self.pieces(&call.args[0], depth, out)?;
            }
            ExprKind::Call(call) if call.name == "format" => {
                let pattern = call.args.first()?.as_str()?;
                let mut rest = pattern;
                while !rest.is_empty() {
                    let Some(open) = rest.find('{') else {
                        out.push(Tok::Text(rest.to_string()));
                        break;
                    };
                    out.push(Tok::Text(rest[..open].to_string()));
                    let close = rest[open..].find('}')? + open;
                    let index: usize = rest[open + 1..close].parse().ok()?;
                    self.pieces(call.args.get(index + 1)?, depth, out)?;
                    rest = &rest[close + 1..];
                }
            }
            ExprKind::Var(name) if depth < MAX_VAR_DEPTH => {
                match self.template.vars.iter().find(|v| v.name == *name) {
                    Some(var) if is_text(&var.value) => self.pieces(&var.value, depth + 1, out)?,
                    _ => out.push(Tok::Atom(expr)),
                }
            }
            // `sym.name` of a resource without `parent` (with one, Bicep reads
            // only its own segment): its name.
            ExprKind::Member(base, member) if member == "name" && depth < MAX_VAR_DEPTH => {
                let unparented = |i: usize| {
                    self.template
                        .resources
                        .get(i)
                        .is_some_and(|r| r.parent.is_none())
                };
                match base.kind {
                    ExprKind::Resource(index) if unparented(index) => {
                        let segments = self.full_at(index, depth + 1)?;
                        for (i, segment) in segments.into_iter().enumerate() {
                            if i > 0 {
                                out.push(Tok::Text("/".to_string()));
                            }
                            out.extend(segment);
                        }
                    }
                    _ => out.push(Tok::Atom(expr)),
                }
            }
            // `split(x, '/')[i]`: segment `i` of `x`.
            ExprKind::Index(base, index) => {
                if let (ExprKind::Call(call), ExprKind::Int(i)) = (&base.kind, &index.kind)
                    && call.name == "split"
                    && call.args.get(1).and_then(Expr::as_str) == Some("/")
                    && let Some(whole) = call.args.first()
                    && let Some(segments) = self.segments(whole, depth)
                    && let Some(segment) = usize::try_from(*i).ok().and_then(|i| segments.get(i))
                    && segments.len() > 1
                {
                    out.extend(segment.iter().cloned());
                } else {
                    out.push(Tok::Atom(expr));
                }
            }
            _ => out.push(Tok::Atom(expr)),
        }
        Some(())
    }
}

/// Whether a variable's value is text built from pieces (followed into).
fn is_text(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::Str(_) | ExprKind::Var(_) | ExprKind::Param(_) | ExprKind::Int(_) => true,
        ExprKind::Call(call) => {
            call.name == "concat"
                || call.name == "format"
                || (call.args.len() == 1
                    && ["toLower", "toUpper", "string"]
                        .iter()
                        .any(|f| call.name.eq_ignore_ascii_case(f)))
        }
        _ => false,
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
                // Compared in place: lower-casing made a string per call.
                let name = call.name.as_str();
                let list = name
                    .get(..4)
                    .is_some_and(|p| p.eq_ignore_ascii_case("list"));
                if !name.eq_ignore_ascii_case("reference") && !list {
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
                let names = Names::new(template);
                let Ok(target) = find(&names, id) else {
                    return;
                };
                // A group a parameter chooses (see `Scoped`): ARM waits for
                // this template's resource where the id is its, and reads
                // another group's anywhere else, waiting for nothing; the
                // call, kept as written, does the same in the output.
                if !scope_doubts(&names, id, 0).is_empty() {
                    return;
                }
                if target == reader {
                    // Its own deployed state does not exist while its body is
                    // evaluated (like `apim.properties.x` inside `apim`).
                    diags.error(codes::REFERENCE_FORM,
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
                .any(|d| matches!(d, Dependency::Resource(t, _) | Dependency::Named(t, _) if *t == target));
            if !written {
                list.push(Dependency::Resource(target, span));
            }
        }
    }
}
