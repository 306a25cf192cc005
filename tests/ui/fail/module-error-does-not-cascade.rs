// One error inside a module's template is that error only: the modules that use
// the template (its parameters, its outputs, loops of it) add none.
apim_dsl::template! {
    pub const INNER;
    param hostName: string;
    param port: int = 443;
    output url: string = concatt("https://", hostName, ":", string(port));
}

apim_dsl::template! {
    pub const OUTER;
    param names: array;
    module domain = INNER {
        params: { hostName: "api.contoso.com", port: 8443, extra: true },
    }
    module each = INNER for name in names {
        name: name,
        params: { hostName: name },
    }
    output url: string = domain.outputs.url;
    output first: string = each[0].outputs.url;
    output missing: string = domain.outputs.nothing;
}

fn main() {}
