// `if(c, a, b)` is checked as `c ? a : b`: the condition is a bool, and it takes
// three arguments.
apim_dsl::template! {
    pub const T;
    param name: string;
    output a: string = if(name, "x", "y");
    output b: string = if(true, "x");
}

fn main() {}
