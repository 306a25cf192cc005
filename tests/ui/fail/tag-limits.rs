// Tags: at most 50 per resource, names of at most 512 characters without
// `< > * % & : \\ ? / +`, values of at most 256 characters.
apim_dsl::template! {
    pub const T;
    resource many "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "many-tags",
        location: "westeurope",
        tags: {
            t0: "v",
            t1: "v",
            t2: "v",
            t3: "v",
            t4: "v",
            t5: "v",
            t6: "v",
            t7: "v",
            t8: "v",
            t9: "v",
            t10: "v",
            t11: "v",
            t12: "v",
            t13: "v",
            t14: "v",
            t15: "v",
            t16: "v",
            t17: "v",
            t18: "v",
            t19: "v",
            t20: "v",
            t21: "v",
            t22: "v",
            t23: "v",
            t24: "v",
            t25: "v",
            t26: "v",
            t27: "v",
            t28: "v",
            t29: "v",
            t30: "v",
            t31: "v",
            t32: "v",
            t33: "v",
            t34: "v",
            t35: "v",
            t36: "v",
            t37: "v",
            t38: "v",
            t39: "v",
            t40: "v",
            t41: "v",
            t42: "v",
            t43: "v",
            t44: "v",
            t45: "v",
            t46: "v",
            t47: "v",
            t48: "v",
            t49: "v",
            t50: "v",
        },
    }
    resource odd "Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31" {
        name: "odd-tags",
        location: "westeurope",
        tags: {
            "cost/center": "a",
            "a+b": "b",
            "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn": "c",
            long: "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv",
        },
    }    // A type the resource table does not know: its tag values are checked here.
    #[unchecked]
    resource site "Microsoft.Web/sites@2023-12-01" {
        name: "app",
        location: "westeurope",
        tags: { long: "vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv" },
    }
}

fn main() {}
