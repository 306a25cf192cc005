apim_dsl::template! {
    pub const T;
    func isEven(n: int): bool = n == 0 ? true : isOdd(n - 1);
    func isOdd(n: int): bool = n == 0 ? false : isEven(n - 1);
    output even: bool = isEven(4);
}

fn main() {}
