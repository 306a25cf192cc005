use super::*;
use crate::emit::arm_expr::ExprWriter;
use crate::ir::Template;

fn empty_template(functions: &[(String, String)]) -> Template {
    let mut template = Template::default();
    for (namespace, name) in functions {
        template.functions.push(crate::ir::Func {
            name: name.clone(),
            span: Span::call_site(),
            namespace: namespace.clone(),
            params: Vec::new(),
            output: crate::ir::ParamType::String,
            output_span: Span::call_site(),
            body: node(ExprKind::Null),
            description: None,
            typed: true,
        });
    }
    template
}

/// Parses and writes back.
fn round_trip(text: &str) -> String {
    let functions = [("contoso".to_string(), "buildUrl".to_string())];
    let expr = parse_expression(text, &functions).unwrap_or_else(|e| panic!("{text}: {e}"));
    let template = empty_template(&functions);
    ExprWriter::new(&template).render(&expr)
}

/// Removes white space outside string literals.
fn squeeze(text: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    for c in text.chars() {
        if c == '\'' {
            in_string = !in_string;
        }
        if in_string || !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}

#[test]
fn calls_strings_numbers_members_and_indexes_write_back_the_same() {
    for text in [
        "concat('a', parameters('b'), 'it''s')",
        "resourceId('Microsoft.ApiManagement/service/apis', parameters('svc'), 'echo')",
        "reference(resourceId('Microsoft.ApiManagement/service', 'x'), '2021-08-01', 'Full').identity.principalId",
        "variables('list')[0].name",
        "parameters('o')['key-with-dash']",
        "sub(0, -5)",
        "add(1, 2)",
        "if(equals(parameters('a'), 'x'), true(), false())",
        "null()",
        "createObject('a', 1, 'b', createArray(1, 2))",
        "map(parameters('xs'), lambda('x', 'i', concat(lambdaVariables('x'), string(lambdaVariables('i')))))",
        "contoso.buildUrl('a', 'b')",
        "copyIndex('loop', 1)",
        "listKeys(resourceId('Microsoft.Storage/storageAccounts', 'sa'), '2023-01-01').keys[0].value",
        "environment().suffixes.keyvaultDns",
        "''",
        "format('{0}-{1}', 'a', 'b')",
    ] {
        assert_eq!(squeeze(&round_trip(text)), squeeze(text), "{text}");
    }
}

#[test]
fn white_space_between_tokens_is_ignored() {
    assert_eq!(
        round_trip("  concat ( 'a' ,\n\t'b' ) . length "),
        "concat('a', 'b').length"
    );
}

#[test]
fn names_with_a_literal_argument_become_references() {
    let expr = parse_expression("parameters('loc')", &[]).unwrap();
    assert!(matches!(expr.kind, ExprKind::Param(ref n) if n == "loc"));
    let expr = parse_expression("VARIABLES('v')", &[]).unwrap();
    assert!(matches!(expr.kind, ExprKind::Var(ref n) if n == "v"));
    // A computed name stays a call.
    let expr = parse_expression("parameters(concat('a', 'b'))", &[]).unwrap();
    assert!(matches!(expr.kind, ExprKind::Call(ref c) if c.name == "parameters"));
}

#[test]
fn function_names_are_matched_ignoring_case_and_written_canonically() {
    assert_eq!(round_trip("TOLOWER('A')"), "toLower('A')");
    assert_eq!(round_trip("listsecrets('x', '1')"), "listsecrets('x', '1')");
}

#[test]
fn json_strings_are_literals_escapes_or_expressions() {
    let lit = |text: &str| match parse_string_value(text, &[]).unwrap() {
        StringValue::Literal(s) => s,
        StringValue::Expr(_) => panic!("{text} read as an expression"),
    };
    assert_eq!(lit("plain"), "plain");
    assert_eq!(lit("[[not an expression]"), "[not an expression]");
    assert_eq!(lit("[starts only"), "[starts only");
    assert_eq!(lit("ends only]"), "ends only]");
    assert_eq!(lit(""), "");
    assert!(matches!(
        parse_string_value("[parameters('a')]", &[]).unwrap(),
        StringValue::Expr(_)
    ));
}

#[test]
fn errors_say_what_and_where() {
    let err = |text: &str| parse_string_value(text, &[]).unwrap_err();
    let e = err("[concat('a', ]");
    assert_eq!(e.offset, 13, "{e}");
    assert!(e.message.contains("found the end"), "{e}");
    let e = err("[concat('a', ,)]");
    assert_eq!(e.offset, 13, "{e}");
    assert!(
        e.message
            .contains("expected a function call, a string or a number, found `,`"),
        "{e}"
    );
    let e = err("[concat('a']");
    assert!(e.message.contains("expected `,` or `)`"), "{e}");
    let e = err("[concat('a)]");
    assert!(e.message.contains("not closed"), "{e}");
    assert_eq!(e.offset, 8);
    let e = err("[concatt('a')]");
    assert!(
        e.message
            .contains("`concatt` is not an ARM template function"),
        "{e}"
    );
    assert_eq!(e.offset, 1);
    let e = err("[foo.bar('a')]");
    assert!(e.message.contains("not a user-defined function"), "{e}");
    let e = err("[parameters('a') x]");
    assert!(e.message.contains("after the end"), "{e}");
    let e = err("[add(1.5, 2)]");
    assert!(e.message.contains("decimal"), "{e}");
    let e = err("[resourceGroup]");
    assert!(e.message.contains("`resourceGroup()`"), "{e}");
    let e = err("[lambda(concat('a'))]");
    assert!(e.message.contains("at least one parameter name"), "{e}");
    let e = err("[substring()]");
    assert!(e.message.contains("takes 1 to 3 arguments, not 0"), "{e}");
    let e = err("[add(99999999999999999999, 1)]");
    assert!(e.message.contains("64-bit"), "{e}");
}

#[test]
fn hostile_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}1{}", "add(".repeat(5000), ", 1)".repeat(5000));
    let e = parse_expression(&deep, &[]).unwrap_err();
    assert!(e.message.contains("nest"), "{e}");
    // Member and index chains nest too.
    let chain = format!("variables('v'){}", ".a[0]".repeat(50_000));
    let e = parse_expression(&chain, &[]).unwrap_err();
    assert!(e.message.contains("nest"), "{e}");
    let ok = format!("variables('v'){}", ".a".repeat(100));
    assert!(parse_expression(&ok, &[]).is_ok());
}

