//! Every example's templates, for the tests that check all of them. The
//! `every_example_is_listed` tests keep this list complete.

#[allow(dead_code)]
#[path = "../../examples/seed.rs"]
pub mod seed;

#[allow(dead_code)]
#[path = "../../examples/seed_symbolic.rs"]
pub mod seed_symbolic;

#[allow(dead_code)]
#[path = "../../examples/apim_key_vault_rbac.rs"]
pub mod apim_key_vault_rbac;

#[allow(dead_code)]
#[path = "../../examples/apim_domain_by_module.rs"]
pub mod apim_domain_by_module;

#[allow(dead_code)]
#[path = "../../examples/apim_estate.rs"]
pub mod apim_estate;

use apim_dsl::Template;

/// The example files this list covers.
pub const FILES: [&str; 5] = [
    "apim_domain_by_module.rs",
    "apim_estate.rs",
    "apim_key_vault_rbac.rs",
    "seed.rs",
    "seed_symbolic.rs",
];

/// Every template the examples declare, modules included.
pub fn all() -> Vec<Template> {
    vec![
        seed::APIM_WITH_IDENTITY,
        seed::APIM_WITH_KEY_VAULT,
        seed_symbolic::APIM_WITH_KEY_VAULT_SYMBOLIC,
        seed_symbolic::APIM_CUSTOM_DOMAIN,
        apim_key_vault_rbac::APIM_KEY_VAULT_RBAC,
        apim_estate::APIM_ESTATE,
        apim_domain_by_module::APIM_DOMAIN_BY_MODULE,
        apim_domain_by_module::APIM_DOMAIN_BINDING,
        apim_domain_by_module::APIM_DOMAIN_PLATFORM_VAULT,
        // The `infra` crate of `examples/build-script`, whose app's `build.rs`
        // writes them.
        infra::environment::APP_ENVIRONMENT,
        infra::identity::APP_IDENTITY,
        infra::gateway::APP_GATEWAY,
    ]
}

/// The `.rs` files in `examples/`, sorted.
pub fn example_files() -> Vec<String> {
    let mut files: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/examples"))
            .expect("examples/")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs"))
            .collect();
    files.sort();
    files
}
