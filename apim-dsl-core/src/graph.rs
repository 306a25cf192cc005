//! The deployment graph: which resources and modules each one depends on, written
//! (`dependsOn`) and implied (a symbolic reference, `parent`, `scope`), and cycles.

use crate::ir::{self, Dependency, Expr, ExprKind, ItemRef, Scope, Template, walk};
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

/// A deployable node of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Node {
    /// `resources[i]`
    Resource(usize),
    /// `modules[i]`
    Module(usize),
}

impl Node {
    /// The node's symbol.
    pub fn symbol(self, template: &Template) -> &str {
        match self {
            Node::Resource(i) => template.resources.get(i).map_or("?", |r| r.symbol.as_str()),
            Node::Module(i) => template.modules.get(i).map_or("?", |m| m.symbol.as_str()),
        }
    }
}

/// One dependency of a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Edge {
    /// What is depended on.
    pub node: Node,
    /// Written in `dependsOn`.
    pub written: bool,
    /// Implied by a symbolic reference, `parent` or `scope` (Bicep infers these).
    pub implied: bool,
    /// Needed for a custom domain: API Management reads its certificate from Key
    /// Vault while it is created, so it waits for the access it reads with
    /// (see [`crate::access`]). Bicep does not infer these.
    pub needed: bool,
}

/// Why an edge exists.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Why {
    Written,
    Implied,
    Needed,
}

/// The symbols each variable refers to, directly or through other variables, and
/// where each node is declared: what [`dependencies`] looks up for every node,
/// computed once per template so that the graph stays linear in its size.
pub struct VarRefs<'t> {
    template: &'t Template,
    cache: HashMap<&'t str, BTreeSet<Node>>,
    vars: HashMap<&'t str, &'t ir::Var>,
    /// The position in `template.order` of each resource, then of each module.
    positions: (Vec<usize>, Vec<usize>),
}

impl<'t> VarRefs<'t> {
    /// An empty cache over `template`.
    pub fn new(template: &'t Template) -> Self {
        let mut vars = HashMap::with_capacity(template.vars.len());
        for var in &template.vars {
            // The first of duplicate names, as a search from the start finds.
            vars.entry(var.name.as_str()).or_insert(var);
        }
        let mut positions = (
            vec![usize::MAX; template.resources.len()],
            vec![usize::MAX; template.modules.len()],
        );
        for (at, item) in template.order.iter().enumerate().rev() {
            let slot = match item {
                ItemRef::Resource(i) => positions.0.get_mut(*i),
                ItemRef::Module(i) => positions.1.get_mut(*i),
                _ => None,
            };
            if let Some(slot) = slot {
                *slot = at;
            }
        }
        VarRefs {
            template,
            cache: HashMap::new(),
            vars,
            positions,
        }
    }

    /// Where `node` is declared among the template's items.
    fn position(&self, node: Node) -> usize {
        let found = match node {
            Node::Resource(i) => self.positions.0.get(i),
            Node::Module(i) => self.positions.1.get(i),
        };
        found.copied().unwrap_or(usize::MAX)
    }

    /// The nodes `expr` refers to, through variables too.
    pub fn refs(&mut self, expr: &'t Expr) -> BTreeSet<Node> {
        let mut out = BTreeSet::new();
        self.collect(expr, &mut out, 0);
        out
    }

    fn collect(&mut self, expr: &'t Expr, out: &mut BTreeSet<Node>, depth: usize) {
        let mut vars = Vec::new();
        walk(expr, &mut |e| match &e.kind {
            ExprKind::Resource(i) => {
                out.insert(Node::Resource(*i));
            }
            ExprKind::Module(i) => {
                out.insert(Node::Module(*i));
            }
            ExprKind::Var(name) => vars.push(name.as_str()),
            _ => {}
        });
        // Variables cannot form cycles in a valid template; the depth bound keeps an
        // invalid one from recursing forever.
        if depth > self.template.vars.len() {
            return;
        }
        for name in vars {
            if let Some(cached) = self.cache.get(name) {
                out.extend(cached.iter().copied());
                continue;
            }
            let Some(&var) = self.vars.get(name) else {
                continue;
            };
            let mut found = BTreeSet::new();
            self.collect(&var.value, &mut found, depth + 1);
            out.extend(found.iter().copied());
            self.cache.insert(name, found);
        }
    }
}

/// Every expression of a resource that is evaluated for its deployment.
pub fn resource_exprs(resource: &ir::Resource) -> Vec<&Expr> {
    let mut exprs = Vec::new();
    push_resource_exprs(&mut exprs, resource);
    exprs
}

