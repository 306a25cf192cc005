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
}

fn main() {}
