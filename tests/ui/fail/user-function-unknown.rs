apim_dsl::template! {
    pub const T;
    func buildUrl(host: string): string = format("https://{0}", host);
    output url: string = buildUri("contoso.com");
}

fn main() {}