/// [`resource_exprs`], added to `exprs`.
fn push_resource_exprs<'t>(exprs: &mut Vec<&'t Expr>, resource: &'t ir::Resource) {
    exprs.push(&resource.name);
    exprs.extend(resource.condition.as_deref());
    exprs.extend(resource.copy.as_deref().map(|l| &*l.source));
    if let Some(Scope::Expr(scope)) = &resource.scope {
        exprs.push(scope);
    }
    exprs.extend(resource.scope_text.as_deref());
    exprs.extend(resource.body.iter().map(|p| &p.value));
}

/// Every expression of a module that is evaluated for its deployment.
pub fn module_exprs(module: &ir::Module) -> Vec<&Expr> {
    let mut exprs = vec![&module.name];
    exprs.extend(module.condition.as_deref());
    exprs.extend(module.copy.as_deref().map(|l| &*l.source));
    exprs.extend(module.params.iter().map(|p| &p.value));
    exprs.extend(module.scope.iter().flat_map(ir::ModuleScope::exprs));
    exprs
}

/// Every expression of a template that ARM evaluates: parameter defaults,
/// variables, what [`resource_exprs`] and [`module_exprs`] give, outputs, and
/// the bodies of user-defined functions.
pub fn template_exprs(template: &Template) -> Vec<&Expr> {
    let mut exprs: Vec<&Expr> = template
        .params
        .iter()
        .filter_map(|p| p.default.as_ref())
        .collect();
    exprs.extend(template.vars.iter().map(|v| &v.value));
    // Room for about four per resource, reserved at once.
    exprs.reserve(4 * template.resources.len());
    for resource in &template.resources {
        push_resource_exprs(&mut exprs, resource);
    }
    for module in &template.modules {
        exprs.extend(module_exprs(module));
    }
    exprs.extend(template.outputs.iter().map(|o| &o.value));
    exprs.extend(template.functions.iter().map(|f| &f.body));
    exprs
}

/// Every expression of `template` and every expression inside each, parents
/// first: [`template_exprs`] each walked by [`crate::ir::walk`], in that order.
/// The checks that look at each node on its own read this one list instead of
/// walking the tree again each (a list is read ahead by the processor, a tree
/// is not: on a template larger than the cache the walks cost most).
pub fn template_nodes(template: &Template) -> Nodes<'_> {
    let mut nodes = Nodes {
        exprs: Vec::new(),
        kinds: Vec::new(),
        loops: false,
    };
    for expr in template_exprs(template) {
        crate::ir::walk(expr, &mut |e| {
            let kind = NodeKind::of(e);
            nodes.loops |= kind == NodeKind::For;
            nodes.exprs.push(e);
            nodes.kinds.push(kind);
        });
    }
    nodes
}

/// What a node of [`Nodes`] is, as far as the checks that read the list ask.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// [`crate::ir::ExprKind::Call`], by the family of its function.
    Call(CallKind),
    /// [`crate::ir::ExprKind::Member`] or [`crate::ir::ExprKind::Index`]: a
    /// read of a member.
    Access,
    /// [`crate::ir::ExprKind::Resource`]: a resource's symbol.
    Resource,
    /// [`crate::ir::ExprKind::For`]: a loop.
    For,
    /// Any other.
    Other,
}

/// The family of a call's function, as the checks that look at calls by name
/// ask: decided once, when the list is built, so that a check looking for
/// one family reads neither the other calls nor their names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallKind {
    /// `resourceId`, `subscriptionResourceId`, `tenantResourceId`,
    /// `extensionResourceId`, spelled so (ARM's names, not a user's function).
    Id,
    /// A resource function `list*` (`listKeys`, `listSecrets`), any case, but
    /// not `list` itself.
    List,
    /// `float`, `references`, `parameters`, `variables`: functions with no
    /// Bicep equivalent (the last two only with a computed name).
    NoBicep,
    /// Any other.
    Other,
}

impl CallKind {
    /// The family of a function called `name`.
    pub fn of(name: &str) -> CallKind {
        match name {
            "resourceId"
            | "subscriptionResourceId"
            | "tenantResourceId"
            | "extensionResourceId" => CallKind::Id,
            "float" | "references" | "parameters" | "variables" => CallKind::NoBicep,
            _ if name.len() > 4 && name.as_bytes()[..4].eq_ignore_ascii_case(b"list") => {
                CallKind::List
            }
            _ => CallKind::Other,
        }
    }
}

