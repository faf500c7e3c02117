//! The cache's byte budget: what each report holds (estimated), the call paths the trees
//! and butterflies share counted once, the work under way ([`super::under_way`]), and the
//! least recently asked-for reports let go of until the rest fits — never what the view
//! shows now.

use std::collections::HashSet;
use std::sync::Arc;

use super::JobCache;
use crate::analysis::call_paths::CallPaths;
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

    /// Marks `keys` as what the view shows now (never evicted) and as just used; the
    /// requests they replace are withdrawn ([`JobCache::withdraw_replaced`]).
    pub fn want(&mut self, keys: &[JobKey]) {
        self.withdraw_replaced(keys);
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
        self.held().0
    }

    /// [`Self::bytes`], and the call paths counted in it.
    pub(super) fn held(&self) -> (usize, HashSet<*const CallPaths>) {
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
        (total, paths)
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

    /// Lets go of the least recently used reports until they and the work under way fit
    /// the budget (what is shown stays, even over it); returns whether any went. Called
    /// after jobs are started, before they run, so that the room their work takes is
    /// made first.
    pub fn enforce_budget(&mut self) -> bool {
        let mut any = false;
        // Letting a tree go may leave its call paths to a job alone: count again.
        loop {
            let (kept, counted) = self.held();
            if kept.saturating_add(self.under_way_beside(counted)) <= self.budget {
                break;
            }
            if !self.fit_one() {
                break;
            }
            any = true;
        }
        any
    }

    /// Lets go of the least recently used report that is not shown; returns whether
    /// there was one.
    fn fit_one(&mut self) -> bool {
        let victim = self
            .done
            .keys()
            .filter(|k| !self.fixed(k))
            .min_by_key(|k| (self.used.get(k).copied().unwrap_or(0), k.rank()))
            .copied();
        let Some(k) = victim else {
            return false;
        };
        self.done.remove(&k);
        self.used.remove(&k);
        self.sizes.remove(&k);
        self.per_function.retain(|x| *x != k);
        self.evicted += 1;
        true
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::analysis::view::TableSort;
    use crate::analysis::{Granularity, SampleIndex, SourceLocator};
    use crate::jobs::job::{FilterSetId, JobKey, SnapshotId, Trim, ViewKey};
    use crate::jobs::{Filtered, JobCache, Worker};
    use crate::profile::HeapSize;
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
                let done = worker.compute(&job).expect("not withdrawn");
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
    fn the_work_under_way_takes_its_room_from_the_reports_kept_until_it_ends() {
        use crate::analysis::call_tree::Direction;
        let keys = four_tables();
        let mut cache = computed(&keys);
        assert_eq!(cache.under_way_bytes(), 0, "every job ended");
        let kept = cache.bytes();
        // A call tree asked for: its estimate (the call paths and the tree) is under way.
        let tree = JobKey::Tree(Direction::TopDown, FilterSetId(0));
        let estimate = cache.estimate(&tree, &cache.unfiltered().clone());
        cache.set_budget(kept + estimate / 2);
        cache.want(&[keys[3], tree]);
        let jobs = cache.ensure(tree, &Arc::default());
        assert_eq!(jobs.len(), 1);
        assert_eq!(cache.under_way_bytes(), estimate);
        assert!(cache.enforce_budget(), "room made for the tree's work");
        assert!(cache.bytes() + estimate <= cache.budget());
        assert!(cache.has(&keys[3]), "what is shown stays");
        // Withdrawn, it still counts while the worker holds it; once it is dropped (done
        // or skipped), it no longer does.
        cache.park();
        assert_eq!(cache.under_way_bytes(), estimate);
        drop(jobs);
        assert_eq!(cache.under_way_bytes(), 0);
    }

    #[test]
    fn estimates_count_what_is_built_only_once() {
        use crate::analysis::call_tree::Direction;
        let down = JobKey::Tree(Direction::TopDown, FilterSetId(0));
        let up = JobKey::Tree(Direction::BottomUp, FilterSetId(0));
        let lines = view(TableSort::Flat, Granularity::Lines);
        let fresh = computed(&[]);
        let input = fresh.unfiltered().clone();
        let (tree_alone, lines_alone) =
            (fresh.estimate(&up, &input), fresh.estimate(&lines, &input));
        // Once the lines table is built, another order of that table costs its report
        // only; the call paths a shown tree holds are not counted again, but those of a
        // tree that may be let go of are.
        let mut cache = computed(&[lines, down]);
        let input = cache.unfiltered().clone();
        let cum_lines = view(TableSort::Cum, Granularity::Lines);
        assert!(cache.estimate(&cum_lines, &input) < lines_alone);
        assert!(
            cache.estimate(&up, &input) < tree_alone,
            "the tree kept holds them"
        );
        // The other direction started, then the tree holding the paths let go of: the
        // job will build them again, and now counts them.
        let paths = input.live_paths().expect("held by the tree").heap_bytes();
        cache.want(&[up]);
        let jobs = cache.ensure(up, &Arc::default());
        let before = cache.under_way_bytes();
        cache.set_budget(1);
        assert!(cache.enforce_budget());
        assert!(!cache.has(&down));
        assert!(input.live_paths().is_none(), "gone with the tree");
        assert_eq!(cache.under_way_bytes(), before + paths);
        drop(jobs);
        assert_eq!(cache.under_way_bytes(), 0);
        assert_eq!(cache.estimate(&up, &input), tree_alone, "to be built again");
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
