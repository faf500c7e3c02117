//! Measures the explorer without a terminal: time from start to the first drawn table,
//! then, for a fixed tour of keys (alloc view, side by side, the call tree both ways,
//! callers/callees, the flame graph with a search, source, moves in each), the UI thread's time per key
//! (handling plus drawing) apart from the background jobs it started, and the peak RSS.
//!
//! ```text
//! cargo run --release --example bench_explorer -- bench-out/large.pb.gz [WIDTHxHEIGHT]
//! ```
//!
//! The app, worker and drawing are the ones `tui::run` uses. The first jobs run on a
//! thread while the first frame is drawn, as in the runtime; after that jobs run inline
//! one after the other (the runtime runs them on worker threads while the UI stays free),
//! so a key's "ui" time is what the user waits for before the screen answers, and "jobs"
//! is how long a "computing …" line is shown. Output: one line per step, tab-separated.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::{Duration, Instant};

use memprof_tui::analysis::SourceLocator;
use memprof_tui::app::input::{Key, KeyCode};
use memprof_tui::app::{App, Command, Event, Start};
use memprof_tui::jobs::{Filtered, Worker};
use memprof_tui::profile::Limits;
use memprof_tui::ui::Theme;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

#[path = "support/rss.rs"]
mod rss;

/// Peak resident set size in KiB.
fn peak_rss_kib() -> u64 {
    rss::rss_kib().0
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1e3)
}

/// The app with a worker run inline, drawing on a test backend.
struct Bench {
    app: App,
    worker: Worker,
    term: Terminal<TestBackend>,
    theme: Theme,
}

impl Bench {
    /// Runs every job among `cmds` (and the jobs their results start); returns the time
    /// spent in jobs and the time spent handling their results on the UI thread.
    fn run(&mut self, cmds: Vec<Command>) -> (Duration, Duration) {
        let (mut jobs, mut ui) = (Duration::ZERO, Duration::ZERO);
        let mut queue: VecDeque<Command> = cmds.into();
        while let Some(c) = queue.pop_front() {
            if let Command::Compute(job) = c {
                let t = Instant::now();
                let done = self.worker.compute(&job);
                jobs += t.elapsed();
                let t = Instant::now();
                // A job withdrawn before it ran (another of its kind asked for) has none.
                if let Some(done) = done {
                    queue.extend(self.app.handle(Event::Done(done)));
                }
                ui += t.elapsed();
            }
        }
        (jobs, ui)
    }

    fn draw(&mut self) -> Duration {
        let t = Instant::now();
        memprof_tui::tui::draw(&mut self.term, &mut self.app, &self.theme).expect("draw");
        t.elapsed()
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: bench_explorer PROFILE [WIDTHxHEIGHT]");
        std::process::exit(2);
    };
    let (w, h) = args
        .next()
        .and_then(|s| {
            let (a, b) = s.split_once('x')?;
            Some((a.parse().ok()?, b.parse().ok()?))
        })
        .unwrap_or((160u16, 48u16));
    let start = Instant::now();
    let p = match memprof_tui::input::load(std::slice::from_ref(&path), &Limits::default()) {
        Ok(p) => Arc::new(p),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(4);
        }
    };
    let unfiltered = Filtered::unfiltered(p.clone());
    let loaded = start.elapsed();
    let t = Instant::now();
    let first = Start {
        sample_index: p.default_sample_index(),
        ..Start::default()
    };
    let (app, cmds) = App::with_start(unfiltered, path.clone(), first);
    let app_new = t.elapsed();
    let cwd = std::env::current_dir().unwrap_or_default();
    let mut b = Bench {
        app,
        worker: Worker::new(SourceLocator::new("", "", &cwd)),
        term: Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
        theme: Theme::new(false),
    };
    let mut cmds = cmds;
    cmds.extend(b.app.handle(Event::Resize(w, h)));
    // As the runtime does: the first jobs run on a worker thread while the UI thread
    // draws the first frame ("computing…").
    let first_jobs: Vec<_> = cmds
        .into_iter()
        .filter_map(|c| match c {
            Command::Compute(job) => Some(job),
            _ => None,
        })
        .collect();
    let side_worker = Worker::new(SourceLocator::new("", "", &cwd));
    let (done, busy_draw, jobs) = std::thread::scope(|s| {
        let worker = s.spawn(|| {
            let t = Instant::now();
            let done: Vec<_> = first_jobs.iter().map(|j| side_worker.compute(j)).collect();
            (done, t.elapsed())
        });
        let busy_draw = b.draw();
        let (done, jobs) = worker.join().expect("worker");
        (done, busy_draw, jobs)
    });
    let t = Instant::now();
    let mut more = Vec::new();
    for d in done.into_iter().flatten() {
        more.extend(b.app.handle(Event::Done(d)));
    }
    let handled = t.elapsed();
    let (more_jobs, ui) = b.run(more);
    let draw = b.draw();
    println!("step\tui_ms\tjobs_ms\tpeak_rss_mib");
    println!("load\t{}\t-\t-", ms(loaded));
    println!(
        "first_table\t{}\t{}\t{}",
        ms(start.elapsed()),
        ms(jobs + more_jobs),
        peak_rss_kib() / 1024
    );
    println!(
        "  (app {} ms, first frame {} ms, draw {} ms)",
        ms(app_new + handled + ui),
        ms(busy_draw),
        ms(draw)
    );
    let tour: &[(&str, KeyCode)] = &[
        ("a alloc view", KeyCode::Char('a')),
        ("j down", KeyCode::Char('j')),
        ("b side by side", KeyCode::Char('b')),
        ("b back", KeyCode::Char('b')),
        ("2 tree", KeyCode::Char('2')),
        ("j down", KeyCode::Char('j')),
        ("Enter expand", KeyCode::Enter),
        ("End last row", KeyCode::End),
        ("r bottom-up", KeyCode::Char('r')),
        ("j down", KeyCode::Char('j')),
        ("Enter expand", KeyCode::Enter),
        ("r top-down", KeyCode::Char('r')),
        ("3 callers/callees", KeyCode::Char('3')),
        ("j down", KeyCode::Char('j')),
        ("4 flame graph", KeyCode::Char('4')),
        ("Right sibling", KeyCode::Right),
        ("Down child", KeyCode::Down),
        ("End last frame", KeyCode::End),
        ("Home first frame", KeyCode::Home),
        ("/ search", KeyCode::Char('/')),
        ("r typed", KeyCode::Char('r')),
        ("u typed", KeyCode::Char('u')),
        ("Enter", KeyCode::Enter),
        ("n next match", KeyCode::Char('n')),
        ("t next type", KeyCode::Char('t')),
        ("5 source", KeyCode::Char('5')),
        ("1 top", KeyCode::Char('1')),
    ];
    for (name, code) in tour {
        let t = Instant::now();
        let cmds = b.app.handle(Event::Key(Key::plain(*code)));
        let handle = t.elapsed();
        let draw_busy = b.draw();
        let (jobs, ui) = b.run(cmds);
        let draw = b.draw();
        println!(
            "{name}\t{}\t{}\t{}",
            ms(handle + draw_busy + ui + draw),
            ms(jobs),
            peak_rss_kib() / 1024
        );
    }
}
