apim_dsl::template! {
    pub const T;
    var first = concat(second, "-1");
    var second = concat(first, "-2");
    output n: string = first;
}

fn main() {}
