//! Tests of the evaluator against documented values: each names its source.

use super::*;
use serde_json::json;

fn ev(text: &str) -> Json {
    let ctx = Context::default();
    match eval_str(&format!("[{text}]"), &ctx) {
        Ok(Value::Known(v)) => v,
        Ok(Value::Unknown(e)) => panic!("{text}: unknown {}", render(&e)),
        Err(e) => panic!("{text}: {e}"),
    }
}

fn fails(text: &str) -> String {
    match eval_str(&format!("[{text}]"), &Context::default()) {
        Err(e) => e.message,
        Ok(v) => panic!("{text} evaluated to {:?}", v.to_json()),
    }
}

fn placeholder(text: &str) -> String {
    match eval_str(&format!("[{text}]"), &Context::default()) {
        Ok(v @ Value::Unknown(_)) => v.to_json().as_str().unwrap_or_default().to_string(),
        other => panic!("{text}: {other:?}"),
    }
}

// Source: Bicep's FunctionResolverTests.GetLiteralTransformations
// (github.com/Azure/bicep src/Bicep.Core.UnitTests/TypeSystem/FunctionResolverTests.cs),
// whose expected values come from Azure's expression engine.
#[test]
fn bicep_literal_transformations() {
    assert_eq!(ev("base64(' Fizz ')"), json!("IEZpenog"));
    assert_eq!(ev("base64ToString('IEZpenog')"), json!(" Fizz "));
    assert_eq!(
        ev("dataUri(' Fizz ')"),
        json!("data:text/plain;charset=utf-8;base64,IEZpenog")
    );
    assert_eq!(
        ev("dataUriToString('data:text/plain;charset=utf-8;base64,IEZpenog')"),
        json!(" Fizz ")
    );
    assert_eq!(ev("first('Fizz')"), json!("F"));
    assert_eq!(ev("last('Fizz')"), json!("z"));
    assert_eq!(ev("toLower(' Fizz ')"), json!(" fizz "));
    assert_eq!(ev("toUpper(' Fizz ')"), json!(" FIZZ "));
    assert_eq!(ev("trim(' Fizz ')"), json!("Fizz"));
    assert_eq!(ev("uriComponent(' Fizz ')"), json!("%20Fizz%20"));
    assert_eq!(ev("uriComponentToString('%20Fizz%20')"), json!(" Fizz "));
    assert_eq!(
        ev("uniqueString('snap', 'crackle', 'pop')"),
        json!("byghxckddilkc")
    );
    assert_eq!(
        ev("guid('foo', 'bar', 'baz')"),
        json!("2ed86837-7c7c-5eaa-9864-dd077fd19b0d")
    );
    assert_eq!(ev("replace('foot', 't', 'd')"), json!("food"));
    assert_eq!(
        ev("format('{0}/{1}/{2}/{3}', 1, 2, 3, true())"),
        json!("1/2/3/True")
    );
    assert_eq!(ev("padLeft('00', 5, ' ')"), json!("   00"));
    assert_eq!(ev("length('table')"), json!(5));
    assert_eq!(ev("length(createArray(1, 2, 3, 4, 5))"), json!(5));
    assert_eq!(
        ev("uri('https://github.com/another/repo', '/Azure/bicep')"),
        json!("https://github.com/Azure/bicep")
    );
    assert_eq!(ev("substring('foot', 0, 3)"), json!("foo"));
    assert_eq!(ev("take('foot', 3)"), json!("foo"));
    assert_eq!(ev("skip('foot', 3)"), json!("t"));
    assert_eq!(ev("empty('non-empty string')"), json!(false));
    assert_eq!(ev("contains('foot', 'foo')"), json!(true));
    assert_eq!(ev("indexOf('food', 'o')"), json!(1));
    assert_eq!(ev("lastIndexOf('food', 'o')"), json!(2));
    assert_eq!(ev("startsWith('food', 'foo')"), json!(true));
    assert_eq!(ev("endsWith('foot', 't')"), json!(true));
    assert_eq!(ev("min(10, 4, 1, 6)"), json!(1));
    assert_eq!(ev("max(10, 4, 1, 6)"), json!(10));
    assert_eq!(
        ev("split('fizz,buzz,pop', ',')"),
        json!(["fizz", "buzz", "pop"])
    );
    assert_eq!(
        ev("take(createArray('fizz', 'buzz', 'pop'), 2)"),
        json!(["fizz", "buzz"])
    );
    assert_eq!(
        ev("contains(createArray('fizz', 'buzz', 'pop'), 'fizz')"),
        json!(true)
    );
    assert_eq!(
        ev(
            "intersection(createArray('fizz', 'buzz', 'pop'), createArray('snap', 'crackle', 'pop'))"
        ),
        json!(["pop"])
    );
    assert_eq!(
        ev("union(createArray('fizz', 'buzz'), createArray('pop'))"),
        json!(["fizz", "buzz", "pop"])
    );
    assert_eq!(
        ev("first(createArray('fizz', 'buzz', 'pop'))"),
        json!("fizz")
    );
    assert_eq!(ev("first(createArray())"), json!(null));
    assert_eq!(ev("last(createArray('fizz', 'buzz', 'pop'))"), json!("pop"));
    assert_eq!(
        ev("indexOf(createArray('fizz', 'buzz', 'pop', 'fizz'), 'fizz')"),
        json!(0)
    );
    assert_eq!(
        ev("lastIndexOf(createArray('fizz', 'buzz', 'pop', 'fizz'), 'fizz')"),
        json!(3)
    );
    assert_eq!(ev("min(createArray(10, 4, 1, 6))"), json!(1));
    assert_eq!(
        ev("join(createArray('foo', 'bar', 'baz'), '/')"),
        json!("foo/bar/baz")
    );
    assert_eq!(
        ev("join(createArray('abc', 123, true()), '/')"),
        json!("abc/123/True")
    );
}

// Source: Bicep's snapshot test (src/Bicep.Cli.IntegrationTests/Files/
// SnapshotCommandTests/basic/main.snapshot.json): subscription
// 00000000-0000-0000-0000-000000000000, resource group myRg.
#[test]
fn unique_string_of_the_resource_group() {
    assert_eq!(
        ev("concat('store', uniqueString(resourceGroup().id))"),
        json!("storejs26ofeqkqeve")
    );
}

// Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string
// (examples of format, padLeft, split, substring, uri, string).
#[test]
fn documented_string_examples() {
    assert_eq!(
        ev("format('{0}, {1}. Formatted number: {2:N0}', 'Hello', 'User', 8175133)"),
        json!("Hello, User. Formatted number: 8,175,133")
    );
    assert_eq!(ev("padLeft('123', 10, '0')"), json!("0000000123"));
    assert_eq!(
        ev("uri('http://contoso.org/firstpath', 'myscript.sh')"),
        json!("http://contoso.org/myscript.sh")
    );
    assert_eq!(
        ev("uri('http://contoso.org/firstpath/', 'myscript.sh')"),
        json!("http://contoso.org/firstpath/myscript.sh")
    );
    assert_eq!(
        ev("string(createObject('valueA', 10, 'valueB', 'Example Text'))"),
        json!("{\"valueA\":10,\"valueB\":\"Example Text\"}")
    );
    assert_eq!(
        ev("string(createArray('a', 'b', 'c'))"),
        json!("[\"a\",\"b\",\"c\"]")
    );
    assert_eq!(ev("string(5)"), json!("5"));
    assert_eq!(
        ev("split('one,two,three', ',')"),
        json!(["one", "two", "three"])
    );
    assert_eq!(
        ev("split('one;two,three', createArray(',', ';'))"),
        json!(["one", "two", "three"])
    );
    assert_eq!(
        ev("concat('prefix', '-', uniqueString('a'))")
            .as_str()
            .map(str::len),
        Some(20)
    );
    assert_eq!(ev("startsWith('abcdef', 'AB')"), json!(true));
    assert_eq!(ev("endsWith('abcdef', 'g')"), json!(false));
    assert_eq!(ev("indexOf('abcdef', 'CD')"), json!(2));
    assert_eq!(ev("indexOf('abcdef', 'z')"), json!(-1));
    assert_eq!(
        ev("base64ToJson(base64('{\"one\": \"a\", \"two\": \"b\"}'))"),
        json!({"one": "a", "two": "b"})
    );
}

// Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-array
// and template-functions-object (range, union, intersection, items, objectKeys,
// shallowMerge, tryGet, createObject, json, null, array).
#[test]
fn documented_array_and_object_examples() {
    assert_eq!(ev("range(1, 3)"), json!([1, 2, 3]));
    assert_eq!(
        ev("union(json('{\"a\": {\"b\": 1}}'), json('{\"a\": {\"c\": 2}}'))"),
        json!({"a": {"b": 1, "c": 2}})
    );
    assert_eq!(
        ev(
            "intersection(createObject('one', 'a', 'two', 'b', 'three', 'c'), createObject('one', 'a', 'two', 'z', 'three', 'c'))"
        ),
        json!({"one": "a", "three": "c"})
    );
    assert_eq!(
        ev("items(createObject('item002', 'b', 'item001', 'a'))"),
        json!([{"key": "item001", "value": "a"}, {"key": "item002", "value": "b"}])
    );
    assert_eq!(
        ev("objectKeys(createObject('a', 1, 'b', 2))"),
        json!(["a", "b"])
    );
    assert_eq!(
        ev("shallowMerge(createArray(createObject('one', 'a'), createObject('two', 'b')))"),
        json!({"one": "a", "two": "b"})
    );
    assert_eq!(
        ev("tryGet(createObject('a', createObject('b', 1)), 'a', 'b')"),
        json!(1)
    );
    assert_eq!(ev("tryGet(createObject('a', 1), 'missing')"), json!(null));
    assert_eq!(ev("array('efgh')"), json!(["efgh"]));
    assert_eq!(ev("empty(null())"), json!(true));
    assert_eq!(
        ev("concat(createArray('1-1', '1-2'), createArray('2-1'))"),
        json!(["1-1", "1-2", "2-1"])
    );
    assert_eq!(ev("json('{\"a\": 1.5}').a"), json!(1.5));
    assert_eq!(ev("createArray(1, 2, 3)[1]"), json!(2));
}

// Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-lambda
#[test]
fn documented_lambda_examples() {
    assert_eq!(
        ev("filter(createArray(1, 2, 3, 4), lambda('x', greater(lambdaVariables('x'), 2)))"),
        json!([3, 4])
    );
    assert_eq!(
        ev("map(createArray(1, 2), lambda('x', mul(lambdaVariables('x'), 10)))"),
        json!([10, 20])
    );
    assert_eq!(
        ev(
            "map(createArray('a', 'b'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))"
        ),
        json!(["a0", "b1"])
    );
    assert_eq!(
        ev(
            "reduce(createArray(1, 2, 3), 0, lambda('cur', 'next', add(lambdaVariables('cur'), lambdaVariables('next'))))"
        ),
        json!(6)
    );
    assert_eq!(
        ev(
            "sort(createArray(3, 1, 2), lambda('a', 'b', less(lambdaVariables('a'), lambdaVariables('b'))))"
        ),
        json!([1, 2, 3])
    );
    assert_eq!(
        ev(
            "toObject(createArray('a', 'b'), lambda('x', lambdaVariables('x')), lambda('x', toUpper(lambdaVariables('x'))))"
        ),
        json!({"a": "A", "b": "B"})
    );
    assert_eq!(
        ev(
            "groupBy(createArray('foo', 'bar', 'baz'), lambda('x', substring(lambdaVariables('x'), 0, 1)))"
        ),
        json!({"f": ["foo"], "b": ["bar", "baz"]})
    );
    assert_eq!(
        ev("mapValues(createObject('a', 1), lambda('v', add(lambdaVariables('v'), 1)))"),
        json!({"a": 2})
    );
}

// Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-numeric
// and template-functions-comparison / template-functions-logical.
#[test]
fn documented_numeric_comparison_logical_examples() {
    assert_eq!(ev("add(5, 3)"), json!(8));
    assert_eq!(ev("sub(7, 3)"), json!(4));
    assert_eq!(ev("mul(5, 3)"), json!(15));
    assert_eq!(ev("div(8, 3)"), json!(2));
    assert_eq!(ev("mod(7, 3)"), json!(1));
    assert_eq!(ev("int('4')"), json!(4));
    assert_eq!(ev("float('3.5')"), json!(3.5));
    assert_eq!(
        ev("equals(createArray('a'), createArray('a'))"),
        json!(true)
    );
    assert_eq!(ev("greater(10, 5)"), json!(true));
    assert_eq!(ev("lessOrEquals(5, 5)"), json!(true));
    assert_eq!(
        ev("coalesce(null(), null(), 'fallback')"),
        json!("fallback")
    );
    assert_eq!(ev("and(true(), false())"), json!(false));
    assert_eq!(ev("or(true(), false())"), json!(true));
    assert_eq!(ev("not(true())"), json!(false));
    assert_eq!(ev("bool('true')"), json!(true));
    assert_eq!(
        ev("if(equals(1, 1), 'yes', int('not evaluated'))"),
        json!("yes")
    );
}

// Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-resource
// (resourceId forms) and template-functions-scope.
#[test]
fn resource_ids_and_scopes() {
    let rg = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg";
    assert_eq!(
        ev("resourceId('Microsoft.Storage/storageAccounts', 'st')"),
        json!(format!(
            "{rg}/providers/Microsoft.Storage/storageAccounts/st"
        ))
    );
    assert_eq!(
        ev("resourceId('otherRg', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'sub')"),
        json!(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/otherRg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/sub"
        )
    );
    assert_eq!(
        ev(
            "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')"
        ),
        json!(
            "/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6"
        )
    );
    assert_eq!(
        ev("tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p')"),
        json!("/providers/Microsoft.Authorization/policyDefinitions/p")
    );
    assert_eq!(
        ev(
            "extensionResourceId(resourceId('Microsoft.KeyVault/vaults', 'kv'), 'Microsoft.Authorization/locks', 'lock')"
        ),
        json!(format!(
            "{rg}/providers/Microsoft.KeyVault/vaults/kv/providers/Microsoft.Authorization/locks/lock"
        ))
    );
    assert_eq!(ev("resourceGroup().name"), json!("myRg"));
    assert_eq!(
        ev("subscription().subscriptionId"),
        json!("00000000-0000-0000-0000-000000000000")
    );
    assert_eq!(
        ev("environment().suffixes.keyvaultDns"),
        json!(".vault.azure.net")
    );
    assert_eq!(ev("deployment().name"), json!("deployment"));
    assert!(
        fails("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')")
            .contains("needs 2 name segments")
    );
}

