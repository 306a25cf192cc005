apim_dsl::template! {
    pub const T;
    #[minLength(1)]
    param skuCount: int = 1;
    output count: int = skuCount;
}

fn main() {}
