//! What the explorer shows about a whole profile besides its reports — the total of each
//! sample type, a diff's net change, the heap diagnosis, stacks cut at a producer's depth
//! limit — computed together, once per profile, in one pass of jobs off the UI thread.

use super::heap::Diagnosis;
use super::stacks::Truncation;
use crate::profile::Profile;

/// The numbers about a whole profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    /// Per sample type, what percentages are shares of ([`super::totals::total`]).
    pub totals: Vec<i64>,
    /// Per sample type, the sum of all values (a diff's net change).
    pub net: Vec<i64>,
    /// The numbers behind "why does this look empty?" (heap profiles).
    pub diagnosis: Option<Diagnosis>,
    /// Stacks cut at the producer's depth limit, if any.
    pub truncation: Option<Truncation>,
}

impl Facts {
    /// The facts of `p`.
    pub fn of(p: &Profile) -> Self {
        let types = p.sample_types.len();
        let net = (0..types)
            .map(|t| {
                (0..p.samples.len()).fold(0i64, |s, i| {
                    s.wrapping_add(p.samples.values(i).get(t).copied().unwrap_or(0))
                })
            })
            .collect();
        Self {
            totals: (0..types).map(|t| super::totals::total(p, t)).collect(),
            net,
            diagnosis: Diagnosis::of(p),
            truncation: super::stacks::truncation(p),
        }
    }
}
