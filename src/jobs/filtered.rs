//! A profile under one filter set, with its node tables and call paths built on first use
//! (ids shared with the unfiltered tables, so a function keeps its id across refinements;
//! the paths shared by both call-tree directions while one of them is alive).

use std::sync::{Arc, Mutex, OnceLock, Weak};

use crate::analysis::call_paths::CallPaths;
use crate::analysis::filter::{self, Filters};
use crate::analysis::stop::Stop;
use crate::analysis::{Granularity, NodeTable};
use crate::profile::Profile;

/// The profile a job runs on.
#[derive(Debug)]
pub struct Filtered {
    /// The filters applied (none for the unfiltered profile).
    pub filters: Arc<Filters>,
    /// The profile after filtering.
    pub profile: Arc<Profile>,
    /// pprof's warnings about filters that matched nothing.
    pub warnings: Vec<String>,
    tables: [OnceLock<Arc<NodeTable>>; 5],
    /// Every sample's call path at function granularity, for the call trees: held by the
    /// trees, so the paths go when the cache drops the trees.
    paths: Mutex<Weak<CallPaths>>,
    /// The unfiltered profile (None for itself), whose tables give the node ids.
    base: Option<Arc<Filtered>>,
}

fn slot(g: Granularity) -> usize {
    Granularity::ALL.iter().position(|&x| x == g).unwrap_or(0)
}

impl Filtered {
    /// The unfiltered profile, with its functions table built now (the explorer names
    /// every function from it).
    pub fn unfiltered(profile: Arc<Profile>) -> Arc<Self> {
        let f = Arc::new(Self {
            filters: Arc::default(),
            profile,
            warnings: Vec::new(),
            tables: Default::default(),
            paths: Mutex::default(),
            base: None,
        });
        f.table(Granularity::Functions);
        f
    }

    /// `base` (the unfiltered profile) under `filters`; the heavy part of a refinement.
    pub fn filter(base: &Arc<Self>, filters: Arc<Filters>) -> Arc<Self> {
        let root = base.base.clone().unwrap_or_else(|| base.clone());
        if !filters.is_active() {
            return Arc::new(Self {
                filters,
                profile: root.profile.clone(),
                warnings: Vec::new(),
                tables: Default::default(),
                paths: Mutex::default(),
                base: Some(root),
            });
        }
        let (fp, outcome) = filter::filter_profile(&root.profile, &filters);
        Arc::new(Self {
            filters,
            profile: Arc::new(fp),
            warnings: outcome.warnings(),
            tables: Default::default(),
            paths: Mutex::default(),
            base: Some(root),
        })
    }

    /// The unfiltered profile.
    pub fn unfiltered_profile(&self) -> &Arc<Profile> {
        self.base.as_ref().map_or(&self.profile, |b| &b.profile)
    }

    /// Every sample's call path at function granularity: the paths a live tree of this
    /// profile reads, else built now.
    pub fn paths(&self) -> Arc<CallPaths> {
        self.paths_until(Stop::NEVER)
    }

    /// [`Self::paths`], given up once `stop` is requested: partial paths are returned
    /// (for the caller to drop), never kept for another report.
    pub fn paths_until(&self, stop: Stop<'_>) -> Arc<CallPaths> {
        let mut slot = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(p) = slot.upgrade() {
            return p;
        }
        let table = self.table(Granularity::Functions);
        let p = Arc::new(CallPaths::build_until(self.profile.clone(), &table, stop));
        if !stop.requested() {
            *slot = Arc::downgrade(&p);
        }
        p
    }

    /// The call paths if they are built and held (by a live tree or butterfly).
    pub fn live_paths(&self) -> Option<Arc<CallPaths>> {
        let slot = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        slot.upgrade()
    }

    /// The node table at granularity `g` if it is built (by this set or, when shared, the
    /// unfiltered profile).
    pub fn built_table(&self, g: Granularity) -> Option<&Arc<NodeTable>> {
        self.tables[slot(g)].get().or_else(|| {
            let b = self.base.as_ref()?;
            self.profile
                .shares_locations(&b.profile)
                .then(|| b.tables[slot(g)].get())?
        })
    }

