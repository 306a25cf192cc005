//! The app's API gateway.

apim_dsl::template! {
    /// The API gateway of the app: API Management with a system-assigned identity.
    pub const APP_GATEWAY;

    /// The name of the API Management service
    #[minLength(1)]
    #[maxLength(50)]
    param serviceName: string;

    /// Where to deploy
    param location: string = resourceGroup().location;

    resource apim "Microsoft.ApiManagement/service@2024-05-01" {
        name: serviceName,
        location: location,
        sku: { name: "Developer", capacity: 1 },
        identity: { type: "SystemAssigned" },
        properties: {
            publisherEmail: "platform@contoso.com",
            publisherName: "Contoso platform team",
        },
    }

    output gatewayUrl: string = apim.properties.gatewayUrl;
    output principalId: string = apim.identity.principalId;
}
