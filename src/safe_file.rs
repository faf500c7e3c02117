//! Reading a file whose name we do not control (a source file a profile names, the user's
//! config files) without being made to hang, exhaust memory or leak the machine's secrets:
//! opened without blocking (a FIFO or a terminal cannot stall the read), accepted only if
//! the opened file is a regular file of at most a given size, never under `/proc`, `/sys`
//! or `/dev` (after resolving symlinks) nor on a kernel file system wherever it is mounted
//! (`/proc/self/environ` would print the environment), and read no further than the cap.

use std::fs::{File, OpenOptions};
use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Directories whose files are never read.
pub const SYSTEM_DIRS: [&str; 3] = ["/proc", "/sys", "/dev"];

/// Why a file was not read.
#[derive(Debug)]
pub enum Refused {
    /// Opening (`"open"`), inspecting (`"stat"`) or reading (`"read"`) failed.
    Io(&'static str, std::io::Error),
    /// Not a regular file: a directory, FIFO, socket or device.
    NotRegular,
    /// Under /proc, /sys or /dev, or on a kernel file system: the resolved path.
    SystemFile(PathBuf),
    /// Larger than the cap (bytes).
    TooLarge(u64),
}

impl Refused {
    /// A one-line reason (without the path).
    pub fn reason(&self) -> String {
        match self {
            Self::Io(op, e) => format!("cannot {op}: {e}"),
            Self::NotRegular => "not a regular file".into(),
            Self::SystemFile(p) => format!(
                "not read: {} is a system file (nothing under /proc, /sys or /dev is read)",
                p.display()
            ),
            Self::TooLarge(cap) => format!("larger than the {} limit", bytes_text(*cap)),
        }
    }
}

/// `n` bytes in words: "1 MiB", "16 MiB", "300 bytes".
fn bytes_text(n: u64) -> String {
    if n >= 1 << 20 && n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{n}-byte")
    }
}

/// Whether `path` (resolved) is under one of [`SYSTEM_DIRS`].
fn under_system_dir(path: &Path) -> bool {
    SYSTEM_DIRS.iter().any(|d| path.starts_with(d))
}

/// Whether the open file `f` lives on a kernel file system (proc, sysfs, debugfs, …).
#[cfg(target_os = "linux")]
fn on_kernel_fs(f: &File) -> bool {
    use std::os::fd::AsRawFd;
    const KERNEL_FS: [u64; 11] = [
        0x9fa0,      // proc
        0x6265_6572, // sysfs
        0x1cd1,      // devpts
        0x6462_6720, // debugfs
        0x7472_6163, // tracefs
        0x7363_6673, // securityfs
        0x0027_e0eb, // cgroup
        0x6367_7270, // cgroup2
        0xcafe_4a11, // bpf
        0xde5e_81e4, // efivarfs
        0x6265_6570, // configfs
    ];
    // SAFETY: fstatfs writes into the zeroed struct we own; the descriptor is open.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    if unsafe { libc::fstatfs(f.as_raw_fd(), &mut st) } != 0 {
        return false;
    }
    #[allow(clippy::unnecessary_cast)]
    let ty = (st.f_type as u64) & 0xffff_ffff;
    KERNEL_FS.contains(&ty)
}

#[cfg(not(target_os = "linux"))]
fn on_kernel_fs(_: &File) -> bool {
    false
}

/// Opens `path` if it is a regular file of at most `cap` bytes that is no system file.
pub fn open(path: &Path, cap: u64) -> Result<File, Refused> {
    let resolved = std::fs::canonicalize(path).map_err(|e| Refused::Io("open", e))?;
    if under_system_dir(&resolved) {
        return Err(Refused::SystemFile(resolved));
    }
    let f = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)
        .map_err(|e| Refused::Io("open", e))?;
    let meta = f.metadata().map_err(|e| Refused::Io("stat", e))?;
    if !meta.is_file() {
        return Err(Refused::NotRegular);
    }
    if on_kernel_fs(&f) {
        return Err(Refused::SystemFile(resolved));
    }
    if meta.len() > cap {
        return Err(Refused::TooLarge(cap));
    }
    Ok(f)
}

/// Reads all of `path` under the rules of [`open`], at most `cap` bytes (a file that
/// grows while it is read is refused too).
pub fn read(path: &Path, cap: u64) -> Result<Vec<u8>, Refused> {
    let f = open(path, cap)?;
    let mut data = Vec::new();
    f.take(cap.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| Refused::Io("read", e))?;
    if data.len() as u64 > cap {
        return Err(Refused::TooLarge(cap));
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_files_are_refused_even_through_a_symlink() {
        let dir = std::env::temp_dir().join(format!("memprof-safe-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let link = dir.join("environ.go");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("/proc/self/environ", &link).expect("symlink");
        for p in [
            Path::new("/proc/self/environ"),
            Path::new("/proc/self/cmdline"),
            Path::new("/sys/kernel/mm/transparent_hugepage/enabled"),
            link.as_path(),
        ] {
            if p.exists() {
                assert!(
                    matches!(read(p, 1 << 20), Err(Refused::SystemFile(_))),
                    "{}",
                    p.display()
                );
            }
        }
        assert!(matches!(
            read(Path::new("/dev/zero"), 1 << 20),
            Err(Refused::SystemFile(_))
        ));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn caps_and_kinds() {
        let dir = std::env::temp_dir().join(format!("memprof-safe-kinds-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let small = dir.join("small");
        std::fs::write(&small, b"12345").expect("write");
        assert_eq!(read(&small, 5).expect("read"), b"12345");
        assert!(matches!(read(&small, 4), Err(Refused::TooLarge(4))));
        assert!(matches!(read(&dir, 5), Err(Refused::NotRegular)));
        let fifo = dir.join("fifo");
        let c = std::ffi::CString::new(fifo.to_str().expect("utf8")).expect("cstr");
        // SAFETY: mkfifo with a valid C string.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(read(&fifo, 5), Err(Refused::NotRegular)));
        assert!(matches!(
            read(&dir.join("missing"), 5),
            Err(Refused::Io("open", _))
        ));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
