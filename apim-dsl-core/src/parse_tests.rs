use super::*;
use crate::ast::{BinOp, Expr, Item, Key};
use quote::quote;

fn parse_ok(tokens: proc_macro2::TokenStream) -> Template {
    let parsed = parse_template(tokens);
    let errors: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert!(errors.is_empty(), "unexpected errors: {errors:?}");
    parsed.template.expect("a template")
}

fn errors(tokens: proc_macro2::TokenStream) -> Vec<String> {
    crate::uncoded(&parse_template(tokens).errors)
}

fn expr(tokens: proc_macro2::TokenStream) -> Expr {
    parse_expr.parse2(tokens).expect("an expression")
}

#[test]
fn header_with_attributes_and_docs() {
    let t = parse_ok(quote! {
        /// The description,
        /// wrapped.
        ///
        /// Second paragraph.
        #[schema("s")]
        #[contentVersion("0.9.0.0")]
        pub(crate) const NAME;
    });
    assert_eq!(t.header.name, "NAME");
    assert_eq!(t.header.vis.to_string(), "pub (crate)");
    assert_eq!(
        t.header.attrs.doc().as_deref(),
        Some("The description, wrapped.\nSecond paragraph.")
    );
    let names: Vec<String> = t
        .header
        .attrs
        .list
        .iter()
        .map(|a| a.name.to_string())
        .collect();
    assert_eq!(names, ["schema", "contentVersion"]);
    assert!(t.items.is_empty());
}

#[test]
fn every_declaration_kind() {
    let t = parse_ok(quote! {
        const T;
        #[minLength(1)]
        param p: string = "x";
        param q: int;
        var v = concat(p, "y");
        resource r "Microsoft.Web/sites@2022-03-01" { name: v, properties: {} }
        resource e "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv" };
        resource l "A.B/c@1" for (x, i) in range(0, 3) if q > 1 { name: x }
        module m = crate::inner::INNER if true { params: { a: 1 } }
        output o: string = v;
        grant g { principal: r, scope: e }
    });
    let kinds: Vec<&str> = t
        .items
        .iter()
        .map(|item| match item {
            Item::Param(_) => "param",
            Item::Var(_) => "var",
            Item::Resource(_) => "resource",
            Item::Module(_) => "module",
            Item::Output(_) => "output",
            Item::Grant(_) => "grant",
            Item::Func(_) => "func",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "param", "param", "var", "resource", "resource", "resource", "module", "output",
            "grant"
        ]
    );
    let Item::Resource(looped) = &t.items[5] else {
        panic!("resource")
    };
    let head = looped.for_loop.as_ref().expect("loop");
    assert_eq!(head.item, "x");
    assert_eq!(
        head.index.as_ref().map(ToString::to_string).as_deref(),
        Some("i")
    );
    assert!(looped.condition.is_some());
    let Item::Resource(existing) = &t.items[4] else {
        panic!("resource")
    };
    assert!(existing.existing.is_some());
    let Item::Module(module) = &t.items[6] else {
        panic!("module")
    };
    assert_eq!(
        module.template.tokens.to_string(),
        "crate :: inner :: INNER"
    );
    assert_eq!(module.template.last, "INNER");
}

