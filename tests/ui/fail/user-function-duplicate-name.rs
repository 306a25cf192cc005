apim_dsl::template! {
    pub const T;
    param host: string;
    func host(): string = "contoso.com";
    func buildUrl(h: string): string = h;
    func buildUrl(h: string, p: string): string = concat(h, p);
    output url: string = buildUrl(host);
}

fn main() {}
