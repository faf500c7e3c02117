//! A long computation's way out: the caller's flag, raised when the result is no longer
//! wanted, read between steps and every few thousand items by the report builders. A
//! stopped build returns early with a partial result, which its caller must drop.

use std::sync::atomic::{AtomicBool, Ordering};

/// Whether to stop: a flag someone else may raise, or none (never stop).
#[derive(Clone, Copy, Debug, Default)]
pub struct Stop<'a>(Option<&'a AtomicBool>);

/// How many items a loop handles between two reads of the flag.
pub const EVERY: usize = 4096;

impl<'a> Stop<'a> {
    /// Never stops: the command line's reports, and every build whose result is kept.
    pub const NEVER: Stop<'static> = Stop(None);

    /// Stops once `flag` is raised.
    pub fn on(flag: &'a AtomicBool) -> Self {
        Self(Some(flag))
    }

    /// Whether the result is no longer wanted.
    #[inline]
    pub fn requested(self) -> bool {
        self.0.is_some_and(|f| f.load(Ordering::Relaxed))
    }

    /// Whether the loop at item `i` should stop: the flag is read every [`EVERY`] items.
    #[inline]
    pub fn at(self, i: usize) -> bool {
        i.is_multiple_of(EVERY) && self.requested()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raised_flag_stops_and_never_does_not() {
        let flag = AtomicBool::new(false);
        let stop = Stop::on(&flag);
        assert!(!stop.requested() && !stop.at(0));
        flag.store(true, Ordering::Relaxed);
        assert!(stop.requested());
        assert!(stop.at(0) && stop.at(EVERY) && !stop.at(1));
        assert!(!Stop::NEVER.requested() && !Stop::NEVER.at(0));
    }

    /// Each report builder reads the flag: raised before it starts, it makes nothing;
    /// never raised, the same report as without one.
    #[test]
    fn the_builders_give_up_at_a_raised_flag() {
        use std::sync::Arc;

        use crate::analysis::butterfly::{Butterfly, Side};
        use crate::analysis::call_paths::CallPaths;
        use crate::analysis::call_tree::{self, Direction};
        use crate::analysis::ids::FuncId;
        use crate::analysis::nodes::NodeTable;
        use crate::analysis::options::Granularity;
        use crate::profile::Profile;

        let names = ["main", "a", "b"].map(String::from);
        let stacks = [(vec![2, 1, 0], vec![5]), (vec![1, 0], vec![3])];
        let p = Arc::new(Profile::synthetic(&names, &stacks, &[("v", "count")]));
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        let raised = AtomicBool::new(true);
        let stopped = Stop::on(&raised);
        assert!(CallPaths::build_until(p.clone(), &table, stopped).is_empty());
        let paths = Arc::new(CallPaths::build_until(p.clone(), &table, Stop::NEVER));
        assert_eq!(paths.len(), 2);
        let tree = call_tree::build_until(paths.clone(), Direction::TopDown, stopped);
        assert_eq!(tree.roots().count(), 0);
        let tree = call_tree::build_until(paths.clone(), Direction::TopDown, Stop::NEVER);
        assert_eq!(tree.roots().count(), 1);
        let a = FuncId(table.infos.iter().position(|i| i.name == "a").expect("a") as u32);
        let half = |b: &Butterfly| {
            let h = b.half(Side::Callers);
            h.cum(h.root(), 0)
        };
        assert_eq!(half(&Butterfly::build_until(paths.clone(), a, stopped)), 0);
        assert_eq!(half(&Butterfly::build_until(paths, a, Stop::NEVER)), 8);
        let view = |stop| {
            let o = crate::analysis::options::ReportOptions::untrimmed(0);
            let sort = crate::analysis::view::TableSort::Flat;
            crate::analysis::view::top_view(&p, &p, &table, &o, sort, false, stop)
        };
        assert!(view(stopped).report.rows.is_empty());
        assert_eq!(view(Stop::NEVER).report.rows.len(), 3);
    }
}