#[test]
fn visibilities_and_module_paths_are_rust_s() {
    let parse = |text: &str| parse_ok(text.parse().expect("tokens"));
    let parse_err = |text: &str| errors(text.parse().expect("tokens")).join("\n");
    for (vis, expected) in [
        ("", ""),
        ("pub", "pub"),
        ("pub(crate)", "pub (crate)"),
        ("pub(self)", "pub (self)"),
        ("pub(super)", "pub (super)"),
        ("pub(in crate::infra)", "pub (in crate :: infra)"),
    ] {
        let t = parse(&format!("{vis} const T;"));
        assert_eq!(t.header.vis.to_string(), expected);
    }
    for vis in ["pub(x)", "pub()", "pub(in)", "pub(crate, self)"] {
        let message = parse_err(&format!("{vis} const T;"));
        assert!(
            message.contains("`in path` in `pub(...)`"),
            "{vis}: {message}"
        );
    }
    for (path, last) in [
        ("INNER", "INNER"),
        ("::infra::INNER", "INNER"),
        ("self::INNER", "INNER"),
        ("super::super::INNER", "INNER"),
        ("r#type::INNER", "INNER"),
        ("self::super::INNER", "INNER"),
        ("Self::INNER", "INNER"),
    ] {
        let t = parse(&format!("const T;\nmodule m = {path} {{}}"));
        let Item::Module(module) = &t.items[0] else {
            panic!("module")
        };
        assert_eq!(module.template.last, last, "{path}");
        assert_eq!(
            module.template.tokens.to_string().replace(' ', ""),
            path,
            "{path}"
        );
    }
    for path in ["fn::X", "crate::", "crate::<T>", "1"] {
        let message = parse_err(&format!("const T;\nmodule m = {path} {{}}"));
        assert!(message.contains("expected identifier"), "{path}: {message}");
    }
    for (path, expected) in [
        ("self", "`self` is not a constant"),
        ("crate", "`crate` is not a constant"),
        ("super::super", "`super` is not a constant"),
        ("infra::self::X", "`self` can only start a path"),
        ("infra::super::X", "`super` can only start a path"),
        ("self::crate::X", "`crate` can only start a path"),
        ("::crate::X", "`crate` can only start a path"),
        ("super::Self::X", "`Self` can only start a path"),
    ] {
        let message = parse_err(&format!("const T;\nmodule m = {path} {{}}"));
        assert!(message.contains(expected), "{path}: {message}");
        assert_eq!(message.lines().count(), 1, "{path}: {message}");
    }
}

#[test]
fn operator_precedence() {
    // a || b && c == d + e * f  parses as  a || (b && (c == (d + (e * f))))
    let Expr::Binary(BinOp::Or, _, rhs, _) = expr(quote!(a || b && c == d + e * f)) else {
        panic!("or at the top")
    };
    let Expr::Binary(BinOp::And, _, rhs, _) = *rhs else {
        panic!("and")
    };
    let Expr::Binary(BinOp::Eq, _, rhs, _) = *rhs else {
        panic!("eq")
    };
    let Expr::Binary(BinOp::Add, _, rhs, _) = *rhs else {
        panic!("add")
    };
    assert!(matches!(*rhs, Expr::Binary(BinOp::Mul, ..)));
    assert!(matches!(expr(quote!(a ?? b ? c : d)), Expr::Ternary(..)));
    assert!(matches!(
        expr(quote!(a ?? b)),
        Expr::Binary(BinOp::Coalesce, ..)
    ));
    assert!(matches!(expr(quote!(a <= b)), Expr::Binary(BinOp::Le, ..)));
    assert!(matches!(
        expr(quote!(a - 1 - 2)),
        Expr::Binary(BinOp::Sub, ..)
    ));
}

#[test]
fn literals_calls_members_and_indexes() {
    assert!(matches!(expr(quote!(-5)), Expr::Int(-5, _)));
    assert!(matches!(
        expr(quote!(-9223372036854775808)),
        Expr::Int(i64::MIN, _)
    ));
    assert!(matches!(expr(quote!(null)), Expr::Null(_)));
    assert!(matches!(expr(quote!(true)), Expr::Bool(true, _)));
    let Expr::Member(base, name) = expr(quote!(reference(x, "v").identity.principalId)) else {
        panic!("member")
    };
    assert_eq!(name, "principalId");
    assert!(matches!(*base, Expr::Member(..)));
    assert!(matches!(expr(quote!(a[0]["k"])), Expr::Index(..)));
    let Expr::Member(_, keyword) = expr(quote!(x.type)) else {
        panic!("member")
    };
    assert_eq!(keyword, "type");
}

#[test]
fn objects_arrays_lambdas_and_loops() {
    let Expr::Object(object) = expr(quote!({ type: "a", "$schema": 1, [k]: 2, })) else {
        panic!("object")
    };
    let keys: Vec<Option<String>> = object.props.iter().map(|p| p.key.name()).collect();
    assert_eq!(keys, [Some("type".into()), Some("$schema".into()), None]);
    assert!(matches!(object.props[2].key, Key::Computed(..)));
    assert!(matches!(expr(quote!([1, "a", [],])), Expr::Array(items, _) if items.len() == 3));
    assert!(matches!(expr(quote!(x => x.name)), Expr::Lambda(params, ..) if params.len() == 1));
    assert!(matches!(expr(quote!((a, b) => a)), Expr::Lambda(params, ..) if params.len() == 2));
    assert!(matches!(expr(quote!((a)).clone()), Expr::Ident(_)));
    assert!(matches!(expr(quote!([for x in xs: x.id])), Expr::For(..)));
}

