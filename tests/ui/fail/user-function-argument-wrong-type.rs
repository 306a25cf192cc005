apim_dsl::template! {
    pub const T;
    param port: int = 443;
    func buildUrl(host: string, path: string): string = format("https://{0}/{1}", host, path);
    output url: string = buildUrl(port, "api");
}

fn main() {}
