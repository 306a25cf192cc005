//! Built-in Azure role definitions by name, for `grant`.

/// A built-in role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Role {
    /// Its display name.
    pub name: &'static str,
    /// Its role definition ID (a GUID, the same in every tenant).
    pub id: &'static str,
    /// Whether it lets a principal read Key Vault secrets (and so certificates
    /// with their private key, as API Management does for custom domains).
    pub reads_secrets: bool,
}

const fn role(name: &'static str, id: &'static str, reads_secrets: bool) -> Role {
    Role {
        name,
        id,
        reads_secrets,
    }
}

/// The roles `grant` knows by name.
pub static ROLES: &[Role] = &[
    role(
        "Key Vault Secrets User",
        "4633458b-17de-408a-b874-0445c86b69e6",
        true,
    ),
    role(
        "Key Vault Certificate User",
        "db79e9a7-68ee-4b58-9aeb-b90e7c24fcba",
        true,
    ),
    role(
        "Key Vault Secrets Officer",
        "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
        true,
    ),
    role(
        "Key Vault Administrator",
        "00482a5a-887f-4fb3-b363-3b7fe8e74483",
        true,
    ),
    role(
        "Key Vault Certificates Officer",
        "a4417e6f-fecd-4de8-b567-7b0420556985",
        false,
    ),
    role(
        "Key Vault Reader",
        "21090545-7ca7-4776-b22c-e363652d74d2",
        false,
    ),
    role(
        "Key Vault Crypto User",
        "12338af0-0e69-4776-bea7-57ae8d297424",
        false,
    ),
    role(
        "Key Vault Crypto Officer",
        "14b46e9e-c2b7-41b4-b07b-48a6ebf60603",
        false,
    ),
    role(
        "Key Vault Crypto Service Encryption User",
        "e147488a-f6f5-4113-8e2d-b22465e65bf6",
        false,
    ),
    role("Reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7", false),
    role("Contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c", false),
    role("Owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635", false),
    // Data-plane and service roles a deployment next to API Management grants
    // often; ids from learn.microsoft.com/azure/role-based-access-control/built-in-roles
    // (the Storage, Analytics, Integration and Containers pages).
    role(
        "Storage Blob Data Contributor",
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
        false,
    ),
    role(
        "Storage Blob Data Reader",
        "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
        false,
    ),
    role(
        "Storage Queue Data Contributor",
        "974c5e8b-45b9-4653-ba55-5f855dd0fb88",
        false,
    ),
    role(
        "Storage Table Data Contributor",
        "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3",
        false,
    ),
    role(
        "Azure Service Bus Data Sender",
        "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39",
        false,
    ),
    role(
        "Azure Service Bus Data Receiver",
        "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0",
        false,
    ),
    role(
        "Azure Event Hubs Data Owner",
        "f526a384-b230-433a-b45c-95f59c4a2dec",
        false,
    ),
    role(
        "Azure Event Hubs Data Sender",
        "2b629674-e913-4c01-ae53-ef4638d8f975",
        false,
    ),
    role(
        "Azure Event Hubs Data Receiver",
        "a638d3c7-ab3a-418d-83e6-5f17a39d4fde",
        false,
    ),
    role("AcrPull", "7f951dda-4ed3-4680-a7ca-43fe172d538d", false),
    role("AcrPush", "8311e382-0749-4cb8-b61a-304f252e45ec", false),
    role(
        "API Management Service Contributor",
        "312a565d-c81f-4fd8-895a-4e21e48d571c",
        false,
    ),
    role(
        "API Management Service Operator Role",
        "e022efe7-f5ba-4159-bbe4-b44f577e9b61",
        false,
    ),
    role(
        "API Management Service Reader Role",
        "71522526-b88f-4d52-b57f-d31fc3546d0d",
        false,
    ),
];

/// The least privileged role that lets API Management read a certificate from a
/// Key Vault: what `grant` uses on a vault when no role is named.
pub const DEFAULT_VAULT_ROLE: &str = "Key Vault Secrets User";

/// A role by display name (case-insensitive) or by its GUID.
pub fn lookup(name_or_id: &str) -> Option<&'static Role> {
    ROLES
        .iter()
        .find(|r| r.name.eq_ignore_ascii_case(name_or_id) || r.id.eq_ignore_ascii_case(name_or_id))
}

/// Whether `text` is shaped like a GUID (a custom role's definition ID).
pub fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    let lengths = [8, 4, 4, 4, 12];
    groups.len() == 5
        && groups
            .iter()
            .zip(lengths)
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_by_name_or_id() {
        assert_eq!(
            lookup("key vault secrets user").map(|r| r.id),
            Some("4633458b-17de-408a-b874-0445c86b69e6")
        );
        assert_eq!(
            lookup("DB79E9A7-68EE-4B58-9AEB-B90E7C24FCBA").map(|r| r.name),
            Some("Key Vault Certificate User")
        );
        assert!(lookup("Key Vault Janitor").is_none());
        // Data roles of the services an API Management deployment sits beside.
        assert_eq!(
            lookup("Storage Blob Data Contributor").map(|r| (r.id, r.reads_secrets)),
            Some(("ba92f5b4-2d11-453d-a403-e96b0029c9fe", false))
        );
        assert_eq!(
            lookup("acrpull").map(|r| r.id),
            Some("7f951dda-4ed3-4680-a7ca-43fe172d538d")
        );
        // Names and ids are unique.
        for (i, a) in ROLES.iter().enumerate() {
            for b in &ROLES[i + 1..] {
                assert!(a.name != b.name && a.id != b.id, "{a:?} {b:?}");
            }
        }
        assert!(ROLES.iter().all(|r| is_guid(r.id)));
        assert!(!is_guid("4633458b-17de-408a-b874"));
        assert_eq!(
            lookup(DEFAULT_VAULT_ROLE).map(|r| r.reads_secrets),
            Some(true)
        );
    }
}
