apim_dsl::template! {
    pub const T;
    func buildUrl(host: string): string = concat("https://", host);
    output url: string = buildUrl;
}

fn main() {}