/// A property name after `.` may hold letters and digits of any script, as
/// Microsoft's PSRule.Rules.Azure and arm-ttk read one (see
/// `Parser::property_name`); the compiler writes such a name as `['...']`,
/// which ARM certainly reads.
#[test]
fn property_names_beyond_ascii_after_a_dot() {
    let member = |text: &str| match parse_expression(text, &[])
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .kind
    {
        ExprKind::Member(_, name) => name,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(member("parameters('p').größe"), "größe");
    assert_eq!(member("parameters('p').名前"), "名前");
    assert_eq!(member("parameters('p').Ωmega2"), "Ωmega2");
    assert_eq!(member("parameters('p').a.é_1"), "é_1");
    assert_eq!(member("parameters('p') . straße"), "straße");
    assert_eq!(member("parameters('p').$x"), "$x");
    assert_eq!(
        squeeze(&round_trip("concat(parameters('p').größe.x, 'a')")),
        "concat(parameters('p')['größe'].x,'a')"
    );
    // A digit first, or a character that is neither letter nor digit,
    // still ends (or is no) name.
    for text in [
        "parameters('p').1a",
        "parameters('p').-a",
        "parameters('p').·",
    ] {
        let e = parse_expression(text, &[]).unwrap_err();
        assert!(
            e.message.contains("expected a property name after `.`"),
            "{text}: {e}"
        );
    }
    let e = parse_expression("parameters('p').a-b", &[]).unwrap_err();
    assert!(e.message.contains("after the end"), "{e}");
    // Function names stay ASCII identifiers.
    assert!(parse_expression("größe()", &[]).is_err());
}
