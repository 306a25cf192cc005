// Each copy of a loop needs its own resource id: the loop variable in its
// name or in its scope (Bicep's BCP179). One name in a resource group per
// copy is fine.
apim_dsl::template! {
    pub const INNER;
    param host: string;
    output url: string = concat("https://", host);
}

apim_dsl::template! {
    pub const T;
    param names: array;
    param groups: array;
    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for n in names {
        name: "apim-id",
        location: "westeurope",
    }
    // One name, the same group for every copy: an error.
    module same = INNER for g in groups {
        name: "regional",
        scope: resourceGroup("rg-shared"),
        params: { host: g },
    }
    // One name, a group per copy: fine.
    module perGroup = INNER for g in groups {
        name: "regional",
        scope: resourceGroup(g),
        params: { host: "contoso.com" },
    }
    // One name, a subscription per copy: fine.
    module perSubscription = INNER for (s, i) in groups {
        name: "regional",
        scope: resourceGroup(s, "rg-app"),
        params: { host: string(i) },
    }
}

fn main() {}
