// `dependsOn` on one copy: of a resource that has no loop, out of the copies a
// loop known at compile time makes (by a literal, or by another loop's
// variable), by a string, a raw id that fits no copy's name, and of a module
// loop (which the DSL waits for whole).
apim_dsl::template! {
    pub const INNER;
    param n: string;
    output echo: string = n;
}

apim_dsl::template! {
    pub const T;
    param regions: array;
    resource single "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "single",
        location: "westeurope",
    }
    resource ids "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for i in range(0, 3) {
        name: concat("id-", string(i)),
        location: "westeurope",
    }
    module perRegion = INNER for r in regions {
        name: concat("r-", r),
        params: { n: r },
    }
    // Copies 3 and 4 would wait for copies `ids` does not make; a copy is
    // picked by its integer index.
    resource more "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" for j in range(0, 5) {
        name: concat("more-", string(j)),
        location: "westeurope",
        dependsOn: [ids[j], ids["first"]],
    }
    resource last "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "last",
        location: "westeurope",
        dependsOn: [
            single[0],
            ids[3],
            resourceId("Microsoft.ManagedIdentity/userAssignedIdentities", "id-7"),
            perRegion[1],
        ],
    }
}

fn main() {}
