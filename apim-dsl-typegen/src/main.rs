//! `cargo run -p apim-dsl-typegen -- <azure-types dir> [--out <apim-dsl-types dir>]
//! [--source <repo@commit>]`: regenerates the embedded type data of
//! `apim-dsl-types` from Bicep's `types.json` files.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut input = None;
    let mut out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../apim-dsl-types"));
    let mut source = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--out" => out = args.next().map(PathBuf::from).unwrap_or(out),
            "--source" => source = args.next(),
            "-h" | "--help" => {
                println!(
                    "usage: apim-dsl-typegen <azure-types dir> [--out <apim-dsl-types dir>] [--source <repo@commit>]\n\n\
                     Reads every types.json below the folder (bicep-types-az's generated/ layout) and\n\
                     writes data/<namespace>.bin and src/generated.rs of the apim-dsl-types crate."
                );
                return ExitCode::SUCCESS;
            }
            _ if input.is_none() => input = Some(PathBuf::from(arg)),
            _ => {
                eprintln!("error: unexpected argument `{arg}` (see --help)");
                return ExitCode::from(2);
            }
        }
    }
    let Some(input) = input else {
        eprintln!("error: the folder of Bicep's type data is required (see --help)");
        return ExitCode::from(2);
    };
    let source = source.unwrap_or_else(|| {
        let commit =
            apim_dsl_typegen::commit_from_readme(&input).unwrap_or_else(|| "unknown".into());
        format!("Azure/bicep-types-az@{commit}")
    });
    let output = match apim_dsl_typegen::generate(&input, &source) {
        Ok(output) => output,
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    let data = out.join("data");
    // Stale blobs of providers no longer in the input go.
    if let Ok(entries) = std::fs::read_dir(&data) {
        for entry in entries.flatten() {
            if entry.path().extension().is_some_and(|e| e == "bin") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    let mut bytes = 0;
    for (path, contents) in &output.files {
        let path = out.join(path);
        if let Some(parent) = path.parent()
            && let Err(error) = std::fs::create_dir_all(parent)
        {
            eprintln!("error: {}: {error}", parent.display());
            return ExitCode::FAILURE;
        }
        if let Err(error) = std::fs::write(&path, contents) {
            eprintln!("error: {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
        bytes += contents.len();
    }
    println!(
        "{} files read, {} resource types at an API version, {} files written ({bytes} bytes) to {}",
        output.input_files,
        output.resources,
        output.files.len(),
        out.display()
    );
    ExitCode::SUCCESS
}
