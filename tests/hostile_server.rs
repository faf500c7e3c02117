//! A misbehaving server and the edges of live mode: slow headers, a body that stalls, an
//! endless body, a body announced larger than the cap, a server that dies half-way, a
//! redirect loop, wrong content types, an invalid port: each one line with its exit code,
//! nothing saved, memory bounded by the cap. In the explorer: stdin cannot be fetched
//! again (said, and the profile kept), and `D` on two identical fetches says there was no
//! change since the previous fetch.

#[path = "support/bad_server.rs"]
mod bad_server;
mod common;

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime};

use common::live::temp_dir;
use common::tmux::Tmux;

fn seed() -> Vec<u8> {
    std::fs::read(common::testdata("profiles/seed-default.prof")).expect("seed profile")
}

fn memprof(args: &[&str], save_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_memprof-tui"))
        .args(args)
        .env("PPROF_TMPDIR", save_dir)
        .env("TZ", "UTC")
        .output()
        .expect("run memprof-tui")
}

/// `--top EXTRA URL` fails with `code` in one line containing `cause`, saving nothing.
fn fails(extra: &[&str], url: &str, code: i32, cause: &str) -> String {
    let dir = temp_dir("bad-server");
    let mut args = vec!["--top"];
    args.extend_from_slice(extra);
    args.push(url);
    let out = memprof(&args, &dir);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "{url}: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    assert!(err.contains(cause), "{url}: expected {cause:?} in {err:?}");
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_dir(&*dir).expect("dir").count(),
        0,
        "nothing saved"
    );
    eprintln!("{}", err.trim_end());
    err
}

#[test]
fn a_profile_under_another_content_type_or_a_redirect_is_read() {
    let s = bad_server::start(seed());
    for path in ["/profile", "/redirect"] {
        let dir = temp_dir("good");
        let out = memprof(&["--top", &s.url(path)], &dir);
        assert!(
            out.status.success(),
            "{path}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("main.main"));
    }
}

#[test]
fn wrong_content_a_redirect_loop_and_an_invalid_port_are_one_line() {
    let s = bad_server::start(seed());
    fails(&[], &s.url("/html"), 4, "HTML page");
    fails(&[], &s.url("/json"), 4, "sent JSON, not a profile");
    fails(&[], &s.url("/redirect-loop"), 3, "redirect");
    fails(&[], "127.0.0.1:99999", 3, "invalid port 99999");
    fails(
        &[],
        "http://127.0.0.1:0/debug/pprof/heap",
        3,
        "invalid port 0",
    );
}

#[test]
fn a_stalled_server_is_named_for_where_it_stalled() {
    let s = bad_server::start(seed());
    fails(
        &["--timeout", "1"],
        &s.url("/slow-headers"),
        3,
        "no profile within 6 s",
    );
    let err = fails(
        &["--timeout", "1"],
        &s.url("/slow-body"),
        3,
        "reading the body",
    );
    assert!(!err.contains("timeout: global"), "{err}");
    assert!(err.contains("6 s"), "{err}");
}

#[test]
fn a_server_dying_half_way_is_one_line() {
    let s = bad_server::start(seed());
    fails(&[], &s.url("/dying"), 3, "closed the connection");
}

/// A body announced larger than the cap is refused before any of it is read, without
/// waiting for the stalled rest.
#[test]
fn a_body_announced_over_the_cap_is_refused_at_once() {
    let s = bad_server::start(seed());
    let start = Instant::now();
    fails(&["--timeout", "20"], &s.url("/huge"), 5, "larger than");
    assert!(
        start.elapsed() < Duration::from_secs(15),
        "waited {:?} for a body it had to refuse",
        start.elapsed()
    );
}

/// An endless body is refused once it is past the cap, and the process never holds much
/// more than the cap (peak RSS of the child, from getrusage).
#[test]
fn an_endless_body_is_refused_past_the_cap_in_bounded_memory() {
    let s = bad_server::start(seed());
    fails(
        &["--max-decompressed-mib", "64"],
        &s.url("/endless"),
        5,
        "larger than",
    );
    // SAFETY: getrusage fills the struct we own.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) },
        0
    );
    let peak_mib = ru.ru_maxrss / 1024;
    eprintln!("peak RSS of the largest child so far: {peak_mib} MiB");
    assert!(
        peak_mib < 64 + 64,
        "peak RSS {peak_mib} MiB for a 64 MiB cap"
    );
}

/// `cat PROFILE | memprof-tui - URL`: `R` cannot read stdin again; it says so and keeps
/// the profile shown.
#[test]
fn stdin_is_not_fetched_again_and_the_profile_is_kept() {
    let Some(t) = Tmux::start_or_skip("stdin-refetch", 130, 30) else {
        return;
    };
    let s = bad_server::start(seed());
    let dir = temp_dir("stdin-refetch");
    t.type_line(&format!(
        "cat {} | PPROF_TMPDIR={} {} - {}; echo EXIT=$?",
        common::testdata("profiles/seed-default.prof").display(),
        dir.display(),
        env!("CARGO_BIN_EXE_memprof-tui"),
        s.url("/profile")
    ));
    t.wait_for("main.main", Duration::from_secs(30));
    let before = t.settled(Duration::from_secs(30));
    t.keys(&["R"]);
    let after = t.wait_for("cannot be read again", Duration::from_secs(30));
    assert!(!after.contains("empty input file"), "{after}");
    let table = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains("runtime.") || l.contains("main."))
            .map(String::from)
            .collect()
    };
    assert_eq!(table(&after), table(&before), "the profile changed");
    t.keys(&["q"]);
    t.wait_for("EXIT=0", Duration::from_secs(30));
}

/// Two identical fetches: `D` shows the (empty) change and says there was no change since
/// the previous fetch, not that no sample has a value.
#[test]
fn d_on_identical_fetches_says_nothing_changed() {
    use memprof_tui::app::live::change_since;
    use memprof_tui::app::{Action, Event, Fetch};
    use memprof_tui::input::FetchedInput;
    use memprof_tui::jobs::Filtered;
    const URL: &str = "http://127.0.0.1:6060/debug/pprof/heap";
    let fetched = || {
        vec![FetchedInput {
            input: URL.into(),
            url: URL.into(),
            saved: Err("not saved".into()),
        }]
    };
    let mut h = common::Harness::new("growth-mid.prof", 140, 36);
    h.app.set_fetched(fetched(), SystemTime::UNIX_EPOCH);
    h.draw();
    let cmds = h.app.update(Action::Refetch);
    assert!(!cmds.is_empty());
    let latest = common::profile("growth-mid.prof");
    let previous = h.app.latest_fetch().clone();
    let change = Some(change_since(&latest, &previous.profile));
    let latest2 = latest.clone();
    h.event(Event::Refetched(Box::new(Ok(Fetch {
        unfiltered: Filtered::unfiltered(latest),
        fetched: fetched(),
        at: SystemTime::UNIX_EPOCH + Duration::from_secs(60),
        change,
        unchanged: memprof_tui::app::live_unchanged::same_samples(&latest2, &previous.profile),
    }))));
    h.act(Action::ToggleChange);
    let screen = h.screen();
    assert!(
        screen.contains("No change since the previous fetch"),
        "{screen}"
    );
    assert!(!screen.contains("non-zero"), "{screen}");
}
