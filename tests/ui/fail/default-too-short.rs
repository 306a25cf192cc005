apim_dsl::template! {
    pub const T;
    #[minLength(3)]
    param prefix: string = "ab";
    output p: string = prefix;
}

fn main() {}
