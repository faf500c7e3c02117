//! Profiles from running programs: which inputs are URLs (pprof's rules), the HTTP(S)
//! request with its timeout, size cap and progress reports, and the copy saved on disk.
//! Knows nothing of profiles' contents or terminals.

mod body;
mod describe;
mod http;
mod save;
mod source;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use describe::{Described, describe};
pub use http::{FetchError, FetchErrorKind, get};
pub use save::{save, save_dir, save_prefix};
pub use source::{DEFAULT_PATH, Remote, asks_gc, is_heap_path, remote_source, with_gc};

/// Called about every 100 ms while a fetch waits, and once more when it ends.
pub type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// How URL inputs are fetched (`--seconds`, `--timeout`, `--insecure`).
#[derive(Clone, Default)]
pub struct FetchOptions {
    /// `--seconds`: the profiling duration asked of the server (`?seconds=N`).
    pub seconds: Option<u64>,
    /// `--timeout`: seconds to wait for the profile (pprof's default when unset).
    pub timeout: Option<u64>,
    /// `--insecure`: accept any TLS certificate (self-signed development servers).
    pub insecure: bool,
    /// Ask net/http/pprof's heap and allocs handlers to run a GC first (`?gc=1`), so the
    /// profile describes the heap now rather than at the last GC ([`with_gc`]).
    pub gc: bool,
    /// Where progress goes; nothing is reported when unset.
    pub progress: Option<ProgressFn>,
}

impl fmt::Debug for FetchOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FetchOptions")
            .field("seconds", &self.seconds)
            .field("timeout", &self.timeout)
            .field("insecure", &self.insecure)
            .field("gc", &self.gc)
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

/// Where a fetch stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The URL requested (after pprof's adjustments).
    pub url: String,
    /// Time since the request started.
    pub elapsed: Duration,
    /// When the fetch gives up.
    pub limit: Duration,
    /// Whether the fetch has ended (successfully or not): the progress line goes away.
    pub done: bool,
}

impl Progress {
    /// The progress line: `fetching a 30-second CPU profile from HOST:PORT, 12 s / 50 s
    /// (add /debug/pprof/heap for the heap)`, or `fetching URL, 12 s / 50 s` for a URL
    /// that is not one of net/http/pprof's ([`describe`]).
    pub fn line(&self) -> String {
        let d = describe(&self.url);
        let mut line = format!(
            "fetching {}, {} s / {} s",
            d.what,
            self.elapsed.as_secs(),
            self.limit.as_secs()
        );
        if let Some(hint) = d.hint {
            line.push_str(&format!(" ({hint})"));
        }
        line
    }
}