#[test]
fn syntax_errors_are_reported_for_every_declaration() {
    let found = errors(quote! {
        const T;
        param a string;
        var b = ;
        resource c "T@v" { name: "x" }
        output d: string = 1 +;
    });
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[0].starts_with("expected `:` between the name and the type"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("expected an expression: a string"),
        "{found:?}"
    );
}

#[test]
fn errors_name_what_was_expected() {
    let found = errors(quote! { const T; resorce r "T@v" {} });
    assert_eq!(
        found,
        ["expected one of: `param`, `var`, `resource`, `module`, `output`, `grant`, `func`"]
    );
    let found = errors(quote! { param p: string; });
    assert!(
        found[0].starts_with("expected `const NAME;` first"),
        "{found:?}"
    );
    let found = errors(quote! { const T; param p: int = 1.5; });
    assert!(
        found[0].starts_with("ARM templates have no floating-point numbers"),
        "{found:?}"
    );
    // Inside `#[metadata]` (literal values only) the advice is a string, not
    // `json()`; after it, the advice is the usual one again.
    let found = errors(quote! {
        const T;
        #[metadata({ n: 1.5 })]
        resource r "A.B/c@1" { name: "r" }
    });
    assert_eq!(
        found,
        [
            "ARM templates have no floating-point numbers: in `#[metadata]`, write it as a string, `\"1.5\"`"
        ]
    );
    let found = errors(quote! { const T; #[metadata({ list: [2.25e1] })] param p: int; });
    assert!(
        found[0].ends_with("write it as a string, `\"2.25e1\"`"),
        "{found:?}"
    );
    // A negative one keeps its sign in the advice (it was `"1.5"` for `-1.5`).
    let found = errors(quote! { const T; #[metadata({ n: -1.5, m: [- 2.5] })] param p: int; });
    assert_eq!(
        found,
        [
            "ARM templates have no floating-point numbers: in `#[metadata]`, write it as a string, `\"-1.5\"`"
        ]
    );
    let found = errors(quote! { const T; #[metadata({ n: 1 })] param p: int = -1.5; });
    assert!(found[0].ends_with("or `json(\"1.5\")`"), "{found:?}");
    let found = errors(quote! { const T; #[metadata({ n: 1 })] param p: int = 1.5; });
    assert!(found[0].ends_with("or `json(\"1.5\")`"), "{found:?}");
    let found = errors(quote! { const T; param p: int = 1u8; });
    assert!(found[0].starts_with("unexpected suffix `u8`"), "{found:?}");
    let found = errors(quote! { const T; param p: int = 99999999999999999999; });
    assert_eq!(found, ["integer literal out of range for a 64-bit ARM int"]);
    let found = errors(quote! { const T; resource r Microsoft { } });
    assert!(
        found[0].starts_with("expected the resource type and API version as a string"),
        "{found:?}"
    );
}

#[test]
fn recovery_keeps_the_declarations_that_parse() {
    let parsed = parse_template(quote! {
        const T;
        param broken: ;
        param fine: string;
        var alsoBroken = [1, 2 3];
        resource ok "A.B/c@1" { name: "x" }
    });
    assert_eq!(parsed.errors.len(), 2);
    let template = parsed.template.expect("header parsed");
    assert_eq!(template.items.len(), 2);
}

#[test]
fn deep_nesting_and_long_chains_are_errors_not_crashes() {
    let deep: proc_macro2::TokenStream = format!(
        "const T; output o: array = {}1{};",
        "[".repeat(500),
        "]".repeat(500)
    )
    .parse()
    .unwrap();
    let found = errors(deep);
    assert_eq!(
        found,
        ["expression nested too deeply (more than 100 levels): split it into variables"]
    );
    let chain: proc_macro2::TokenStream =
        format!("const T; output o: int = 1{};", " + 1".repeat(5000))
            .parse()
            .unwrap();
    assert_eq!(errors(chain).len(), 1);
    let members: proc_macro2::TokenStream = format!(
        "const T; param p: object; output o: int = p{};",
        ".x".repeat(5000)
    )
    .parse()
    .unwrap();
    assert_eq!(errors(members).len(), 1);
    let nots: proc_macro2::TokenStream =
        format!("const T; output o: bool = {}true;", "!".repeat(5000))
            .parse()
            .unwrap();
    assert_eq!(errors(nots).len(), 1);
    let fine: proc_macro2::TokenStream =
        format!("const T; output o: int = 1{};", " + 1".repeat(60))
            .parse()
            .unwrap();
    assert!(errors(fine).is_empty());
}

#[test]
fn functions_and_namespaced_calls() {
    let t = parse_ok(quote! {
        const T;
        /// Joins.
        #[namespace("contoso")]
        func join2(a: string, b: int): string = concat(a, string(b));
        func none(): bool = true;
        output o: string = contoso.join2("x", 1);
    });
    let Some(Item::Func(f)) = t.items.first() else {
        panic!("a function first: {:?}", t.items.first())
    };
    assert_eq!(f.name, "join2");
    assert_eq!(f.attrs.doc().as_deref(), Some("Joins."));
    let params: Vec<(String, String)> = f
        .params
        .iter()
        .map(|p| (p.name.to_string(), p.ty.to_string()))
        .collect();
    assert_eq!(
        params,
        [("a".into(), "string".into()), ("b".into(), "int".into())]
    );
    assert_eq!(f.output, "string");
    assert!(matches!(t.items.get(1), Some(Item::Func(g)) if g.params.is_empty()));
    match expr(quote! { contoso.join2("x", 1).length }) {
        Expr::Member(base, name) => {
            assert_eq!(name, "length");
            assert!(
                matches!(&*base, Expr::NsCall(names, args) if names.0 == "contoso" && names.1 == "join2" && args.len() == 2)
            );
        }
        other => panic!("{other:?}"),
    }
    // The result type is required; parsing goes on at the next declaration.
    assert_eq!(
        errors(quote! {
            const T;
            func f(a: string) = a;
            func g(a: string): string = a;
        }),
        ["expected `:` and the result type after the parameters, e.g. `): string = ...`"]
    );
}

#[test]
fn functions_named_like_rust_keywords_are_called_by_name() {
    // ARM's `mod` and `if`, as an imported template writes them.
    for tokens in [quote!(mod(a, 2)), quote!(if(c, 1, 2))] {
        assert!(matches!(expr(tokens), Expr::Call(..)));
    }
}

#[test]
fn string_values_are_syn_s() {
    let sources = [
        r#""plain""#,
        r#""""#,
        r#""with \"quotes\"""#,
        r#""tab\there""#,
        r#""new\nline""#,
        r#""back\\slash""#,
        r#""unicode \u{e9} é ☃""#,
        r#""continued \
            line""#,
        r##"r"raw \n kept""##,
        r##"r#"raw "with" quotes"#"##,
        r#""[concat('a', 'b')]""#,
        "\"line\nbreak\"",
        r#""with"suffix"#,
    ];
    for source in sources {
        let lit: syn::LitStr = syn::parse_str(source).expect(source);
        assert_eq!(super::lit_value(&lit), lit.value(), "{source}");
    }
    // A literal made by syn (escaped as it likes) reads back the same.
    for text in ["a\"b", "c\\d", "e\rf", "g\u{0}h", "plain"] {
        let lit = syn::LitStr::new(text, proc_macro2::Span::call_site());
        assert_eq!(super::lit_value(&lit), text);
    }
}

/// `#[name("...")]` on a variable is an ordinary attribute: one string
/// literal argument, kept for the resolver.
#[test]
fn a_variables_name_attribute_parses() {
    let t = parse_ok(quote! {
        const T;
        #[name("subnet-id")]
        var subnet_id = "x";
    });
    let Some(Item::Var(var)) = t.items.first() else {
        panic!("a variable")
    };
    assert_eq!(var.name.to_string(), "subnet_id");
    let [attr] = var.attrs.list.as_slice() else {
        panic!("one attribute")
    };
    assert_eq!(attr.name.to_string(), "name");
    assert!(matches!(attr.args.as_deref(), Some([Expr::Str(lit)]) if lit.value() == "subnet-id"));
}
