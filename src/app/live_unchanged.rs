//! `D` when the latest fetch changed nothing: the change since the previous fetch nets to
//! zero everywhere, and the explorer says so ("no change since the previous fetch"), with the
//! reason when it is known, instead of reading like an empty profile.

use super::App;

/// The change since the previous fetch is empty: the two fetches hold the same samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unchanged {
    /// Why, when it is known.
    pub reason: Option<UnchangedReason>,
}

/// Why two fetches hold the same samples.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnchangedReason {
    /// Both carry the same time stamp: the server sent the same profile again.
    SameProfile,
    /// A heap profile fetched without `gc=1`: it shows the heap as of the last GC, and
    /// none ran between the two fetches.
    NoGc,
}

impl App {
    /// `Some` when the change since the previous fetch is shown and the two fetches hold
    /// the same samples (found off the UI thread with the change: [`same_samples`]).
    pub fn unchanged_fetch(&self) -> Option<Unchanged> {
        if !self.live.showing_change() || !self.live.unchanged() {
            return None;
        }
        let latest = &self.latest_fetch().profile;
        let previous = &self.live.previous()?.profile;
        let same_stamp = previous.time_nanos != 0 && previous.time_nanos == latest.time_nanos;
        let no_gc = self
            .live
            .fetched()
            .iter()
            .any(|f| crate::fetch::is_heap_path(&f.url) && !crate::fetch::asks_gc(&f.url));
        let reason = if same_stamp {
            Some(UnchangedReason::SameProfile)
        } else if no_gc {
            Some(UnchangedReason::NoGc)
        } else {
            None
        };
        Some(Unchanged { reason })
    }
}

/// Whether two fetches hold the same samples: stacks, labels, values, and what the stacks
/// refer to (a short-circuiting comparison, made by the loader beside the change).
pub fn same_samples(a: &crate::profile::Profile, b: &crate::profile::Profile) -> bool {
    a.samples == b.samples
        && a.sample_types == b.sample_types
        && a.locations == b.locations
        && a.lines == b.lines
        && a.functions == b.functions
        && a.strings == b.strings
}
