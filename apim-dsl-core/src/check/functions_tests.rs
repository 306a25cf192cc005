use crate::compile;
use quote::quote;

use crate::compile_errors as errors;

#[test]
fn emitted_as_arm_functions_and_bicep_func() {
    let output = compile(quote! {
        const T;
        param host: string;
        /// Builds an https URL.
        func buildUrl(host: string, path: string): string = format("https://{0}/{1}", host, path);
        #[namespace("contoso")]
        func twice(n: int): int = n * 2;
        func api(host: string): string = buildUrl(toLower(host), "api");
        output url: string = api(host);
        output two: int = contoso.twice(1);
    })
    .output
    .unwrap_or_else(|e| {
        panic!(
            "{:?}",
            e.iter().map(ToString::to_string).collect::<Vec<_>>()
        )
    });
    // In the IR, `api` calls `functions[0]` and reads its own `host`.
    let api = &output.template.functions[2];
    let crate::ir::ExprKind::Call(call) = &api.body.kind else {
        panic!("{:?}", api.body)
    };
    assert_eq!((call.name.as_str(), call.user), ("buildUrl", Some(0)));
    assert!(matches!(
        &call.args[0].kind,
        crate::ir::ExprKind::Call(lower) if matches!(&lower.args[0].kind, crate::ir::ExprKind::FuncParam(p) if p == "host")
    ));
    let arm: serde_json::Value = serde_json::from_str(&output.arm).unwrap();
    let functions = &arm["functions"];
    assert_eq!(functions[0]["namespace"], "__bicep");
    assert_eq!(functions[1]["namespace"], "contoso");
    let build = &functions[0]["members"]["buildUrl"];
    assert_eq!(
        build["parameters"],
        serde_json::json!([{"name": "host", "type": "string"}, {"name": "path", "type": "string"}])
    );
    assert_eq!(
        build["output"],
        serde_json::json!({"type": "string", "value": "[format('https://{0}/{1}', parameters('host'), parameters('path'))]"})
    );
    assert_eq!(build["metadata"]["description"], "Builds an https URL.");
    assert_eq!(
        functions[0]["members"]["api"]["output"]["value"],
        "[__bicep.buildUrl(toLower(parameters('host')), 'api')]"
    );
    assert_eq!(
        functions[1]["members"]["twice"]["output"]["value"],
        "[mul(parameters('n'), 2)]"
    );
    assert_eq!(
        arm["outputs"]["url"]["value"],
        "[__bicep.api(parameters('host'))]"
    );
    assert_eq!(arm["outputs"]["two"]["value"], "[contoso.twice(1)]");
    let keys: Vec<&String> = arm.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "$schema",
            "contentVersion",
            "functions",
            "parameters",
            "resources",
            "outputs"
        ]
    );
    let bicep = &output.bicep;
    // `host` is also the template's parameter: the function's own is renamed.
    assert!(
        bicep.contains("@description('Builds an https URL.')\nfunc buildUrl(host_ string, path string) string => format('https://{0}/{1}', host_, path)"),
        "{bicep}"
    );
    assert!(
        bicep.contains("func api(host_ string) string => buildUrl(toLower(host_), 'api')"),
        "{bicep}"
    );
    assert!(bicep.contains("func twice(n int) int => n * 2"), "{bicep}");
    assert!(bicep.contains("output two int = twice(1)"), "{bicep}");
}

#[test]
fn calls_are_checked_like_arm_functions() {
    let found = errors(quote! {
        const T;
        func buildUrl(host: string, path: string): string = format("https://{0}/{1}", host, path);
        output a: string = buildUrl("x");
        output b: string = buildUrl(1, "x");
        output c: int = buildUrl("x", "y");
        output d: string = buildUrll("x", "y");
        output e: string = contoso.buildUrl("x", "y");
        output f: string = other.buildUrl("x", "y");
        output g: string = buildUrl;
        resource sa "Microsoft.Storage/storageAccounts@2023-05-01" existing { name: "sa" }
        output h: object = sa.listKeys();
    });
    assert_eq!(
        found,
        [
            "`buildUrl` takes 2 arguments, but 1 was given",
            "unknown function `buildUrll`, did you mean `buildUrl`?",
            "function `buildUrl` is in namespace `__bicep`, not `contoso`: call it as `__bicep.buildUrl(...)` or `buildUrl(...)`",
            "function `buildUrl` is in namespace `__bicep`, not `other`: call it as `__bicep.buildUrl(...)` or `buildUrl(...)`",
            "`buildUrl` is a function: call it, `buildUrl(...)`",
            "`sa` is a resource, not a function namespace, so `sa.listKeys(...)` calls nothing: ARM functions take the resource's id, `listKeys(sa.id, sa.apiVersion)`",
            "argument 1 of `buildUrl` (parameter `host`) must be a string, found an int",
            "the value of output `c` must be an int, found a string",
        ]
    );
}

