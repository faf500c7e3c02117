//! A misbehaving HTTP server for the adversarial fetch tests: std::net on 127.0.0.1, one
//! thread per connection, each path a way to misbehave. Stops when dropped.

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The running server.
pub struct BadServer {
    /// Its port on 127.0.0.1.
    pub port: u16,
    stop: Arc<AtomicBool>,
}

impl BadServer {
    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for BadServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Starts the server; `profile` is the body of `/profile` (and what `/dying` cuts).
///
/// Paths: `/profile` (the profile, `Content-Type: text/plain`), `/redirect` (302 to
/// `/profile`), `/redirect-loop` (302 to itself), `/html` (an HTML page), `/json` (a JSON
/// error), `/slow-headers` (nothing for 60 s), `/slow-body` (headers and 10 bytes of 1,000,
/// then nothing for 60 s), `/endless` (zeros until the client goes, no length), `/huge`
/// (announces 10 GiB, sends 1 KiB, then nothing), `/dying` (announces the profile's
/// length, sends half of it, closes).
pub fn start(profile: Vec<u8>) -> BadServer {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let profile = Arc::new(profile);
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            if stopped.load(Ordering::SeqCst) {
                break;
            }
            let Ok(conn) = conn else { continue };
            let profile = profile.clone();
            let stopped = stopped.clone();
            std::thread::spawn(move || serve(conn, &profile, &stopped));
        }
    });
    BadServer { port, stop }
}

fn head(status: &str, headers: &[(&str, String)]) -> Vec<u8> {
    let mut s = format!("HTTP/1.1 {status}\r\n");
    for (k, v) in headers {
        s.push_str(&format!("{k}: {v}\r\n"));
    }
    s.push_str("\r\n");
    s.into_bytes()
}

/// Sleeps up to `secs`, in steps, stopping early when the server stops.
fn idle(secs: u64, stopped: &AtomicBool) {
    for _ in 0..secs * 10 {
        if stopped.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn serve(mut conn: TcpStream, profile: &[u8], stopped: &AtomicBool) {
    let mut reader = BufReader::new(conn.try_clone().expect("clone"));
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Skip the request headers.
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == "\r\n" => break,
            Ok(_) => {}
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("/").to_string();
    let path = path.split('?').next().unwrap_or("/");
    let len = |n: usize| ("Content-Length", n.to_string());
    let _ = match path {
        "/profile" => conn
            .write_all(&head(
                "200 OK",
                &[("Content-Type", "text/plain".into()), len(profile.len())],
            ))
            .and_then(|()| conn.write_all(profile)),
        "/redirect" => conn.write_all(&head(
            "302 Found",
            &[("Location", "/profile".into()), len(0)],
        )),
        "/redirect-loop" => conn.write_all(&head(
            "302 Found",
            &[("Location", "/redirect-loop".into()), len(0)],
        )),
        "/html" => {
            let body = b"<!DOCTYPE html><html><body>login</body></html>";
            conn.write_all(&head(
                "200 OK",
                &[("Content-Type", "text/html".into()), len(body.len())],
            ))
            .and_then(|()| conn.write_all(body))
        }
        "/json" => {
            let body = b"{\"error\": \"no such profile\"}";
            conn.write_all(&head(
                "200 OK",
                &[("Content-Type", "application/json".into()), len(body.len())],
            ))
            .and_then(|()| conn.write_all(body))
        }
        "/slow-headers" => {
            idle(60, stopped);
            Ok(())
        }
        "/slow-body" => {
            let r = conn
                .write_all(&head("200 OK", &[len(1000)]))
                .and_then(|()| conn.write_all(&[0x1f; 10]))
                .and_then(|()| conn.flush());
            idle(60, stopped);
            r
        }
        "/endless" => {
            let mut r = conn.write_all(&head("200 OK", &[("Connection", "close".into())]));
            let chunk = vec![0u8; 64 << 10];
            while r.is_ok() && !stopped.load(Ordering::SeqCst) {
                r = conn.write_all(&chunk);
            }
            r
        }
        "/huge" => {
            let r = conn
                .write_all(&head("200 OK", &[len(10 << 30)]))
                .and_then(|()| conn.write_all(&[0u8; 1024]))
                .and_then(|()| conn.flush());
            idle(60, stopped);
            r
        }
        "/dying" => conn
            .write_all(&head("200 OK", &[len(profile.len())]))
            .and_then(|()| conn.write_all(&profile[..profile.len() / 2])),
        _ => conn.write_all(&head("404 Not Found", &[len(0)])),
    };
    let _ = conn.flush();
}
