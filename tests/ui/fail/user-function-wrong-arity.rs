apim_dsl::template! {
    pub const T;
    func buildUrl(host: string, path: string): string = format("https://{0}/{1}", host, path);
    output url: string = buildUrl("contoso.com");
}

fn main() {}
