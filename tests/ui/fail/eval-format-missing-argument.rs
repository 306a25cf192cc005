// A `format` whose placeholders need more arguments than it has fails at
// deployment; with constant arguments the build fails instead.
apim_dsl::template! {
    pub const T;
    var prefix = format("{0}-{1}", "apim");
    output name: string = prefix;
}

fn main() {}
