use super::*;
use crate::ir::{Dependency, ExprKind, ParamType};
use quote::quote;

fn run(tokens: proc_macro2::TokenStream) -> (ir::Template, Vec<String>) {
    let parsed = crate::parse::parse_template(tokens);
    assert!(parsed.errors.is_empty(), "syntax errors in the test input");
    let ast = parsed.template.expect("template");
    let mut diags = Diagnostics::new();
    let template = resolve(ast, &mut diags);
    let errors = crate::uncoded(&diags.into_errors());
    (template, errors)
}

fn errors(tokens: proc_macro2::TokenStream) -> Vec<String> {
    run(tokens).1
}

#[test]
fn names_resolve_to_their_declarations() {
    let (t, errors) = run(quote! {
        const T;
        param p: string;
        var v = parameters("p");
        resource r "A.B/c@1" { name: v, properties: { x: p, y: variables("v") } }
        output o: string = r.id;
    });
    assert!(errors.is_empty(), "{errors:?}");
    assert!(matches!(&t.vars[0].value.kind, ExprKind::Param(name) if name == "p"));
    assert!(matches!(&t.resources[0].name.kind, ExprKind::Var(name) if name == "v"));
    let ExprKind::Member(base, member) = &t.outputs[0].value.kind else {
        panic!("member")
    };
    assert_eq!(member, "id");
    assert!(matches!(base.kind, ExprKind::Resource(0)));
    assert_eq!(t.order.len(), 4);
}

