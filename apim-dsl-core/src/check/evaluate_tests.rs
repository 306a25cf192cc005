use crate::compile_errors as errors;
use quote::quote;

#[test]
fn constant_failures_are_compile_errors() {
    let found = errors(quote! {
        const T;
        var a = format("{0}-{1}", "x");
        var b = int("x");
        var c = 10 / 0;
        var d = substring("abc", 1, 5);
        var e = json("{");
        var f = length(range(0, 20000));
        var g = [1, 2][2];
        output o: array = [a, b, c, d, e, f, g];
    });
    assert_eq!(
        found,
        [
            "this fails at deployment: format(): the placeholder {1} has no argument (1 argument follows the pattern)",
            "this fails at deployment: int() cannot convert 'x' to an integer",
            "this fails at deployment: div(10, 0) divides by zero",
            "this fails at deployment: substring(): start 1 and length 5 are outside the string of 3 characters",
            "this fails at deployment: json(): '{' is not valid JSON (EOF while parsing an object at line 1 column 1)",
            "this fails at deployment: range() takes a count between 0 and 10000, not 20000",
            "this fails at deployment: the index 2 is out of range of an array of 2 items",
        ]
    );
}

#[test]
fn what_depends_on_parameters_or_resources_is_not_evaluated() {
    let found = errors(quote! {
        const T;
        param n: string;
        var a = int(n);
        var b = n == "x" ? int("never when n is not x") : 1;
        var c = 10 / length(n);
        output o: array = [a, b, c];
    });
    assert_eq!(found, Vec::<String>::new());
}

#[test]
fn computed_defaults_meet_their_bounds() {
    let found = errors(quote! {
        const T;
        #[maxLength(5)]
        param name: string = concat("abc", "defg");
        #[minValue(2)]
        param count: int = 1 + 0;
        output o: string = concat(name, string(count));
    });
    assert_eq!(
        found,
        [
            "the default of `name` is \"abcdefg\" (7 long), longer than its maxLength 5",
            "the default of `count` is 1, below its minValue 2",
        ]
    );
}

#[test]
fn what_the_deployment_gives_is_not_evaluated() {
    // The resource group's name, the deployment's, the cloud's, ids: known only
    // at deployment, so nothing computed from them fails the build (found by a
    // breaker review: `substring(resourceGroup().name, 0, 6)` failed against a
    // made-up group name).
    let found = errors(quote! {
        const T;
        param prefix: string = substring(resourceGroup().name, 0, 6);
        var short = substring(resourceGroup().name, 0, 6);
        var dep = substring(deployment().name, 0, 12);
        var cloud = substring(environment().name, 0, 12);
        var id = substring(resourceGroup().id, 0, 80);
        var derived = substring(short, 0, 3);
        var isProd = resourceGroup().name == "myRg" ? 1 / 0 : 1;
        #[unchecked]
        resource r "A.B/c@1" { name: "r", tags: { env: substring(deployment().name, 0, 12) } }
        output o: array = [prefix, short, dep, cloud, id, derived, isProd];
    });
    assert!(found.is_empty(), "{found:?}");
    // What fails whatever the deployment is still does.
    let found = errors(quote! {
        const T;
        var name = concat(resourceGroup().name, "-x");
        var bad = int("x");
        output o: array = [name, bad];
    });
    assert_eq!(
        found,
        ["this fails at deployment: int() cannot convert 'x' to an integer"]
    );
}

#[test]
fn allowed_values_of_an_array_apply_to_each_element() {
    let found = errors(quote! {
        const T;
        #[allowed("x", "y")]
        param zs: array = split("x,y", ",");
        #[allowed("x", "y")]
        param ws: array = concat(["x"], ["z"]);
        output o: array = concat(zs, ws);
    });
    assert_eq!(
        found,
        [
            "the default of `ws` is [\"x\",\"z\"], whose element \"z\" is not one of its allowed values"
        ]
    );
}
