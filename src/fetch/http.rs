//! One GET of a profile with ureq: the deadline, the size cap while reading, errors in
//! one line (unreachable, timed out, HTTP status with the body's first line, an HTML
//! page), and progress reports from a ticker thread.

use std::io::Read;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::source::Remote;
use super::{Progress, ProgressFn};

/// What went wrong while fetching; decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FetchErrorKind {
    /// The server could not be reached or did not answer with a profile in time: DNS,
    /// connection refused, timeout, a status other than 2xx, TLS.
    Unreachable,
    /// The server answered with something that is not a profile (an HTML page).
    NotProfile,
    /// The body is larger than the cap.
    TooLarge,
}

/// A failed fetch: its kind and the cause in one line (without the URL).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchError {
    /// The kind of failure.
    pub kind: FetchErrorKind,
    /// What exactly went wrong.
    pub cause: String,
}

impl FetchError {
    fn unreachable(cause: impl Into<String>) -> Self {
        Self {
            kind: FetchErrorKind::Unreachable,
            cause: cause.into(),
        }
    }
}

/// Longest part of an error page's first line quoted in a message.
const MAX_QUOTED: usize = 160;

/// GETs `remote`, reading at most `cap` bytes of body; reports progress to `progress`
/// about every 100 ms while waiting and once when done.
pub fn get(
    remote: &Remote,
    insecure: bool,
    cap: u64,
    progress: Option<&ProgressFn>,
) -> Result<Vec<u8>, FetchError> {
    let start = Instant::now();
    let (stop_tx, stop_rx) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        if let Some(report) = progress {
            let report = report.clone();
            let (url, limit) = (remote.url.clone(), remote.deadline());
            scope.spawn(move || {
                let tick = |done| {
                    report(&Progress {
                        url: url.clone(),
                        elapsed: start.elapsed(),
                        limit,
                        done,
                    })
                };
                tick(false);
                while let Err(mpsc::RecvTimeoutError::Timeout) =
                    stop_rx.recv_timeout(Duration::from_millis(100))
                {
                    tick(false);
                }
                tick(true);
            });
        }
        let result = request(remote, insecure, cap);
        drop(stop_tx);
        result
    })
}

