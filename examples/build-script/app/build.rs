//! Writes every file of the app's infrastructure (ARM JSON, Bicep, the modules'
//! Bicep, parameter files) into `$OUT_DIR/infra`, or the folder named by
//! `$APIM_DSL_INFRA_DIR`, atomically and only when they changed.
//!
//! Cargo runs this script again when it changes (the line below) and when the
//! `infra` build-dependency changes (always: a rebuilt dependency reruns the
//! script). Without the line, any edit in the app would rerun it too.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    apim_dsl::write_build_files(&infra::files()?)?;
    Ok(())
}
