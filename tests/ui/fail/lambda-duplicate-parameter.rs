apim_dsl::template! {
    pub const T;
    var pairs = reduce([1, 2], 0, (acc, acc) => acc);
    output total: int = pairs;
}

fn main() {}
