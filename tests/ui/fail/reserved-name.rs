apim_dsl::template! {
    pub const T;
    param az: string;
    output region: string = az;
}

fn main() {}
