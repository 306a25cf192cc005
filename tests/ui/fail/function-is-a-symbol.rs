apim_dsl::template! {
    pub const T;
    param location: string;
    output where_: string = location("x");
}

fn main() {}
