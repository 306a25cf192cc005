apim_dsl::template! {
    pub const T;
    param domain: string;
    var scheme = "https";
    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "contoso-apim" }
    func buildUrl(host: string): string = format("{0}://{1}.{2}/{3}", scheme, host, domain, apim.name);
    output url: string = buildUrl("api");
}

fn main() {}
