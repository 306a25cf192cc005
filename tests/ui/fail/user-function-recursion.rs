apim_dsl::template! {
    pub const T;
    func countdown(n: int): int = n == 0 ? 0 : countdown(n - 1);
    output c: int = countdown(3);
}

fn main() {}
