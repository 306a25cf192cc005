apim_dsl::template! {
    pub const T;
    func twice(n: integer): int = n * 2;
    output o: int = twice(1);
}

fn main() {}
