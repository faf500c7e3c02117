//! Which inputs name a server, and the URL and timeout used for them: `http://` and
//! `https://` URLs, and `host:port[/path]` without a scheme, with `go tool pprof`'s
//! defaults (the CPU profile path, `?seconds=N`, 1.5 × the duration or 60 s).

use std::time::Duration;

/// The path asked for when a source names only a server (`go tool pprof`'s default).
pub const DEFAULT_PATH: &str = "/debug/pprof/profile";

/// Waiting time added to the timeout before a fetch gives up, as pprof does.
const MARGIN: Duration = Duration::from_secs(5);

/// A profile source on a server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remote {
    /// The URL requested.
    pub url: String,
    /// The source was written `https+insecure://` (pprof's spelling of `--insecure`).
    pub insecure: bool,
    /// The profiling duration the server is asked for (or that the URL already asks).
    pub duration: Option<Duration>,
    /// pprof's timeout: `--timeout`, else 1.5 × the duration, else 60 s.
    pub timeout: Duration,
}

impl Remote {
    /// How long the fetch may take in all: the timeout plus pprof's margin.
    pub fn deadline(&self) -> Duration {
        self.timeout.saturating_add(MARGIN)
    }
}

/// The port `url` names when it is not one a connection can be made to (0, or more than
/// 65535), as written.
pub fn invalid_port(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let after_host = match authority.rfind(']') {
        Some(i) => &authority[i + 1..],
        None => authority,
    };
    let (_, port) = after_host.rsplit_once(':')?;
    match port.parse::<u32>() {
        Ok(p) if (1..=65535).contains(&p) => None,
        _ if port.is_empty() => None,
        _ => Some(port.to_string()),
    }
}

/// `input` as a server source, or `None` when it is not one (it is then a file name).
/// `seconds` and `timeout` are `--seconds` and `--timeout` (0 counts as unset).
/// Whether a file of that name exists is the caller's question: a file wins.
pub fn remote_source(input: &str, seconds: Option<u64>, timeout: Option<u64>) -> Option<Remote> {
    let (scheme, rest, insecure) = split_scheme(input)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if !valid_authority(authority, scheme.is_none()) {
        return None;
    }
    let tail = tail.split('#').next().unwrap_or("");
    let (path, query) = match tail.split_once('?') {
        Some((p, q)) => (p, q),
        None => (tail, ""),
    };
    let path = if path.is_empty() || path == "/" {
        DEFAULT_PATH
    } else {
        path
    };
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|s| !s.is_empty())
        .map(|kv| match kv.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (kv.to_string(), String::new()),
        })
        .collect();
    let seconds = seconds.filter(|&s| s > 0);
    let duration = match seconds {
        Some(s) => {
            pairs.retain(|(k, _)| k != "seconds");
            pairs.push(("seconds".to_string(), s.to_string()));
            Some(Duration::from_secs(s))
        }
        None => pairs
            .iter()
            .find(|(k, _)| k == "seconds")
            .and_then(|(_, v)| v.parse::<i32>().ok())
            .filter(|&s| s > 0)
            .map(|s| Duration::from_secs(s as u64)),
    };
    // Like Go's url.Values.Encode: keys in order.
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    let query = pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("&");
    let timeout = match timeout.filter(|&t| t > 0) {
        Some(t) => Duration::from_secs(t),
        None => duration.map_or(Duration::from_secs(60), |d| d.saturating_add(d / 2)),
    };
    let scheme = scheme.unwrap_or("http");
    let mut url = format!("{scheme}://{authority}{path}");
    if !query.is_empty() {
        url.push('?');
        url.push_str(&query);
    }
    Some(Remote {
        url,
        insecure,
        duration,
        timeout,
    })
}

/// Whether `url` asks net/http/pprof's handler for a GC first (`gc=N`, N > 0, as the
/// handler reads it).
pub fn asks_gc(url: &str) -> bool {
    let query = url
        .split('#')
        .next()
        .unwrap_or("")
        .split_once('?')
        .map_or("", |(_, q)| q);
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .any(|(k, v)| k == "gc" && v.parse::<i64>().is_ok_and(|n| n > 0))
}

/// Whether `url`'s path is net/http/pprof's heap or allocs endpoint (the two whose
/// profile is as of the last GC, and whose handler takes `gc=1`).
pub fn is_heap_path(url: &str) -> bool {
    let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = after_scheme
        .find('/')
        .map_or("", |i| &after_scheme[i..])
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let path = path.trim_end_matches('/');
    path.ends_with("/debug/pprof/heap") || path.ends_with("/debug/pprof/allocs")
}

