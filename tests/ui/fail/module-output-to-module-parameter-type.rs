// One module's `int` output passed to another module's `string` parameter.
apim_dsl::template! {
    pub const COUNTS;
    output n: int = 3;
}

apim_dsl::template! {
    pub const NAMES;
    param p: string;
    output q: string = p;
}

apim_dsl::template! {
    pub const T;
    module a = COUNTS {}
    module f = NAMES { params: { p: a.outputs.n } }
}

fn main() {}
