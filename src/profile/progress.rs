//! How far loading has got, as a few shared counters the loader bumps cheaply (relaxed
//! atomics, once per chunk or per batch of samples) and any other thread reads.

use std::sync::atomic::{AtomicU64, Ordering};

use super::limits::human_bytes;

/// Counters of one load (all inputs together), shared with whoever shows progress.
#[derive(Debug, Default)]
pub struct LoadProgress {
    input_bytes: AtomicU64,
    bytes_read: AtomicU64,
    bytes_decompressed: AtomicU64,
    samples_total: AtomicU64,
    samples_decoded: AtomicU64,
    files_total: AtomicU64,
    files_done: AtomicU64,
}

/// One reading of [`LoadProgress`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgressSnapshot {
    /// Size of the input files, when known (0 for stdin).
    pub input_bytes: u64,
    /// Bytes read from the inputs.
    pub bytes_read: u64,
    /// Bytes after decompression.
    pub bytes_decompressed: u64,
    /// Samples the inputs hold, known once they are read (0 before).
    pub samples_total: u64,
    /// Samples decoded so far.
    pub samples_decoded: u64,
    /// Files to merge, when there are several (0 otherwise).
    pub files_total: u64,
    /// Files decoded and merged so far.
    pub files_done: u64,
}

impl LoadProgress {
    /// Fresh counters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the size of an input about to be read.
    pub fn add_input_bytes(&self, n: u64) {
        self.input_bytes.fetch_add(n, Ordering::Relaxed);
    }

    /// Adds bytes read from an input.
    pub fn add_read(&self, n: u64) {
        self.bytes_read.fetch_add(n, Ordering::Relaxed);
    }

    /// Adds decompressed bytes.
    pub fn add_decompressed(&self, n: u64) {
        self.bytes_decompressed.fetch_add(n, Ordering::Relaxed);
    }

    /// Adds the sample count of an input whose bytes are all read.
    pub fn add_samples_total(&self, n: u64) {
        self.samples_total.fetch_add(n, Ordering::Relaxed);
    }

    /// Adds decoded samples.
    pub fn add_samples_decoded(&self, n: u64) {
        self.samples_decoded.fetch_add(n, Ordering::Relaxed);
    }

    /// Adds the number of files about to be merged (a profile's, then its bases').
    pub fn add_files_total(&self, n: u64) {
        self.files_total.fetch_add(n, Ordering::Relaxed);
    }

    /// Counts one more file decoded and merged.
    pub fn add_file_done(&self) {
        self.files_done.fetch_add(1, Ordering::Relaxed);
    }

    /// The counters now.
    pub fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            input_bytes: self.input_bytes.load(Ordering::Relaxed),
            bytes_read: self.bytes_read.load(Ordering::Relaxed),
            bytes_decompressed: self.bytes_decompressed.load(Ordering::Relaxed),
            samples_total: self.samples_total.load(Ordering::Relaxed),
            samples_decoded: self.samples_decoded.load(Ordering::Relaxed),
            files_total: self.files_total.load(Ordering::Relaxed),
            files_done: self.files_done.load(Ordering::Relaxed),
        }
    }
}

impl ProgressSnapshot {
    /// One line for people: "read 3.1 MiB of 6.4 MiB (48%), 12.0 MiB decompressed,
    /// 120000 of 200000 samples decoded"; for several files, "12 of 500 files merged,
    /// read 3.1 MiB, 12.0 MiB decompressed, 120000 samples decoded".
    pub fn summary(&self) -> String {
        if self.files_total > 1 {
            let mut s = format!(
                "{} of {} files merged, read {}",
                self.files_done,
                self.files_total,
                human_bytes(self.bytes_read)
            );
            if self.bytes_decompressed != self.bytes_read {
                s += &format!(", {} decompressed", human_bytes(self.bytes_decompressed));
            }
            return s + &format!(", {} samples decoded", self.samples_decoded);
        }
        let mut s = format!("read {}", human_bytes(self.bytes_read));
        if let Some(pct) =
            (100 * self.bytes_read.min(self.input_bytes)).checked_div(self.input_bytes)
        {
            s += &format!(" of {} ({pct}%)", human_bytes(self.input_bytes));
        }
        if self.bytes_decompressed != self.bytes_read {
            s += &format!(", {} decompressed", human_bytes(self.bytes_decompressed));
        }
        if self.samples_total > 0 {
            s += &format!(
                ", {} of {} samples decoded",
                self.samples_decoded, self.samples_total
            );
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn counters_add_up_across_threads() {
        let p = Arc::new(LoadProgress::new());
        p.add_input_bytes(2048);
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let p = Arc::clone(&p);
                std::thread::spawn(move || {
                    for _ in 0..1000 {
                        p.add_read(1);
                        p.add_decompressed(3);
                        p.add_samples_decoded(2);
                    }
                })
            })
            .collect();
        for w in workers {
            w.join().expect("worker");
        }
        p.add_samples_total(8000);
        let s = p.snapshot();
        assert_eq!(
            s,
            ProgressSnapshot {
                input_bytes: 2048,
                bytes_read: 4000,
                bytes_decompressed: 12000,
                samples_total: 8000,
                samples_decoded: 8000,
                files_total: 0,
                files_done: 0,
            }
        );
        assert_eq!(
            s.summary(),
            "read 3.9 KiB of 2.0 KiB (100%), 11.7 KiB decompressed, 8000 of 8000 samples decoded"
        );
        assert_eq!(ProgressSnapshot::default().summary(), "read 0 B");
        p.add_files_total(500);
        p.add_file_done();
        assert_eq!(
            p.snapshot().summary(),
            "1 of 500 files merged, read 3.9 KiB, 11.7 KiB decompressed, 8000 samples decoded"
        );
    }
}
