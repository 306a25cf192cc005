//! An app next to its infrastructure: the build script wrote the templates (see
//! `build.rs`); the app reads the same declarations, e.g. to tell the operator
//! which parameters a deployment needs.
//!
//! `cargo run -p apim-dsl-example-build-script` prints where the templates are
//! and the deployment command; with a folder argument it also copies them there.

mod infra;

fn main() -> std::io::Result<()> {
    let dir = env!("APP_INFRA_DIR");
    let template = &infra::APP_GATEWAY;
    let required: Vec<&str> = template
        .parameters()
        .iter()
        .filter(|p| p.is_required())
        .map(|p| p.name())
        .collect();
    println!("{} was written by build.rs to {dir}", template.file_stem());
    println!(
        "deploy with: az deployment group create -g <group> -f {dir}/{}.bicep -p {}",
        template.file_stem(),
        required
            .iter()
            .map(|p| format!("{p}=<value>"))
            .collect::<Vec<_>>()
            .join(" ")
    );
    if let Some(copy_to) = std::env::args_os().nth(1) {
        for written in template.write_to(copy_to)? {
            println!("wrote {}", written.path.display());
        }
    }
    Ok(())
}
