apim_dsl::template! {
    pub const T;
    param name: string;
    param zones: array;
    output n: string = concat(name, zones);
}

fn main() {}
