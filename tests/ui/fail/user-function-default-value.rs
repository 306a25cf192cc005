apim_dsl::template! {
    pub const T;
    func buildUrl(host: string = "contoso.com"): string = concat("https://", host);
    output url: string = buildUrl("api");
}

fn main() {}
