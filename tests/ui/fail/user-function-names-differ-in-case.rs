apim_dsl::template! {
    pub const T;
    func buildUrl(host: string): string = concat("https://", host);
    func BuildUrl(host: string, Host: string): string = concat("http://", host);
    output url: string = concat(buildUrl("a"), BuildUrl("b", "c"));
}

fn main() {}
