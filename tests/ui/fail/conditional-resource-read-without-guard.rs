// A resource or module deployed under a condition is absent when it is false:
// reading its deployed state elsewhere needs the same condition or a guard.
apim_dsl::template! {
    pub const INNER;
    output url: string = "https://contoso.com";
}

apim_dsl::template! {
    pub const T;
    param useIdentity: bool;
    param other: bool;
    resource uai "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" if useIdentity {
        name: "apim-id",
        location: "westeurope",
    }
    resource vault "Microsoft.KeyVault/vaults@2023-07-01" existing { name: "kv-contoso" }
    // An unconditional grant of the conditional identity.
    grant uaiReads { principal: uai, scope: vault }
    // Another condition.
    resource policy "Microsoft.KeyVault/vaults/accessPolicies@2023-07-01" if other {
        parent: vault,
        name: "add",
        properties: { accessPolicies: [{ tenantId: uai.properties.tenantId, objectId: "00000000-0000-0000-0000-000000000000", permissions: { secrets: ["get"] } }] },
    }
    module site = INNER if other { name: "site" }
    // Outputs, in the wrong branch and unguarded.
    output principal: string = uai.properties.principalId;
    output wrongBranch: string = useIdentity ? "none" : uai.properties.clientId;
    output siteUrl: string = site.outputs.url;
}

fn main() {}
