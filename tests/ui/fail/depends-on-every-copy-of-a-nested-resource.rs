// A resource nested in a looped one has one copy with each copy of its
// parent, and ARM writes no `copy` on it: no copy loop name stands for all of
// them, so nothing outside the parent's loop can wait for every copy, neither
// by `dependsOn` nor by a read (which implies the wait), directly or through a
// variable. One copy, `front[1]`, can be waited for.
apim_dsl::template! {
    pub const T;
    param count: int = 2;
    resource vnets "Microsoft.Network/virtualNetworks@2023-09-01" for i in range(0, count) {
        name: concat("vnet", string(i)),
        location: "westeurope",
        properties: { addressSpace: { addressPrefixes: ["10.0.0.0/8"] } },
        resources: [
            resource front "subnets@2023-09-01" {
                name: "front",
                properties: { addressPrefix: concat("10.", string(i), ".1.0/24") },
            },
        ],
    }
    var firstId = front[0].id;
    resource nsg "Microsoft.Network/networkSecurityGroups@2023-09-01" {
        name: "nsg",
        location: "westeurope",
        dependsOn: [front, front[1]],
        properties: { securityRules: [] },
    }
    resource nics "Microsoft.Network/networkInterfaces@2023-09-01" for j in range(0, count) {
        name: concat("nic", string(j)),
        location: "westeurope",
        properties: { ipConfigurations: [{ name: "ip", properties: { subnet: { id: front[j].id } } }] },
    }
    resource nic "Microsoft.Network/networkInterfaces@2023-09-01" {
        name: "nic",
        location: "westeurope",
        properties: { ipConfigurations: [{ name: "ip", properties: { subnet: { id: firstId } } }] },
    }
}

fn main() {}
