apim_dsl::template! {
    #[schema("http://schema.management.azure.com/schemas/2014-04-01-preview/deploymentTemplate.json#")]
    #[contentVersion("0.9.0.0")]
    pub const SEED;

    /// The name of the api management service
    #[minLength(1)]
    param serviceName: string;

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string = "admin@contoso.com";

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string = "Contoso";

    /// The pricing tier of this API Management service
    #[allowed("Developer", "Standard", "Premium")]
    param sku: string = "Developer";

    /// The instance size of this API Management service.
    param skuCount: int = 1;

    #[allow(enum_spelling)]
    resource service "Microsoft.ApiManagement/service@2017-03-01" {
        name: serviceName,
        location: resourceGroup().location,
        tags: {},
        sku: {
            name: sku,
            capacity: skuCount,
        },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
        },
        identity: {
            type: "systemAssigned",
        },
    }
}
