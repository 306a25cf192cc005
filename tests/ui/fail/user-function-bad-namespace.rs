apim_dsl::template! {
    pub const T;
    #[namespace("contoso-functions")]
    func buildUrl(host: string): string = concat("https://", host);
    output url: string = buildUrl("api");
}

fn main() {}
