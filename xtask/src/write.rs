//! Atomic replacement of the output file.

use std::fs;
use std::io::Write as _;
use std::path::Path;

use crate::error::Error;

/// Writes `contents` to `path` through a temporary file in the same directory that is then
/// renamed over `path`. On any error the temporary file is removed and `path` is untouched.
/// An existing file's permissions carry over, and a new file gets mode 0o644 on Unix.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };

    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .map_or_else(|| "output".into(), |name| name.to_string_lossy());

    let prefix = format!(".{file_name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    let existing_permissions = fs::metadata(path)
        .ok()
        .map(|metadata| metadata.permissions());
    if let Some(permissions) = existing_permissions.clone() {
        builder.permissions(permissions);
    }

    let mut temporary = builder.tempfile_in(directory).map_err(write_error)?;
    temporary.write_all(contents).map_err(write_error)?;
    temporary.as_file().sync_all().map_err(write_error)?;
    if existing_permissions.is_none() {
        set_default_permissions(temporary.path()).map_err(write_error)?;
    }

    temporary
        .persist(path)
        .map_err(|error| write_error(error.error))?;
    Ok(())
}

/// Makes a new file readable by everyone, because temporary files are created private
/// (0o600). The umask is not consulted: reading it means setting it, which other threads
/// would observe.
#[cfg(unix)]
fn set_default_permissions(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_default_permissions(_path: &Path) -> std::io::Result<()> {
    Ok(())
}
