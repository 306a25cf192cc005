apim_dsl::template! {
    pub const T;
    param skuCount: int = 1;
    output capacity: int = skuCont;
}

fn main() {}
