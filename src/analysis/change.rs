//! The numbers behind a diff's notice: for each sample type, the net change (what grew
//! minus what shrank) and the total the percentages are shares of (pprof's rule).

use super::facts::Facts;
use crate::profile::{Bases, Profile};

/// One sample type of a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Change {
    /// The sum of all values: the profile's total minus the base's.
    pub net: i64,
    /// What percentages are shares of ([`super::totals::total`]): the base's total for
    /// `-diff_base`, the sum of absolute values for `-base`.
    pub total: i64,
}

/// A diff profile's bases and its numbers per sample type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiffSummary {
    /// The base files and how they were subtracted.
    pub bases: Bases,
    /// Per sample type, in the profile's order.
    pub changes: Vec<Change>,
}

impl DiffSummary {
    /// The summary of `p`, the result of subtracting `bases` (scans every sample: the
    /// explorer makes it from its facts, computed off the UI thread, with [`Self::new`]).
    pub fn of(p: &Profile, bases: Bases) -> Self {
        Self::new(bases, &Facts::of(p))
    }

    /// The summary of a profile whose facts are `facts`, the result of subtracting
    /// `bases`.
    pub fn new(bases: Bases, facts: &Facts) -> Self {
        let changes = facts
            .net
            .iter()
            .zip(&facts.totals)
            .map(|(&net, &total)| Change { net, total })
            .collect();
        Self { bases, changes }
    }

    /// Whether percentages are shares of the base (`-diff_base`).
    pub fn relative_to_base(&self) -> bool {
        self.bases.relative_to_base()
    }

    /// The base files' names, for a header or a sentence.
    pub fn base_names(&self) -> String {
        self.bases.names()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::BaseMode;

    #[test]
    fn net_and_totals_follow_the_mode() {
        let names: Vec<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        let types = [("inuse_space", "bytes")];
        let end = Profile::synthetic(&names, &[(vec![0], vec![100]), (vec![1], vec![10])], &types);
        let mid = Profile::synthetic(&names, &[(vec![0], vec![40]), (vec![1], vec![30])], &types);
        for (mode, total) in [(BaseMode::DiffBase, 70), (BaseMode::Subtract, 80)] {
            let bases = Bases {
                paths: vec!["dir/mid.prof".into()],
                mode,
                normalize: false,
            };
            let d = crate::profile::diff(&end, &mid, mode, false).expect("diff");
            let s = DiffSummary::of(&d, bases);
            assert_eq!(s.changes, vec![Change { net: 40, total }], "{mode:?}");
            assert_eq!(s.base_names(), "mid.prof");
        }
    }
}
