apim_dsl::template! {
    pub const T;
    #[namespace("ns")]
    func prefix(n: string): string = n;
    #[namespace("other")]
    func prefix(): string = "o";
    output a: string = prefix("x");
    output b: string = third.prefix();
}

fn main() {}
