apim_dsl::template! {
    pub const T;
    #[namespace("contoso")]
    func buildUrl(host: string): string = concat("https://", host);
    output a: string = fabrikam.buildUrl("api");
    output b: string = contoso.buildUrll("api");
}

fn main() {}
