// ARM reads namespace names ignoring case: `ns` and `NS` are one namespace,
// so a second `prefix` in it is a duplicate.
apim_dsl::template! {
    pub const T;
    #[namespace("ns")]
    func prefix(n: string): string = concat("pre-", n);
    #[namespace("NS")]
    func prefix(): string = "again";
    output a: string = ns.prefix("x");
}

fn main() {}
