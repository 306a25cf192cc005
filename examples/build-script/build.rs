//! Writes the app's templates into `$OUT_DIR/infra` (or `$APIM_DSL_INFRA_DIR`),
//! atomically and only when they changed, so that unchanged infrastructure does
//! not trigger rebuilds.

include!("src/infra.rs");

fn main() -> std::io::Result<()> {
    println!("cargo::rerun-if-changed=src/infra.rs");
    println!("cargo::rerun-if-env-changed=APIM_DSL_INFRA_DIR");
    let dir = match std::env::var_os("APIM_DSL_INFRA_DIR") {
        Some(dir) => std::path::PathBuf::from(dir),
        None => {
            std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("infra")
        }
    };
    APP_GATEWAY.write_to(&dir)?;
    println!("cargo::rustc-env=APP_INFRA_DIR={}", dir.display());
    Ok(())
}
