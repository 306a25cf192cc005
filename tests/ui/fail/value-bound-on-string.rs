apim_dsl::template! {
    pub const T;
    #[maxValue(10)]
    param name: string = "api";
    output n: string = name;
}

fn main() {}
