//! The string shapes the resource table checks (names, GUIDs, subnet IDs), each as
//! the regular expression the schema or service documents and a hand-written
//! matcher: the project takes no regex dependency for a handful of patterns.

/// A string shape.
#[derive(Debug)]
pub struct Pattern {
    /// The regular expression, shown in errors.
    pub regex: &'static str,
    /// The same in words, shown in errors.
    pub help: &'static str,
    /// Whether a string has the shape.
    pub matches: fn(&str) -> bool,
}

/// An API Management service name.
pub const APIM_NAME: Pattern = Pattern {
    regex: "^[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$",
    help: "use letters, digits and hyphens, start with a letter and end with a letter or digit",
    matches: apim_name,
};

/// A GUID such as a tenant ID.
pub const GUID: Pattern = Pattern {
    regex: "^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$",
    help: "write a GUID such as `00000000-0000-0000-0000-000000000000`",
    matches: guid,
};

/// A resource name that must be a GUID (role assignments).
pub const GUID_NAME: Pattern = Pattern {
    help: "write a GUID, usually computed with `guid(...)` from the scope, principal and role so that it is stable across deployments",
    ..GUID
};

/// A Key Vault name (the service's own rule, stricter than the schema's
/// `^[a-zA-Z0-9-]{3,24}$`: the service rejects what the schema lets through).
pub const VAULT_NAME: Pattern = Pattern {
    regex: "^[a-zA-Z](?!.*--)[a-zA-Z0-9-]*[a-zA-Z0-9]$",
    help: "use letters, digits and hyphens, start with a letter, end with a letter or digit, and never write two hyphens in a row",
    matches: vault_name,
};

/// A Key Vault secret name.
pub const SECRET_NAME: Pattern = Pattern {
    regex: "^[a-zA-Z0-9-]{1,127}$",
    help: "use letters, digits and hyphens only",
    matches: secret_name,
};

/// A deployment name.
pub const DEPLOYMENT_NAME: Pattern = Pattern {
    regex: r"^[-\w\._\(\)]+$",
    help: "use letters, digits, `-`, `_`, `.`, `(` and `)` only",
    matches: deployment_name,
};

/// A user-assigned identity name.
pub const IDENTITY_NAME: Pattern = Pattern {
    regex: "^[a-zA-Z0-9][a-zA-Z0-9_-]*$",
    help: "use letters, digits, hyphens and underscores, and start with a letter or digit",
    matches: identity_name,
};

/// The resource ID of a subnet.
pub const SUBNET_ID: Pattern = Pattern {
    regex: "^/subscriptions/[^/]*/resourceGroups/[^/]*/providers/Microsoft.(ClassicNetwork|Network)/virtualNetworks/[^/]*/subnets/[^/]*$",
    help: "write the full resource ID of a subnet, e.g. `resourceId(\"Microsoft.Network/virtualNetworks/subnets\", vnet, subnet)`",
    matches: subnet_id,
};

fn apim_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !s.ends_with('-')
}

fn guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    groups.len() == lengths.len()
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

fn vault_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        && !s.contains("--")
}

fn secret_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn deployment_name(s: &str) -> bool {
    // `\w` in .NET, which evaluates the service's pattern, includes every letter.
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '(' | ')'))
}

fn identity_name(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

fn subnet_id(s: &str) -> bool {
    // Resource IDs are case-insensitive in ARM, so the fixed segments are too.
    let parts: Vec<&str> = s.split('/').collect();
    let fixed = [
        (1, "subscriptions"),
        (3, "resourceGroups"),
        (5, "providers"),
        (7, "virtualNetworks"),
        (9, "subnets"),
    ];
    let provider = parts.get(6).is_some_and(|p| {
        let p = p.to_ascii_lowercase();
        p.starts_with("microsoft")
            && p.get(10..)
                .is_some_and(|rest| matches!(rest, "network" | "classicnetwork"))
    });
    parts.len() == 11
        && parts.first() == Some(&"")
        && provider
        && fixed.iter().all(|(i, name)| {
            parts
                .get(*i)
                .is_some_and(|part| part.eq_ignore_ascii_case(name))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apim_names() {
        assert!(apim_name("a"));
        assert!(apim_name("contoso-api1"));
        assert!(!apim_name("1contoso"));
        assert!(!apim_name("contoso-"));
        assert!(!apim_name("con_toso"));
        assert!(!apim_name(""));
    }

    #[test]
    fn guids() {
        assert!(guid("4633458b-17de-408a-b874-0445c86b69e6"));
        assert!(!guid("4633458b-17de-408a-b874-0445c86b69e"));
        assert!(!guid("4633458b17de-408a-b874-0445c86b69e6"));
        assert!(!guid("g633458b-17de-408a-b874-0445c86b69e6"));
    }

    #[test]
    fn vault_and_secret_names() {
        assert!(vault_name("kv-contoso1"));
        assert!(!vault_name("1kv"));
        assert!(!vault_name("kv--x"));
        assert!(!vault_name("kv-"));
        assert!(secret_name("cert-1"));
        assert!(!secret_name("cert_1"));
    }

    #[test]
    fn deployment_and_identity_names() {
        assert!(deployment_name("apimWithKeyVault"));
        assert!(deployment_name("a.b_(c)-d"));
        assert!(!deployment_name("a/b"));
        assert!(identity_name("id_apim-1"));
        assert!(!identity_name("-id"));
    }

    #[test]
    fn subnet_ids() {
        let id = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/n";
        assert!(subnet_id(id));
        assert!(subnet_id(&id.replace("Network/v", "ClassicNetwork/v")));
        assert!(subnet_id(&id.to_lowercase()));
        assert!(!subnet_id("/subscriptions/s/resourceGroups/rg"));
        assert!(!subnet_id(&id.replace("subnets", "things")));
    }
}
