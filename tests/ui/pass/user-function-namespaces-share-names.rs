// Members of different namespaces may share a name: ARM calls them as
// `namespace.name(...)`; Bicep, which has no namespaces, gets `otherPrefix`.
apim_dsl::template! {
    pub const T;
    #[namespace("ns")]
    func prefix(n: string): string = concat("pre-", n);
    #[namespace("other")]
    func prefix(): string = "o";
    output a: string = ns.prefix("x");
    output c: string = other.prefix();
}

fn main() {
    assert!(T.arm_json().contains("\"[other.prefix()]\""));
    assert!(T.bicep().contains("func otherPrefix() string => 'o'"));
    assert!(T.bicep().contains("output c string = otherPrefix()"));
}
