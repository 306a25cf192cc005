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
