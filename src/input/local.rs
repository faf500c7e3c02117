//! Local inputs: a regular file is opened and handed to the decoder, which reads it in
//! chunks (again from the start if need be); stdin and pipes (FIFOs, process
//! substitution) can be read once only, so they are read into memory first.

use std::io::Read;

use crate::profile::{
    Limits, LoadError, LoadErrorKind, LoadProgress, Profile, Source, decode_from, io_error,
    over_size, sniff,
};

fn read_error(input: &str, e: impl ToString) -> LoadError {
    LoadError::new(input, LoadErrorKind::Read, e.to_string())
}

/// Reads, decodes and validates one local input ("-" is stdin), counting progress: a
/// regular file is read in place (again from the start if need be); stdin and a pipe are
/// decoded as they stream in, the bytes dropped once decoded.
pub fn decode_local(
    input: &str,
    limits: &Limits,
    progress: &LoadProgress,
) -> Result<Profile, LoadError> {
    if input == "-" {
        let stdin = stdin_file().map_err(|e| io_error(input, &e))?;
        return decode_from(input, Source::Stream(&stdin), limits, progress);
    }
    let meta = std::fs::metadata(input).map_err(|e| io_error(input, &e))?;
    if meta.is_dir() {
        return Err(read_error(input, "is a directory, not a profile file"));
    }
    if meta.is_file() && meta.len() > limits.max_decompressed {
        return Err(over_size(input, limits.max_decompressed));
    }
    let file = std::fs::File::open(input).map_err(|e| io_error(input, &e))?;
    let source = if meta.is_file() {
        Source::File(&file)
    } else {
        Source::Stream(&file)
    };
    decode_from(input, source, limits, progress)
}

/// Standard input as a file of its own (a duplicate of descriptor 0), so it streams
/// through the same reader as a pipe.
fn stdin_file() -> std::io::Result<std::fs::File> {
    use std::os::fd::AsFd;
    Ok(std::fs::File::from(
        std::io::stdin().as_fd().try_clone_to_owned()?,
    ))
}

/// Reads all of a local `input` ("-" is stdin), refusing more than the decompressed-size
/// cap.
pub fn read_local(input: &str, limits: &Limits) -> Result<Vec<u8>, LoadError> {
    let read_err = |e: std::io::Error| io_error(input, &e);
    let mut buf = Vec::new();
    let cap = limits.max_decompressed;
    if input == "-" {
        std::io::stdin()
            .lock()
            .take(cap.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(read_err)?;
    } else {
        let meta = std::fs::metadata(input).map_err(read_err)?;
        if meta.is_dir() {
            return Err(read_error(input, "is a directory, not a profile file"));
        }
        let file = std::fs::File::open(input).map_err(read_err)?;
        file.take(cap.saturating_add(1))
            .read_to_end(&mut buf)
            .map_err(read_err)?;
    }
    if buf.len() as u64 > cap {
        return Err(over_size(input, cap));
    }
    Ok(buf)
}

/// `e` reworded when the input it names is a file of a kind [`sniff::identify`] knows (its ends
/// read again); other errors unchanged. Only invalid-profile errors are reconsidered.
pub(super) fn explain_file(e: LoadError, path: &str) -> LoadError {
    if e.kind != LoadErrorKind::Invalid || path == "-" {
        return e;
    }
    // Only a regular file is opened again (a FIFO would wait for a writer).
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return e;
    }
    let Ok(mut f) = std::fs::File::open(path) else {
        return e;
    };
    let Ok(meta) = f.metadata() else { return e };
    let mut head = Vec::new();
    if (&mut f)
        .take(sniff::SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .is_err()
    {
        return e;
    }
    let mut tail = vec![0u8; sniff::SNIFF_BYTES.min(meta.len() as usize)];
    use std::os::unix::fs::FileExt;
    let from = meta.len().saturating_sub(tail.len() as u64);
    let n = f.read_at(&mut tail, from).unwrap_or(0);
    tail.truncate(n);
    sniff::explain(e, &head, &tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pipe_is_read_once_into_memory() {
        // A named pipe, like the `/dev/fd/63` of `memprof-tui --top <(gzip -c x.pb)`.
        let dir = std::env::temp_dir().join(format!("memprof-fifo-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let fifo = dir.join("profile.pb.gz");
        let _ = std::fs::remove_file(&fifo);
        let path = std::ffi::CString::new(fifo.to_str().expect("utf-8 path")).expect("path");
        // SAFETY: mkfifo reads a NUL-terminated path and changes nothing else.
        assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o600) }, 0, "mkfifo");
        let profile = format!(
            "{}/testdata/profiles/retain-mid.prof",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(profile).expect("read profile");
        let writer = {
            let (fifo, bytes) = (fifo.clone(), bytes.clone());
            std::thread::spawn(move || std::fs::write(fifo, bytes).expect("write the pipe"))
        };
        let limits = Limits::default();
        let name = fifo.to_str().expect("utf-8 path");
        let from_pipe = decode_local(name, &limits, &LoadProgress::new());
        writer.join().expect("writer");
        let _ = std::fs::remove_dir_all(&dir);
        let want = crate::profile::decode(name, &bytes, &limits).expect("decodes");
        assert!(from_pipe.expect("the pipe decodes") == want);
    }

    #[test]
    fn a_directory_or_a_missing_file_is_a_read_error() {
        let limits = Limits::default();
        let e = decode_local("/", &limits, &LoadProgress::new()).expect_err("a directory");
        assert_eq!(e.kind, LoadErrorKind::Read);
        assert!(e.message.contains("is a directory"), "{e}");
        let e = decode_local("/nonexistent/x.prof", &limits, &LoadProgress::new())
            .expect_err("missing");
        assert_eq!(e.kind, LoadErrorKind::Read);
    }
}
