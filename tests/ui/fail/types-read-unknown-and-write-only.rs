// Reads are checked against what the type returns: a typo, and a write-only property.
apim_dsl::template! {
    pub const T;
    resource apim "Microsoft.ApiManagement/service@2024-05-01" existing { name: "contoso-apim" }
    resource cert "Microsoft.ApiManagement/service/certificates@2024-05-01" existing { parent: apim, name: "c" }
    output a: string = apim.properties.hostnameConfigurations[0].hostNme;
    output b: string = cert.properties.data;
}

fn main() {}
