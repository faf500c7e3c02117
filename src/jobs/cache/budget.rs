//! The cache's byte budget: what each report holds (estimated), the call paths the trees
//! and butterflies share counted once, and the least recently asked-for reports let go
//! of until the rest fits — never what the view shows now.

use std::collections::HashSet;
use std::sync::Arc;

use super::JobCache;
use crate::jobs::job::{FilterSetId, JobKey, Report};
use crate::profile::HeapSize;

impl JobCache {
    /// Sets the bytes the reports may hold.
    pub fn set_budget(&mut self, bytes: usize) {
        self.budget = bytes;
    }

    /// The bytes the reports may hold.
    pub fn budget(&self) -> usize {
        self.budget
    }

    /// Reports let go of for the budget so far.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }

    /// Marks `keys` as what the view shows now (never evicted) and as just used.
    pub fn want(&mut self, keys: &[JobKey]) {
        self.pinned.clear();
        for &k in keys {
            for k in [k, JobKey::Filter(k.filters())] {
                self.clock += 1;
                self.used.insert(k, self.clock);
                if !self.pinned.contains(&k) {
                    self.pinned.push(k);
                }
            }
        }
    }

    /// Whether `k` is never evicted: the unfiltered profile, the facts, what is shown.
    fn fixed(&self, k: &JobKey) -> bool {
        matches!(k, JobKey::Facts | JobKey::Filter(FilterSetId(0))) || self.pinned.contains(k)
    }

    /// The bytes the reports hold, estimated: each report's own, the call paths shared
    /// by trees and butterflies once, the node tables built for them; not the unfiltered
    /// profile.
    pub fn bytes(&self) -> usize {
        let mut paths = HashSet::new();
        let mut total = 0usize;
        for (k, r) in &self.done {
            let own = match r {
                Report::Tree(_) | Report::Butterfly(_) => r.heap_bytes(),
                _ => self.sizes.get(k).copied().unwrap_or(0),
            };
            total = total.saturating_add(own);
            let shared = match r {
                Report::Tree(t) => Some(t.paths()),
                Report::Butterfly(b) => Some(b.paths()),
                _ => None,
            };
            if let Some(p) = shared
                && paths.insert(Arc::as_ptr(p))
            {
                total = total.saturating_add(p.heap_bytes());
            }
        }
        total
    }

    /// Measures the report of `key` just stored, and its filter set's profile again (a
    /// report at another granularity builds that granularity's node table there).
    pub(super) fn measure(&mut self, key: JobKey) {
        let set = JobKey::Filter(key.filters());
        for k in [key, set] {
            if let Some(r) = self.done.get(&k) {
                self.sizes.insert(k, r.heap_bytes());
            }
        }
    }

    /// Lets go of the least recently used reports until the rest fits the budget (what
    /// is shown stays, even over it); returns whether any went.
    pub fn enforce_budget(&mut self) -> bool {
        self.fit(self.budget)
    }

    /// Before a large report is computed (see [`JobKey::is_large`]) for what is shown:
    /// the reports kept are brought down to three quarters of the budget, the room the
    /// new one and its work take, so that the peak stays near the budget.
    pub fn make_room(&mut self) -> bool {
        let coming = self
            .pinned
            .iter()
            .any(|k| k.is_large() && !self.done.contains_key(k) && !self.pending.contains_key(k));
        coming && self.fit(self.budget / 4 * 3)
    }

