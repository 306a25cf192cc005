// Every expression form of the DSL in one template.
apim_dsl::template! {
    /// Exercises the expression grammar.
    pub(crate) const EXPRESSIONS;

    #[minLength(3)] #[maxLength(24)]
    param name: string;
    #[minValue(1)] #[maxValue(10)]
    param count: int = 2;
    param enabled: bool = true;
    param tags: object = { env: "dev", "cost-center": "42" };
    param zones: array = ["1", "2"];
    #[secure]
    param password: string;

    var literal = "[not an expression]";
    var quoted = concat("it's ", name);
    var math = (count + 1) * 2 - count % 2;
    var logic = enabled && count > 1 || !enabled;
    var choice = enabled ? name : "none";
    var fallback = tags.owner ?? "nobody";
    var indexed = zones[0];
    var member = tags["cost-center"];
    var lambda = map(zones, z => concat("zone-", z));
    var looped = [for (z, i) in zones: { zone: z, index: i }];
    var keyed = { [name]: count };
    output hasPassword: bool = !empty(password);

    output all: object = {
        literal: literal, quoted: quoted, math: math, logic: logic, choice: choice,
        fallback: fallback, indexed: indexed, member: member, lambda: lambda,
        looped: looped, keyed: keyed, nothing: null, negative: -1,
    };
}

fn main() {
    let json: serde_json::Value = serde_json::from_str(EXPRESSIONS.arm_json()).unwrap();
    assert_eq!(json["variables"]["literal"], "[[not an expression]");
    assert_eq!(json["parameters"]["password"]["type"], "securestring", "as the schema spells it");
}
