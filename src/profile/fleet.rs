//! Many inputs merged as they are decoded (a fleet: one profile per instance of a
//! service). The first input is decoded first: its sample types are what every other
//! must have. Then a few worker threads each take a run of consecutive inputs, decode
//! them one at a time and fold each into a merge of their own, dropping it; the calling
//! thread folds those merges in input order. Merging is associative, so the result is
//! the sequential merge, and memory grows with the merged profile, not with the inputs.
//!
//! Errors are those of the sequential loader: the first input (in order) that cannot be
//! read or decoded, else the first that cannot be merged with the first input.

use std::collections::BTreeMap;
use std::sync::{Condvar, Mutex};

use super::error::LoadError;
use super::merge::{Header, compatible, with_headers};
use super::merge_fold::Merger;
use super::model::Profile;
use super::progress::LoadProgress;

/// What a worker made of one run of inputs.
#[derive(Default)]
struct Run {
    merged: Option<Profile>,
    headers: Vec<Header>,
    /// The first input of the run that failed to load, and why.
    load_error: Option<LoadError>,
    /// The first input of the run that cannot be merged (it was still decoded, since a
    /// later input that fails to load takes precedence).
    merge_error: Option<LoadError>,
}

/// Shared between the workers and the thread folding their runs.
struct Shared {
    next_run: usize,
    /// Runs folded so far: workers stay a few runs ahead of this.
    folded: usize,
    /// No input past this one needs loading (one before it failed to load).
    stop_after: usize,
    done: BTreeMap<usize, Run>,
    /// A worker panicked: nothing more will come (the panic is raised when the workers
    /// are joined).
    panicked: bool,
}

/// How one input is read and decoded (the input layer's business: this one knows no
/// file names).
pub type DecodeFn<'a> = &'a (dyn Fn(&str) -> Result<Profile, LoadError> + Sync);

/// Loads and merges `inputs` (two or more local files or streams) in parallel, each
/// decoded by `decode`; the result is not yet demangled or pruned.
pub fn load_merged(
    inputs: &[String],
    decode: DecodeFn<'_>,
    progress: &LoadProgress,
) -> Result<Profile, LoadError> {
    progress.add_files_total(inputs.len() as u64);
    let first = decode(&inputs[0])?;
    progress.add_file_done();
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(inputs.len() - 1)
        .max(1);
    let rest = inputs.len() - 1;
    let run_len = (rest / (threads * 4)).clamp(1, 32);
    let runs = rest.div_ceil(run_len);
    let window = 2 * threads;
    let shared = Mutex::new(Shared {
        next_run: 0,
        folded: 0,
        stop_after: usize::MAX,
        done: BTreeMap::new(),
        panicked: false,
    });
    let wake = Condvar::new();
    let range = |r: usize| 1 + r * run_len..(1 + (r + 1) * run_len).min(inputs.len());

    let mut merger = Merger::new(&first.sample_types);
    merger.fold(&first);
    let mut headers = vec![Header::of(&first)];
    let mut merge_error: Option<LoadError> = None;
    let result = std::thread::scope(|scope| -> Result<(), LoadError> {
        for _ in 0..threads {
            scope.spawn(|| {
                let work = std::panic::AssertUnwindSafe(|| {
                    worker(
                        inputs, &first, decode, progress, &shared, &wake, runs, window, &range,
                    )
                });
                if let Err(panic) = std::panic::catch_unwind(work) {
                    lock(&shared).panicked = true;
                    wake.notify_all();
                    std::panic::resume_unwind(panic);
                }
            });
        }
        let outcome = (|| {
            for r in 0..runs {
                let run = {
                    let mut s = lock(&shared);
                    loop {
                        if let Some(run) = s.done.remove(&r) {
                            s.folded = r + 1;
                            wake.notify_all();
                            break run;
                        }
                        if s.panicked {
                            return Ok(());
                        }
                        s = wake.wait(s).unwrap_or_else(|e| e.into_inner());
                    }
                };
                if let Some(e) = run.load_error {
                    return Err(e);
                }
                if merge_error.is_none() {
                    merge_error = run.merge_error;
                }
                if merge_error.is_none()
                    && let Some(p) = &run.merged
                {
                    merger.fold(p);
                    headers.extend(run.headers);
                }
            }
            Ok(())
        })();
        // Whatever happened, let the workers finish.
        let mut s = lock(&shared);
        s.stop_after = 0;
        s.folded = usize::MAX / 2;
        wake.notify_all();
        drop(s);
        outcome
    });
    result?;
    if let Some(e) = merge_error {
        return Err(e);
    }
    Ok(with_headers(merger.finish(), &headers))
}

fn lock(m: &Mutex<Shared>) -> std::sync::MutexGuard<'_, Shared> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Takes runs of inputs until there are none left, merging each into a [`Run`].
#[allow(clippy::too_many_arguments)]
fn worker(
    inputs: &[String],
    first: &Profile,
    decode: DecodeFn<'_>,
    progress: &LoadProgress,
    shared: &Mutex<Shared>,
    wake: &Condvar,
    runs: usize,
    window: usize,
    range: &(dyn Fn(usize) -> std::ops::Range<usize> + Sync),
) {
    loop {
        let r = {
            let mut s = lock(shared);
            while s.next_run < runs && s.next_run >= s.folded + window {
                s = wake.wait(s).unwrap_or_else(|e| e.into_inner());
            }
            if s.next_run >= runs || range(s.next_run).start > s.stop_after {
                return;
            }
            s.next_run += 1;
            s.next_run - 1
        };
        let mut run = Run::default();
        let mut merger: Option<Merger> = None;
        for i in range(r) {
            if i > lock(shared).stop_after {
                break;
            }
            let p = match decode(&inputs[i]) {
                Ok(p) => p,
                Err(e) => {
                    run.load_error = Some(e);
                    let mut s = lock(shared);
                    s.stop_after = s.stop_after.min(i);
                    break;
                }
            };
            progress.add_file_done();
            if run.merge_error.is_some() {
                continue;
            }
            if let Err(m) = compatible(&inputs[0], first, &inputs[i], &p) {
                run.merge_error = Some(LoadError::invalid(&inputs[i], m));
                continue;
            }
            merger
                .get_or_insert_with(|| Merger::new(&first.sample_types))
                .fold(&p);
            run.headers.push(Header::of(&p));
        }
        run.merged = merger.map(Merger::finish);
        let mut s = lock(shared);
        s.done.insert(r, run);
        wake.notify_all();
    }
}
