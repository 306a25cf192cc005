// Every broken declaration is reported, not only the first.
apim_dsl::template! {
    pub const T;
    param a string;
    var b = ;
    param c: int = 1;
    output d: int = c +;
}

fn main() {}
