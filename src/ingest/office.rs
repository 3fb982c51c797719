//! Binary Word files (DOC, WPS): converted to DOCX by LibreOffice (`soffice`) when it is on
//! the PATH, in a fresh temporary folder (never beside the reports), then read as DOCX.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The reason given when LibreOffice is not installed.
pub const NO_SOFFICE: &str = "binary Word file: install LibreOffice or save it as DOCX/PDF";
/// A conversion taking longer than this is stopped.
const TIMEOUT: Duration = Duration::from_secs(120);

/// `soffice` on the PATH, if any.
pub fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| [d.join("soffice"), d.join("libreoffice")])
        .find(|p| p.is_file())
}

/// A temporary folder removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        let base = std::env::temp_dir();
        for _ in 0..16 {
            let n = N.fetch_add(1, Ordering::Relaxed);
            let p = base.join(format!("nianbao-doc-{}-{n}", std::process::id()));
            match std::fs::create_dir(&p) {
                Ok(()) => return Ok(TempDir(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        Err(std::io::Error::other("no free temporary folder name"))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Why a binary Word file could not be converted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OfficeError {
    #[error("{NO_SOFFICE}")]
    NoLibreOffice,
    #[error("cannot make a temporary folder: {0}")]
    TempDir(String),
    #[error("cannot write a temporary file: {0}")]
    TempFile(String),
    #[error("cannot start LibreOffice: {0}")]
    Start(String),
    #[error("LibreOffice took too long to convert the file")]
    Timeout,
    #[error("LibreOffice failed: {0}")]
    Failed(String),
    #[error("LibreOffice could not convert this binary Word file")]
    NoOutput,
}

/// Convert the binary Word file `bytes` to DOCX bytes with LibreOffice.
pub fn convert_to_docx(bytes: &[u8]) -> Result<Vec<u8>, OfficeError> {
    let soffice = soffice().ok_or(OfficeError::NoLibreOffice)?;
    let dir = TempDir::new().map_err(|e| OfficeError::TempDir(e.to_string()))?;
    let input = dir.0.join("report.doc");
    std::fs::write(&input, bytes).map_err(|e| OfficeError::TempFile(e.to_string()))?;
    // Its own profile folder: a LibreOffice already open for the user must not take over.
    let profile = dir.0.join("profile");
    let mut child = Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "docx",
            "--outdir",
        ])
        .arg(&dir.0)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| OfficeError::Start(e.to_string()))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(OfficeError::Timeout);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(OfficeError::Failed(e.to_string())),
        }
    }
    let out = dir.0.join("report.docx");
    read_output(&out)
}

fn read_output(out: &Path) -> Result<Vec<u8>, OfficeError> {
    std::fs::read(out).map_err(|_| OfficeError::NoOutput)
}
