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

/// Convert the binary Word file `bytes` to DOCX bytes with LibreOffice.
pub fn convert_to_docx(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let soffice = soffice().ok_or_else(|| NO_SOFFICE.to_string())?;
    let dir = TempDir::new().map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let input = dir.0.join("report.doc");
    std::fs::write(&input, bytes).map_err(|e| format!("cannot write a temporary file: {e}"))?;
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
        .map_err(|e| format!("cannot start LibreOffice: {e}"))?;
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("LibreOffice took too long to convert the file".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("LibreOffice failed: {e}")),
        }
    }
    let out = dir.0.join("report.docx");
    read_output(&out)
}

fn read_output(out: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(out)
        .map_err(|_| "LibreOffice could not convert this binary Word file".to_string())
}
