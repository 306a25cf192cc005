apim_dsl::template! {
    pub const T;
    #[minLength(10)]
    #[maxLength(5)]
    param name: string;
    output n: string = name;
}

fn main() {}
