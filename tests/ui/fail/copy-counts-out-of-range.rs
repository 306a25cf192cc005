// A loop makes at most 800 copies and never a negative number; the resources of
// a template, copies counted, are at most 800 (here 500 + 500). A module loop
// past the limit is told to loop inside its template, not to use a module loop.
apim_dsl::template! {
    pub const INNER;
    param n: int;
    output twice: int = mul(n, 2);
}

apim_dsl::template! {
    pub const T;
    var many = [for i in range(0, 900): concat("id-", string(i))];
    var none = [for i in range(0, -1): i];
    resource half "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 500) {
        name: concat("half-", string(i)),
        location: "westeurope",
        tags: { list: string(none), many: string(many) },
    }
    resource otherHalf "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 500) {
        name: concat("other-", string(i)),
        location: "westeurope",
    }
    module regions = INNER for i in range(0, 801) {
        name: concat("region-", string(i)),
        params: { n: i },
    }
    output numbers: array = [for i in range(1, 1000): i];
}

fn main() {}
