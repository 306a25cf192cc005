// `reference(id, version)` returns the properties only; `.identity` needs `"Full"`.
apim_dsl::template! {
    pub const T;
    param serviceName: string;
    var serviceId = resourceId("Microsoft.ApiManagement/service", serviceName);
    output principal: string = reference(serviceId, "2024-05-01").identity.principalId;
    output tenant: string = reference(serviceId).identity.tenantId;
    output sku: object = reference(serviceId, "2024-05-01", "Properties").sku;
}

fn main() {}
