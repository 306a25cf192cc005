apim_dsl::template! {
    pub const T;
    param serviceId: string;
    var principal = reference(serviceId, "2024-05-01", "full").identity.principalId;
    output p: string = principal;
}

fn main() {}
