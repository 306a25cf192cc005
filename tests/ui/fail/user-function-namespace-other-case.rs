// Names are case-sensitive in the DSL: a call spells the namespace as declared.
apim_dsl::template! {
    pub const T;
    #[namespace("ns")]
    func prefix(n: string): string = concat("pre-", n);
    output a: string = NS.prefix("x");
}

fn main() {}
