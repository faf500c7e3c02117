//! The call tree against a brute-force computation on random small profiles: every path's
//! cum is the sum of the samples whose stack starts with it (ends with it, bottom-up),
//! counted once per sample, and flat is the samples that end exactly there; the heaviest
//! node of a function found without making the tree equals the best of all its nodes.

mod common;

use memprof_tui::analysis::call_tree::{Direction, build};
use memprof_tui::analysis::{Granularity, NodeTable};
use memprof_tui::profile::Profile;
use proptest::prelude::*;

fn profile(funcs: usize, stacks: &[(Vec<u32>, i64)]) -> Profile {
    let stacks: Vec<(Vec<u32>, Vec<i64>)> =
        stacks.iter().map(|(s, v)| (s.clone(), vec![*v])).collect();
    common::synthetic_profile(funcs, &stacks, &["v"])
}

fn stacks() -> impl Strategy<Value = (usize, Vec<(Vec<u32>, i64)>)> {
    (2usize..6).prop_flat_map(|funcs| {
        let stack = (proptest::collection::vec(0..funcs as u32, 1..7), 1i64..1000);
        (Just(funcs), proptest::collection::vec(stack, 1..25))
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn tree_values_equal_brute_force((funcs, stacks) in stacks()) {
        let p = std::sync::Arc::new(profile(funcs, &stacks));
        let table = NodeTable::build(&p, Granularity::Functions, "", "", false);
        for dir in [Direction::TopDown, Direction::BottomUp] {
            let tree = build(&p, &table, dir);
            // Stacks are leaf first; paths run root first (top-down) or leaf first.
            let paths: Vec<(Vec<u32>, i64)> = stacks.iter().map(|(s, v)| {
                let mut frames: Vec<u32> = s.clone();
                if dir == Direction::TopDown { frames.reverse(); }
                (frames, *v)
            }).collect();
            for n in tree.node_ids() {
                let path: Vec<u32> = tree.path(n).iter().map(|f| f.0).collect();
                let cum: i64 = paths.iter().filter(|(f, _)| f.starts_with(&path)).map(|(_, v)| v).sum();
                prop_assert_eq!(tree.cum(n, 0), cum, "cum of {:?}", path);
                let flat: i64 = if dir == Direction::TopDown {
                    paths.iter().filter(|(f, _)| *f == path).map(|(_, v)| v).sum()
                } else if path.len() == 1 {
                    cum
                } else {
                    0
                };
                prop_assert_eq!(tree.flat(n, 0), flat, "flat of {:?}", path);
                prop_assert_eq!(tree.find_path(&tree.path(n)), Some(n));
            }
            // The heaviest node of each function: the largest |cum|, then the shallowest.
            for f in 0..table.infos.len() as u32 {
                let f = memprof_tui::analysis::FuncId(f);
                let want = tree
                    .node_ids()
                    .filter(|&n| tree.frame(n) == Some(f) && tree.cum(n, 0) != 0)
                    .map(|n| (tree.cum(n, 0).abs(), std::cmp::Reverse(tree.depth(n))))
                    .max();
                let got = tree
                    .heaviest_of(f, 0)
                    .map(|n| (tree.cum(n, 0).abs(), std::cmp::Reverse(tree.depth(n))));
                prop_assert_eq!(got, want, "heaviest of {:?}", f);
            }
            // Every sample is under exactly one root.
            let total: i64 = stacks.iter().map(|(_, v)| v).sum();
            let roots: i64 = tree.roots().map(|r| tree.cum(r, 0)).sum();
            prop_assert_eq!(roots, total);
        }
    }
}