impl NodeKind {
    fn of(expr: &Expr) -> NodeKind {
        match &expr.kind {
            ExprKind::Call(call) => NodeKind::Call(CallKind::of(&call.name)),
            ExprKind::Member(..) | ExprKind::Index(..) => NodeKind::Access,
            ExprKind::Resource(_) => NodeKind::Resource,
            ExprKind::For(..) => NodeKind::For,
            _ => NodeKind::Other,
        }
    }
}

/// Every node of a template ([`template_nodes`]), each with its [`NodeKind`]
/// beside it. A check that looks at one kind reads the kinds, one byte per
/// node and in one block of memory, and only its own nodes: on a template
/// larger than the cache, reading every node is a miss each.
#[derive(Debug, Clone)]
pub struct Nodes<'t> {
    exprs: Vec<&'t Expr>,
    kinds: Vec<NodeKind>,
    /// Whether any node is a loop ([`NodeKind::For`]).
    loops: bool,
}

impl<'t> Nodes<'t> {
    /// Every node, in walk order.
    pub fn all(&self) -> &[&'t Expr] {
        &self.exprs
    }

    /// The nodes of `kind`, in walk order.
    pub fn of(&self, kind: NodeKind) -> impl Iterator<Item = &'t Expr> + '_ {
        self.kinds
            .iter()
            .zip(&self.exprs)
            .filter(move |(k, _)| **k == kind)
            .map(|(_, e)| *e)
    }

    /// Whether any node is a `[for ...]` loop: a check of loops has nothing
    /// to look at without one, and need not walk the template.
    pub fn has_loops(&self) -> bool {
        self.loops
    }
}

/// The dependencies of `node`, written and implied, without duplicates, in
/// declaration order. `existing` resources are never dependencies: they are not
/// deployed.
pub fn dependencies<'t>(template: &'t Template, node: Node, vars: &mut VarRefs<'t>) -> Vec<Edge> {
    let mut found: Vec<Edge> = Vec::new();
    let mut add = |target: Node, why: Why| {
        // An `existing` resource is not deployed, but what it stands on may be:
        // waiting for it means waiting for its deployed parents and scope.
        let target = match target {
            Node::Resource(i) => match deployed_base(template, i) {
                Some(base) => Node::Resource(base),
                None => return,
            },
            other => other,
        };
        if target == node {
            return;
        }
        let entry = match found.iter_mut().find(|e| e.node == target) {
            Some(entry) => entry,
            None => {
                found.push(Edge {
                    node: target,
                    written: false,
                    implied: false,
                    needed: false,
                });
                let last = found.len() - 1;
                &mut found[last]
            }
        };
        match why {
            Why::Written => entry.written = true,
            Why::Implied => entry.implied = true,
            Why::Needed => entry.needed = true,
        }
    };
    let (written, exprs): (&[Dependency], Vec<&Expr>) = match node {
        Node::Resource(i) => match template.resources.get(i) {
            Some(r) => {
                if let Some((parent, _)) = r.parent {
                    add(Node::Resource(parent), Why::Implied);
                }
                if let Some(Scope::Resource(scope, _)) = r.scope {
                    add(Node::Resource(scope), Why::Implied);
                }
                (&r.depends_on, resource_exprs(r))
            }
            None => return Vec::new(),
        },
        Node::Module(i) => match template.modules.get(i) {
            Some(m) => (&m.depends_on, module_exprs(m)),
            None => return Vec::new(),
        },
    };
    for dependency in written {
        match dependency {
            Dependency::Resource(i, _)
            | Dependency::Named(i, _)
            | Dependency::Copy { resource: i, .. } => add(Node::Resource(*i), Why::Written),
            Dependency::Module(i, _) | Dependency::NamedModule(i, _) => {
                add(Node::Module(*i), Why::Written)
            }
            Dependency::Unmatched(_) => {}
        }
    }
    for expr in exprs {
        for target in vars.refs(expr) {
            add(target, Why::Implied);
        }
    }
    if let Node::Resource(apim) = node
        && template
            .resources
            .get(apim)
            .is_some_and(crate::access::may_read_key_vault)
    {
        // A system-assigned identity only exists once API Management does, so the
        // access for it cannot come first (a check reports that instead).
        let domains = crate::access::domains_of(template, apim);
        // A named value or certificate is its own resource, deployed after the
        // service: it can wait for access given to the system identity too.
        let user_assigned = domains.iter().filter(|d| {
            d.reader == apim
                && d.given_outside.is_none()
                && (!d.in_service || matches!(d.principal, crate::access::Principal::User(_)))
        });
        for domain in user_assigned {
            for grant in &domain.granted_by {
                add(Node::Resource(*grant), Why::Needed);
            }
        }
    }
    found.sort_by_key(|e| vars.position(e.node));
    found
}

