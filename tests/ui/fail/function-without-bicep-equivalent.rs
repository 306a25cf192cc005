apim_dsl::template! {
    pub const T;
    param ratio: string = "1.5";
    output scaled: int = float(ratio);
}

fn main() {}