// Placeholders as `bicep snapshot` shows them (nested_loops/main.snapshot.json
// shows `[resourceGroup().location]` without a location).
#[test]
fn deployed_state_is_a_placeholder() {
    assert_eq!(
        placeholder("resourceGroup().location"),
        "[resourceGroup().location]"
    );
    assert_eq!(
        placeholder("subscription().tenantId"),
        "[tenant().tenantId]"
    );
    assert_eq!(
        placeholder(
            "reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2022-09-01').primaryEndpoints.blob"
        ),
        "[reference('/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Storage/storageAccounts/st', '2022-09-01').primaryEndpoints.blob]"
    );
    assert_eq!(
        placeholder("listKeys('x', '2022-09-01').keys[0].value"),
        "[listKeys('x', '2022-09-01').keys[0].value]"
    );
    assert_eq!(placeholder("utcNow()"), "[utcNow()]");
    assert_eq!(
        placeholder("concat('a', newGuid())"),
        "[concat('a', newGuid())]"
    );
}

#[test]
fn a_fixed_clock() {
    let ctx = Context {
        now: Some("2024-01-31T12:00:00Z".into()),
        ..Context::default()
    };
    let v = eval_str("[utcNow('u')]", &ctx).unwrap();
    assert_eq!(v.to_json(), json!("2024-01-31 12:00:00Z"));
}

#[test]
fn deployment_failures_are_errors() {
    assert!(fails("int('x')").contains("int() cannot convert 'x'"));
    assert!(fails("div(10, 0)").contains("divides by zero"));
    assert!(fails("format('{1}', 'a')").contains("placeholder {1} has no argument"));
    assert!(fails("substring('abc', 2, 5)").contains("outside the string"));
    assert!(fails("createArray(1, 2)[2]").contains("out of range"));
    assert!(fails("json('{')").contains("not valid JSON"));
    assert!(fails("range(0, 10001)").contains("between 0 and 10000"));
    assert!(fails("add(9223372036854775807, 1)").contains("overflows"));
    assert!(fails("createObject('a', 1).b").contains("no property 'b'"));
    assert!(fails("parameters('nope')").contains("no parameter 'nope'"));
    assert_eq!(placeholder("copyIndex()"), "[copyIndex()]");
}

#[test]
fn hostile_inputs_stop_with_errors() {
    // Nested maps over large ranges run into the step budget.
    let e = fails("map(range(0, 10000), lambda('x', map(range(0, 10000), lambda('y', 1))))");
    assert!(e.contains("steps"), "{e}");
    // Doubling a string runs into the size limit.
    let mut expr = "'abcdefghijklmnop'".to_string();
    for _ in 0..20 {
        expr = format!("concat({expr}, {expr})");
    }
    // The parser refuses or the evaluator stops; either way no panic.
    let _ = eval_str(&format!("[{expr}]"), &Context::default());
    // An accumulation that nests without bound stops (no stack overflow).
    let deep = eval_str(
        "[reduce(range(0, 10000), createArray(), lambda('acc', 'x', createArray(lambdaVariables('acc'))))]",
        &Context::default(),
    );
    assert!(
        matches!(deep, Err(ref e) if e.message.contains("nests more than 100")),
        "{deep:?}"
    );
    // A limit of the evaluator (not of ARM) leaves the call to the deployment.
    assert_eq!(
        placeholder("padLeft('a', 100000000, 'b')"),
        "[padLeft('a', 100000000, 'b')]"
    );
    // So does a date the evaluator's ISO 8601 reading does not take.
    assert_eq!(
        placeholder("dateTimeAdd('April 7, 2020', 'P1D')"),
        "[dateTimeAdd('April 7, 2020', 'P1D')]"
    );
    // Not an ISO 8601 duration: no value is made up, and no error claimed.
    assert_eq!(
        placeholder("dateTimeAdd('2020-04-07T00:00:00Z', 'P1D2D')"),
        "[dateTimeAdd('2020-04-07T00:00:00Z', 'P1D2D')]"
    );
}

// Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-comparison
// (greater, greaterOrEquals, less, lessOrEquals with 'A' and 'a': True, True, False, False).
#[test]
fn documented_string_comparisons() {
    assert_eq!(ev("greater('A', 'a')"), json!(true));
    assert_eq!(ev("greaterOrEquals('A', 'a')"), json!(true));
    assert_eq!(ev("less('A', 'a')"), json!(false));
    assert_eq!(ev("lessOrEquals('A', 'a')"), json!(false));
    assert_eq!(ev("greater(1, 2)"), json!(false));
}

// Source: ARM compares strings culture-aware: the comparison docs above
// (greater('A', 'a') is true) and Bicep's comparison operators
// (https://learn.microsoft.com/azure/azure-resource-manager/bicep/operators-comparison:
// 'bend' > 'band'; 'demo' < 'Demo' "because lowercase letters are less than
// uppercase letters"), which no ordinal comparison gives. What every .NET
// culture comparison agrees on is computed; where punctuation, symbols or
// non-ASCII letters decide, the order is left to the deployment.
#[test]
fn strings_compare_culture_aware_where_certain() {
    assert_eq!(ev("greater('bend', 'band')"), json!(true));
    assert_eq!(ev("less('demo', 'Demo')"), json!(true));
    assert_eq!(ev("less('Demo', 'demo')"), json!(false));
    // A difference of letters decides before an earlier one of case.
    assert_eq!(ev("less('Ab', 'ac')"), json!(true));
    assert_eq!(ev("less('aB', 'Ab')"), json!(true));
    // Ordinal would put 'Z' before 'a' and '_'-free digits before letters.
    assert_eq!(ev("less('a', 'Z')"), json!(true));
    assert_eq!(ev("less('9', 'a')"), json!(true));
    assert_eq!(ev("less('a1', 'aB')"), json!(true));
    // A prefix comes first; equal strings are equal.
    assert_eq!(ev("less('A', 'ab')"), json!(true));
    assert_eq!(ev("greater('abc', 'ab')"), json!(true));
    assert_eq!(ev("lessOrEquals('a-b', 'a-b')"), json!(true));
    assert_eq!(ev("greaterOrEquals('', '')"), json!(true));
    assert_eq!(ev("less('', 'a')"), json!(true));
    // Decided by letters before any punctuation.
    assert_eq!(ev("less('ab-x', 'ac')"), json!(true));
    // Where punctuation, symbols or accents decide, NLS and ICU differ: unknown.
    for text in [
        "less('a-b', 'ab')",
        "greater('a_b', 'aB')",
        "less('a~', 'a0')",
        "less('é', 'f')",
        "less('', '-')",
        "greater('ab', 'a-')",
    ] {
        assert_eq!(placeholder(text), format!("[{text}]"), "{text}");
    }
    // Ints and strings still do not compare.
    assert!(fails("less(1, 'a')").contains("two ints or two strings"));
}

