//! Waiting for a resource that has its loop from a looped resource it is
//! nested in ([`graph::loop_from_parent`]: `front` in the `resources` of
//! `vnets` declared `for i in ...`). ARM deploys one copy of it with each copy
//! of the parent and writes no `copy` on it, so it has no copy loop name; a
//! `dependsOn` entry is a resource's name or id or a copy loop's name ("Define
//! the order for deploying resources in ARM templates",
//! <https://learn.microsoft.com/azure/azure-resource-manager/templates/resource-dependency>;
//! "Resource iteration in ARM templates",
//! <https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources>).
//! Within the same copy of the parent the output names this copy's by its id
//! (see `emit::arm::node_id`); one copy picked by its index, `front[0]`, is
//! named by its id too. From outside the loop, nothing names every copy: a
//! whole-loop `dependsOn` entry, or a symbolic read (which implies waiting for
//! what it reads), is an error at that entry or read.

use crate::codes;
use crate::diag::Diagnostics;
use crate::graph::{self, Node, VarRefs};
use crate::ir::{Dependency, Expr, ExprKind, Template, walk};
use proc_macro2::Span;

/// Reports every whole-loop wait, written or implied by a read, for a resource
/// that has its loop from its parent, from outside that parent's loop.
pub fn check(template: &Template, diags: &mut Diagnostics) {
    // Most templates nest nothing in a loop: nothing to look at then.
    let any = (0..template.resources.len()).any(|i| graph::loop_from_parent(template, i).is_some());
    if !any {
        return;
    }
    let mut vars = VarRefs::new(template);
    let nodes = template
        .resources
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.existing)
        .map(|(i, r)| (Node::Resource(i), &r.depends_on, graph::resource_exprs(r)))
        .chain(
            template
                .modules
                .iter()
                .enumerate()
                .map(|(i, m)| (Node::Module(i), &m.depends_on, graph::module_exprs(m))),
        );
    for (node, written, exprs) in nodes {
        // Outside the loop: neither in the same copy nor the resource itself.
        let outside = |target: usize| {
            Node::Resource(target) != node
                && graph::loop_from_parent(template, target).is_some()
                && !graph::same_copy(template, node, target)
        };
        for dependency in written {
            if let Dependency::Resource(target, span) = dependency
                && outside(*target)
            {
                whole_loop(template, *target, *span, None, diags);
            }
        }
        // Each target read is reported once, at its first read.
        let mut reported: Vec<usize> = Vec::new();
        for expr in exprs {
            let mut reads: Vec<&Expr> = Vec::new();
            walk(expr, &mut |e| {
                if matches!(e.kind, ExprKind::Resource(_) | ExprKind::Var(_)) {
                    reads.push(e);
                }
            });
            for read in reads {
                let (targets, var) = match &read.kind {
                    ExprKind::Resource(target) => (vec![*target], None),
                    ExprKind::Var(name) => (
                        vars.refs(read)
                            .into_iter()
                            .filter_map(|n| match n {
                                Node::Resource(i) => Some(i),
                                Node::Module(_) => None,
                            })
                            .collect(),
                        Some(name.as_str()),
                    ),
                    _ => continue,
                };
                for target in targets {
                    if outside(target) && !reported.contains(&target) {
                        reported.push(target);
                        whole_loop(template, target, read.span, Some((node, var)), diags);
                    }
                }
            }
        }
    }
}

/// The error for waiting for every copy of `resources[target]`, at `span`:
/// a `dependsOn` entry (`read` is `None`) or a read by `node`, directly or in
/// a variable.
fn whole_loop(
    template: &Template,
    target: usize,
    span: Span,
    read: Option<(Node, Option<&str>)>,
    diags: &mut Diagnostics,
) {
    let Some(resource) = template.resources.get(target) else {
        return;
    };
    let symbol = &resource.symbol;
    let looped = looped_ancestor(template, target);
    let (parent, index) = match template.resources.get(looped) {
        Some(p) => (
            p.symbol.as_str(),
            p.copy
                .as_ref()
                .map_or("i", |c| c.index.as_deref().unwrap_or(c.item.as_str())),
        ),
        None => ("?", "i"),
    };
    let why = format!(
        "`{symbol}` is nested in `{parent}`, which is declared with a loop: ARM deploys one `{symbol}` with each copy of `{parent}` and has no name for all of them, so nothing outside that loop can wait for every `{symbol}`"
    );
    let fix = format!(
        "declare `{symbol}` at the top level with a loop of its own and `parent: {parent}[{index}]`"
    );
    let message = match read {
        None => format!("{why}: wait for one copy, `{symbol}[0]`, or {fix}"),
        Some((node, None)) => format!(
            "reading `{symbol}` makes `{}` wait for it, but {why}: {fix}",
            node.symbol(template)
        ),
        Some((node, Some(var))) => format!(
            "variable `{var}` reads `{symbol}`, which makes `{}` wait for it, but {why}: {fix}",
            node.symbol(template)
        ),
    };
    diags.error(codes::INVALID_DEPENDENCY, span, message);
}