#[test]
fn bodies_read_only_their_parameters() {
    let found = errors(quote! {
        const T;
        param location: string;
        var prefix = "p";
        resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" }
        func a(x: string): string = concat(x, location);
        func b(x: string): string = concat(prefix, parameters("location"), parameters("x"));
        func c(): string = vault.properties.vaultUri;
        func d(id: string): object = reference(id);
        func e(): string = utcNow();
        func f(xs: array): array = [for x in xs: x];
        func g(x: int = 1): int = x;
        func h(x: secureString): string = x;
        output o: string = concat(location, prefix, a("x"), b("y"), c(), e(), h("z"));
        output p: array = f([d("q"), g(1)]);
    });
    assert_eq!(
        found,
        [
            "function `a` cannot read the parameter `location`: a function's body reads only its own parameters; add a parameter and pass `location` at the call",
            "function `b` cannot read the variable `prefix`: a function's body reads only its own parameters; add a parameter and pass `prefix` at the call",
            "function `b` cannot read the parameter `location`: a function's body reads only its own parameters; add a parameter and pass the value at the call",
            "function `c` cannot read the resource `vault`: a function's body reads only its own parameters; add a parameter and pass `vault` at the call",
            "a function parameter has no default value (ARM and Bicep functions take none): remove `= ...` and pass the value at each call",
            "a function's parameters and result cannot be `secureString` (Bicep functions take no secure types): write `string`",
            "function `d` cannot call `reference`: a function cannot read deployed state (ARM allows no `reference` or `list*` in a function); pass the value in as an argument",
            "function `e` cannot call `utcNow`, which ARM allows only in a parameter's default value; pass the value in as an argument",
            "a `[for ...]` loop cannot be in function `f`: write `map(source, x => ...)`",
        ]
    );
}

#[test]
fn results_recursion_and_names() {
    let found = errors(quote! {
        const T;
        param twice: int = 1;
        func half(n: int): string = n / 2;
        func ping(n: int): int = pong(n);
        func pong(n: int): int = ping(n);
        func self_(n: int): int = self_(n);
        func format(s: string): string = s;
        func twice(n: int): int = n;
        #[namespace("a-b")]
        func dashed(): int = 1;
        func Half(n: int, N: int): int = n;
        output o: array = [half(1), ping(1), self_(1), format("x"), dashed(), twice];
    });
    assert_eq!(
        found,
        [
            "duplicate name `twice`: a parameter with this name is declared above; rename one of them",
            "`format` is the ARM template function `format`: a user-defined function cannot take its name; rename it",
            "`a-b` cannot be a function namespace: ARM calls functions as `namespace.name(...)`, so it is letters, digits and `_`, e.g. `contoso`",
            "the functions `half` and `Half` differ only in case, and ARM reads names ignoring case, so it cannot tell them apart: rename one of them",
            "the parameters `n` and `N` of function `Half` differ only in case, and ARM reads names ignoring case, so it cannot tell them apart: rename one of them",
            "the value of function `half` must be a string, found an int",
            "functions call each other in a cycle (`ping` -> `pong` -> `ping`): ARM and Bicep functions cannot recurse",
            "function `self_` calls itself: ARM and Bicep functions cannot recurse",
        ]
    );
}

#[test]
fn a_secret_passed_through_a_function_is_revealed_unless_the_result_says_nothing() {
    let found = errors(quote! {
        const T;
        #[secure]
        param password: string;
        func wrap(s: string): string = concat("[", s, "]");
        func size(s: string): int = length(s);
        output shown: string = wrap(password);
        output hidden: int = size(password);
    });
    assert_eq!(
        found,
        [
            "output `shown` reveals the secure parameter `password`: deployment history shows outputs in plain text; remove it or declare the output `secureString`/`secureObject`"
        ]
    );
}

