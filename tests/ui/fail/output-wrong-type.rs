apim_dsl::template! {
    pub const T;
    param count: int;
    output n: string = count;
}

fn main() {}
