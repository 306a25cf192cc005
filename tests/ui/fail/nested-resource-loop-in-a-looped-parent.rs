// A resource nested in a looped one has its parent's loop; a loop of its own
// is one error (ARM has no loops in nested resources), not also one about its
// parent being looped.
apim_dsl::template! {
    pub const T;
    param count: int = 2;
    param names: array = ["a"];
    resource vnets "Microsoft.Network/virtualNetworks@2023-09-01" for i in range(0, count) {
        name: concat("vnet", string(i)),
        location: "westeurope",
        properties: { addressSpace: { addressPrefixes: ["10.0.0.0/16"] } },
        resources: [
            resource subs "subnets@2023-09-01" for (n, j) in names {
                name: n,
                properties: { addressPrefix: "10.0.1.0/24" },
            },
        ],
    }
}

fn main() {}
