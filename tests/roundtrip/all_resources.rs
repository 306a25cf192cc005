//! Port of
//! <https://github.com/Azure/azure-quickstart-templates/blob/4f7ad309f10f0621103899608fa8fb8621729659/quickstarts/microsoft.apimanagement/api-management-create-all-resources/azuredeploy.json>
//! (commit 4f7ad309f10f0621103899608fa8fb8621729659), reproduced in
//! `api-management-create-all-resources.json`: API Management with every kind of
//! child (policies, APIs and their operations, products, users, named values,
//! subscriptions, certificates, groups, OpenID Connect providers, loggers),
//! nested in the service's `resources` with short types, each waiting for its
//! parents through `concat('Microsoft.ApiManagement/service/', name, ...)`.

apim_dsl::template! {
    pub const CREATE_ALL_RESOURCES;

    /// The email address of the owner of the service
    #[minLength(1)]
    param publisherEmail: string;

    /// The name of the owner of the service
    #[minLength(1)]
    param publisherName: string;

    /// The pricing tier of this API Management service
    #[allowed("Developer", "Standard", "Premium")]
    param sku: string = "Standard";

    /// The instance size of this API Management service.
    param skuCount: int = 1;

    /// Base-64 encoded Mutual authentication PFX certificate.
    param mutualAuthenticationCertificate: secureString;

    /// Mutual authentication certificate password.
    param certificatePassword: secureString;

    /// EventHub connection string for logger.
    param eventHubNamespaceConnectionString: secureString;

    /// OpenId connect client secret.
    param openIdConnectClientSecret: secureString;

    /// Tenant policy XML.
    param tenantPolicy: string;

    /// API policy XML.
    param apiPolicy: string;

    /// Operation policy XML.
    param operationPolicy: string;

    /// Product policy XML.
    param productPolicy: string;

    /// Location for all resources.
    param location: string = resourceGroup().location;

    var apiManagementServiceName = concat("apiservice", uniqueString(resourceGroup().id));

    resource service "Microsoft.ApiManagement/service@2021-08-01" {
        name: apiManagementServiceName,
        location: location,
        tags: {},
        sku: {
            name: sku,
            capacity: skuCount,
        },
        properties: {
            publisherEmail: publisherEmail,
            publisherName: publisherName,
        },
        resources: [
            resource policies "policies@2021-08-01" {
                name: "policy",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    value: tenantPolicy,
                },
            },
            resource apis "apis@2021-08-01" {
                name: "PetStoreSwaggerImportExample",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    format: "swagger-link-json",
                    value: "http://petstore.swagger.io/v2/swagger.json",
                    path: "examplepetstore",
                },
            },
            resource apis2 "apis@2021-08-01" {
                name: "exampleApi",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    displayName: "Example API Name",
                    description: "Description for example API",
                    serviceUrl: "https://example.net",
                    path: "exampleapipath",
                    protocols: ["https"],
                },
                resources: [
                    resource operations "operations@2021-08-01" {
                        name: "exampleOperationsDELETE",
                        dependsOn: [
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/apis/exampleApi"),
                        ],
                        properties: {
                            displayName: "DELETE resource",
                            method: "DELETE",
                            urlTemplate: "/resource",
                            description: "A demonstration of a DELETE call",
                        },
                    },
                    resource operations2 "operations@2021-08-01" {
                        name: "exampleOperationsGET",
                        dependsOn: [
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/apis/exampleApi"),
                        ],
                        properties: {
                            displayName: "GET resource",
                            method: "GET",
                            urlTemplate: "/resource",
                            description: "A demonstration of a GET call",
                        },
                        resources: [
                            resource policies2 "policies@2021-08-01" {
                                name: "policy",
                                dependsOn: [
                                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/apis/exampleApi"),
                                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/apis/exampleApi/operations/exampleOperationsGET"),
                                ],
                                properties: {
                                    value: operationPolicy,
                                },
                            },
                        ],
                    },
                ],
            },
            resource apis3 "apis@2021-08-01" {
                name: "exampleApiWithPolicy",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    displayName: "Example API Name with Policy",
                    description: "Description for example API with policy",
                    serviceUrl: "https://exampleapiwithpolicy.net",
                    path: "exampleapiwithpolicypath",
                    protocols: ["https"],
                },
                resources: [
                    // The quickstart writes the policy as `policyContent`, the property's name
                    // before 2018-06-01-preview that API Management still reads, and no
                    // `value`; the type data of 2021-08-01 knows only `value`.
                    #[accept("properties.policyContent", "properties.value")]
                    resource policies3 "policies@2021-08-01" {
                        name: "policy",
                        dependsOn: [
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/apis/exampleApiWithPolicy"),
                        ],
                        properties: {
                            policyContent: apiPolicy,
                        },
                    },
                ],
            },
            resource products "products@2021-08-01" {
                name: "exampleProduct",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    displayName: "Example Product Name",
                    description: "Description for example product",
                    terms: "Terms for example product",
                    subscriptionRequired: true,
                    approvalRequired: false,
                    subscriptionsLimit: 1,
                    state: "published",
                },
                resources: [
                    resource apis4 "apis@2021-08-01" {
                        name: "exampleApi",
                        dependsOn: [
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/apis/exampleApi"),
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/products/exampleProduct"),
                        ],
                    },
                    // The quickstart writes the policy as `policyContent`, the property's name
                    // before 2018-06-01-preview that API Management still reads, and no
                    // `value`; the type data of 2021-08-01 knows only `value`.
                    #[accept("properties.policyContent", "properties.value")]
                    resource policies4 "policies@2021-08-01" {
                        name: "policy",
                        dependsOn: [
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/products/exampleProduct"),
                        ],
                        properties: {
                            policyContent: productPolicy,
                        },
                    },
                ],
            },
            resource users "users@2021-08-01" {
                name: "exampleUser1",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    firstName: "ExampleFirstName1",
                    lastName: "ExampleLastName1",
                    email: "ExampleFirst1@example.com",
                    state: "active",
                    note: "note for example user 1",
                },
            },
            resource users2 "users@2021-08-01" {
                name: "exampleUser2",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    firstName: "ExampleFirstName2",
                    lastName: "ExampleLastName2",
                    email: "ExampleFirst2@example.com",
                    state: "active",
                    note: "note for example user 2",
                },
            },
            resource users3 "users@2021-08-01" {
                name: "exampleUser3",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    firstName: "ExampleFirstName3",
                    lastName: "ExampleLastName3",
                    email: "ExampleFirst3@example.com",
                    state: "active",
                    note: "note for example user 3",
                },
            },
            resource namedValues "namedValues@2021-08-01" {
                name: "exampleproperties",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    displayName: "propertyExampleName",
                    value: "propertyExampleValue",
                    tags: ["exampleTag"],
                },
            },
            resource subscriptions "subscriptions@2021-08-01" {
                name: "examplesubscription1",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/products/exampleProduct"),
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/users/exampleUser1"),
                ],
                properties: {
                    displayName: "examplesubscription1",
                    scope: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ApiManagement/service/exampleServiceName/products/exampleProduct",
                    ownerId: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ApiManagement/service/exampleServiceName/users/exampleUser1",
                },
            },
            resource subscriptions2 "subscriptions@2021-08-01" {
                name: "examplesubscription2",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/products/exampleProduct"),
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/users/exampleUser3"),
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/subscriptions/examplesubscription1"),
                ],
                properties: {
                    displayName: "examplesubscription2",
                    scope: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ApiManagement/service/exampleServiceName/products/exampleProduct",
                    ownerId: "/subscriptions/{subscriptionId}/resourceGroups/{resourceGroupName}/providers/Microsoft.ApiManagement/service/exampleServiceName/users/exampleUser3",
                },
            },
            resource certificates "certificates@2021-08-01" {
                name: "exampleCertificate",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    data: mutualAuthenticationCertificate,
                    password: certificatePassword,
                },
            },
            resource groups "groups@2021-08-01" {
                name: "exampleGroup",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    displayName: "Example Group Name",
                    description: "Example group description",
                },
                resources: [
                    resource users4 "users@2021-08-01" {
                        name: "exampleUser3",
                        dependsOn: [
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                            concat("Microsoft.ApiManagement/service/", apiManagementServiceName, "/groups/exampleGroup"),
                        ],
                    },
                ],
            },
            resource openidConnectProviders "openidConnectProviders@2021-08-01" {
                name: "exampleOpenIdConnectProvider",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    displayName: "exampleOpenIdConnectProviderName",
                    description: "Description for example OpenId Connect provider",
                    metadataEndpoint: "https://example-openIdConnect-url.net",
                    clientId: "exampleClientId",
                    clientSecret: openIdConnectClientSecret,
                },
            },
            resource loggers "loggers@2021-08-01" {
                name: "exampleLogger",
                dependsOn: [
                    concat("Microsoft.ApiManagement/service/", apiManagementServiceName),
                ],
                properties: {
                    loggerType: "azureEventHub",
                    description: "Description for example logger",
                    credentials: {
                        name: "exampleEventHubName",
                        connectionString: eventHubNamespaceConnectionString,
                    },
                },
            },
        ],
    }
}

#[test]
fn all_resources_round_trips() {
    super::assert_round_trip(
        &CREATE_ALL_RESOURCES,
        include_str!("api-management-create-all-resources.json"),
        super::Schema::Deviates(
            "the quickstart writes `policyContent` for API and product policies, which the 2021-08-01 schema replaced by the required `value`",
        ),
    );
}
