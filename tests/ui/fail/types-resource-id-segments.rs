// `resourceId` takes one name per segment of the type, as ARM requires.
apim_dsl::template! {
    pub const T;
    param serviceName: string;
    output api: string = resourceId("Microsoft.ApiManagement/service/apis", concat(serviceName, "/orders"));
}

fn main() {}