// Source: https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-object#union
// (the deep merge example: nested objects merge, nested arrays do not).
#[test]
fn documented_union_deep_merge() {
    let first = r#"{"property": {"one": "a", "two": "b", "three": "c1"}, "nestedArray": [1, 2]}"#;
    let second =
        r#"{"property": {"three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]}"#;
    assert_eq!(
        ev(&format!("union(json('{first}'), json('{second}'))")),
        json!({"property": {"one": "a", "two": "b", "three": "c2", "four": "d", "five": "e"}, "nestedArray": [3, 4]})
    );
    assert_eq!(
        ev(r#"union(json('[["one", "two"], ["three"]]'), json('[["three"], ["four", "two"]]'))"#),
        json!([["one", "two"], ["three"], ["four", "two"]])
    );
}

// Source: .NET strings are UTF-16 (https://learn.microsoft.com/dotnet/api/system.string.length,
// String.Substring, String.IndexOf(String, StringComparison.OrdinalIgnoreCase),
// String.PadLeft): ARM's string functions count UTF-16 code units, as `length`
// does, so an emoji counts 2. Half a surrogate pair becomes U+FFFD.
#[test]
fn string_indexes_count_utf16_code_units() {
    assert_eq!(ev("length('😀a')"), json!(3));
    assert_eq!(ev("indexOf('😀a', 'a')"), json!(2));
    assert_eq!(ev("lastIndexOf('😀a😀a', 'a')"), json!(5));
    assert_eq!(ev("lastIndexOf('😀a😀a', '😀')"), json!(3));
    assert_eq!(ev("indexOf('x😀A', 'a')"), json!(3));
    assert_eq!(ev("lastIndexOf('😀', '')"), json!(2));
    assert_eq!(ev("indexOf('a', 'ab')"), json!(-1));
    assert_eq!(ev("take('😀a', 2)"), json!("😀"));
    assert_eq!(ev("skip('😀a', 2)"), json!("a"));
    assert_eq!(ev("take('😀a', 1)"), json!("\u{FFFD}"));
    assert_eq!(ev("skip('😀a', 1)"), json!("\u{FFFD}a"));
    assert_eq!(ev("padLeft('😀', 3, '0')"), json!("0😀"));
    assert_eq!(ev("padLeft('😀', 2, '0')"), json!("😀"));
    assert_eq!(ev("substring('ab😀', 2, 2)"), json!("😀"));
    assert_eq!(ev("substring('ab😀', 2)"), json!("😀"));
    assert_eq!(ev("substring('😀a', 0, length('😀a'))"), json!("😀a"));
    assert_eq!(ev("substring('😀a', 1, 1)"), json!("\u{FFFD}"));
    assert!(fails("substring('😀a', 0, 4)").contains("outside"));
    assert_eq!(ev("first('😀a')"), json!("\u{FFFD}"));
    assert_eq!(ev("last('a😀')"), json!("\u{FFFD}"));
    assert_eq!(ev("last('😀a')"), json!("a"));
    assert_eq!(ev("format('{0,3}|', '😀')"), json!(" 😀|"));
    assert!(fails("padLeft('a', 3, '😀')").contains("single padding character"));
}

// Source: .NET String.ToUpperInvariant / ToLowerInvariant
// (https://learn.microsoft.com/dotnet/api/system.string.toupperinvariant), which
// ARM's toUpper/toLower call: simple per-character case mapping, so the length
// never changes ('ß' has no single upper case letter; no final-sigma rule).
#[test]
fn case_mapping_is_dotnet_invariant() {
    assert_eq!(ev("toUpper('ß')"), json!("ß"));
    assert_eq!(ev("toUpper('straße')"), json!("STRAßE"));
    assert_eq!(ev("toLower('STRAßE')"), json!("straße"));
    assert_eq!(ev("toUpper('ŉ')"), json!("ŉ"));
    assert_eq!(ev("toLower('ΟΔΟΣ')"), json!("οδοσ"));
    assert_eq!(ev("toUpper('ᾳ')"), json!("ᾼ"));
    assert_eq!(ev("toLower('İ')"), json!("İ"));
    assert_eq!(ev("toUpper('ı')"), json!("ı"));
    assert_eq!(ev("toUpper('éa𐐨')"), json!("ÉA𐐀"));
    assert_eq!(ev("length(toUpper('ﬀ'))"), json!(1));
}

// Source: .NET standard numeric format strings, "General format specifier (G)"
// (https://learn.microsoft.com/dotnet/standard/base-types/standard-numeric-format-strings#general-format-specifier-g):
// `12345.6789` with G4 is "1.235E+04" (the doc's own example, as a float);
// fixed-point only when the exponent is greater than -5 and less than the precision.
#[test]
fn format_general_with_a_precision() {
    assert_eq!(ev("format('{0:G3}', 12345)"), json!("1.23E+04"));
    assert_eq!(ev("format('{0:g3}', 12345)"), json!("1.23e+04"));
    assert_eq!(
        ev("format('{0:G4}', json('12345.6789'))"),
        json!("1.235E+04")
    );
    assert_eq!(
        ev("format('{0:G10}', json('12345.6789'))"),
        json!("12345.6789")
    );
    assert_eq!(ev("format('{0:G5}', 12345)"), json!("12345"));
    assert_eq!(ev("format('{0:G}', 12345)"), json!("12345"));
    assert_eq!(ev("format('{0:G2}', 99)"), json!("99"));
    assert_eq!(ev("format('{0:G1}', 99)"), json!("1E+02"));
    assert_eq!(ev("format('{0:G2}', -12500)"), json!("-1.3E+04"));
    assert_eq!(ev("format('{0:G3}', 12250)"), json!("1.23E+04"));
    assert_eq!(ev("format('{0:G3}', 10000)"), json!("1E+04"));
    assert_eq!(
        ev("format('{0:G2}', json('0.000012345'))"),
        json!("1.2E-05")
    );
    assert_eq!(ev("format('{0:G2}', json('0.00012345'))"), json!("0.00012"));
    assert_eq!(ev("format('{0:G3}', json('1.5'))"), json!("1.5"));
    assert_eq!(ev("format('{0:G2}', json('0.0'))"), json!("0"));
}

// Source: .NET's Convert.FromBase64String
// (https://learn.microsoft.com/dotnet/api/system.convert.frombase64string),
// which base64ToString runs on: white space is ignored, the length must be a
// multiple of 4, and at most two '=' pad the end.
#[test]
fn base64_is_read_as_dotnet_reads_it() {
    assert_eq!(ev("base64ToString('YWJj')"), json!("abc"));
    assert_eq!(ev("base64ToString('YWI=')"), json!("ab"));
    assert_eq!(ev("base64ToString('YQ==')"), json!("a"));
    assert_eq!(ev("base64ToString('YW Jj')"), json!("abc"));
    assert_eq!(ev("base64ToString(' YWJj\n')"), json!("abc"));
    assert_eq!(ev("base64ToString('')"), json!(""));
    for bad in ["YWJ", "YWJj====", "YQ=", "Y===", "YW=j", "YWJj!"] {
        let e = fails(&format!("base64ToString('{bad}')"));
        assert!(e.contains("is not valid base64"), "{bad}: {e}");
    }
}

// An int above ARM's 64-bit range is named as such, not as "an int" that an
// int was expected instead of.
#[test]
fn an_int_beyond_64_bits_is_named() {
    let e = fails("add(json('9223372036854775808'), 1)");
    assert!(e.contains("beyond ARM's 64-bit range"), "{e}");
}

// Source: .NET custom numeric format strings
// (https://learn.microsoft.com/dotnet/standard/base-types/custom-numeric-format-strings),
// which format() passes its items' formats to: `0`, `#`, `.`, `,` (grouping and
// scaling), `%`, literal text and `;` sections. Formats the evaluator does not
// read (exponents, floats) are left to the deployment, never an error.
#[test]
fn format_custom_numeric_formats() {
    assert_eq!(ev("format('{0:0.00}', 5)"), json!("5.00"));
    assert_eq!(ev("format('{0:0#}', 5)"), json!("05"));
    assert_eq!(ev("format('{0:0,0}', 1234567)"), json!("1,234,567"));
    assert_eq!(ev("format('{0:0,0}', 5)"), json!("05"));
    assert_eq!(ev("format('{0:00.0}', 5)"), json!("05.0"));
    assert_eq!(ev("format('{0:#,##0}', 1234)"), json!("1,234"));
    assert_eq!(ev("format('{0:#,##0}', 0)"), json!("0"));
    assert_eq!(ev("format('{0:#,##0}', -1234567)"), json!("-1,234,567"));
    assert_eq!(ev("format('{0:00000}', 123)"), json!("00123"));
    assert_eq!(ev("format('{0:#####}', 123)"), json!("123"));
    assert_eq!(ev("format('{0:#}', 0)"), json!(""));
    assert_eq!(ev("format('{0:#.##}', 0)"), json!(""));
    assert_eq!(ev("format('{0:0.##}', 7)"), json!("7"));
    assert_eq!(ev("format('{0:[##-##-##]}', 123456)"), json!("[12-34-56]"));
    assert_eq!(
        ev("format('{0:(###) ###-####}', 1234567890)"),
        json!("(123) 456-7890")
    );
    assert_eq!(ev("format('{0:#,#}', 1234567890)"), json!("1,234,567,890"));
    assert_eq!(ev("format('{0:#,##0,,}', 1234567890)"), json!("1,235"));
    assert_eq!(ev("format('{0:#0%}', 5)"), json!("500%"));
    assert_eq!(ev("format('{0:##;(##)}', 1234)"), json!("1234"));
    assert_eq!(ev("format('{0:##;(##)}', -1234)"), json!("(1234)"));
    assert_eq!(
        ev(r#"format('{0:##;(##);"**Zero**"}', 0)"#),
        json!("**Zero**")
    );
    assert_eq!(ev("format('{0:''#''0}', 3)"), json!("#3"));
    assert_eq!(ev("format('{0,6:0.0}|', 5)"), json!("   5.0|"));
    assert_eq!(ev("format('{0:0.00}', 'text')"), json!("text"));
    assert!(placeholder("format('{0:0.00E+0}', 5)").contains("format"));
    assert!(placeholder("format('{0:0.00}', float('1.5'))").contains("format"));
}

// Source: ARM evaluates `and`, `or`, `if` and `coalesce` lazily, left to right
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-logical#if:
// "only the branch that is taken is evaluated"; Bicep's `&&` and `||`, emitted
// as and() and or(), short-circuit: https://learn.microsoft.com/azure/azure-resource-manager/bicep/operators-logical).
#[test]
fn logical_functions_stop_at_the_deciding_argument() {
    assert_eq!(ev("and(false(), equals(div(1, 0), 0))"), json!(false));
    assert_eq!(ev("or(true(), equals(div(1, 0), 0))"), json!(true));
    assert_eq!(ev("and(true(), true(), false(), int('x'))"), json!(false));
    assert_eq!(ev("or(false(), false())"), json!(false));
    assert_eq!(ev("and(true(), true())"), json!(true));
    assert!(fails("and(true(), equals(div(1, 0), 0))").contains("divides by zero"));
    assert!(fails("or(false(), 'x')").contains("bool"));
    assert_eq!(ev("if(false(), div(1, 0), 'b')"), json!("b"));
    assert_eq!(ev("if(true(), 'a', div(1, 0))"), json!("a"));
    assert_eq!(ev("coalesce(null(), 'x', div(1, 0))"), json!("x"));
    // An unknown argument leaves the call to the deployment.
    assert!(placeholder("and(true(), reference('r').ok, div(1, 0))").contains("and("));
    assert_eq!(ev("or(false(), true(), reference('r').ok)"), json!(true));
}

// Source: ARM's ints are .NET Int64
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/data-types#integers):
// comparisons of two ints are exact, not through doubles (2^53 + 1 > 2^53).
#[test]
fn int_comparisons_are_exact() {
    assert_eq!(
        ev("greater(9007199254740993, 9007199254740992)"),
        json!(true)
    );
    assert_eq!(ev("less(9007199254740992, 9007199254740993)"), json!(true));
    assert_eq!(
        ev("greaterOrEquals(9007199254740992, 9007199254740993)"),
        json!(false)
    );
    assert_eq!(
        ev("lessOrEquals(9007199254740993, 9007199254740992)"),
        json!(false)
    );
    assert_eq!(
        ev("equals(9007199254740993, 9007199254740992)"),
        json!(false)
    );
    assert_eq!(
        ev("greater(9223372036854775807, 9223372036854775806)"),
        json!(true)
    );
    assert_eq!(ev("less(-9223372036854775807, 2)"), json!(true));
}

// Source: RFC 3986 §5.4 reference resolution examples
// (https://www.rfc-editor.org/rfc/rfc3986#section-5.4), which .NET's Uri(Uri,
// string) behind ARM's uri() follows, and the ARM docs' uri() example
// (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions-string#uri).
#[test]
fn uri_resolves_references_as_rfc_3986() {
    let base = "http://a/b/c/d;p?q";
    for (relative, expected) in [
        // §5.4.1 normal examples.
        ("g:h", "g:h"),
        ("g", "http://a/b/c/g"),
        ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"),
        ("//g", "http://g"),
        ("?y", "http://a/b/c/d;p?y"),
        ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"),
        ("g#s", "http://a/b/c/g#s"),
        ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"),
        ("g;x", "http://a/b/c/g;x"),
        ("g;x?y#s", "http://a/b/c/g;x?y#s"),
        ("", "http://a/b/c/d;p?q"),
        (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"),
        ("..", "http://a/b/"),
        ("../", "http://a/b/"),
        ("../g", "http://a/b/g"),
        ("../..", "http://a/"),
        ("../../", "http://a/"),
        ("../../g", "http://a/g"),
        // §5.4.2 abnormal examples.
        ("../../../g", "http://a/g"),
        ("../../../../g", "http://a/g"),
        ("/./g", "http://a/g"),
        ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."),
        (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"),
        ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"),
        ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"),
        ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"),
        ("g#s/../x", "http://a/b/c/g#s/../x"),
        ("http:g", "http:g"),
    ] {
        assert_eq!(
            ev(&format!("uri('{base}', '{relative}')")),
            json!(expected),
            "{relative}"
        );
    }
    assert_eq!(
        ev("uri('http://contoso.org/firstpath', 'myscript.sh')"),
        json!("http://contoso.org/myscript.sh")
    );
    assert_eq!(
        ev("uri('https://a.example/x/y?z=1', 'https://other/p')"),
        json!("https://other/p")
    );
    assert_eq!(ev("uri('http://a', 'b')"), json!("http://a/b"));
    assert!(fails("uri('no-scheme/x', 'g')").contains("not an absolute URI"));
}

// Source: ARM reports a failing variable at its definition ("The template
// variable 'n' is not valid: ..."; the variables' section of
// https://learn.microsoft.com/azure/azure-resource-manager/templates/syntax#variables):
// the snapshot's error path is the variable's, not the output's that reads it.
#[test]
#[cfg(feature = "snapshot")]
fn a_failing_variable_is_reported_where_it_is_declared() {
    let template = json!({
        "variables": {
            "n": "[div(1, 0)]",
            "m": "[concat(variables('n'), 'x')]",
            "copy": [{"name": "c", "count": 2, "input": "[int('x')]"}]
        },
        "outputs": {
            "o": {"type": "int", "value": "[variables('m')]"},
            "p": {"type": "array", "value": "[variables('c')]"}
        }
    });
    let err = snapshot(&template, &json!({}), &Context::default()).unwrap_err();
    assert_eq!(err.errors[0].path, "variables.n");
    assert!(err.errors[0].message.contains("divides by zero"));
    let template = json!({
        "variables": {"copy": [{"name": "c", "count": 2, "input": "[int('x')]"}]},
        "outputs": {"p": {"type": "array", "value": "[variables('c')]"}}
    });
    let err = snapshot(&template, &json!({}), &Context::default()).unwrap_err();
    // At its `input`, as the template spells it.
    assert_eq!(err.errors[0].path, "variables.copy[0].input");
    // A failure of the output's own expression stays at the output.
    let template = json!({
        "variables": {"n": 1},
        "outputs": {"o": {"type": "int", "value": "[div(variables('n'), 0)]"}}
    });
    let err = snapshot(&template, &json!({}), &Context::default()).unwrap_err();
    assert_eq!(err.errors[0].path, "outputs.o.value");
    // In a nested deployment's inner-scope template, the inner variable's path.
    let template = json!({
        "resources": [{
            "type": "Microsoft.Resources/deployments",
            "apiVersion": "2022-09-01",
            "name": "inner",
            "properties": {
                "mode": "Incremental",
                "expressionEvaluationOptions": {"scope": "inner"},
                "template": {
                    "variables": {"n": "[int('x')]"},
                    "resources": [],
                    "outputs": {"o": {"type": "int", "value": "[variables('n')]"}}
                }
            }
        }]
    });
    let err = snapshot(&template, &json!({}), &Context::default()).unwrap_err();
    assert!(
        err.errors[0]
            .path
            .ends_with("properties.template.variables.n"),
        "{}",
        err.errors[0].path
    );
    // An undeclared variable is the reader's mistake.
    let template = json!({"outputs": {"o": {"type": "int", "value": "[variables('z')]"}}});
    let err = snapshot(&template, &json!({}), &Context::default()).unwrap_err();
    assert_eq!(err.errors[0].path, "outputs.o.value");
}

// Source: none establishes ARM's int() of a float beyond 64 bits (.NET's
// conversions throw) or float() of NaN and infinities (no JSON value): the
// evaluator leaves them to the deployment instead of a saturated int or null.
#[test]
fn floats_without_a_known_arm_value_are_left_to_the_deployment() {
    for text in [
        "int(json('1e30'))",
        "int(json('-1e30'))",
        "int(json('9223372036854775808.0'))",
        "float('nan')",
        "float('NaN')",
        "float('inf')",
        "float('-infinity')",
        "float('1e999')",
    ] {
        // Unknown (its literal arguments rendered again, `1e30` as `1e+30`).
        let name = &text[..text.find('(').unwrap_or(0)];
        assert!(
            placeholder(text).starts_with(&format!("[{name}(")),
            "{text}"
        );
    }
    assert_eq!(ev("int(json('-9223372036854775808.0'))"), json!(i64::MIN));
    assert_eq!(ev("int(json('2.9'))"), json!(2));
    assert_eq!(ev("int(json('-2.9'))"), json!(-2));
    assert_eq!(ev("float('1.5')"), json!(1.5));
}

// Source: ARM's json() is .NET's JSON reading, more lenient than strict JSON
// (single quotes, unquoted names, comments, NaN and Infinity, integers beyond
// 64 bits kept exact), and float('1e999') is already left to the deployment:
// where such text decides, json() is neither an error nor a made-up value
// (before, `json('{a: 1}')` was reported as failing the deployment, and
// `json('123456789012345678901234567890')` was rounded to a double). Text
// that fails under any reader stays an error.
#[test]
fn json_left_to_the_deployment_where_dotnet_reads_it_otherwise() {
    for text in [
        "json('{a: 1}')",
        "json('{''a'': 1}')",
        "json('[1, 2,]')",
        "json('{\"a\": 1,}')",
        "json('[1, /* two */ 2]')",
        "json('NaN')",
        "json('-Infinity')",
        "json('1e999')",
        "json('[123456789012345678901234567890]')",
        "json('-9223372036854775809')",
    ] {
        assert_eq!(placeholder(text), format!("[{text}]"), "{text}");
    }
    assert_eq!(ev("json('-9223372036854775808')"), json!(i64::MIN));
    assert_eq!(ev("json('18446744073709551615')"), json!(u64::MAX));
    assert_eq!(
        ev("json('{\"a\": \"it''s /* no comment */ NaN\"}').a"),
        json!("it's /* no comment */ NaN")
    );
    assert_eq!(
        ev("json('[1.5e3, -2E-2, true, null]')"),
        json!([1500.0, -0.02, true, null])
    );
    assert_eq!(
        ev("json(' {\"a\\\"b\": \"1e999\"} ')"),
        json!({"a\"b": "1e999"})
    );
    for text in ["json('{')", "json('[1 2]')", "json('')", "json('{\"a\":}')"] {
        assert!(fails(text).contains("not valid JSON"), "{text}");
    }
}

// Probes of today's comparison, duration and number changes that held: a
// computed side compares as a literal one; case only decides last; text
// outside the computed part (a NUL, a title-case letter, durations outside
// ISO 8601's grammar, a double equal to 2^63, NaN with spaces) is left to
// the deployment, never an error.
#[test]
fn comparisons_durations_and_numbers_at_their_edges() {
    assert_eq!(ev("less(concat('a', 'b'), 'AB')"), json!(true));
    assert_eq!(ev("greater(toUpper('a'), 'a')"), json!(true));
    assert_eq!(ev("less('a10', 'a9')"), json!(true));
    assert_eq!(ev("less('abc', 'ABD')"), json!(true));
    assert_eq!(ev("less('', '')"), json!(false));
    for text in [
        "less('a', 'a\u{0}')",
        "greater('\u{1c5}', 'a')",
        "less('a', 'ä')",
    ] {
        assert_eq!(placeholder(text), format!("[{text}]"), "{text}");
    }
    for d in [
        "P", "", "-", "--P1D", "P+1D", "p1d", " P1D", "P1D ", "P1Y1W", "PT1H1D",
    ] {
        let text = format!("dateTimeAdd('2020-01-01T00:00:00Z', '{d}')");
        assert_eq!(placeholder(&text), format!("[{text}]"), "{text}");
    }
    assert_eq!(
        ev("dateTimeAdd('2020-01-01T00:00:00Z', 'P0Y0M0DT0H0M0S')"),
        json!("2020-01-01T00:00:00Z")
    );
    // 9223372036854775807.0 is the double 2^63, beyond a 64-bit int.
    assert!(placeholder("int(json('9223372036854775807.0'))").starts_with("[int("));
    assert!(placeholder("float(' nan ')").starts_with("[float("));
}

// Source: templates/template-functions-comparison documents less, greater,
// lessOrEquals and greaterOrEquals for "int or string" arguments only, and
// the numeric functions (add, min, range, ...) and bool() for ints: nothing
// establishes whether ARM compares or converts a float there (as a double, a
// decimal, rounded or truncated) or rejects it. Before, less(json('1.5'), 2)
// was computed and add(json('1.5'), 1) reported as failing; both are now left
// to the deployment. Ints and strings compare as before; a type no number is
// (a bool) is still an error.
#[test]
fn floats_where_arm_documents_ints_are_left_to_the_deployment() {
    for text in [
        "less(json('1.5'), 2)",
        "greater(2, json('1.5'))",
        "lessOrEquals(json('1.0'), json('1.0'))",
        "greaterOrEquals(json('2.5'), 'a')",
        "less(float('1'), 2)",
        "add(json('1.5'), 1)",
        "sub(1, json('0.5'))",
        "div(4, json('2.0'))",
        "mod(json('5.5'), 2)",
        "min(1, json('0.5'))",
        "max(createArray(1, json('2.5')))",
        "range(json('1.5'), 2)",
        "bool(json('1.5'))",
        "take(createArray(1, 2), json('1.0'))",
    ] {
        let name = &text[..text.find('(').unwrap_or(0)];
        assert!(
            placeholder(text).starts_with(&format!("[{name}(")),
            "{text}"
        );
    }
    assert_eq!(ev("less(1, 2)"), json!(true));
    assert_eq!(
        ev("greaterOrEquals(json('-9223372036854775808'), -5)"),
        json!(false)
    );
    assert_eq!(ev("less(9007199254740992, 9007199254740993)"), json!(true));
    assert_eq!(ev("add(json('2'), 1)"), json!(3));
    for text in ["less(true, 1)", "less(1, 'a')", "add('1', 1)"] {
        fails(text);
    }
}

// Source: .NET's number parsing, which ARM's float() and int() come to
// (NumberStyles, learn.microsoft.com/dotnet/api/system.globalization.numberstyles):
// white space is U+0009 to U+000D and U+0020 only (AllowLeadingWhite), and
// double.Parse's default styles (Float | AllowThousands) take group
// separators; which styles and culture ARM passes is not documented, nor
// whether it takes `∞`, `Infinity` or NaN. So plain numbers are computed,
// text no reading takes is an error, and text readings differ on is left to
// the deployment: before, float('1,000') and float('∞') were reported as
// failing, and float('\u00A012') and int('\u00A012') got 12.
#[test]
fn number_text_only_where_dotnet_reads_it_certainly() {
    for (text, value) in [
        ("float('1.5')", json!(1.5)),
        ("float(' -1.5e3\t')", json!(-1500.0)),
        ("float('.5')", json!(0.5)),
        ("float('1.')", json!(1.0)),
        ("float('+2E-2')", json!(0.02)),
        ("float('7')", json!(7.0)),
        ("int(' 42 ')", json!(42)),
        ("int('+7')", json!(7)),
        ("int('-9223372036854775808')", json!(i64::MIN)),
    ] {
        assert_eq!(ev(text), value, "{text}");
    }
    for text in [
        "float('1,000')",
        "float('∞')",
        "float('-∞')",
        "float('Infinity')",
        "float('\u{a0}12')",
        "float('12\u{2003}')",
        "float('١٢')",
        "float('(12)')",
        "float('$12')",
        "float('12\u{0}')",
        "float('1e')",
        "float('1 000')",
        "int('1,000')",
        "int('\u{a0}12')",
        "int('1e3')",
        "int('١٢')",
        "int('9223372036854775808')",
        "int('(5)')",
    ] {
        assert_eq!(placeholder(text), format!("[{text}]"), "{text}");
    }
    for text in [
        "float('')",
        "float('  ')",
        "float('abc')",
        "float('12px')",
        "float('0x1F')",
        "float('.')",
        "float('-')",
        "int('')",
        "int('abc')",
        "int('0x10')",
        "int('12a')",
    ] {
        let e = fails(text);
        assert!(e.contains("cannot convert"), "{text}: {e}");
    }
}

// Source: ARM's names are case-insensitive (management/resource-name-rules:
// "Resource and resource group names are case-insensitive"), not for ASCII
// letters only; property names, object keys in contains() ("when testing if
// an object contains a key, the comparison is case-insensitive",
// templates/template-functions-array#contains) and tryGet() alike. They
// compare as .NET's OrdinalIgnoreCase: each character's simple upper case,
// so `é` matches `É` and `ſ` matches `s`, while `ß` matches only itself and
// the dotless `ı` is not `I`. Before, `['é']` of `{"É": 1}` was reported as
// a missing property.
#[test]
fn names_ignore_case_beyond_ascii_as_ordinal_ignore_case() {
    assert_eq!(ev("json('{\"Café\": 1}')['CAFÉ']"), json!(1));
    assert_eq!(ev("json('{\"Café\": 1}')['café']"), json!(1));
    assert_eq!(
        ev("contains(json('{\"Straſe\": 1}'), 'STRASE')"),
        json!(true)
    );
    assert_eq!(ev("contains(json('{\"ÆØÅ\": 1}'), 'æøå')"), json!(true));
    assert_eq!(ev("contains(json('{\"ß\": 1}'), 'SS')"), json!(false));
    assert_eq!(ev("contains(json('{\"ı\": 1}'), 'I')"), json!(false));
    assert_eq!(ev("tryGet(json('{\"Ñu\": 2}'), 'ñU')"), json!(2));
    assert_eq!(ev("tryGet(json('{\"ß\": 2}'), 'SS')"), json!(null));
    assert!(fails("json('{\"ß\": 1}')['SS']").contains("no property"));
    // bool() reads `true` and `false` ignoring ASCII case; with white space
    // around, or a non-ASCII letter that folds to one, .NET's reading is not
    // established: left to the deployment.
    assert_eq!(ev("bool('TRUE')"), json!(true));
    for text in ["bool(' true ')", "bool('falſe')", "bool('true\u{0}')"] {
        assert_eq!(placeholder(text), format!("[{text}]"), "{text}");
    }
    assert!(fails("bool('yes')").contains("cannot convert"));
}

/// A nested deployment recorded with only its known outputs (the snapshot
/// leaves out those only the deployment knows): a read of a recorded output
/// is its value, however written; a read of one left out stays a
/// placeholder, and a function of it (`int()`, `length()`) is left to the
/// deployment rather than failing. An evaluator that recorded nothing, as the
/// compiler's, leaves every read a placeholder.
#[test]
fn a_deployment_recorded_with_some_outputs_reads_only_those() {
    let ctx = Context::default();
    let env = EmptyEnv;
    let id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/myRg/providers/Microsoft.Resources/deployments/nested";
    let read = |ev: &mut Evaluator<'_>, text: &str| {
        ev.json(&Json::String(format!("[{text}]")))
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .to_json()
    };
    let mut recorded = Evaluator::new(&ctx, &env);
    recorded.record_deployment(id, "nested", json!({"port": {"value": 8080}}));
    let mut compiler = Evaluator::new(&ctx, &env);
    for (text, value) in [
        ("reference('nested').outputs.port.value", json!(8080)),
        (
            "reference('nested')['outputs']['PORT']['value']",
            json!(8080),
        ),
        (
            "reference('nested', '2022-09-01', 'Full').properties.outputs.port.value",
            json!(8080),
        ),
        (
            "add(reference('nested').outputs.port.value, 1)",
            json!(8081),
        ),
        (
            "int(reference('nested').outputs.principalId.value)",
            json!("[int(reference('nested').outputs.principalId.value)]"),
        ),
        (
            "length(reference('nested').outputs.principalId.value)",
            json!("[length(reference('nested').outputs.principalId.value)]"),
        ),
        (
            "reference('nested').outputs.port.type",
            json!("[reference('nested').outputs.port.type]"),
        ),
    ] {
        assert_eq!(read(&mut recorded, text), value, "{text}");
        assert!(
            read(&mut compiler, text)
                .as_str()
                .is_some_and(|s| s.starts_with('[')),
            "{text}"
        );
    }
}

// Sources: templates/template-functions-object#items (and its include
// resource-manager-object-ordering-arm-template: "sorts the objects in the
// alphabetical order"), bicep/bicep-functions-object#objectkeys ("ordered
// alphabetically"), Azure/bicep#14057 (ignoring case, `A` and `a` in their
// given order). See `builtins::sorted_keys`.
#[test]
fn items_and_object_keys_sort_alphabetically_where_certain() {
    // Alphabetically ignoring case: not ordinally (`Banana` before `apple`).
    assert_eq!(
        ev("objectKeys(createObject('cherry', 1, 'Banana', 2, 'apple', 3))"),
        json!(["apple", "Banana", "cherry"])
    );
    assert_eq!(
        ev("items(createObject('Banana', 2, 'apple', 3))"),
        json!([{"key": "apple", "value": 3}, {"key": "Banana", "value": 2}])
    );
    // Digits before letters; a key before its continuations in letters and digits.
    assert_eq!(
        ev("objectKeys(createObject('item1', 1, 'item', 2, 'b2', 3, 'b10', 4, '9z', 5))"),
        json!(["9z", "b10", "b2", "item", "item1"])
    );
    // A common prefix with punctuation decides nothing.
    assert_eq!(
        ev("objectKeys(createObject('my-b', 1, 'my-a', 2))"),
        json!(["my-a", "my-b"])
    );
    assert_eq!(ev("items(createObject())"), json!([]));
    // Where the comparers ARM may sort with disagree, or keys are equal
    // ignoring case: left to the deployment, neither a value nor an error.
    for (object, function) in [
        ("createObject('a_b', 1, 'ab', 2)", "items"),
        ("createObject('ab', 1, 'a-b', 2)", "objectKeys"),
        ("createObject('item', 1, 'item-1', 2)", "items"),
        ("createObject('éa', 1, 'eb', 2)", "objectKeys"),
        ("createObject('a', 1, 'A', 2)", "items"),
        ("createObject('Größe', 1, 'größe', 2)", "objectKeys"),
    ] {
        let text = format!("{function}({object})");
        assert!(
            placeholder(&text).starts_with(&format!("[{function}(")),
            "{text}"
        );
    }
    assert_eq!(
        builtins::key_order("a", "B"),
        Some(std::cmp::Ordering::Less)
    );
    assert_eq!(
        builtins::key_order("B", "a"),
        Some(std::cmp::Ordering::Greater)
    );
    assert_eq!(builtins::key_order("a", "A"), None);
}

// `.größe`: whether ARM reads a property name beyond ASCII after `.` is not
// documented (see `arm::expr`'s `Parser::property_name`), so its value is
// left to the deployment; `['größe']` is certain.
#[test]
fn member_names_beyond_ascii_are_left_to_the_deployment() {
    assert_eq!(ev("json('{\"größe\": 1}')['größe']"), json!(1));
    assert_eq!(ev("json('{\"Größe\": {\"a\": 2}}')['größe'].a"), json!(2));
    assert_eq!(ev("createObject('a_1', 3).a_1"), json!(3));
    assert_eq!(ev("createObject('$a', 4).$a"), json!(4));
    assert_eq!(
        placeholder("createObject('größe', 1).größe"),
        "[createObject('größe', 1)['größe']]"
    );
    // An unknown base stays unknown, the access with it.
    assert!(placeholder("reference('x').名前").contains("['名前']"));
}

/// A lambda naming one parameter twice is an error wherever it is written,
/// in a branch never taken too (Bicep's BCP028, `check`'s ADSL0202); names
/// that differ, in case included, are computed.
#[test]
fn a_lambda_naming_a_parameter_twice_is_an_error() {
    assert!(fails("map(createArray(1), lambda('x', 'x', 1))").contains("'x' twice"));
    assert!(
        fails("if(true(), 0, length(filter(createArray(), lambda('y', 'y', true()))))")
            .contains("'y' twice")
    );
    assert!(
        fails("reduce(createArray(1), 0, lambda('a', 'b', length(map(createArray(), lambda('c', 'c', 1)))))")
            .contains("'c' twice")
    );
    assert_eq!(
        ev(
            "reduce(createArray(1, 2), 0, lambda('x', 'X', add(lambdaVariables('x'), lambdaVariables('X'))))"
        ),
        json!(3)
    );
}

/// A scope function's member beyond ASCII after `.` is left to the
/// deployment, as any other such member; in ASCII it is computed.
#[test]
fn scope_members_beyond_ascii_are_left_to_the_deployment() {
    assert!(placeholder("subscription().ſubscriptionId").starts_with("[subscription()"));
    assert!(placeholder("resourceGroup().ıd").starts_with("[resourceGroup()"));
    assert_eq!(
        ev("subscription().subscriptionId"),
        json!(Context::default().subscription_id)
    );
}

/// A resource nested in a looped one is deployed with each of its copies,
/// and its `copyIndex()`, or `copyIndex('<parent's loop>')`, counts them
/// ("Resource iteration in ARM templates",
/// <https://learn.microsoft.com/azure/azure-resource-manager/templates/copy-resources>;
/// "copyIndex" with a loop name reads that loop,
/// template-functions-numeric#copyindex): one child per copy, at any depth,
/// named under its own copy of the parent and waiting for that copy only.
#[test]
#[cfg(feature = "snapshot")]
fn a_nested_child_is_deployed_with_each_copy_of_its_parent() {
    let template = json!({
        "resources": [{
            "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
            "name": "[concat('st', copyIndex())]",
            "copy": {"name": "stLoop", "count": 2},
            "resources": [{
                "type": "blobServices", "apiVersion": "2023-01-01", "name": "default",
                "properties": {"days": "[add(7, copyIndex('STLOOP', 1))]"},
                "resources": [{
                    "type": "containers", "apiVersion": "2023-01-01",
                    "name": "[concat('logs', copyIndex())]",
                    "properties": {"at": "[copyIndex('stLoop')]"}
                }]
            }]
        }]
    });
    let out = snapshot(&template, &json!({}), &Context::default()).expect("expands");
    let resources = &out.predicted_resources;
    let names: Vec<&str> = resources
        .iter()
        .map(|r| r["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        names,
        [
            "st0",
            "st1",
            "st0/default",
            "st1/default",
            "st0/default/logs0",
            "st1/default/logs1"
        ]
    );
    assert_eq!(resources[2]["properties"]["days"], json!(8));
    assert_eq!(resources[3]["properties"]["days"], json!(9));
    assert_eq!(resources[5]["properties"]["at"], json!(1));
    // Each copy of a child waits for its own copy of the parent.
    assert_eq!(resources[3]["dependsOn"], json!([resources[1]["id"]]));
    assert_eq!(resources[4]["dependsOn"], json!([resources[2]["id"]]));
    // A loop name the child is not in is still an error.
    let mut wrong = template.clone();
    wrong["resources"][0]["resources"][0]["properties"]["days"] = json!("[copyIndex('other')]");
    let err = snapshot(&wrong, &json!({}), &Context::default()).unwrap_err();
    assert_eq!(
        err.errors[0].path,
        "resources[0].resources[0].properties.days"
    );
    assert!(
        err.errors[0].message.contains("copyIndex('other')"),
        "{err:?}"
    );
}
