//! Building a call tree: the paths sorted in the tree's direction (two halves on two
//! threads), the roots and the nodes through many paths made, every function's heaviest
//! node found beside that.

use std::sync::{Arc, Mutex};

use super::{CallPaths, CallTree, Direction, MADE_WITH_THE_TREE, NO_PARENT, heaviest};
use crate::analysis::ids::TreeNodeId;
use crate::analysis::stop::Stop;
use crate::analysis::two_thread_sort::sort_on_two_threads;

/// Builds the tree of `paths` in `direction`: sorts the paths and makes the roots.
pub fn build_from(paths: Arc<CallPaths>, direction: Direction) -> CallTree {
    build_until(paths, direction, Stop::NEVER)
}

/// [`build_from`], given up (partial) once `stop` is requested: between the sort and
/// the making of nodes, and every few thousand nodes and paths after it.
pub fn build_until(paths: Arc<CallPaths>, direction: Direction, stop: Stop<'_>) -> CallTree {
    let negative = (0..paths.num_types())
        .map(|t| (0..paths.len()).any(|i| paths.values(i).get(t).is_some_and(|&v| v < 0)))
        .collect();
    let mut tree = CallTree {
        direction,
        negative,
        num_types: paths.num_types(),
        order: if stop.requested() {
            Vec::new()
        } else {
            sorted(&paths, direction)
        },
        paths,
        store: Mutex::default(),
        heaviest: heaviest::Heaviest::default(),
    };
    if stop.requested() {
        // Stopped during the sort: no node is made.
        tree.order.clear();
    }
    {
        let mut st = tree.lock();
        let (_, roots) = tree.make(&mut st, NO_PARENT, 0, 0, tree.order.len() as u32);
        st.roots = roots;
    }
    // The search for every function's heaviest node runs beside the making of the nodes
    // through many paths: both only read the paths.
    let heaviest = std::thread::scope(|s| {
        let scan = s.spawn(|| heaviest::scan(&tree, stop));
        let mut n = 0;
        while n < tree.made() && !stop.at(n) {
            let x = tree.node(TreeNodeId(n as u32));
            // Roots too: the bottom-up tree shows every function as a root at once.
            if x.is_some_and(|x| x.end - x.start >= MADE_WITH_THE_TREE || x.parent == NO_PARENT) {
                tree.kids(TreeNodeId(n as u32));
            }
            n += 1;
        }
        scan.join().unwrap_or_default()
    });
    tree.heaviest = heaviest;
    tree
}

/// Path indices ordered by their frames in `direction`'s order (two halves sorted on two
/// threads, then merged).
fn sorted(paths: &CallPaths, direction: Direction) -> Vec<u32> {
    let cmp = |&a: &u32, &b: &u32| {
        let (a, b) = (paths.frames(a as usize), paths.frames(b as usize));
        a.cmp_with(b, direction == Direction::BottomUp)
    };
    sort_on_two_threads((0..paths.len() as u32).collect(), cmp)
}