#[test]
fn an_unknown_type_is_the_only_error() {
    let found = errors(quote! {
        const T;
        func twice(n: integer): int = n * 2;
        func name(n: int): strng = string(n);
        output o: int = twice(1);
        output p: bool = name(2);
    });
    assert_eq!(
        found,
        [
            "unknown type `integer`, did you mean `int`?",
            "unknown type `strng`, did you mean `string`?",
        ]
    );
}

#[test]
fn a_parameter_of_an_unknown_type_is_taken_as_meant() {
    // Another language's name, a typo, or a name with a literal default: the
    // unknown name is the only error, not also every use as that type.
    let found = errors(quote! {
        const T;
        param capacity: integer;
        param enabled: boolen;
        param zones: zzz = [1, 2];
        output c: int = capacity + 1;
        output e: bool = !enabled;
        output z: array = zones;
    });
    assert_eq!(
        found,
        [
            "unknown type `integer`, did you mean `int`?",
            "unknown type `boolen`, did you mean `bool`?",
            "unknown type `zzz`, expected `string`, `int`, `bool`, `object`, `array`, `secureString` or `secureObject`",
        ]
    );
}

#[test]
fn the_constant_names_the_default_namespace() {
    let output = compile(quote! {
        #[namespace("fabrikam")]
        const T;
        func one(): int = 1;
        #[namespace("contoso")]
        func two(): int = fabrikam.one() + one();
        output o: int = two();
    })
    .output
    .unwrap_or_else(|e| {
        panic!(
            "{:?}",
            e.iter().map(ToString::to_string).collect::<Vec<_>>()
        )
    });
    let arm: serde_json::Value = serde_json::from_str(&output.arm).unwrap();
    assert_eq!(arm["functions"][0]["namespace"], "fabrikam");
    assert_eq!(
        arm["functions"][1]["members"]["two"]["output"]["value"],
        "[add(fabrikam.one(), fabrikam.one())]"
    );
    assert_eq!(arm["outputs"]["o"]["value"], "[contoso.two()]");
    assert!(
        output.bicep.contains("func two() int => one() + one()"),
        "{}",
        output.bicep
    );
}

#[test]
fn bicep_interpolation_of_a_parameter_in_a_body() {
    let found = errors(quote! {
        const T;
        func url(host: string): string = "https://${host}";
        output o: string = url("a");
    });
    assert_eq!(
        found,
        [
            "`${host}` is Bicep interpolation, but a DSL string is literal text, so this deploys the characters `${host}`: write `concat(\"https://\", host)`"
        ]
    );
}

#[test]
fn bodies_get_the_template_wide_checks() {
    let found = errors(quote! {
        #[targetScope("subscription")]
        const T;
        func here(): string = resourceGroup().location;
        func id(n: string): string = resourceId("Microsoft.ApiManagement/service/apis", n);
        func f(n: string): object = parameters(concat("x", n));
        output o: array = [here(), id("a"), f("b")];
    });
    assert_eq!(
        found,
        [
            "`resourceGroup()` has no resource group to return in a template deployed to a subscription (`#[targetScope(\"subscription\")]`): name one, e.g. `resourceGroup(\"...\")` where a scope is expected, or pass what you need as a parameter",
            "`resourceId` of `Microsoft.ApiManagement/service/apis` takes 2 name arguments, found 1: one per segment of the type, in order: the `service` name, the `apis` name",
            "`parameters(...)` with a computed name has no Bicep equivalent: name the parameter directly",
        ]
    );
}

#[test]
fn members_of_different_namespaces_may_share_a_name() {
    let output = compile(quote! {
        const T;
        #[namespace("ns")]
        func prefix(n: string): string = concat("pre-", n);
        #[namespace("other")]
        func prefix(): string = "o";
        #[namespace("other")]
        func both(n: string): string = concat(ns.prefix(n), other.prefix());
        output a: string = ns.prefix("x");
        output c: string = other.prefix();
        output d: string = both("y");
    })
    .output
    .unwrap_or_else(|e| {
        panic!(
            "{:?}",
            e.iter().map(ToString::to_string).collect::<Vec<_>>()
        )
    });
    let arm: serde_json::Value = serde_json::from_str(&output.arm).unwrap();
    let functions = &arm["functions"];
    assert_eq!(functions[0]["namespace"], "ns");
    assert_eq!(functions[1]["namespace"], "other");
    assert_eq!(
        functions[0]["members"]["prefix"]["parameters"][0]["name"],
        "n"
    );
    assert_eq!(
        functions[1]["members"]["prefix"]["parameters"],
        serde_json::json!([])
    );
    assert_eq!(
        functions[1]["members"]["both"]["output"]["value"],
        "[concat(ns.prefix(parameters('n')), other.prefix())]"
    );
    assert_eq!(arm["outputs"]["a"]["value"], "[ns.prefix('x')]");
    assert_eq!(arm["outputs"]["c"]["value"], "[other.prefix()]");
    // Bicep has no namespaces: the second `prefix` takes its namespace's name, camel-cased.
    assert!(
        output
            .bicep
            .contains("func prefix(n string) string => 'pre-${n}'")
    );
    assert!(output.bicep.contains("func otherPrefix() string => 'o'"));
    assert!(
        output
            .bicep
            .contains("func both(n string) string => '${prefix(n)}${otherPrefix()}'"),
        "{}",
        output.bicep
    );
    assert!(output.bicep.contains("output c string = otherPrefix()"));
}

