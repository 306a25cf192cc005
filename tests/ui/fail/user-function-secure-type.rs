apim_dsl::template! {
    pub const T;
    func mask(secret: secureString): string = "***";
    output m: string = mask("x");
}

fn main() {}
