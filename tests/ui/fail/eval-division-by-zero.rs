// Constant arithmetic is evaluated: dividing by zero fails the build.
apim_dsl::template! {
    pub const T;
    var zero = 1 - 1;
    output share: int = 10 / zero;
}

fn main() {}
