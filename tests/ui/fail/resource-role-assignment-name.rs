// ARM takes only a GUID as a role assignment's name.
apim_dsl::template! {
    pub const T;
    param principalId: string;
    resource grant "Microsoft.Authorization/roleAssignments@2022-04-01" {
        name: "apim-can-read-secrets",
        properties: {
            roleDefinitionId: subscriptionResourceId(
                "Microsoft.Authorization/roleDefinitions",
                "4633458b-17de-408a-b874-0445c86b69e6",
            ),
            principalId: principalId,
            principalType: "ServicePrincipal",
        },
    }
}

fn main() {}