#[test]
fn unknown_names_suggest_the_closest() {
    let found = errors(quote! {
        const T;
        param skuCount: int;
        var v = skuCont;
        output o: int = v;
    });
    assert_eq!(
        found,
        [
            "cannot find parameter, variable or resource `skuCont` in this template, did you mean `skuCount`?"
        ],
        "no follow-on `unused` report for the misspelt parameter"
    );
    // Unused declarations are warnings, as in Bicep (no-unused-params,
    // no-unused-vars).
    let output = crate::compile(quote! { const T; param a: int; var b = 1; output o: int = 2; })
        .output
        .unwrap_or_else(|_| panic!("unused declarations are not errors"));
    let warnings: Vec<&str> = output.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(
        warnings,
        [
            "parameter `a` is never used (Bicep's no-unused-params): use it, remove it, or mark it `#[allow(unused)]`",
            "variable `b` is never used (Bicep's no-unused-vars): use it, remove it, or mark it `#[allow(unused)]`",
        ]
    );
    let found = errors(quote! { const T; output o: string = parameters("nope"); });
    assert_eq!(found, ["cannot find parameter `nope` in this template"]);
    let found =
        errors(quote! { const T; #[allow(unused)] var v = 1; output o: string = parameters("v"); });
    assert_eq!(
        found,
        ["cannot find parameter `v` in this template, `v` is a variable"]
    );
    let found = errors(quote! { const T; output o: object = resourceGroup; });
    assert_eq!(
        found,
        [
            "cannot find parameter, variable or resource `resourceGroup` in this template, the ARM function is called as `resourceGroup()`"
        ]
    );
}

#[test]
fn duplicates_are_reported_at_the_second_declaration() {
    let found = errors(quote! {
        const T;
        #[allow(unused)] param a: string;
        #[allow(unused)] var a = 1;
        output o: int = 1;
        output o: int = 2;
    });
    assert_eq!(
        found,
        [
            "duplicate name `a`: a parameter with this name is declared above; rename one of them",
            "duplicate output `o`: an output with this name is declared above",
        ]
    );
    let found = errors(quote! { const T; output o: object = { k: 1, k: 2 }; });
    assert_eq!(
        found,
        ["duplicate key `k`: an object can hold each key once"]
    );
}

#[test]
fn functions_are_checked_by_name_and_arity() {
    let found = errors(quote! {
        const T;
        output a: string = concatt("x");
        output b: object = resourceGroup(1, 2, 3);
        output c: string = uniqueString();
    });
    assert_eq!(
        found,
        [
            "unknown ARM template function `concatt`, did you mean `concat`?",
            "`resourceGroup` takes 0 to 2 arguments, but 3 were given",
            "`uniqueString` takes at least 1 argument, but 0 were given",
        ]
    );
    let (t, found) = run(quote! { const T; output a: string = CONCAT("a", "b"); });
    assert!(found.is_empty());
    let ExprKind::Call(call) = &t.outputs[0].value.kind else {
        panic!("call")
    };
    assert_eq!(call.name, "concat", "canonical spelling");
    let found = errors(
        quote! { const T; #[allow(unused)] param apim: string; output a: string = apim(1); },
    );
    assert_eq!(found, ["`apim` is a parameter, not a function"]);
}

#[test]
fn lambdas_only_where_functions_take_them() {
    let (t, found) = run(quote! {
        const T;
        param xs: array;
        output names: array = map(xs, x => x.name);
        output sorted: array = sort(xs, (a, b) => a < b);
    });
    assert!(found.is_empty(), "{found:?}");
    let ExprKind::Call(call) = &t.outputs[0].value.kind else {
        panic!("call")
    };
    assert!(matches!(&call.args[1].kind, ExprKind::Lambda(params, _) if params == &["x"]));
    let found = errors(quote! {
        const T;
        param xs: array;
        output a: array = map(xs, xs);
        output b: array = concat(xs, x => x);
        output c: array = sort(xs, x => x);
        var d = x => x;
    });
    assert_eq!(found.len(), 4, "{found:?}");
    assert_eq!(
        found[0],
        "argument 2 of `map` must be a lambda, e.g. `x => x.name`"
    );
    assert!(
        found[1].starts_with("`concat` takes no lambda here"),
        "{found:?}"
    );
    assert_eq!(
        found[2],
        "the lambda passed to `sort` takes 2 parameter(s), found 1"
    );
    assert!(
        found[3].starts_with("a lambda can only be an argument of"),
        "{found:?}"
    );
}

#[test]
fn loop_variables_are_scoped_to_their_loop() {
    let (t, found) = run(quote! {
        const T;
        param names: array;
        resource r "A.B/c@1" for (n, i) in names { name: n, properties: { index: i } }
        output ids: array = [for n in names: n];
    });
    assert!(found.is_empty(), "{found:?}");
    assert!(matches!(t.resources[0].name.kind, ExprKind::LoopItem(0)));
    let found = errors(quote! {
        const T;
        param names: array;
        resource r "A.B/c@1" for n in names { name: n }
        output leaked: string = n;
    });
    assert_eq!(
        found,
        ["cannot find parameter, variable or resource `n` in this template"]
    );
}

#[test]
fn attributes_are_read_and_checked() {
    let (t, found) = run(quote! {
        const T;
        /// Described.
        #[minLength(1)] #[maxLength(10)] #[allowed("a", "b")] #[secure] #[metadata({ owner: "me" })]
        param p: string = "a";
        output o: string = p;
    });
    assert!(found.is_empty(), "{found:?}");
    let p = &t.params[0];
    assert_eq!(p.ty, ParamType::SecureString);
    assert_eq!(
        (p.min_length.map(|b| b.value), p.max_length.map(|b| b.value)),
        (Some(1), Some(10))
    );
    assert_eq!(p.allowed.as_ref().map(|(v, _)| v.len()), Some(2));
    assert_eq!(p.description.as_deref(), Some("Described."));
    assert_eq!(p.metadata.len(), 1);
    let found = errors(quote! {
        const T;
        #[minLenght(1)] #[minValue("x")] #[secure] #[allowed(p)] #[bogus]
        param p: int;
        output o: int = p;
    });
    assert_eq!(
        found,
        [
            "unknown attribute `minLenght` on a parameter, did you mean `minLength`?",
            "unknown attribute `bogus` on a parameter, expected one of `allowed`, `minLength`, `maxLength`, `minValue`, `maxValue`, `metadata`, `secure`, `description`, `allow`",
            "`#[minValue]` takes one integer literal",
            "`#[secure]` applies to `string` and `object` parameters, not `int`",
            "allowed values must be literals",
        ]
    );
    let found = errors(quote! { const T; param p: strin; output o: string = p; });
    assert_eq!(found, ["unknown type `strin`, did you mean `string`?"]);
}

#[test]
fn resource_bodies() {
    let (t, found) = run(quote! {
        const T;
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
        resource secret "Microsoft.KeyVault/vaults/secrets@2023-07-01" {
            parent: vault,
            name: "s",
            properties: { value: "x" },
        }
        resource raw "A.B/c@1" {
            name: "r",
            dependsOn: [secret, resourceId("Microsoft.KeyVault/vaults/secrets", "kv", "s")],
        }
    });
    assert!(found.is_empty(), "{found:?}");
    assert!(t.resources[0].existing);
    assert_eq!(t.resources[1].parent.map(|(p, _)| p), Some(0));
    assert_eq!(t.resources[1].ty, "Microsoft.KeyVault/vaults/secrets");
    assert_eq!(t.resources[1].api_version, "2023-07-01");
    let deps: Vec<Option<usize>> = t.resources[2]
        .depends_on
        .iter()
        .map(|d| match d {
            Dependency::Resource(i, _) | Dependency::Named(i, _) => Some(*i),
            _ => None,
        })
        .collect();
    assert_eq!(
        deps,
        [Some(1), Some(1)],
        "resourceId(...) matched by type and name"
    );
    let found = errors(quote! {
        const T;
        resource a "NoSlash@1" { name: "a", type: "x", copy: {} }
        resource b "A.B/c@1" { properties: {}, dependsOn: [resourceId("A.B/c", "other")] }
    });
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(
        found[0].starts_with("`NoSlash@1` is not a resource type"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("the type comes from the resource's type string"),
        "{found:?}"
    );
    assert!(found[2].starts_with("write a loop as"), "{found:?}");
    assert_eq!(
        found[3],
        "resource `b` has no `name`: add `name: ...` to its body"
    );
    assert!(
        found[4].starts_with("this `dependsOn` entry names no `A.B/c` of this template: the type matches, the name does not"),
        "{found:?}"
    );
}

/// The resource each `dependsOn` entry of `resources[index]` names.
fn named(t: &ir::Template, index: usize) -> Vec<Option<usize>> {
    t.resources[index]
        .depends_on
        .iter()
        .map(|d| match d {
            Dependency::Resource(i, _) | Dependency::Named(i, _) => Some(*i),
            _ => None,
        })
        .collect()
}

#[test]
fn raw_dependencies_name_resources_by_structure() {
    let (t, found) = run(quote! {
        const T;
        param svc: string;
        param both: string;
        var zone = "privatelink.azure-api.net";
        resource apim "A.B/service@1" { name: svc }
        resource api "A.B/service/apis@1" { name: format("{0}/{1}", svc, "orders") }
        resource combined "A.B/service/apis@1" { name: both }
        resource dns "A.C/zones@1" { name: zone }
        resource last "A.B/other@1" {
            name: "x",
            dependsOn: [
                "A.B/service/apis/x",
                resourceId("A.B/service/apis", svc, "orders"),
                concat("A.B/service/", svc, "/apis/orders"),
                resourceId("A.B/service/apis", split(both, "/")[0], split(both, "/")[1]),
                "privatelink.azure-api.net",
                svc,
                api,
                resourceId("A.B/service/apis", apim.name, "orders"),
            ],
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    // Types and names alternate: `apis` is read as a name, `x` as a type.
    assert!(found[0].contains("names a `A.B/service/x`"), "{found:?}");
    assert_eq!(
        named(&t, 4),
        [
            None,
            Some(1),
            Some(1),
            Some(2),
            Some(3),
            Some(0),
            Some(1),
            Some(1)
        ]
    );
}

/// A child resource is named by its own name too, the last segment of its
/// full name, as ARM takes it in `dependsOn`: declared with `parent:` or
/// with a combined name, literal or built from parameters and variables,
/// compared ignoring case.
#[test]
fn raw_dependencies_name_children_by_their_own_name() {
    let (t, found) = run(quote! {
        const T;
        param vnetName: string;
        param subnetName: string;
        var own = "backend";
        resource vnet "Microsoft.Network/virtualNetworks@2020-05-01" { name: "vnet1" }
        resource front "Microsoft.Network/virtualNetworks/subnets@2020-05-01" {
            parent: vnet,
            name: "frontend",
        }
        resource back "Microsoft.Network/virtualNetworks/subnets@2020-05-01" {
            name: concat("vnet1/", own),
        }
        resource other "Microsoft.Network/virtualNetworks/subnets@2020-05-01" {
            name: format("{0}/{1}", vnetName, subnetName),
        }
        resource nsg "Microsoft.Network/networkSecurityGroups@2020-05-01" {
            name: "nsg",
            dependsOn: [
                "frontend",
                "FRONTEND",
                "vnet1/frontend",
                "backend",
                own,
                subnetName,
                "vnet1",
            ],
        }
    });
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(
        named(&t, 4),
        [
            Some(1),
            Some(1),
            Some(1),
            Some(2),
            Some(2),
            Some(3),
            Some(0)
        ]
    );
}

/// ARM compares names ignoring case: a name written in lower or upper case
/// (`toLower(name)`) is the name; `concat(id)` of one id is the id.
#[test]
fn raw_dependencies_see_through_case_and_one_argument_concat() {
    let (t, found) = run(quote! {
        const T;
        param storageName: string;
        param prefix: string;
        resource storage "Microsoft.Storage/storageAccounts@2023-01-01" { name: toLower(storageName) }
        resource nsg "Microsoft.Network/networkSecurityGroups@2020-05-01" {
            name: concat(toLower(prefix), "-nsg"),
        }
        resource vm "Microsoft.Compute/virtualMachines@2023-03-01" {
            name: "vm",
            dependsOn: [
                resourceId("Microsoft.Storage/storageAccounts", storageName),
                concat("Microsoft.Storage/storageAccounts/", toUpper(storageName)),
                resourceId("Microsoft.Network/networkSecurityGroups", concat(toLower(toLower(prefix)), "-nsg")),
                concat(resourceId("Microsoft.Network/networkSecurityGroups", concat(prefix, "-NSG"))),
            ],
        }
    });
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(named(&t, 2), [Some(0), Some(0), Some(1), Some(1)]);
}

/// A name that several resources have (two children's own name, or a
/// child's own name and a top-level resource's name) is an error listing
/// each with its type and full name, at the entry; ARM takes a name only
/// when one resource of the template has it.
#[test]
fn raw_dependencies_on_a_name_several_have_list_them() {
    let found = errors(quote! {
        const T;
        resource vnet1 "Microsoft.Network/virtualNetworks@2020-05-01" { name: "vnet1" }
        resource vnet2 "Microsoft.Network/virtualNetworks@2020-05-01" { name: "vnet2" }
        resource first "Microsoft.Network/virtualNetworks/subnets@2020-05-01" {
            parent: vnet1,
            name: "default",
        }
        resource second "Microsoft.Network/virtualNetworks/subnets@2020-05-01" {
            name: "vnet2/Default",
        }
        resource app "Microsoft.Web/sites@2022-03-01" { name: "app" }
        resource slot "Microsoft.Web/sites/slots@2022-03-01" { parent: app, name: "vnet1" }
        resource nsg "Microsoft.Network/networkSecurityGroups@2020-05-01" {
            name: "nsg",
            dependsOn: ["default", "vnet1", "vnet2/default", resourceId("Microsoft.Network/virtualNetworks", "vnet1")],
        }
    });
    assert_eq!(
        found,
        [
            "this `dependsOn` entry is a name that several resources of this template have, and ARM takes a name only when one resource has it: `first` (a `Microsoft.Network/virtualNetworks/subnets` named `vnet1/default`), `second` (a `Microsoft.Network/virtualNetworks/subnets` named `vnet2/Default`); write the symbol of the one to wait for (`dependsOn: [<symbol>]`), or `resourceId(type, name...)` with its type and full name",
            "this `dependsOn` entry is a name that several resources of this template have, and ARM takes a name only when one resource has it: `vnet1` (a `Microsoft.Network/virtualNetworks` named `vnet1`), `slot` (a `Microsoft.Web/sites/slots` named `app/vnet1`); write the symbol of the one to wait for (`dependsOn: [<symbol>]`), or `resourceId(type, name...)` with its type and full name",
        ],
        "the full name and the id name one resource each"
    );
}

#[test]
fn raw_dependencies_say_what_failed_once() {
    let found = errors(quote! {
        const T;
        param svc: string;
        resource apim "A.B/service@1" { name: svc }
        resource api "A.B/service/apis@1" { parent: apim, name: "orders" }
        resource last "A.B/other@1" {
            name: "x",
            dependsOn: [
                resourceId("A.B/servce", svc),
                concat("A.B/service/", svc, "/apis"),
                resourceId("A.B/service", unknownName),
            ],
        }
    });
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].starts_with("cannot find parameter, variable or resource `unknownName`"),
        "{found:?}"
    );
    assert!(found[1].contains("names a `A.B/servce`, but no resource of that type is declared in this template, did you mean `A.B/service`?"), "{found:?}");
    assert!(
        found[2].contains("gives 1 name segment(s) for a `A.B/service/apis`, which has 2"),
        "{found:?}"
    );
}

/// A deployment id no module is named (one copy of a module loop, or a
/// misspelt name) says what the modules are, not that no deployment is
/// declared; the `'<type>/<name>'` form names a module as it names a
/// resource.
#[test]
fn raw_dependencies_on_deployments_name_the_modules() {
    let found = errors(quote! {
        const T;
        param regions: array;
        module perRegion = INNER for r in regions { name: concat("region-", r) }
        module single = INNER { name: "single" }
        resource last "A.B/other@1" {
            name: "x",
            dependsOn: [
                resourceId("Microsoft.Resources/deployments", concat("region-", regions[0])),
                resourceId("Microsoft.Resources/deployments", "singel"),
                resourceId("Microsoft.Resources/deployments", "single"),
                "Microsoft.Resources/deployments/single",
                "microsoft.resources/DEPLOYMENTS/Single",
            ],
        }
    });
    let wanted = "this `dependsOn` entry names a deployment that no module of this template is named as written (the modules: `perRegion`, `single`); wait for a module by its symbol, and for a module loop as a whole (`dependsOn: [<symbol>]`)";
    assert_eq!(found, [wanted, wanted], "{found:?}");
}

/// One copy of a resource loop in `dependsOn` (`ids[1]`, `ids[i]`) waits
/// for that copy; one copy of a module loop is said to be one, with the fix.
#[test]
fn dependencies_on_one_copy() {
    let (t, found) = run(quote! {
        const T;
        param regions: array;
        resource ids "A.B/c@1" for r in regions { name: r }
        module perRegion = INNER for (r, i) in regions {
            name: concat("r-", r),
            dependsOn: [perRegion[0], ids[i]],
        }
        resource last "A.B/other@1" { name: "x", dependsOn: [ids, ids[1]] }
    });
    assert_eq!(
        found,
        [
            "this `dependsOn` entry names one copy of the module loop `perRegion`, which the DSL cannot wait for alone: wait for the whole loop, `dependsOn: [perRegion]`"
        ],
        "{found:?}"
    );
    let copy = |d: &Dependency| match d {
        Dependency::Copy {
            resource: 0,
            index: Some(index),
            written: None,
            ..
        } => Some(index.kind.clone()),
        _ => None,
    };
    let module = &t.modules[0].depends_on;
    assert_eq!(module.len(), 1, "{module:?}");
    assert!(
        matches!(copy(&module[0]), Some(ExprKind::LoopIndex(_))),
        "{module:?}"
    );
    let last = &t.resources[1].depends_on;
    assert!(matches!(last[0], Dependency::Resource(0, _)), "{last:?}");
    assert!(matches!(copy(&last[1]), Some(ExprKind::Int(1))), "{last:?}");
}

/// A raw entry that names one copy of a loop (`resourceId('T', 'id1')`, a
/// `'Type/name'` string, a bare name) waits for it, kept as written: which
/// copy is found when the copies' names are known at compile time, and the
/// name must then be one of them; otherwise it must fit the name's literal
/// text.
#[test]
fn raw_dependencies_on_one_copy() {
    let (t, found) = run(quote! {
        const T;
        param names: array;
        var prefix = "id-";
        resource ids "A.B/c@1" for i in range(0, 3) { name: concat(prefix, string(i)) }
        resource listed "A.B/c@1" for n in ["x", "y"] { name: format("l-{0}", n) }
        resource open "A.B/c@1" for n in names { name: concat("open-", n, "-end") }
        resource last "A.B/other@1" {
            name: "last",
            dependsOn: [
                resourceId("A.B/c", "ID-2"),
                "A.B/c/l-y",
                "id-0",
                resourceId("A.B/c", "open-anything-end"),
                "open--end",
            ],
        }
    });
    assert!(found.is_empty(), "{found:?}");
    let copies: Vec<(usize, Option<i64>)> = t.resources[3]
        .depends_on
        .iter()
        .map(|d| match d {
            Dependency::Copy {
                resource,
                index,
                written: Some(_),
                ..
            } => (
                *resource,
                index.as_ref().map(|i| match i.kind {
                    ExprKind::Int(k) => k,
                    _ => panic!("{i:?}"),
                }),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        copies,
        [
            (0, Some(2)),
            (1, Some(1)),
            (0, Some(0)),
            (2, None),
            (2, None)
        ]
    );
}

/// A raw entry that fits no copy says which names the copies have when they
/// are known; one that fits copies of two loops equally is ambiguous.
#[test]
fn raw_dependencies_on_no_copy() {
    let found = errors(quote! {
        const T;
        param names: array;
        resource ids "A.B/c@1" for i in range(0, 3) { name: concat("id-", string(i)) }
        resource many "A.B/d@1" for i in range(0, 9) { name: concat("m", string(i)) }
        resource a "A.B/e@1" for n in names { name: concat("a-", n) }
        resource b "A.B/e@1" for n in names { name: concat("a-b", n) }
        resource last "A.B/other@1" {
            name: "last",
            dependsOn: [
                resourceId("A.B/c", "id-3"),
                resourceId("A.B/d", "m9"),
                resourceId("A.B/e", "a-bc"),
                resourceId("A.B/e", "b-c"),
            ],
        }
    });
    assert_eq!(found.len(), 4, "{found:?}");
    assert!(
        found[0].contains("`ids` (a loop, its copies 'id-0', 'id-1', 'id-2')"),
        "{found:?}"
    );
    assert!(
        found[1].contains("`many` (a loop, its copies 'm0', 'm1', 'm2', 'm3', 'm4', and 4 more)"),
        "{found:?}"
    );
    // `a-bc` fits both loops equally: ambiguous; `b-c` fits neither.
    assert!(
        found[2].contains("is a name that several resources of this template have")
            && found[2].contains(
                "`a` (a loop of `A.B/e`, one name per copy), `b` (a loop of `A.B/e`, one name per copy)"
            ),
        "{found:?}"
    );
    assert!(
        found[3].contains("`a` (a loop, one name per copy), `b` (a loop, one name per copy)"),
        "{found:?}"
    );
}

/// A scope of one copy of a loop (`vaults[i]`, `vaults[i].id`) is said to
/// be one, once, without a rendering of the text it compiles to; a
/// `resourceId` naming a loop lists it as a loop.
#[test]
fn scopes_of_one_copy_say_so() {
    // The whole compilation: no other check repeats the error.
    let found = crate::compile_errors(quote! {
        const T;
        param names: array;
        resource vaults "Microsoft.KeyVault/vaults@2023-07-01" existing for n in names { name: n }
        resource locks "Microsoft.Authorization/locks@2020-05-01" for (n, i) in names {
            name: concat("lock-", n),
            scope: vaults[i],
            properties: { level: "CanNotDelete" },
        }
        resource locks2 "Microsoft.Authorization/locks@2020-05-01" for (n, i) in names {
            name: concat("lock2-", n),
            scope: vaults[i].id,
            properties: { level: "CanNotDelete" },
        }
        resource locks3 "Microsoft.Authorization/locks@2020-05-01" for n in names {
            name: concat("lock3-", n),
            scope: resourceId("Microsoft.KeyVault/vaults", n),
            properties: { level: "CanNotDelete" },
        }
    });
    assert_eq!(found.len(), 3, "{found:?}");
    for (at, message) in found.iter().take(2).enumerate() {
        assert!(
            message.starts_with("this `scope` names one copy of the loop `vaults`"),
            "{at}: {found:?}"
        );
    }
    assert!(
        found[2].contains("the declared ones are `vaults` (a loop, one name per copy)")
            && !found[2].contains("`scope: vaults`"),
        "{found:?}"
    );
}

#[test]
fn raw_scopes_name_resources() {
    let (t, found) = run(quote! {
        const T;
        param kv: string;
        resource vault "A.B/vaults@1" { name: kv }
        resource a "A.C/locks@1" { name: "a", scope: format("A.B/vaults/{0}", kv) }
        resource b "A.C/locks@1" { name: "b", scope: vault.id }
        resource c "A.C/locks@1" { name: "c", scope: resourceId("A.B/vaults", "other") }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("this `scope` names no `A.B/vaults` of this template"),
        "{found:?}"
    );
    for index in [1, 2] {
        assert!(matches!(
            t.resources[index].scope,
            Some(ir::Scope::Resource(0, _))
        ));
        assert!(t.resources[index].scope_text.is_some());
    }
}

#[test]
fn nested_resources_take_their_parent_and_full_type() {
    let (t, found) = run(quote! {
        const T;
        resource apim "A.B/service@1" {
            name: "svc",
            resources: [
                resource api "apis@2" {
                    name: "orders",
                    resources: [resource op "operations@2" { name: "get" }],
                },
                resource full "A.B/service/users@2" { name: "svc/u" },
            ],
        }
        resource after "A.B/other@1" { name: "x" }
        module m = INNER { resources: [resource r "A.B/c@1" { name: "r" }] }
    });
    assert_eq!(
        found,
        ["a module deploys another template: declare these resources in that template"]
    );
    let types: Vec<(&str, Option<usize>, Option<usize>)> = t
        .resources
        .iter()
        .map(|r| (r.ty.as_str(), r.parent.map(|(p, _)| p), r.nested_in))
        .collect();
    assert_eq!(
        types,
        [
            ("A.B/service", None, None),
            ("A.B/service/apis", Some(0), Some(0)),
            ("A.B/service/apis/operations", Some(1), Some(1)),
            ("A.B/service/users", None, Some(0)),
            ("A.B/other", None, None),
        ]
    );
    assert_eq!(t.resources[1].written_type.as_deref(), Some("apis"));
    assert_eq!(t.resources[3].written_type, None);
}

/// A resource's `#[metadata]` is one object of literals, on a deployed
/// resource, and the only `metadata` it has.
#[test]
fn resource_metadata_is_literal_and_given_once() {
    let (t, found) = run(quote! {
        const T;
        #[metadata({ owner: "a", list: [1, -2, { deep: null }] })]
        resource r "A.B/c@1" { name: "r" }
    });
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(t.resources[0].metadata.as_ref().map(Vec::len), Some(2));
    let cases = [
        (
            quote! { const T; param p: string; #[metadata({ owner: p })] resource r "A.B/c@1" { name: "r" } },
            "holds literal values only",
        ),
        (
            quote! { const T; #[metadata({ [concat("a", "b")]: 1 })] resource r "A.B/c@1" { name: "r" } },
            "has literal keys",
        ),
        (
            quote! { const T; #[metadata("owner")] resource r "A.B/c@1" { name: "r" } },
            "takes one object literal",
        ),
        (
            quote! { const T; #[metadata({ a: 1 })] resource r "A.B/c@1" existing { name: "r" } },
            "an `existing` resource is not deployed, so it has no metadata: remove `#[metadata]`",
        ),
        (
            quote! { const T; #[metadata({ a: 1 })] resource r "A.B/c@1" { name: "r", metadata: { a: 1 } } },
            "given by `#[metadata]` already",
        ),
        (
            quote! { const T; #[metadata({ a: 1 })] #[metadata({ b: 1 })] resource r "A.B/c@1" { name: "r" } },
            "",
        ),
    ];
    for (tokens, expected) in cases {
        let text = tokens.to_string();
        let found = errors(tokens);
        assert!(
            found.iter().any(|e| e.contains(expected)),
            "{text}: {found:?}"
        );
    }
}

/// One error for one mistake in a resource's `#[metadata]`: a body key
/// `metadata` beside it is reported once (not also as a property the type
/// lacks), and an unknown name in it once (not also as a value that is not
/// literal); each at its token.
#[test]
fn resource_metadata_mistakes_are_reported_once() {
    let all_errors = |tokens: proc_macro2::TokenStream| -> Vec<String> {
        match crate::compile(tokens).output {
            Ok(_) => Vec::new(),
            Err(errors) => crate::uncoded(&errors),
        }
    };
    let found = all_errors(quote! {
        const T;
        #[metadata({ owner: "team-a" })]
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-a",
            location: "westeurope",
            metadata: { owner: "team-b" },
        }
    });
    assert_eq!(
        found,
        ["the resource's `metadata` is given by `#[metadata]` already: remove this key"],
    );
    let found = all_errors(quote! {
        const T;
        #[metadata({ a: owner, b: [concat("x", 1)], c: { d: -missing.e } })]
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id-a",
            location: "westeurope",
        }
    });
    assert_eq!(found.len(), 3, "{found:?}");
    for expected in ["`owner`", "`missing`", "literal values only"] {
        let count = found.iter().filter(|e| e.contains(expected)).count();
        assert_eq!(count, 1, "{expected}: {found:?}");
    }
}

/// The doc comment of a resource is its `metadata.description`: `#[metadata]`
/// may not give one again.
#[test]
fn a_resource_description_is_given_once() {
    let (_, errors) = run(quote! {
        pub const T;
        /// Documented.
        #[metadata({ description: "again", owner: "a" })]
        resource id "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id",
            location: "westeurope",
        }
        #[metadata({ description: "alone" })]
        resource other "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
            name: "id2",
            location: "westeurope",
        }
    });
    assert_eq!(
        errors,
        ["the description is given twice: keep the doc comment or `description` in `#[metadata]`"]
    );
}

/// A raw entry naming one copy of a loop whose names read a parameter or a
/// variable: the name's own parts as written, anything where it reads the
/// loop (ARM's own output for `ids[1]` included). A loop whose copies' names
/// are known is matched by name first, so another loop's looser fit does not
/// make a known name ambiguous.
#[test]
fn raw_dependencies_on_copies_named_from_parameters() {
    let (t, found) = run(quote! {
        const T;
        param prefix: string;
        var stem = "nic";
        resource ids "A.B/c@1" for i in range(0, 3) { name: concat(prefix, "-id-", string(i)) }
        resource fixed "A.B/c@1" for i in range(0, 3) { name: concat("fixed-id-", string(i)) }
        resource nics "A.B/c@1" for i in range(0, 3) { name: concat(stem, i) }
        resource last "A.B/other@1" {
            name: "last",
            dependsOn: [
                resourceId("A.B/c", concat(prefix, "-id-1")),
                resourceId("A.B/c", format("{0}-id-{1}", prefix, 2)),
                concat(prefix, "-id-", string(range(0, 3)[1])),
                resourceId("A.B/c", "fixed-id-1"),
                resourceId("A.B/c", concat(stem, 2)),
                // Literal text: only `ids` can have it (its prefix is the
                // deployment's).
                "app-id-1",
            ],
        }
    });
    assert!(found.is_empty(), "{found:?}");
    let copies: Vec<(usize, Option<i64>)> = t.resources[3]
        .depends_on
        .iter()
        .map(|d| match d {
            Dependency::Copy {
                resource, index, ..
            } => (
                *resource,
                index.as_ref().map(|i| match i.kind {
                    ExprKind::Int(k) => k,
                    _ => panic!("{i:?}"),
                }),
            ),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        copies,
        [
            (0, None),
            (0, None),
            (0, None),
            (1, Some(1)),
            // `concat(stem, 2)` is the text `nic2`: that copy.
            (2, Some(2)),
            (0, None)
        ]
    );
    // Another parameter is another name; a known copy name beats a fit.
    let found = errors(quote! {
        const T;
        param prefix: string;
        param other: string;
        resource ids "A.B/c@1" for i in range(0, 3) { name: concat(prefix, "-id-", string(i)) }
        resource last "A.B/other@1" {
            name: "last",
            dependsOn: [resourceId("A.B/c", concat(other, "-id-1"))],
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("the type matches, the name does not"),
        "{found:?}"
    );
}

/// A loop whose name is its item alone (`names[copyIndex()]`) fits any text:
/// it never makes a resource's own name ambiguous, and is the last choice
/// for a name nothing else has.
#[test]
fn open_loop_names_fit_last() {
    let (t, found) = run(quote! {
        const T;
        param names: array;
        var stem = "net";
        resource net "A.B/c@1" { name: concat(stem, "-resource") }
        resource any "A.B/c@1" for n in names { name: n }
        resource prefixed "A.B/c@1" for n in names { name: concat("vm-", n) }
        resource last "A.B/other@1" {
            name: "last",
            dependsOn: [concat(stem, "-resource"), "vm-1", "other"],
        }
    });
    assert!(found.is_empty(), "{found:?}");
    let deps = &t.resources[3].depends_on;
    assert!(matches!(deps[0], Dependency::Named(0, _)), "{deps:?}");
    assert!(
        matches!(deps[1], Dependency::Copy { resource: 2, .. }),
        "{deps:?}"
    );
    assert!(
        matches!(deps[2], Dependency::Copy { resource: 1, .. }),
        "{deps:?}"
    );
}

/// The errors and warnings of resolving `tokens`.
fn run_warned(tokens: proc_macro2::TokenStream) -> (ir::Template, Vec<String>, Vec<String>) {
    let parsed = crate::parse::parse_template(tokens);
    assert!(parsed.errors.is_empty(), "syntax errors in the test input");
    let ast = parsed.template.expect("template");
    let mut diags = Diagnostics::new();
    let template = resolve(ast, &mut diags);
    let warnings = diags
        .take_warnings()
        .into_iter()
        .map(|w| w.message)
        .collect();
    let errors = crate::uncoded(&diags.into_errors());
    (template, errors, warnings)
}

/// `resourceId(group, type, name)` names the resource of that group: the
/// template's own with `resourceGroup().name` (and `subscription().subscriptionId`),
/// silently; with a group a parameter chooses, the template's resource only
/// where it is deployed to that group (ARM rejects the template elsewhere),
/// which is matched and warned of; with a group written as text, a group
/// fixed in the template, which is refused.
#[test]
fn group_arguments_of_ids_in_depends_on_are_compared() {
    for (group, warned) in [
        ("resourceGroup().name", false),
        ("subscription().subscriptionId, resourceGroup().name", false),
        ("rg", true),
        ("sub, resourceGroup().name", true),
    ] {
        let group: proc_macro2::TokenStream = group.parse().expect("tokens");
        let (t, errors, warnings) = run_warned(quote! {
            const T;
            param rg: string;
            param sub: string;
            resource first "A.B/c@1" { name: "n" }
            resource second "A.B/d@1" {
                name: "m",
                dependsOn: [resourceId(#group, "A.B/c", "n")],
            }
        });
        assert!(errors.is_empty(), "{group}: {errors:?}");
        let deps = &t.resources[1].depends_on;
        assert!(
            matches!(deps[0], Dependency::Named(0, _)),
            "{group}: {deps:?}"
        );
        let about: Vec<&String> = warnings
            .iter()
            .filter(|w| w.contains("dependsOn"))
            .collect();
        assert_eq!(!about.is_empty(), warned, "{group}: {warnings:?}");
        if warned {
            assert!(
                about[0].contains("resourceId('A.B/c', 'n')") && about[0].contains("first"),
                "{about:?}"
            );
        }
    }
}

/// A group or subscription written as text in an id is fixed in the
/// template; the template's resources are in the one each deployment
/// chooses: refused, saying what to write.
#[test]
fn literal_groups_of_ids_in_depends_on_are_refused() {
    for group in [
        quote! { "other-rg" },
        quote! { "00000000-0000-0000-0000-000000000000", resourceGroup().name },
    ] {
        let found = errors(quote! {
            const T;
            resource first "A.B/c@1" { name: "n" }
            resource second "A.B/d@1" {
                name: "m",
                dependsOn: [resourceId(#group, "A.B/c", "n")],
            }
        });
        assert_eq!(found.len(), 1, "{group}: {found:?}");
        assert!(
            found[0].contains("is the text") && found[0].contains("`dependsOn: [<symbol>]`"),
            "{found:?}"
        );
    }
}

/// A template above a resource group deploys no resource of a group, and one
/// of a resource group none of a subscription: such ids name none of its
/// resources.
#[test]
fn ids_of_another_kind_of_scope_name_no_resource() {
    let found = errors(quote! {
        const T;
        resource first "A.B/c@1" { name: "n" }
        resource second "A.B/d@1" {
            name: "m",
            dependsOn: [subscriptionResourceId("A.B/c", "n")],
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("subscription"), "{found:?}");
    let found = errors(quote! {
        #[targetScope("subscription")]
        const T;
        resource first "Microsoft.Resources/resourceGroups@2024-03-01" { name: "n", location: "westeurope" }
        resource second "Microsoft.Resources/resourceGroups@2024-03-01" {
            name: "m",
            location: "westeurope",
            dependsOn: [resourceId("rg", "Microsoft.Resources/resourceGroups", "n")],
        }
    });
    assert!(found.iter().any(|e| e.contains("dependsOn")), "{found:?}");
}

/// `concat(resourceGroup().id, '/providers/T/n')` and its `format` are the
/// id of `T/n` in this deployment's group, as ARM evaluates them.
#[test]
fn deployment_ids_extended_by_text_name_the_resource() {
    for entry in [
        quote! { concat(resourceGroup().id, "/providers/A.B/c/n") },
        quote! { format("{0}/providers/A.B/c/{1}", resourceGroup().id, "n") },
        quote! { concat(resourceGroup().id, "/providers/A.B/c/", "n") },
    ] {
        let (t, errors) = run(quote! {
            const T;
            resource first "A.B/c@1" { name: "n" }
            resource second "A.B/d@1" { name: "m", dependsOn: [#entry] }
        });
        assert!(errors.is_empty(), "{entry}: {errors:?}");
        let deps = &t.resources[1].depends_on;
        assert!(
            matches!(deps[0], Dependency::Named(0, _)),
            "{entry}: {deps:?}"
        );
    }
    // The subscription's id names no resource of a resource group.
    let found = errors(quote! {
        const T;
        resource first "A.B/c@1" { name: "n" }
        resource second "A.B/d@1" { name: "m", dependsOn: [concat(subscription().id, "/providers/A.B/c/n")] }
    });
    assert_eq!(found.len(), 1, "{found:?}");
}

/// A `scope` whose id has a group a parameter chooses is the template's
/// resource only in a deployment to that group (ARM deploys onto the other
/// group's anywhere else, the DSL's Bicep onto the symbol's): refused; and a
/// `reference` of such an id waits for nothing the output does not wait for
/// already (ARM adds the dependency where the ids are equal).
#[test]
fn ids_of_a_chosen_group_are_no_scope_and_add_no_dependency() {
    let (t, found) = run(quote! {
        const T;
        param rg: string;
        resource vault "A.B/vaults@1" { name: "kv" }
        resource lock "A.C/locks@1" { name: "a", scope: resourceId(rg, "A.B/vaults", "kv") }
        resource reader "A.B/readers@1" {
            name: "r",
            properties: { x: reference(resourceId(rg, "A.B/vaults", "kv")).y },
        }
    });
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("this `scope` names no resource of this template: its subscription or resource group is chosen at deployment"),
        "{found:?}"
    );
    assert!(
        t.resources[2].depends_on.is_empty(),
        "{:?}",
        t.resources[2].depends_on
    );
}

/// A deployment id names a module at the module's scope: its group written
/// alike for a module in another group, and for one in this deployment's
/// group what a resource's id needs (`resourceGroup().name`; a group written
/// as text is refused).
#[test]
fn deployment_ids_name_modules_at_their_scope() {
    let (t, found) = run(quote! {
        const T;
        module here = INNER { name: "here" }
        module there = INNER { name: "there", scope: resourceGroup("rg-other") }
        resource last "A.B/other@1" {
            name: "x",
            dependsOn: [
                resourceId(resourceGroup().name, "Microsoft.Resources/deployments", "here"),
                resourceId("rg-other", "Microsoft.Resources/deployments", "there"),
                resourceId("rg-other", "Microsoft.Resources/deployments", "here"),
                resourceId("rg-third", "Microsoft.Resources/deployments", "there"),
            ],
        }
    });
    let deps = &t.resources[0].depends_on;
    assert!(matches!(deps[0], Dependency::NamedModule(0, _)), "{deps:?}");
    assert!(matches!(deps[1], Dependency::NamedModule(1, _)), "{deps:?}");
    assert_eq!(found.len(), 2, "{found:?}");
}

/// `#[name("...")]` gives a variable its ARM name: reads by symbol and by
/// `variables("<ARM name>")` hold that name, the declaration keeps both, and
/// a parameter may share it (ARM keeps the two apart).
#[test]
fn a_variables_arm_name_comes_from_its_name_attribute() {
    let (t, errors) = run(quote! {
        const T;
        param location: string;
        #[name("location")]
        var location_var = location;
        #[name("subnet-id")]
        var subnet_id = location_var;
        output o: string = variables("subnet-id");
        output p: string = subnet_id;
    });
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        (t.vars[0].name.as_str(), t.vars[0].symbol.as_str()),
        ("location", "location_var")
    );
    assert_eq!(
        (t.vars[1].name.as_str(), t.vars[1].symbol.as_str()),
        ("subnet-id", "subnet_id")
    );
    assert!(matches!(&t.vars[0].value.kind, ExprKind::Param(name) if name == "location"));
    assert!(matches!(&t.vars[1].value.kind, ExprKind::Var(name) if name == "location"));
    for output in &t.outputs {
        assert!(
            matches!(&output.value.kind, ExprKind::Var(name) if name == "subnet-id"),
            "{:?}",
            output.value.kind
        );
    }
}

/// A read by symbol before the declaration gets the ARM name too, and an
/// unused renamed variable is reported once, by its ARM name.
#[test]
fn a_renamed_variable_is_read_by_arm_name_from_anywhere() {
    let (t, errors) = run(quote! {
        const T;
        output o: string = early;
        #[name("the-early")]
        var early = "x";
    });
    assert!(errors.is_empty(), "{errors:?}");
    assert!(matches!(&t.outputs[0].value.kind, ExprKind::Var(name) if name == "the-early"));
    let output = crate::compile(quote! { const T; #[name("v-1")] var v = 1; })
        .output
        .unwrap_or_else(|_| panic!("an unused variable is a warning"));
    let warnings: Vec<&str> = output.warnings.iter().map(|w| w.message.as_str()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("variable `v-1` is never used"),
        "{warnings:?}"
    );
}
