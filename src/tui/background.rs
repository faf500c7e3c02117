//! Work off the UI thread: the worker threads that compute reports, and the spinner the
//! status bar turns once one has been computing for a while.

use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::{Event, Options, terminal};
use crate::analysis::SourceLocator;
use crate::app::App;
use crate::jobs::{Job, Worker};

/// Worker threads: a long job (a call tree of a large profile) does not hold up a quick
/// one (another table) asked for meanwhile.
const WORKERS: usize = 2;

/// Starts the worker threads; jobs sent to the returned channel come back as events, in
/// whatever order they finish.
pub(super) fn spawn_workers(opts: &Options, tx: Sender<Event>) -> Sender<Job> {
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let job_rx = Arc::new(Mutex::new(job_rx));
    let cwd = std::env::current_dir().unwrap_or_default();
    for _ in 0..WORKERS {
        let locator = SourceLocator::new(&opts.source_path, &opts.trim_path, &cwd);
        let worker = Worker::new(locator);
        let (rx, tx) = (job_rx.clone(), tx.clone());
        thread::spawn(move || {
            loop {
                // One thread waits for the next job at a time; the lock is released as
                // soon as it has one.
                let next = rx.lock().map(|r| r.recv());
                let Ok(Ok(job)) = next else { break };
                // Its snapshot or filter set was replaced while it queued: not wanted.
                if job.is_withdrawn() {
                    continue;
                }
                terminal::test_panic("worker");
                if tx.send(Event::Done(worker.compute(&job))).is_err() {
                    break;
                }
            }
        });
    }
    job_tx
}

/// A job must run this long before the spinner shows.
const SPINNER_AFTER: Duration = Duration::from_millis(150);
/// How often the spinner turns.
pub(super) const SPINNER_TICK: Duration = Duration::from_millis(100);

/// Turns the app's spinner on once it has been computing for [`SPINNER_AFTER`], and off
/// when it is idle; `since` is when the current busy spell began.
pub(super) fn update_spinner(app: &mut App, since: &mut Option<Instant>) {
    if app.busy().is_none() {
        *since = None;
    } else if since.is_none() {
        *since = Some(Instant::now());
    }
    let frame = since
        .map(|t| t.elapsed())
        .filter(|&e| e >= SPINNER_AFTER)
        .map(|e| (e.as_millis() / SPINNER_TICK.as_millis()) as u8 % 4);
    app.set_spinner(frame);
}
