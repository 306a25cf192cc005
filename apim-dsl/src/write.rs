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
    let temp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
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
}
