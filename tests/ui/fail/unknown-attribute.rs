apim_dsl::template! {
    pub const T;
    #[minLenght(1)]
    param name: string;
    output n: string = name;
}

fn main() {}
