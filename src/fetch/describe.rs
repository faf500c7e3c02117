//! A fetch in words: what a URL asks a Go server's net/http/pprof for — "a 30-second CPU
//! profile from localhost:6060", "the heap profile from …" — with, for the CPU profile
//! that a bare `host:port` asks for, where the heap is. Works on the resolved URL, so the
//! wording follows the source wherever it is resolved.

use super::source::DEFAULT_PATH;

/// net/http/pprof's CPU profiling time when the request names none.
const DEFAULT_CPU_SECONDS: u64 = 30;

/// What a fetch asks for, and a hint for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Described {
    /// "a 30-second CPU profile from localhost:6060", or the URL when the path is not one
    /// of net/http/pprof's.
    pub what: String,
    /// Where the heap is, for a CPU profile fetch.
    pub hint: Option<String>,
}

/// `url` (as resolved: scheme, authority, path, query) in words.
pub fn describe(url: &str) -> Described {
    let plain = || Described {
        what: url.to_string(),
        hint: None,
    };
    let Some((_, rest)) = url.split_once("://") else {
        return plain();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (host, tail) = rest.split_at(end);
    let tail = tail.split('#').next().unwrap_or("");
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    let seconds = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("seconds="))
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&s| s > 0);
    let Some(name) = path.strip_prefix("/debug/pprof/") else {
        return plain();
    };
    let what = match name {
        "profile" => format!(
            "a {}-second CPU profile",
            seconds.unwrap_or(DEFAULT_CPU_SECONDS)
        ),
        "trace" => format!(
            "a {}-second execution trace (not a profile)",
            seconds.unwrap_or(1)
        ),
        "heap" if seconds.is_none() => "the heap profile (as of the last GC)".to_string(),
        "heap" | "allocs" | "goroutine" | "block" | "mutex" | "threadcreate" => match seconds {
            Some(s) => format!("the change of the {name} profile over {s} seconds"),
            None => format!("the {name} profile"),
        },
        _ => return plain(),
    };
    let hint = (path == DEFAULT_PATH).then(|| "add /debug/pprof/heap for the heap".to_string());
    Described {
        what: format!("{what} from {host}"),
        hint,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_host_port_is_named_a_cpu_profile() {
        let d = describe("http://localhost:6060/debug/pprof/profile");
        assert_eq!(d.what, "a 30-second CPU profile from localhost:6060");
        assert_eq!(
            d.hint.as_deref(),
            Some("add /debug/pprof/heap for the heap")
        );
        let d = describe("http://127.0.0.1:8080/debug/pprof/profile?seconds=2");
        assert_eq!(d.what, "a 2-second CPU profile from 127.0.0.1:8080");
    }

    #[test]
    fn other_endpoints_and_urls() {
        let heap = describe("https://svc.internal:443/debug/pprof/heap");
        assert_eq!(
            heap.what,
            "the heap profile (as of the last GC) from svc.internal:443"
        );
        assert_eq!(heap.hint, None);
        assert_eq!(
            describe("http://h:1/debug/pprof/allocs?seconds=10").what,
            "the change of the allocs profile over 10 seconds from h:1"
        );
        assert_eq!(
            describe("http://h:1/debug/pprof/mutex").what,
            "the mutex profile from h:1"
        );
        assert_eq!(
            describe("http://h:1/debug/pprof/heap?seconds=30").what,
            "the change of the heap profile over 30 seconds from h:1"
        );
        for url in ["http://h:1/metrics", "http://h:1/debug/pprof/", "not a url"] {
            assert_eq!(describe(url).what, url);
        }
    }
}
