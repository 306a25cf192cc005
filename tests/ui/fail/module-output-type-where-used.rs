// A module's output has the type its template declares: an `int` where a
// `string` is required fails the deployment.
apim_dsl::template! {
    pub const INNER;
    output port: int = 443;
    output host: string = "api.contoso.com";
}

apim_dsl::template! {
    pub const T;
    module inner = INNER { name: "inner" }
    output port: string = inner.outputs.port;
    output url: string = concat("https://", inner.outputs.host, ":", inner.outputs.port);
    output fine: string = concat("https://", inner.outputs.host, ":", string(inner.outputs.port));
    output number: int = inner.outputs.port;
    // Properties of known resource types have types too.
    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: "apim",
        location: "westeurope",
        sku: { name: "Developer", capacity: inner.outputs.host },
        properties: { publisherEmail: "admin@contoso.com", publisherName: inner.outputs.port },
    }
}

fn main() {}