/// The top-level looped resource `resources[index]` has its loop from: up
/// the resources it is nested in while they have that loop from theirs.
fn looped_ancestor(template: &Template, index: usize) -> usize {
    let mut current = index;
    // Nesting is at most a few levels; the bound keeps a malformed tree finite.
    for _ in 0..16 {
        match template.resources.get(current) {
            Some(r) if graph::loop_from_parent(template, current).is_some() => match r.nested_in {
                Some(parent) => current = parent,
                None => break,
            },
            _ => break,
        }
    }
    current
}

#[cfg(test)]
mod tests {
    use crate::compile;
    use proc_macro2::TokenStream;
    use quote::quote;
    use serde_json::Value;

    /// The ARM output (as JSON) and the Bicep of a template that compiles.
    fn compiled(tokens: TokenStream) -> (Value, String) {
        let output = compile(tokens).output.unwrap_or_else(|errors| {
            let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("errors: {messages:?}")
        });
        (serde_json::from_str(&output.arm).unwrap(), output.bicep)
    }

    /// The errors of a template that does not compile.
    fn errors(tokens: TokenStream) -> Vec<String> {
        match compile(tokens).output {
            Ok(_) => panic!("compiled"),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    /// What `apim-dsl check` reports as errors on the ARM output (it needs
    /// the `import` feature; the workspace's tests run with it).
    #[cfg(feature = "import")]
    fn check_errors(arm: &Value) -> Vec<String> {
        use crate::arm::import::verify::{Severity, check_template};
        check_template(arm)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("{}: {}", f.path, f.message))
            .collect()
    }

    #[cfg(not(feature = "import"))]
    fn check_errors(_: &Value) -> Vec<String> {
        Vec::new()
    }

    /// A storage account per name, its blob service, a container nested in
    /// the service, one nested with a relative type of two segments, and
    /// one more under the container: each waits for its own copy's.
    fn storage(extra: TokenStream) -> TokenStream {
        quote! {
            const T;
            param names: array = ["a", "b"];
            resource st "Microsoft.Storage/storageAccounts@2023-01-01" for (n, k) in names {
                name: concat("st", n),
                location: resourceGroup().location,
                sku: { name: "Standard_LRS" },
                kind: "StorageV2",
                resources: [
                    resource blob "blobServices@2023-01-01" {
                        name: "default",
                        resources: [
                            resource c2 "containers@2023-01-01" { name: concat("c", string(k)) },
                        ],
                    },
                    resource logs "blobServices/containers@2023-01-01" {
                        name: "default/logs",
                        dependsOn: [blob],
                    },
                    #extra
                ],
            }
        }
    }

    fn dependencies(resource: &Value) -> Vec<&str> {
        resource["dependsOn"]
            .as_array()
            .map(|a| a.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default()
    }

    #[test]
    fn within_the_parents_copy_a_nested_resource_waits_for_that_copys() {
        let (arm, bicep) = compiled(storage(quote! {
            resource policy "managementPolicies@2023-01-01" {
                name: "default",
                dependsOn: [logs, c2],
                properties: { policy: { rules: [] } },
            },
        }));
        let this_blob = "[resourceId('Microsoft.Storage/storageAccounts/blobServices', concat('st', parameters('names')[copyIndex()]), 'default')]";
        let nested = &arm["resources"][0]["resources"];
        // The service waits for the accounts' loop; the grandchild for its
        // parent (implied), the sibling for the service it names (written),
        // each of this copy (and for the account through it).
        assert_eq!(dependencies(&nested[0]), ["st"]);
        assert_eq!(dependencies(&nested[0]["resources"][0]), [this_blob]);
        assert_eq!(dependencies(&nested[1]), [this_blob]);
        assert_eq!(
            dependencies(&nested[2]),
            [
                "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', concat('st', parameters('names')[copyIndex()]), 'default', 'logs')]",
                "[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', concat('st', parameters('names')[copyIndex()]), 'default', concat('c', string(copyIndex())))]",
            ]
        );
        // No `copy` is written on any of them, and none waits for a copy
        // loop name other than the parent's.
        for resource in nested.as_array().unwrap() {
            assert!(resource.get("copy").is_none(), "{resource}");
        }
        assert_eq!(check_errors(&arm), Vec::<String>::new());
        // Bicep waits for the same copy.
        assert!(bicep.contains("parent: blob[k]"), "{bicep}");
        assert!(
            bicep.contains("  dependsOn: [\n    blob[k]\n  ]"),
            "{bicep}"
        );
        assert!(
            bicep.contains("  dependsOn: [\n    c2[k]\n    logs[k]\n  ]"),
            "{bicep}"
        );
    }

    #[test]
    fn from_outside_the_loop_one_copy_is_named_by_its_id() {
        let (arm, bicep) = compiled(quote! {
            const T;
            param count: int = 2;
            resource vnets "Microsoft.Network/virtualNetworks@2023-09-01" for i in range(0, count) {
                name: concat("vnet", string(i)),
                location: resourceGroup().location,
                properties: { addressSpace: { addressPrefixes: ["10.0.0.0/8"] } },
                resources: [
                    resource front "subnets@2023-09-01" {
                        name: "front",
                        properties: { addressPrefix: concat("10.", string(i), ".1.0/24") },
                    },
                ],
            }
            resource nsg "Microsoft.Network/networkSecurityGroups@2023-09-01" {
                name: "nsg1",
                location: resourceGroup().location,
                dependsOn: [front[1]],
                properties: { securityRules: [] },
            }
            output first: string = front[0].id;
        });
        assert_eq!(
            dependencies(&arm["resources"][1]),
            [
                "[resourceId('Microsoft.Network/virtualNetworks/subnets', concat('vnet', string(range(0, parameters('count'))[1])), 'front')]"
            ]
        );
        // (`apim-dsl check` does not yet find which copy of a loop a
        // computed name in `dependsOn` names: not checked here.)
        assert!(bicep.contains("    front[1]\n"), "{bicep}");
    }

    #[test]
    fn from_outside_the_loop_every_copy_is_an_error_at_each_wait() {
        let errors = errors(quote! {
            const T;
            param count: int = 2;
            resource vnets "Microsoft.Network/virtualNetworks@2023-09-01" for i in range(0, count) {
                name: concat("vnet", string(i)),
                location: resourceGroup().location,
                properties: { addressSpace: { addressPrefixes: ["10.0.0.0/8"] } },
                resources: [
                    resource front "subnets@2023-09-01" {
                        name: "front",
                        properties: { addressPrefix: concat("10.", string(i), ".1.0/24") },
                    },
                ],
            }
            var firstId = front[0].id;
            resource nsg "Microsoft.Network/networkSecurityGroups@2023-09-01" {
                name: "nsg1",
                location: resourceGroup().location,
                dependsOn: [front],
                properties: { securityRules: [] },
            }
            resource nics "Microsoft.Network/networkInterfaces@2023-09-01" for j in range(0, count) {
                name: concat("nic", string(j)),
                location: resourceGroup().location,
                properties: { ipConfigurations: [{ name: "ip", properties: { subnet: { id: front[j].id } } }] },
            }
            resource nic "Microsoft.Network/networkInterfaces@2023-09-01" {
                name: "nic",
                location: resourceGroup().location,
                properties: { ipConfigurations: [{ name: "ip", properties: { subnet: { id: firstId } } }] },
            }
        });
        let why = "`front` is nested in `vnets`, which is declared with a loop: ARM deploys one `front` with each copy of `vnets` and has no name for all of them, so nothing outside that loop can wait for every `front`";
        let fix = "declare `front` at the top level with a loop of its own and `parent: vnets[i]`";
        assert_eq!(
            errors,
            [
                format!("ADSL0502: {why}: wait for one copy, `front[0]`, or {fix}"),
                format!("ADSL0502: reading `front` makes `nics` wait for it, but {why}: {fix}"),
                format!(
                    "ADSL0502: variable `firstId` reads `front`, which makes `nic` wait for it, but {why}: {fix}"
                ),
            ]
        );
    }
}