/// The resource to wait for instead of `index`: itself when deployed; for an
/// `existing` one, the nearest deployed parent or scope it stands on, if any.
fn deployed_base(template: &Template, index: usize) -> Option<usize> {
    let mut current = index;
    for _ in 0..=template.resources.len() {
        let resource = template.resources.get(current)?;
        if !resource.existing {
            return Some(current);
        }
        current = match (resource.parent, &resource.scope) {
            (Some((parent, _)), _) => parent,
            (None, Some(Scope::Resource(target, _))) => *target,
            _ => return None,
        };
    }
    None
}

/// The loop `resources[index]` has from a looped resource it is nested in, in
/// the ARM output (written in the parent's `resources`): ARM deploys one copy
/// of it with each copy of the parent, where `copyIndex()` counts the
/// parent's copies, and it has no `copy` of its own, so no copy loop name a
/// `dependsOn` could wait for: only one copy's id names it ("Resource
/// iteration in ARM templates",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources>;
/// "Define the order for deploying resources in ARM templates",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency>:
/// a `dependsOn` entry is a resource's name or id, or a copy loop's name).
/// `None` for any other resource. The loop's id, which the resources nested in
/// the same copy share.
pub fn loop_from_parent(template: &Template, index: usize) -> Option<usize> {
    let resource = template.resources.get(index)?;
    let copy = resource.copy.as_ref()?;
    let parent = template.resources.get(resource.nested_in?)?;
    (!parent.existing).then_some(copy.id)
}

/// Whether `node` is deployed in the same copy of a looped resource as
/// `resources[target]`, which has its loop from a parent it is nested in
/// ([`loop_from_parent`]): `node` shares that loop, so it is the looped
/// resource itself or nested in it too, and `target`'s id with this copy's
/// `copyIndex()` names the one to wait for.
pub fn same_copy(template: &Template, node: Node, target: usize) -> bool {
    let Some(id) = loop_from_parent(template, target) else {
        return false;
    };
    match node {
        Node::Resource(i) => template
            .resources
            .get(i)
            .and_then(|r| r.copy.as_ref())
            .is_some_and(|c| c.id == id),
        Node::Module(_) => false,
    }
}

/// Every deployable node in declaration order.
pub fn nodes(template: &Template) -> Vec<Node> {
    template
        .order
        .iter()
        .filter_map(|item| match item {
            ItemRef::Resource(i) => Some(Node::Resource(*i)),
            ItemRef::Module(i) => Some(Node::Module(*i)),
            _ => None,
        })
        .collect()
}