/// `url` asking the heap or allocs handler to run a GC first (`gc=1` in its query, Go's
/// key order kept); other URLs as they are. A heap profile describes the heap as of the
/// last completed GC: without it, two fetches between GCs are the same profile.
pub fn with_gc(url: &str) -> String {
    if !is_heap_path(url) {
        return url.to_string();
    }
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|kv| !kv.is_empty() && kv.split('=').next() != Some("gc"))
        .collect();
    pairs.push("gc=1");
    pairs.sort_by(|a, b| a.split('=').next().cmp(&b.split('=').next()));
    let mut out = format!("{path}?{}", pairs.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// The scheme (`None`: none written, http is meant), the rest after `://`, and whether
/// the scheme was `https+insecure`. `None` for another scheme.
fn split_scheme(input: &str) -> Option<(Option<&'static str>, &str, bool)> {
    let Some(at) = input.find("://") else {
        return Some((None, input, false));
    };
    let rest = &input[at + 3..];
    match input[..at].to_ascii_lowercase().as_str() {
        "http" => Some((Some("http"), rest, false)),
        "https" => Some((Some("https"), rest, false)),
        "https+insecure" => Some((Some("https"), rest, true)),
        _ => None,
    }
}

/// Whether `authority` names a server: a host (name, IPv4 or `[IPv6]`) with an optional
/// numeric port, which is required when no scheme was written (`host:port`).
fn valid_authority(authority: &str, port_required: bool) -> bool {
    if authority.is_empty() || authority.contains('@') {
        return false;
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let Some((inside, after)) = v6.split_once(']') else {
            return false;
        };
        if inside.is_empty() || !inside.chars().all(|c| c.is_ascii_hexdigit() || c == ':') {
            return false;
        }
        match after.strip_prefix(':') {
            Some(p) => (inside, Some(p)),
            None if after.is_empty() => (inside, None),
            None => return false,
        }
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    let host_ok = !host.is_empty()
        && (authority.starts_with('[')
            || host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')));
    let port_ok = match port {
        Some(p) => !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()),
        None => !port_required,
    };
    host_ok && port_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asks_gc_reads_the_query_as_the_handler_does() {
        assert!(asks_gc("http://h/debug/pprof/heap?gc=1"));
        assert!(asks_gc("http://h/debug/pprof/heap?seconds=2&gc=3#x"));
        assert!(!asks_gc("http://h/debug/pprof/heap?gc=0"));
        assert!(!asks_gc("http://h/debug/pprof/heap?gc=x"));
        assert!(!asks_gc("http://h/debug/pprof/heap"));
        assert!(!asks_gc("http://h/debug/pprof/heap#gc=1"));
    }

    fn url(input: &str) -> Option<String> {
        remote_source(input, None, None).map(|r| r.url)
    }

    #[test]
    fn host_port_means_the_cpu_profile_over_http() {
        assert_eq!(
            url("localhost:6060").as_deref(),
            Some("http://localhost:6060/debug/pprof/profile")
        );
        assert_eq!(
            url("127.0.0.1:6060/").as_deref(),
            Some("http://127.0.0.1:6060/debug/pprof/profile")
        );
        assert_eq!(
            url("[::1]:6060/debug/pprof/heap").as_deref(),
            Some("http://[::1]:6060/debug/pprof/heap")
        );
        assert_eq!(
            url("https://example.com").as_deref(),
            Some("https://example.com/debug/pprof/profile")
        );
    }

    #[test]
    fn file_names_are_not_urls() {
        for name in [
            "heap.pb.gz",
            "dir/heap.pb.gz",
            "/tmp/x:1/heap",
            "localhost",
            "C:heap",
            "host:port",
            "ftp://host:21/heap",
            "file:///tmp/heap",
            "http://",
            "http://user@host:1/heap",
            "-",
            "",
        ] {
            assert_eq!(url(name), None, "{name}");
        }
    }

    #[test]
    fn seconds_flag_replaces_the_query_and_sets_the_timeout() {
        let r = remote_source(
            "http://h:1/debug/pprof/profile?seconds=5&b=1",
            Some(30),
            None,
        )
        .expect("remote");
        assert_eq!(r.url, "http://h:1/debug/pprof/profile?b=1&seconds=30");
        assert_eq!(r.duration, Some(Duration::from_secs(30)));
        assert_eq!(r.timeout, Duration::from_secs(45));
        assert_eq!(r.deadline(), Duration::from_secs(50));
    }

    #[test]
    fn seconds_in_the_url_set_the_timeout_when_no_flag() {
        let r = remote_source("h:1/debug/pprof/trace?seconds=4", None, None).expect("remote");
        assert_eq!(r.url, "http://h:1/debug/pprof/trace?seconds=4");
        assert_eq!(r.timeout, Duration::from_secs(6));
        let r = remote_source("h:1/debug/pprof/heap", None, None).expect("remote");
        assert_eq!((r.duration, r.timeout), (None, Duration::from_secs(60)));
        let r = remote_source("h:1/debug/pprof/heap", Some(0), Some(3)).expect("remote");
        assert_eq!(r.url, "http://h:1/debug/pprof/heap");
        assert_eq!(r.timeout, Duration::from_secs(3));
    }

    #[test]
    fn gc_is_asked_of_the_heap_and_allocs_handlers_only() {
        assert_eq!(
            with_gc("http://h:1/debug/pprof/heap"),
            "http://h:1/debug/pprof/heap?gc=1"
        );
        assert_eq!(
            with_gc("http://h:1/debug/pprof/allocs?seconds=5&debug=0"),
            "http://h:1/debug/pprof/allocs?debug=0&gc=1&seconds=5"
        );
        assert_eq!(
            with_gc("http://h:1/debug/pprof/heap?gc=0"),
            "http://h:1/debug/pprof/heap?gc=1"
        );
        assert_eq!(
            with_gc("http://h:1/debug/pprof/profile?seconds=5"),
            "http://h:1/debug/pprof/profile?seconds=5"
        );
        assert!(is_heap_path("https://h:1/x/debug/pprof/heap/"));
        assert!(!is_heap_path("http://h:1/debug/pprof/goroutine"));
        assert!(!is_heap_path("http://h:1/heap"));
    }

    #[test]
    fn insecure_scheme_is_https_without_verification() {
        let r = remote_source("https+insecure://h:8443/debug/pprof/heap#x", None, None)
            .expect("remote");
        assert_eq!(r.url, "https://h:8443/debug/pprof/heap");
        assert!(r.insecure);
    }
}
