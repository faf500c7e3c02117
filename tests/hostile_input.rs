//! The keyboard never stalls: a paste is one event (bracketed paste), read whole however
//! long, inserted at once into a prompt (cut at its length cap) and ignored elsewhere;
//! typing recompiles the search at most once per frame; SIGTERM restores the terminal and
//! ends the explorer at once even with 100,000 keys queued. The real binary in tmux, and
//! the app without a terminal.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::Harness;
use common::tmux::Tmux;
use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::prompt::PromptKind;
use memprof_tui::app::{Action, Event};

const T: Duration = Duration::from_secs(30);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_memprof-tui")
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("memprof-input-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Starts the explorer on the seed profile through `sh -c 'echo $$ > PIDFILE; exec …'`;
/// returns its pid once the table is on screen.
fn start(t: &Tmux, dir: &Path) -> u32 {
    let pidfile = dir.join("pid");
    let status = dir.join("status");
    let _ = std::fs::remove_file(&pidfile);
    let _ = std::fs::remove_file(&status);
    t.type_line(&format!(
        "sh -c 'echo $$ > {}; exec {} {}'; s=$?; echo $s > {}; echo EXIT=$s",
        pidfile.display(),
        bin(),
        common::testdata("profiles/seed-default.prof").display(),
        status.display()
    ));
    t.wait_for("main.main", T);
    t.settled(T);
    std::fs::read_to_string(&pidfile)
        .expect("pid file")
        .trim()
        .parse()
        .expect("pid")
}

/// Loads `text` into a tmux buffer and pastes it into the pane: bracketed (`-p`) when the
/// application asked for bracketed paste, else as typed keys.
fn paste(t: &Tmux, dir: &Path, text: &str, bracketed: bool) {
    let file = dir.join("paste.txt");
    std::fs::write(&file, text).expect("paste file");
    t.run(&["load-buffer", &file.display().to_string()]);
    let mut args = vec!["paste-buffer", "-d", "-t", "0"];
    if bracketed {
        args.push("-p");
    }
    t.run(&args);
}

fn alive(pid: u32) -> bool {
    // SAFETY: signal 0 only checks that the process exists.
    unsafe { libc::kill(pid as i32, 0) == 0 }
}

#[test]
fn a_3kb_paste_into_the_search_arrives_whole_and_esc_and_q_still_answer() {
    let Some(t) = Tmux::start_or_skip("paste-3k", 120, 30) else {
        return;
    };
    let dir = temp_dir("paste-3k");
    start(&t, &dir);
    t.keys(&["/"]);
    let text = format!("{}ENDOFPASTE", "x".repeat(3000));
    paste(&t, &dir, &text, true);
    // The whole paste was read: its end is in the prompt, no key needed to get it.
    t.wait_for("ENDOFPASTE", T);
    t.keys(&["Escape"]);
    t.wait_gone("ENDOFPASTE", T);
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn a_100kb_paste_into_each_prompt_is_cut_at_the_cap_and_keys_still_answer() {
    let Some(t) = Tmux::start_or_skip("paste-100k", 120, 30) else {
        return;
    };
    let dir = temp_dir("paste-100k");
    start(&t, &dir);
    for prompt in ["/", ":"] {
        t.keys(&[prompt]);
        paste(&t, &dir, &"main.".repeat(20_000), true);
        t.wait_for("at most 4096 characters", T);
        t.keys(&["Escape"]);
        t.wait_gone("at most 4096 characters", T);
    }
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

#[test]
fn a_paste_outside_a_prompt_is_ignored() {
    let Some(t) = Tmux::start_or_skip("paste-outside", 120, 30) else {
        return;
    };
    let dir = temp_dir("paste-outside");
    let pid = start(&t, &dir);
    // Keys typed one by one would quit ("q") and switch views ("a"); a paste is not keys.
    paste(&t, &dir, "aqqq", true);
    std::thread::sleep(Duration::from_millis(500));
    assert!(alive(pid), "a paste quit the explorer");
    let s = t.screen();
    assert!(s.contains("inuse_space"), "a paste switched the view:\n{s}");
    t.keys(&["q"]);
    t.wait_for("EXIT=0", T);
}

/// SIGTERM, SIGINT and SIGHUP with 100,000 typed keys (a paste the terminal did not
/// bracket) queued behind them in the search prompt: the terminal is restored and the
/// process gone at once. The deadline is 100 ms; the assertion allows 400 ms for a loaded
/// 2-core machine (the times measured are printed).
#[test]
fn a_termination_signal_with_100k_keys_queued_restores_and_exits_at_once() {
    let dir = temp_dir("signal-storm");
    for (name, sig) in [
        ("SIGTERM", libc::SIGTERM),
        ("SIGINT", libc::SIGINT),
        ("SIGHUP", libc::SIGHUP),
    ] {
        // A server of its own each: the keys left in the terminal go to its shell.
        let Some(t) = Tmux::start_or_skip(&format!("signal-{name}"), 120, 30) else {
            return;
        };
        let pid = start(&t, &dir);
        t.keys(&["/"]);
        paste(&t, &dir, &"ab(".repeat(34_000), false);
        std::thread::sleep(Duration::from_millis(300));
        assert!(alive(pid));
        let sent = Instant::now();
        // SAFETY: sending a signal to the child we started.
        unsafe { libc::kill(pid as i32, sig) };
        while alive(pid) && sent.elapsed() < T {
            std::thread::sleep(Duration::from_millis(2));
        }
        let took = sent.elapsed();
        eprintln!("{name} to exit: {took:?}");
        assert!(!alive(pid), "{name}: still running after {took:?}");
        assert!(took < Duration::from_millis(400), "{name}: took {took:?}");
        let status = dir.join("status");
        let waited = Instant::now();
        while !status.exists() && waited.elapsed() < T {
            std::thread::sleep(Duration::from_millis(20));
        }
        std::thread::sleep(Duration::from_millis(50));
        let code = std::fs::read_to_string(&status).expect("exit status");
        assert_eq!(code.trim(), (128 + sig).to_string(), "{name}");
        assert_eq!(t.modes(), "0 0", "{name}: terminal modes left on");
    }
}

// The app without a terminal.

#[test]
fn a_paste_is_one_event_cut_at_the_cap_and_ignored_outside_a_prompt() {
    let mut h = Harness::new("seed-default.prof", 120, 40);
    let before = h.screen();
    h.event(Event::Paste("aqqq".into()));
    assert!(!h.app.should_quit());
    assert_eq!(
        h.screen(),
        before,
        "a paste outside a prompt changed the screen"
    );
    for kind in [PromptKind::Search, PromptKind::Refine] {
        h.act(Action::OpenPrompt(kind));
        h.event(Event::Paste(format!(
            "main\n\t\x1b[2J{}",
            "x".repeat(200_000)
        )));
        let p = h.app.prompt().expect("prompt open");
        assert_eq!(p.text.chars().count(), 4096);
        assert!(
            p.text.starts_with("main[2Jxxx"),
            "controls dropped: {:?}",
            &p.text[..12]
        );
        assert!(p.error.as_deref().is_some_and(|e| e.contains("4096")));
        h.press(&[Key::plain(KeyCode::Esc)]);
        assert!(h.app.prompt().is_none());
    }
}

#[test]
fn typing_compiles_the_search_once_per_frame() {
    use memprof_tui::app::search::compilations;
    let mut h = Harness::new("seed-default.prof", 120, 40);
    h.act(Action::OpenPrompt(PromptKind::Search));
    let before = compilations();
    // 5,000 keys handled as the runtime handles a queue: no frame in between.
    for c in "main.".chars().cycle().take(5000) {
        let cmds = h.app.handle(Event::Key(Key::ch(c)));
        h.run(cmds);
    }
    assert_eq!(compilations(), before, "compiled before the frame");
    assert_eq!(h.app.prompt().expect("prompt").text.chars().count(), 4096);
    h.draw();
    assert_eq!(compilations(), before + 1, "one compilation for the frame");
    h.draw();
    assert_eq!(
        compilations(),
        before + 1,
        "nothing typed, nothing compiled"
    );
    // Accepting right after typing uses what was typed.
    h.press(&[Key::plain(KeyCode::Esc)]);
    h.act(Action::OpenPrompt(PromptKind::Search));
    for c in "encode".chars() {
        let cmds = h.app.handle(Event::Key(Key::ch(c)));
        h.run(cmds);
    }
    let cmds = h.app.handle(Event::Key(Key::plain(KeyCode::Enter)));
    h.run(cmds);
    assert_eq!(h.app.search().map(|s| s.text.as_str()), Some("encode"));
}
