// Indexing a constant array past its end, and a `range` beyond 10,000 items.
apim_dsl::template! {
    pub const T;
    var regions = ["westeurope", "northeurope"];
    output third: string = regions[2];
    output many: int = length(range(1, 10001));
}

fn main() {}
