// The legacy extension form is checked as its extension type, at the
// offending token: a misspelt property of the role assignment, a name that is
// not a GUID, a misspelt extension type; a misspelt sub-resource in an id; a
// nested deployment's `resourceGroup` must be a string.
apim_dsl::template! {
    pub const T;
    param principalId: string;
    param gateway: string;

    resource grant "Microsoft.Storage/storageAccounts/providers/roleAssignments@2020-04-01-preview" {
        name: "streprox1/Microsoft.Authorization/reader",
        properties: {
            roleDefinitionID: "x",
            principalId: principalId,
        },
    }

    resource typo "Microsoft.Storage/storageAccounts/providers/roleAssigments@2020-04-01-preview" {
        name: concat("streprox1", "/Microsoft.Authorization/", guid(principalId)),
        properties: { roleDefinitionId: "x", principalId: principalId },
    }

    resource cross "Microsoft.Resources/deployments@2022-09-01" {
        name: "crossRg",
        resourceGroup: 42,
        properties: {
            mode: "Incremental",
            template: { resources: [] },
        },
    }

    output frontend: string = resourceId("Microsoft.Network/applicationGateways/frontendIPConfiguration", gateway, "fe");
}

fn main() {}
