apim_dsl::template! {
    pub const T;
    param name string;
}

fn main() {}
