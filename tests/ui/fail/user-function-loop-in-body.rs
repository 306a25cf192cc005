apim_dsl::template! {
    pub const T;
    func upper(names: array): array = [for n in names: toUpper(n)];
    output u: array = upper(["a"]);
}

fn main() {}