    /// The node table at granularity `g` (built on first use).
    pub fn table(&self, g: Granularity) -> Arc<NodeTable> {
        self.table_ref(g).clone()
    }

    /// The functions table (built on first use): the unfiltered one's ids, extended to
    /// the frames a transform made (a collapsed package's `PKG.*`), so every function of
    /// this profile's reports has a name.
    pub fn functions(&self) -> &Arc<NodeTable> {
        self.table_ref(Granularity::Functions)
    }

    fn table_ref(&self, g: Granularity) -> &Arc<NodeTable> {
        self.tables[slot(g)].get_or_init(|| match &self.base {
            None => Arc::new(NodeTable::build(&self.profile, g, "", "", false)),
            // The same locations and lines (focus, ignore, tag filters; show_from and
            // prune_from when they cut no location's lines): the same table.
            Some(b) if self.profile.shares_locations(&b.profile) => b.table(g),
            Some(b) => Arc::new(filter::restrict_table(
                &b.table(g),
                &b.profile,
                &self.profile,
            )),
        })
    }
}

impl Filtered {
    /// What this filter set holds beyond the unfiltered profile: its own profile (when
    /// the filters changed it) and the node tables it does not share; for the unfiltered
    /// profile itself, the node tables built for reports (every granularity but
    /// functions, which the explorer always needs).
    pub fn heap_bytes(&self) -> usize {
        use crate::profile::HeapSize;
        let Some(root) = &self.base else {
            return Granularity::ALL
                .iter()
                .filter(|&&g| g != Granularity::Functions)
                .filter_map(|&g| self.tables[slot(g)].get())
                .map(|t| t.heap_bytes())
                .sum();
        };
        let profile = if Arc::ptr_eq(&root.profile, &self.profile) {
            0
        } else {
            self.profile.owned_bytes()
        };
        let tables: usize = Granularity::ALL
            .iter()
            .filter_map(|&g| self.tables[slot(g)].get().map(|t| (g, t)))
            .filter(|(g, t)| {
                root.tables[slot(*g)]
                    .get()
                    .is_none_or(|r| !Arc::ptr_eq(r, t))
            })
            .map(|(_, t)| t.heap_bytes())
            .sum();
        profile + tables
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::filter::FilterKind;

    /// Call paths given up are never handed to another report; the next asks again.
    #[test]
    fn paths_given_up_are_not_kept() {
        let names = ["main", "a"].map(String::from);
        let p = Profile::synthetic(&names, &[(vec![1, 0], vec![2])], &[("v", "count")]);
        let f = Filtered::unfiltered(Arc::new(p));
        let raised = std::sync::atomic::AtomicBool::new(true);
        let given_up = f.paths_until(Stop::on(&raised));
        assert!(given_up.is_empty() && f.live_paths().is_none());
        let built = f.paths();
        assert_eq!(built.len(), 1);
        assert!(f.live_paths().is_some_and(|p| Arc::ptr_eq(&p, &built)));
    }

    #[test]
    fn a_refinement_keeping_the_locations_reads_the_unfiltered_tables() {
        let names = ["main", "a", "b"].map(String::from);
        let stacks = [(vec![2, 1, 0], vec![5]), (vec![1, 0], vec![3])];
        let p = Profile::synthetic(&names, &stacks, &[("v", "count")]);
        let base = Filtered::unfiltered(Arc::new(p));
        let refine = |kind, text| {
            let mut f = Filters::default();
            f.set(kind, text).expect("valid");
            Filtered::filter(&base, Arc::new(f))
        };
        let g = Granularity::Functions;
        let focus = refine(FilterKind::Focus, "^b$");
        assert_eq!(focus.profile.samples.len(), 1);
        assert!(Arc::ptr_eq(&focus.table(g), &base.table(g)));
        // Hiding empties a location: its own table, the ids still the unfiltered ones.
        let hide = refine(FilterKind::Hide, "^a$");
        assert!(!hide.profile.shares_locations(&base.profile));
        assert!(!Arc::ptr_eq(&hide.table(g), &base.table(g)));
        assert_eq!(hide.table(g).infos, base.table(g).infos);
    }
}