fn request(remote: &Remote, insecure: bool, cap: u64) -> Result<Vec<u8>, FetchError> {
    if let Some(port) = super::source::invalid_port(&remote.url) {
        return Err(FetchError::unreachable(format!(
            "invalid port {port} (a port is a number from 1 to 65535)"
        )));
    }
    let tls = ureq::tls::TlsConfig::builder()
        .disable_verification(insecure || remote.insecure)
        .build();
    // No connection is kept for another request: a redirect opens its own, so a server
    // that closes after each answer without saying so is not written to again.
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_idle_connections(0)
        .max_idle_connections_per_host(0)
        .timeout_global(Some(remote.deadline()))
        .http_status_as_error(false)
        .tls_config(tls)
        .user_agent(concat!("memprof-tui/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let response = agent
        .get(&remote.url)
        .call()
        .map_err(|e| FetchError::unreachable(describe(&e, remote)))?;
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let is_html = content_type.contains("text/html");
    let body = response.into_body();
    let announced = body.content_length();
    let mut reader = body.into_reader();
    if !status.is_success() {
        let mut head = Vec::new();
        let _ = (&mut reader).take(4096).read_to_end(&mut head);
        let reason = status.canonical_reason().unwrap_or("");
        let first = first_line(&head);
        let mut cause = format!("server response: {} {reason}", status.as_u16());
        if !first.is_empty() {
            cause = format!("{} - {first}", cause.trim_end());
        }
        return Err(FetchError::unreachable(cause.trim_end()));
    }
    let too_large = || FetchError {
        kind: FetchErrorKind::TooLarge,
        cause: format!("the body is larger than the {cap}-byte cap"),
    };
    // A length over the cap is refused before a byte of the body is read.
    if announced.is_some_and(|n| n > cap) {
        return Err(too_large());
    }
    let body = super::body::read_capped(&mut reader, cap, announced)
        .map_err(|e| FetchError::unreachable(describe_body_error(&e, remote, announced)))?
        .ok_or_else(too_large)?;
    if content_type.contains("json") {
        return Err(FetchError {
            kind: FetchErrorKind::NotProfile,
            cause: "the server sent JSON, not a profile (no profile format is JSON)".to_string(),
        });
    }
    if is_html || looks_like_html(&body) {
        return Err(FetchError {
            kind: FetchErrorKind::NotProfile,
            cause: "the server sent an HTML page, not a profile (name one, e.g. /debug/pprof/heap)"
                .to_string(),
        });
    }
    Ok(body)
}

/// Whether `body` starts, after white space, like an HTML document.
pub(super) fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head: Vec<u8> = body[start..]
        .iter()
        .take(14)
        .map(|b| b.to_ascii_lowercase())
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

/// The first non-empty line of `head`, trimmed and cut to [`MAX_QUOTED`] characters.
pub(super) fn first_line(head: &[u8]) -> String {
    let text = String::from_utf8_lossy(head);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    let mut out: String = line.chars().take(MAX_QUOTED).collect();
    if line.chars().count() > MAX_QUOTED {
        out.push('…');
    }
    out
}

fn describe(e: &ureq::Error, remote: &Remote) -> String {
    let cause = describe_error(e, remote);
    if cause.contains("certificate") {
        format!("{cause} (a self-signed development server? --insecure skips the check)")
    } else {
        cause
    }
}

fn describe_error(e: &ureq::Error, remote: &Remote) -> String {
    match e {
        ureq::Error::Io(io) => describe_io(io, remote),
        ureq::Error::Timeout(_) => timed_out(remote),
        ureq::Error::HostNotFound => "host not found (DNS lookup failed)".to_string(),
        ureq::Error::ConnectionFailed => "connection failed".to_string(),
        ureq::Error::TooManyRedirects => {
            "too many redirects (the server sends the request around in a loop)".to_string()
        }
        other => other.to_string(),
    }
}

fn describe_io(e: &std::io::Error, remote: &Remote) -> String {
    match e.kind() {
        std::io::ErrorKind::ConnectionRefused => "connection refused".to_string(),
        std::io::ErrorKind::TimedOut => timed_out(remote),
        // The system resolver's failure reaches ureq as a plain I/O error.
        _ if e.to_string().contains("lookup address") => {
            format!("host not found (DNS lookup failed: {e})")
        }
        _ => e.to_string(),
    }
}

/// An error while the body was being read: the deadline passed, or the server closed the
/// connection before the end it announced.
fn describe_body_error(
    e: &super::body::BodyError,
    remote: &Remote,
    announced: Option<u64>,
) -> String {
    let timed_out = e.error.kind() == std::io::ErrorKind::TimedOut
        || e.error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>())
            .is_some_and(|u| matches!(u, ureq::Error::Timeout(_)));
    let read = e.read;
    if timed_out {
        return format!(
            "timed out while reading the body ({read} bytes read): no complete profile within {} s (timeout {} s + 5 s; raise it with --timeout)",
            remote.deadline().as_secs(),
            remote.timeout.as_secs()
        );
    }
    if e.error.kind() == std::io::ErrorKind::UnexpectedEof {
        let of = announced.map_or(String::new(), |n| format!(" of {n}"));
        return format!(
            "the server closed the connection before the body ended ({read}{of} bytes read)"
        );
    }
    format!(
        "reading the body ({read} bytes read): {}",
        describe_io(&e.error, remote)
    )
}

fn timed_out(remote: &Remote) -> String {
    format!(
        "no profile within {} s (timeout {} s + 5 s; raise it with --timeout)",
        remote.deadline().as_secs(),
        remote.timeout.as_secs()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_recognised_after_white_space_in_any_case() {
        assert!(looks_like_html(b"\n  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"<HTML><body>"));
        assert!(!looks_like_html(b"\x1f\x8b\x08"));
        assert!(!looks_like_html(
            b"heap profile: 1: 2 [3: 4] @ heap/1048576"
        ));
        assert!(!looks_like_html(b""));
    }

    #[test]
    fn first_line_skips_blank_lines_and_is_capped() {
        assert_eq!(
            first_line(b"\n\n  Unknown profile\nmore"),
            "Unknown profile"
        );
        let long = "x".repeat(500);
        let quoted = first_line(long.as_bytes());
        assert_eq!(quoted.chars().count(), MAX_QUOTED + 1);
        assert!(quoted.ends_with('…'));
        assert_eq!(first_line(b""), "");
    }
}