/// The first dependency cycle found, as the nodes along it (first node repeated at
/// the end), or `None`.
pub fn find_cycle(template: &Template) -> Option<Vec<Node>> {
    let mut vars = VarRefs::new(template);
    let all = nodes(template);
    let edges: HashMap<Node, Vec<Node>> = all
        .iter()
        .map(|n| {
            (
                *n,
                dependencies(template, *n, &mut vars)
                    .into_iter()
                    .map(|e| e.node)
                    .collect(),
            )
        })
        .collect();
    // 0 = unvisited, 1 = on the current path, 2 = done.
    let mut state: HashMap<Node, u8> = HashMap::new();
    for start in &all {
        let mut path: Vec<(Node, usize)> = vec![(*start, 0)];
        if state.get(start).copied().unwrap_or(0) != 0 {
            continue;
        }
        state.insert(*start, 1);
        while let Some((node, next)) = path.last().copied() {
            let targets = edges.get(&node).map_or(&[][..], Vec::as_slice);
            match targets.get(next) {
                Some(target) => {
                    if let Some(last) = path.last_mut() {
                        last.1 += 1;
                    }
                    match state.get(target).copied().unwrap_or(0) {
                        1 => {
                            let from = path.iter().position(|(n, _)| n == target).unwrap_or(0);
                            let mut cycle: Vec<Node> =
                                path[from..].iter().map(|(n, _)| *n).collect();
                            cycle.push(*target);
                            return Some(cycle);
                        }
                        0 => {
                            state.insert(*target, 1);
                            path.push((*target, 0));
                        }
                        _ => {}
                    }
                }
                None => {
                    state.insert(node, 2);
                    path.pop();
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    fn resolved(tokens: proc_macro2::TokenStream) -> Template {
        let parsed = crate::parse::parse_template(tokens);
        assert!(parsed.errors.is_empty());
        let mut diags = crate::diag::Diagnostics::new();
        let template = crate::resolve::resolve(parsed.template.expect("template"), &mut diags);
        assert!(diags.is_empty());
        template
    }

    fn edges(template: &Template, resource: usize) -> Vec<(String, bool, bool)> {
        let mut vars = VarRefs::new(template);
        dependencies(template, Node::Resource(resource), &mut vars)
            .into_iter()
            .map(|e| (e.node.symbol(template).to_string(), e.written, e.implied))
            .collect()
    }

    #[test]
    fn calls_are_listed_by_family() {
        let cases = [
            ("resourceId", CallKind::Id),
            ("subscriptionResourceId", CallKind::Id),
            ("tenantResourceId", CallKind::Id),
            ("extensionResourceId", CallKind::Id),
            // ARM's id functions as the id check reads them: spelled so.
            ("resourceid", CallKind::Other),
            ("managementGroupResourceId", CallKind::Other),
            ("listKeys", CallKind::List),
            ("LISTSECRETS", CallKind::List),
            ("listAccountSas", CallKind::List),
            ("list", CallKind::Other),
            ("lis", CallKind::Other),
            ("last", CallKind::Other),
            ("float", CallKind::NoBicep),
            ("references", CallKind::NoBicep),
            ("parameters", CallKind::NoBicep),
            ("variables", CallKind::NoBicep),
            ("reference", CallKind::Other),
            ("concat", CallKind::Other),
            ("", CallKind::Other),
            ("listé", CallKind::List),
        ];
        for (name, kind) in cases {
            assert_eq!(CallKind::of(name), kind, "{name}");
        }
        let t = resolved(quote! {
            const T;
            param p: string;
            var v = [listKeys(p, "2020-01-01"), resourceId("A.B/c", p), float("1.5")];
        });
        let nodes = template_nodes(&t);
        let names = |kind: CallKind| -> Vec<String> {
            nodes
                .of(NodeKind::Call(kind))
                .map(|e| match &e.kind {
                    ExprKind::Call(call) => call.name.clone(),
                    _ => unreachable!("only calls are listed as calls"),
                })
                .collect()
        };
        assert_eq!(names(CallKind::List), ["listKeys"]);
        assert_eq!(names(CallKind::Id), ["resourceId"]);
        assert_eq!(names(CallKind::NoBicep), ["float"]);
        assert!(names(CallKind::Other).is_empty());
        assert!(!nodes.has_loops());
        let looped = resolved(quote! {
            const T;
            output o: array = [for i in range(0, 2): i];
        });
        assert!(template_nodes(&looped).has_loops());
    }

    #[test]
    fn written_and_implied_edges_in_declaration_order_without_duplicates() {
        let t = resolved(quote! {
            const T;
            resource c "A.B/c@1" { name: "c" }
            resource a "A.B/c@1" { name: "a" }
            resource gone "A.B/c@1" existing { name: "gone" }
            var viaVar = c.properties.x;
            resource b "A.B/c@1" {
                name: "b",
                properties: { x: a.id, y: a.name, z: viaVar, w: gone.id },
                dependsOn: [a, c],
            }
        });
        assert_eq!(
            edges(&t, 3),
            [("c".to_string(), true, true), ("a".to_string(), true, true)],
            "c comes first as declared; gone is existing and never waited for"
        );
        assert!(edges(&t, 0).is_empty());
    }

    #[test]
    fn parent_and_scope_are_implied() {
        let t = resolved(quote! {
            const T;
            resource vault "Microsoft.KeyVault/vaults@2023-07-01" { name: "kv" }
            resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" { parent: vault, name: "s" }
            resource lock "Microsoft.Authorization/locks@2020-05-01" { scope: vault, name: "l" }
        });
        assert_eq!(edges(&t, 1), [("vault".to_string(), false, true)]);
        assert_eq!(edges(&t, 2), [("vault".to_string(), false, true)]);
    }

    #[test]
    fn cycles_are_found_with_their_path() {
        let t = resolved(quote! {
            const T;
            resource a "A.B/c@1" { name: "a", properties: { x: c.properties.y } }
            resource b "A.B/c@1" { name: "b", dependsOn: [a] }
            resource c "A.B/c@1" { name: "c", dependsOn: [b] }
            resource d "A.B/c@1" { name: "d", dependsOn: [a] }
        });
        let cycle: Vec<&str> = find_cycle(&t)
            .unwrap_or_default()
            .iter()
            .map(|n| n.symbol(&t))
            .collect();
        assert_eq!(cycle, ["a", "c", "b", "a"]);
        let acyclic = resolved(quote! {
            const T;
            resource a "A.B/c@1" { name: "a" }
            resource b "A.B/c@1" { name: "b", dependsOn: [a] }
        });
        assert!(find_cycle(&acyclic).is_none());
    }
}
