//! Writing template files: atomically, and only when their contents changed.

use crate::template::TemplateFile;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// Where the file is.
    pub path: PathBuf,
    /// `false` when the file already held these contents and was left alone.
    pub changed: bool,
}

/// Writes `files` under `dir`, creating directories as needed, each atomically
/// and only when its contents changed.
pub fn write_files(dir: &Path, files: &[TemplateFile]) -> io::Result<Vec<Written>> {
    let mut written = Vec::with_capacity(files.len());
    for file in files {
        let path = file
            .path
            .split('/')
            .fold(dir.to_path_buf(), |p, part| p.join(part));
        let changed = write_if_changed(&path, file.contents.as_bytes())?;
        written.push(Written { path, changed });
    }
    Ok(written)
}

/// The environment variable naming the folder that [`write_build_files`] writes
/// into (instead of `$OUT_DIR/infra`), and through which the crate finds it.
pub const INFRA_DIR_VAR: &str = "APIM_DSL_INFRA_DIR";

/// For a `build.rs`: writes `files` into the folder named by `$APIM_DSL_INFRA_DIR`
/// when it is set, else into `$OUT_DIR/infra`, each file atomically and only
/// when its contents changed (see [`write_files`]). Returns the folder.
///
/// It prints the two lines Cargo needs: `cargo::rerun-if-env-changed` for the
/// variable, and `cargo::rustc-env`, which sets `APIM_DSL_INFRA_DIR` to the
/// folder for the crate's own compilation, so the app finds the files with
/// `env!("APIM_DSL_INFRA_DIR")`. A path given twice (a module's Bicep shared by
/// two templates) is written once; twice with different contents is an error.
///
/// ```no_run
/// // build.rs, with the declarations in an `infra` crate that is both a
/// // dependency and a build-dependency:
/// # mod infra { pub fn files() -> Vec<apim_dsl::TemplateFile> { Vec::new() } }
/// fn main() -> std::io::Result<()> {
///     println!("cargo::rerun-if-changed=build.rs");
///     apim_dsl::write_build_files(&infra::files())?;
///     Ok(())
/// }
/// ```
pub fn write_build_files(files: &[TemplateFile]) -> io::Result<PathBuf> {
    println!("cargo::rerun-if-env-changed={INFRA_DIR_VAR}");
    let dir = match std::env::var_os(INFRA_DIR_VAR) {
        // A relative folder is taken from where cargo was run (the shell's
        // `$PWD`, which cargo passes on), not from the package the build script
        // runs in, and made absolute, so that `env!` in the app names it too.
        Some(dir) => {
            let dir = PathBuf::from(dir);
            match std::env::var_os("PWD").map(PathBuf::from) {
                Some(cwd) if dir.is_relative() && cwd.is_absolute() => cwd.join(dir),
                _ => std::path::absolute(dir)?,
            }
        }
        None => match std::env::var_os("OUT_DIR") {
            Some(out) => PathBuf::from(out).join("infra"),
            None => {
                return Err(io::Error::new(
                    io::ErrorKind::NotFound,
                    "neither APIM_DSL_INFRA_DIR nor OUT_DIR is set: call this from a build script",
                ));
            }
        },
    };
    write_unique(&dir, files)?;
    println!("cargo::rustc-env={INFRA_DIR_VAR}={}", dir.display());
    Ok(dir)
}

/// [`write_files`], each path once: the same path twice with the same contents
/// is written once, with different contents is an error.
fn write_unique(dir: &Path, files: &[TemplateFile]) -> io::Result<Vec<Written>> {
    let mut unique: Vec<TemplateFile> = Vec::with_capacity(files.len());
    for file in files {
        match unique.iter().find(|f| f.path == file.path) {
            Some(same) if same.contents == file.contents => {}
            Some(_) => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("two different files are both named `{}`", file.path),
                ));
            }
            None => unique.push(file.clone()),
        }
    }
    write_files(dir, &unique)
}

/// Writes `contents` to `path` unless it already holds them. The new contents go
/// to a temporary file in the same directory first, then replace `path` in one
/// rename, so a reader never sees a half-written file. Returns whether it wrote.
pub fn write_if_changed(path: &Path, contents: &[u8]) -> io::Result<bool> {
    if fs::read(path).is_ok_and(|old| old == contents) {
        return Ok(false);
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Unique per write, not only per process: two threads writing the same
    // file (parallel tests sharing a module's Bicep) must not rename each
    // other's temporary file away.
    static WRITES: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = parent.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
    fs::write(&temp, contents)?;
    if let Err(error) = fs::rename(&temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(error);
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("apim-dsl-write-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_only_when_changed() -> io::Result<()> {
        let dir = scratch("changed");
        let path = dir.join("nested").join("a.json");
        assert!(write_if_changed(&path, b"one")?);
        assert!(!write_if_changed(&path, b"one")?);
        assert!(write_if_changed(&path, b"two")?);
        assert_eq!(fs::read(&path)?, b"two");
        let leftovers: Vec<_> = fs::read_dir(dir.join("nested"))?.collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
        fs::remove_dir_all(dir)
    }

    #[test]
    fn writes_relative_paths_under_the_directory() -> io::Result<()> {
        let dir = scratch("files");
        let files = [
            TemplateFile {
                path: "t.json".into(),
                contents: "{}\n".into(),
            },
            TemplateFile {
                path: "modules/m.bicep".into(),
                contents: "x\n".into(),
            },
        ];
        let written = write_files(&dir, &files)?;
        assert_eq!(written.iter().filter(|w| w.changed).count(), 2);
        assert_eq!(
            fs::read_to_string(dir.join("modules").join("m.bicep"))?,
            "x\n"
        );
        let again = write_files(&dir, &files)?;
        assert!(again.iter().all(|w| !w.changed));
        fs::remove_dir_all(dir)
    }

    #[test]
    fn a_path_given_twice_is_written_once_or_refused() -> io::Result<()> {
        let dir = scratch("unique");
        let file = |path: &str, contents: &str| TemplateFile {
            path: path.into(),
            contents: contents.into(),
        };
        // A module's Bicep, listed by two templates that use it.
        let shared = [
            file("m.bicep", "m\n"),
            file("a.bicep", "a\n"),
            file("m.bicep", "m\n"),
        ];
        assert_eq!(write_unique(&dir, &shared)?.len(), 2);
        let clash = [file("m.bicep", "m\n"), file("m.bicep", "other\n")];
        let error = write_unique(&dir, &clash).err();
        assert_eq!(
            error.map(|e| e.to_string()).as_deref(),
            Some("two different files are both named `m.bicep`")
        );
        assert_eq!(
            fs::read_to_string(dir.join("m.bicep"))?,
            "m\n",
            "nothing written"
        );
        fs::remove_dir_all(dir)
    }
}
