//! An app next to its infrastructure: the build script wrote the templates of the
//! `infra` crate (see `build.rs`); the app reads the same declarations, e.g. to
//! tell the operator which parameters a deployment needs.
//!
//! `cargo run -p apim-dsl-example-build-script` prints where the files are and
//! the deployment commands; with a folder argument it also copies them there.

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = Path::new(env!("APIM_DSL_INFRA_DIR"));
    println!("build.rs wrote the templates to {}", dir.display());
    for template in &infra::TEMPLATES {
        let required: Vec<String> = template
            .parameters()
            .iter()
            .filter(|p| p.is_required())
            .map(|p| format!("{}=<value>", p.name()))
            .collect();
        println!(
            "deploy with: az deployment group create -g <group> -f {} -p {}",
            dir.join(format!("{}.bicep", template.file_stem()))
                .display(),
            required.join(" ")
        );
    }
    if let Some(copy_to) = std::env::args_os().nth(1) {
        for entry in std::fs::read_dir(dir)? {
            let written = entry?.path();
            let copy = Path::new(&copy_to).join(written.file_name().unwrap_or_default());
            apim_dsl::write_if_changed(&copy, &std::fs::read(&written)?)?;
            println!("copied {}", copy.display());
        }
    }
    Ok(())
}
