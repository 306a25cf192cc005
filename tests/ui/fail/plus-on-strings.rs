apim_dsl::template! {
    pub const T;
    param name: string;
    output n: string = name + "-api";
}

fn main() {}
