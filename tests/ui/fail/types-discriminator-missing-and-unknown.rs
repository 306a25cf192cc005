// Firewall rule collections are discriminated by `ruleCollectionType`: it must
// be one of the shapes, and each shape has its own properties.
apim_dsl::template! {
    pub const T;
    resource policy "Microsoft.Network/firewallPolicies@2024-05-01" existing { name: "fw" }
    resource rules "Microsoft.Network/firewallPolicies/ruleCollectionGroups@2024-05-01" {
        parent: policy,
        name: "apim",
        properties: {
            priority: 200,
            ruleCollections: [
                { ruleCollectionType: "FirewallPolicyFilterRuleCollectionn", name: "a", priority: 100 },
                { ruleCollectionType: "FirewallPolicyFilterRuleCollection", name: "b", priority: 110, translatedAddress: "10.0.0.1" },
                { name: "c", priority: 120 },
            ],
        },
    }
}

fn main() {}
