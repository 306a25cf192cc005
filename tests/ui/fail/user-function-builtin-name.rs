apim_dsl::template! {
    pub const T;
    func format(text: string): string = toUpper(text);
    output f: string = format("x");
}

fn main() {}
