apim_dsl::template! {
    pub const T;
    param names: array;
    output upper: array = union([for n in names: toUpper(n)], ["X"]);
}

fn main() {}
