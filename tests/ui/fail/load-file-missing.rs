// A file that `loadTextContent` (or `loadFileAsBase64`, `loadJsonContent`)
// cannot read is an error at the path, as are a path that is not a literal and
// an encoding Bicep does not know; every one is reported in one build.
apim_dsl::template! {
    pub const POLICY;
    param serviceName: string;
    var fileName = "policy.xml";
    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: serviceName }
    resource policy "Microsoft.ApiManagement/service/policies@2024-05-01" {
        parent: apim,
        name: "policy",
        properties: {
            format: "rawxml",
            value: loadTextContent("policies/missing.xml"),
        },
    }
    output a: string = loadTextContent(fileName);
    output b: string = loadTextContent("Cargo.toml", "utf-32");
    output c: object = loadJsonContent("Cargo.toml");
}

fn main() {
    let _ = POLICY.arm_json();
}
