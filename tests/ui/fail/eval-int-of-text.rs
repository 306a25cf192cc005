// `int` of text that is not a number, known at compile time.
apim_dsl::template! {
    pub const T;
    var units = int("two");
    output count: int = units;
}

fn main() {}
