apim_dsl::template! {
    pub const T;
    param count: int;
    output n: string = toUpper(count);
}

fn main() {}