    /// Lets go of the least recently used reports until the rest holds at most `limit`
    /// bytes; returns whether any went.
    fn fit(&mut self, limit: usize) -> bool {
        let mut any = false;
        while self.bytes() > limit {
            let victim = self
                .done
                .keys()
                .filter(|k| !self.fixed(k))
                .min_by_key(|k| (self.used.get(k).copied().unwrap_or(0), k.rank()))
                .copied();
            let Some(k) = victim else {
                break;
            };
            self.done.remove(&k);
            self.used.remove(&k);
            self.sizes.remove(&k);
            self.per_function.retain(|x| *x != k);
            self.evicted += 1;
            any = true;
        }
        any
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::analysis::view::TableSort;
    use crate::analysis::{Granularity, SampleIndex, SourceLocator};
    use crate::jobs::job::{FilterSetId, JobKey, SnapshotId, Trim, ViewKey};
    use crate::jobs::{Filtered, JobCache, Worker};
    use crate::profile::Profile;

    fn view(sort: TableSort, g: Granularity) -> JobKey {
        JobKey::View(ViewKey {
            sample: SampleIndex(0),
            granularity: g,
            sort,
            side_by_side: false,
            filters: FilterSetId(0),
            trim: Trim::default(),
        })
    }

    /// A cache over a small profile, with `keys` computed one after another, each asked
    /// for (and so used) in that order.
    fn computed(keys: &[JobKey]) -> JobCache {
        let names: Vec<String> = (0..40).map(|i| format!("pkg.f{i}")).collect();
        let stacks: Vec<(Vec<u32>, Vec<i64>)> = (0..200u32)
            .map(|i| (vec![i % 40, (i * 7) % 40, 0], vec![i64::from(i) + 1]))
            .collect();
        let p = Profile::synthetic(&names, &stacks, &[("alloc_space", "bytes")]);
        let mut cache = JobCache::new(SnapshotId::fresh(), Filtered::unfiltered(Arc::new(p)));
        let worker = Worker::new(SourceLocator::new("", "", std::path::Path::new(".")));
        for &k in keys {
            cache.want(&[k]);
            for job in cache.ensure(k, &Arc::default()) {
                let done = worker.compute(&job);
                cache.finish(done, &[FilterSetId(0)], FilterSetId(0));
            }
            assert!(cache.has(&k));
        }
        cache
    }

    /// Four tables: both orders at two granularities.
    fn four_tables() -> [JobKey; 4] {
        [
            view(TableSort::Flat, Granularity::Functions),
            view(TableSort::Cum, Granularity::Functions),
            view(TableSort::Flat, Granularity::Lines),
            view(TableSort::Cum, Granularity::Lines),
        ]
    }

    #[test]
    fn the_least_recently_used_go_first_and_the_shown_ones_never() {
        let keys = four_tables();
        let mut cache = computed(&keys);
        let all = cache.bytes();
        assert!(all > 0);
        assert!(!cache.enforce_budget(), "the default budget holds them all");
        // The first one is asked for again: the second is now the least recently used.
        cache.want(&[keys[0]]);
        cache.want(&[keys[3]]);
        let second = {
            let mut without = computed(&[keys[0], keys[2], keys[3]]);
            without.set_budget(usize::MAX);
            without.bytes()
        };
        cache.set_budget(second);
        assert!(cache.enforce_budget());
        assert!(!cache.has(&keys[1]), "the least recently used went");
        assert!(cache.has(&keys[0]) && cache.has(&keys[2]) && cache.has(&keys[3]));
        assert_eq!(cache.evicted(), 1);
        assert!(cache.bytes() <= cache.budget());
        // A budget nothing fits: all but what is shown go, and that stays.
        cache.set_budget(1);
        assert!(cache.enforce_budget());
        assert!(cache.has(&keys[3]), "what is shown stays over the budget");
        assert!(!cache.has(&keys[0]) && !cache.has(&keys[2]));
        assert!(cache.has(&JobKey::Filter(FilterSetId(0))));
        assert!(cache.unfiltered().profile.samples.len() == 200);
    }

    #[test]
    fn room_is_made_before_a_large_report_is_computed_for_the_view() {
        use crate::analysis::call_tree::Direction;
        let keys = four_tables();
        let mut cache = computed(&keys);
        cache.set_budget(cache.bytes());
        assert!(!cache.enforce_budget(), "all fit");
        // Another table asked for: no room made (a table is small).
        cache.want(&[keys[3]]);
        assert!(!cache.make_room());
        // A call tree asked for: the reports kept go down to three quarters.
        let tree = JobKey::Tree(Direction::TopDown, FilterSetId(0));
        cache.want(&[keys[3], tree]);
        assert!(cache.make_room());
        assert!(cache.bytes() <= cache.budget() / 4 * 3);
        assert!(cache.has(&keys[3]), "what is shown stays");
        // Once it is under way, no more room is made for it.
        cache.ensure(tree, &Arc::default());
        let before = cache.evicted();
        cache.set_budget(1);
        assert!(!cache.make_room());
        assert_eq!(cache.evicted(), before);
    }

    #[test]
    fn trees_sharing_their_paths_count_them_once() {
        use crate::analysis::call_tree::Direction;
        use crate::profile::HeapSize;
        let down = JobKey::Tree(Direction::TopDown, FilterSetId(0));
        let up = JobKey::Tree(Direction::BottomUp, FilterSetId(0));
        let cache = computed(&[down, up]);
        let (Some(a), Some(b)) = (
            cache.tree(Direction::TopDown, FilterSetId(0)),
            cache.tree(Direction::BottomUp, FilterSetId(0)),
        ) else {
            panic!("both trees computed");
        };
        assert!(Arc::ptr_eq(a.paths(), b.paths()), "one set of paths");
        let paths = a.paths().heap_bytes();
        assert!(paths > 0);
        assert_eq!(cache.bytes(), a.heap_bytes() + b.heap_bytes() + paths);
    }
}
