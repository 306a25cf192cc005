//! Facts of the embedded data, checked against Bicep's `types.json` by eye and
//! against the published API reference of each type (learn.microsoft.com/azure/templates).

use super::*;

fn object(ty: TypeRef) -> ObjectType {
    match ty.get() {
        Type::Object(object) => object,
        other => panic!("expected an object, found {other:?}"),
    }
}

#[test]
fn every_provider_decodes() {
    assert!(
        providers().len() > 250,
        "all of Azure: {}",
        providers().len()
    );
    for provider in providers() {
        assert!(provider.type_count() > 0, "{}", provider.namespace);
        for resource in provider.resources() {
            assert!(resource.type_name.contains('/'), "{}", resource.type_name);
            assert_eq!(resource.api_version.get(4..5), Some("-"));
            // Every body is an object or a discriminated object.
            assert!(matches!(
                resource.body.get(),
                Type::Object(_) | Type::Discriminated(_)
            ));
        }
    }
}

#[test]
fn service_body_has_the_properties_of_the_api_reference() {
    // learn.microsoft.com/azure/templates/microsoft.apimanagement/2024-05-01/service
    let service = resource("Microsoft.ApiManagement/service", "2024-05-01").unwrap();
    let body = object(service.body);
    let name = body.property("name").unwrap();
    assert!(name.flags.required() && name.flags.deploy_time_constant());
    let Type::String {
        min_length,
        max_length,
        pattern,
        ..
    } = name.ty.get()
    else {
        panic!("name is a string")
    };
    assert_eq!((min_length, max_length), (Some(1), Some(50)));
    assert_eq!(pattern, Some("^[a-zA-Z](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$"));
    assert!(body.property("id").unwrap().flags.read_only());
    let properties = object(body.property("properties").unwrap().ty);
    assert!(
        properties
            .property("publisherEmail")
            .unwrap()
            .flags
            .required()
    );
    assert!(properties.property("gatewayUrl").unwrap().flags.read_only());
    // The SKU name is a closed enum of literals.
    let sku = object(body.property("sku").unwrap().ty);
    let Type::Union(members) = sku.property("name").unwrap().ty.get() else {
        panic!("sku.name is a union")
    };
    let names: Vec<_> = members
        .iter()
        .filter_map(|m| match m.get() {
            Type::Literal(value) => Some(value),
            _ => None,
        })
        .collect();
    assert!(names.contains(&"Premium") && names.contains(&"Consumption"));
    assert!(service.writable_scopes.contains(Scopes::RESOURCE_GROUP));
    assert!(!service.writable_scopes.contains(Scopes::SUBSCRIPTION));
}

#[test]
fn loggers_are_discriminated_by_logger_type() {
    let logger = resource("Microsoft.ApiManagement/service/loggers", "2024-05-01").unwrap();
    let body = object(logger.body);
    let properties = object(body.property("properties").unwrap().ty);
    assert!(properties.property("loggerType").unwrap().flags.required());
    // Named values read secrets through `keyVault.secretIdentifier`.
    let named = resource("Microsoft.ApiManagement/service/namedValues", "2024-05-01").unwrap();
    let props = object(object(named.body).property("properties").unwrap().ty);
    let key_vault = object(props.property("keyVault").unwrap().ty);
    assert!(key_vault.property("secretIdentifier").is_some());
    assert!(key_vault.property("secretIdentifer").is_none());
}

/// The answers `canonical_type_name` remembers are kept by the text asked:
/// the same name asked in other cases, again, or unknown, each gives the
/// data's spelling (or none), not an earlier question's text.
#[test]
fn remembered_type_names_are_the_data_spelling_whatever_case_asked() {
    for _ in 0..2 {
        for asked in [
            "microsoft.keyvault/VAULTS",
            "Microsoft.KeyVault/vaults",
            "MICROSOFT.KEYVAULT/VAULTS",
        ] {
            assert_eq!(
                canonical_type_name(asked),
                Some("Microsoft.KeyVault/vaults"),
                "{asked}"
            );
        }
        assert_eq!(canonical_type_name("Microsoft.KeyVault/vault"), None);
        assert_eq!(canonical_type_name(""), None);
        assert_eq!(canonical_type_name("microsoft.keyvault/vaults/"), None);
    }
}

#[test]
fn names_and_versions_are_found_ignoring_case() {
    assert_eq!(
        canonical_type_name("microsoft.keyvault/VAULTS"),
        Some("Microsoft.KeyVault/vaults")
    );
    assert!(resource("microsoft.keyvault/vaults", "2023-07-01").is_some());
    let versions = versions("Microsoft.KeyVault/vaults");
    assert!(versions.len() > 10);
    // Newest first, a preview before the stable release of the same date.
    for pair in versions.windows(2) {
        assert!(version_order(pair[0], pair[1]).is_gt(), "{pair:?}");
    }
    assert!(resource("Microsoft.KeyVault/vaults", "2099-01-01").is_none());
    assert!(resource("Microsoft.Nothing/things", "2023-07-01").is_none());
    assert!(type_names().count() > 3000);
}

#[test]
fn recursive_types_decode() {
    // A network security group's rules hold the group's own subnet type, which
    // holds security groups again: a cycle, merged as a group by the generator.
    let nsg = resource("Microsoft.Network/networkSecurityGroups", "2024-05-01").unwrap();
    let properties = object(object(nsg.body).property("properties").unwrap().ty);
    let Type::Array { item, .. } = properties.property("subnets").unwrap().ty.get() else {
        panic!("subnets is an array")
    };
    let subnet = object(item);
    let subnet_props = object(subnet.property("properties").unwrap().ty);
    let nsg_again = object(subnet_props.property("networkSecurityGroup").unwrap().ty);
    assert!(nsg_again.property("properties").is_some());
}

#[test]
fn resource_functions_are_known() {
    let functions = functions("Microsoft.Storage/storageAccounts", "2023-05-01");
    assert!(functions.iter().any(|f| f.name == "listKeys"));
    let Type::Object(keys) = functions
        .iter()
        .find(|f| f.name == "listKeys")
        .unwrap()
        .output
        .get()
    else {
        panic!("listKeys returns an object")
    };
    assert!(keys.property("keys").is_some());
}

#[test]
fn the_source_names_its_commit() {
    assert!(SOURCE.starts_with("Azure/bicep-types-az@"));
}
