//! Work off the UI thread: the worker threads that compute reports, and the spinner the
//! status bar turns once one has been computing for a while.

use std::collections::VecDeque;
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use super::{Event, Options, terminal};
use crate::analysis::SourceLocator;
use crate::app::App;
use crate::jobs::{Job, Worker};

/// Worker threads: a long job (a call tree of a large profile) does not hold up a quick
/// one (another table) asked for meanwhile.
const WORKERS: usize = 2;

/// Whether a job builds one of the large reports (a call tree, a butterfly, a sample
/// listing, a refined profile): only one of those runs at a time, so the memory of the
/// work under way stays that of one large report (with both workers on large reports of
/// a million-sample profile, it doubled), and the other worker stays free for tables.
fn is_large(job: &Job) -> bool {
    job.key.is_large()
}

/// The jobs waiting, in the order asked for, and whether a large one is running.
#[derive(Default)]
struct Queue {
    waiting: VecDeque<Job>,
    large_running: bool,
    closed: bool,
}

/// Where the app's jobs go: shared by the worker threads, each taking the first job it
/// may run (a large one only while no other large one runs).
#[derive(Clone, Default)]
pub(super) struct JobQueue(Arc<(Mutex<Queue>, Condvar)>);

impl JobQueue {
    /// Queues `job`.
    pub fn send(&self, job: Job) {
        let (q, ready) = &*self.0;
        if let Ok(mut q) = q.lock() {
            q.waiting.push_back(job);
            ready.notify_all();
        }
    }

    /// The next job to run (withdrawn ones dropped on the way), waiting for one; `None`
    /// once the queue is closed.
    fn next(&self) -> Option<Job> {
        let (q, ready) = &*self.0;
        let mut q = q.lock().ok()?;
        loop {
            if q.closed {
                return None;
            }
            q.waiting.retain(|j| !j.is_withdrawn());
            let busy = q.large_running;
            if let Some(i) = q.waiting.iter().position(|j| !(busy && is_large(j))) {
                let job = q.waiting.remove(i)?;
                if is_large(&job) {
                    q.large_running = true;
                }
                return Some(job);
            }
            q = ready.wait(q).ok()?;
        }
    }

    /// `job` is done: another large job may start.
    fn done(&self, job: &Job) {
        if is_large(job) {
            let (q, ready) = &*self.0;
            if let Ok(mut q) = q.lock() {
                q.large_running = false;
                ready.notify_all();
            }
        }
    }

    /// No more jobs: the workers end.
    pub fn close(&self) {
        let (q, ready) = &*self.0;
        if let Ok(mut q) = q.lock() {
            q.closed = true;
            ready.notify_all();
        }
    }
}

/// Starts the worker threads; jobs sent to the returned queue come back as events, in
/// whatever order they finish.
pub(super) fn spawn_workers(opts: &Options, tx: Sender<Event>) -> JobQueue {
    let queue = JobQueue::default();
    let cwd = std::env::current_dir().unwrap_or_default();
    for _ in 0..WORKERS {
        let locator = SourceLocator::new(&opts.source_path, &opts.trim_path, &cwd);
        let worker = Worker::new(locator);
        let (queue, tx) = (queue.clone(), tx.clone());
        thread::spawn(move || {
            while let Some(job) = queue.next() {
                terminal::test_panic("worker");
                let done = worker.compute(&job);
                queue.done(&job);
                // Its work is over before its result arrives (the cache counts a job
                // under way while a copy of it exists).
                drop(job);
                // A job withdrawn while it ran has no result.
                let Some(done) = done else { continue };
                if tx.send(Event::Done(done)).is_err() {
                    queue.close();
                    break;
                }
            }
        });
    }
    queue
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
