apim_dsl::template! {
    pub const T;
    var position = copyIndex();
    output p: int = position;
}

fn main() {}
