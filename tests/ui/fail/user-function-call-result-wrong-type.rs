apim_dsl::template! {
    pub const T;
    func half(n: int): int = n / 2;
    output h: string = half(4);
}

fn main() {}
