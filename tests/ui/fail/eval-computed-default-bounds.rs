// A computed default is checked against the parameter's bounds.
apim_dsl::template! {
    pub const T;
    #[maxLength(8)]
    param name: string = concat("apim-", "contoso");
    output n: string = name;
}

fn main() {}
