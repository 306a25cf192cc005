apim_dsl::template! {
    pub const T;
    param ratio: int = 0.5;
    output r: int = ratio;
}

fn main() {}
