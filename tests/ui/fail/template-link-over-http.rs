apim_dsl::template! {
    pub const T;
    resource nested "Microsoft.Resources/deployments@2021-04-01" {
        name: "linked",
        properties: {
            mode: "Incremental",
            templateLink: { uri: "http://example.com/template.json" },
        },
    }
}

fn main() {}