#[test]
fn a_shared_name_is_called_through_its_namespace() {
    let found = errors(quote! {
        const T;
        #[namespace("ns")]
        func prefix(n: string): string = n;
        #[namespace("other")]
        func prefix(): string = "o";
        #[namespace("other")]
        func prefix(): string = "again";
        #[namespace("other")]
        func Prefix(): string = "case";
        output a: string = prefix("x");
        output b: string = third.prefix();
        output c: string = other.prefix(1);
    });
    assert_eq!(
        found,
        [
            "duplicate name `prefix`: a function with this name is declared above; rename one of them",
            "`prefix` is a function of several namespaces: call it through the one meant, `ns.prefix(...)` or `other.prefix(...)`",
            "no function `prefix` is in namespace `third`: call it as `ns.prefix(...)` or `other.prefix(...)`",
            "`prefix` takes 0 arguments, but 1 was given",
            "the functions `prefix` and `Prefix` differ only in case, and ARM reads names ignoring case, so it cannot tell them apart: rename one of them",
        ]
    );
}

/// ARM reads namespace names ignoring case: `ns` and `NS` are one namespace,
/// so members of theirs with names equal ignoring case are duplicates. A call
/// spells the namespace as declared (the DSL's names are case-sensitive).
#[test]
fn namespaces_differing_only_in_case_are_one_namespace() {
    let found = errors(quote! {
        const T;
        #[namespace("ns")]
        func prefix(n: string): string = n;
        #[namespace("NS")]
        func prefix(): string = "again";
        #[namespace("Ns")]
        func Prefix(): string = "case";
        #[namespace("other")]
        func prefix(): string = "o";
        #[namespace("NS")]
        func suffix(n: string): string = n;
        #[namespace("ns")]
        func Suffix(n: string): string = n;
        output a: string = ns.prefix("x");
        output b: string = prefix("x");
        output c: string = OTHER.prefix(1);
        output d: string = NS.suffix("y");
    });
    assert_eq!(
        found,
        [
            "duplicate function `prefix`: namespace `ns` declares one above, and ARM reads namespace names ignoring case, so `ns` and `NS` are one namespace; rename the function or its namespace",
            "`prefix` is a function of several namespaces: call it through the one meant, `ns.prefix(...)` or `other.prefix(...)`",
            "no function `prefix` is in namespace `OTHER`, did you mean `other.prefix`?",
            "`prefix` takes 0 arguments, but 1 was given",
            "the functions `prefix` and `Prefix` differ only in case, and ARM reads names ignoring case, so it cannot tell them apart: rename one of them",
            "the functions `suffix` and `Suffix` differ only in case, and ARM reads names ignoring case, so it cannot tell them apart: rename one of them",
        ]
    );
}

/// Within one namespace spelled alike, an equal name is the plain duplicate,
/// and a call through another spelling of a single namespace suggests it.
#[test]
fn a_namespace_in_other_case_suggests_the_declared_one() {
    let found = errors(quote! {
        const T;
        #[namespace("ns")]
        func prefix(n: string): string = n;
        #[namespace("ns")]
        func prefix(): string = "again";
        output a: string = NS.prefix("x");
        output b: string = Ns.prefix();
    });
    assert_eq!(
        found,
        [
            "duplicate name `prefix`: a function with this name is declared above; rename one of them",
            "no function `prefix` is in namespace `NS`, did you mean `ns.prefix`?",
            "no function `prefix` is in namespace `Ns`, did you mean `ns.prefix`?",
            "`prefix` takes 1 argument, but 0 were given",
        ]
    );
}
