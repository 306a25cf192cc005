// Bicep habits, each with a hint that says the DSL's way; every one is reported
// in the same build.
apim_dsl::template! {
    pub const T;
    @description("The Azure region")
    param location: string = resourceGroup().location;
    param sku string = "Developer";
    param tier: string = 'D';
    param tiers: string = 'Developer';
    var tags = { cost.center: "apim" };
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" = {
        name: "id",
        location: "westeurope",
    }
    output id: string = uai.id
    output name string = uai.name;
}

fn main() {}
