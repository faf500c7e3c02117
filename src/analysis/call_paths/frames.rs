//! The frames column of the call paths: two bytes a frame when every frame id fits (a
//! profile of up to 65,536 functions or lines), four otherwise — half the memory of the
//! largest report of a big profile — read through one borrowed view.

use std::cmp::Ordering;

/// Every path's frames, one after another.
#[derive(Debug)]
pub(super) enum Column {
    Narrow(Vec<u16>),
    Wide(Vec<u32>),
}

impl Column {
    /// An empty column for frame ids below `ids`.
    pub fn for_ids(ids: usize) -> Self {
        if ids <= usize::from(u16::MAX) + 1 {
            Self::Narrow(Vec::new())
        } else {
            Self::Wide(Vec::new())
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Self::Narrow(v) => v.len(),
            Self::Wide(v) => v.len(),
        }
    }

    /// Appends `f` (below the `ids` the column was made for).
    pub fn push(&mut self, f: u32) {
        match self {
            Self::Narrow(v) => v.push(f as u16),
            Self::Wide(v) => v.push(f),
        }
    }

    pub fn truncate(&mut self, n: usize) {
        match self {
            Self::Narrow(v) => v.truncate(n),
            Self::Wide(v) => v.truncate(n),
        }
    }

    pub fn shrink_to_fit(&mut self) {
        match self {
            Self::Narrow(v) => v.shrink_to_fit(),
            Self::Wide(v) => v.shrink_to_fit(),
        }
    }

    /// The largest frame id, if any.
    pub fn max(&self) -> Option<u32> {
        match self {
            Self::Narrow(v) => v.iter().max().map(|&f| u32::from(f)),
            Self::Wide(v) => v.iter().max().copied(),
        }
    }

    /// Heap bytes held.
    pub fn heap_bytes(&self) -> usize {
        match self {
            Self::Narrow(v) => v.capacity() * 2,
            Self::Wide(v) => v.capacity() * 4,
        }
    }

    /// Entries `a..b`.
    pub fn slice(&self, a: usize, b: usize) -> Frames<'_> {
        match self {
            Self::Narrow(v) => Frames::Narrow(&v[a..b]),
            Self::Wide(v) => Frames::Wide(&v[a..b]),
        }
    }
}

/// The frames of one path (or part of one), root first.
#[derive(Clone, Copy, Debug)]
pub enum Frames<'a> {
    /// Frame ids of two bytes.
    Narrow(&'a [u16]),
    /// Frame ids of four bytes.
    Wide(&'a [u32]),
}

impl<'a> Frames<'a> {
    /// Number of frames.
    pub fn len(self) -> usize {
        match self {
            Self::Narrow(v) => v.len(),
            Self::Wide(v) => v.len(),
        }
    }

    /// Whether there is no frame.
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Frame `k`, if there is one.
    pub fn get(self, k: usize) -> Option<u32> {
        match self {
            Self::Narrow(v) => v.get(k).map(|&f| u32::from(f)),
            Self::Wide(v) => v.get(k).copied(),
        }
    }

    /// Frames `a..b` (clamped to the frames there are).
    pub fn range(self, a: usize, b: usize) -> Self {
        let b = b.min(self.len());
        let a = a.min(b);
        match self {
            Self::Narrow(v) => Self::Narrow(&v[a..b]),
            Self::Wide(v) => Self::Wide(&v[a..b]),
        }
    }

    /// The frames in order.
    pub fn iter(self) -> Iter<'a> {
        match self {
            Self::Narrow(v) => Iter::Narrow(v.iter()),
            Self::Wide(v) => Iter::Wide(v.iter()),
        }
    }

    /// Compares frame by frame, root first (`rev`: leaf first).
    pub fn cmp_with(self, other: Self, rev: bool) -> Ordering {
        match (self, other, rev) {
            (Self::Narrow(a), Self::Narrow(b), false) => a.cmp(b),
            (Self::Narrow(a), Self::Narrow(b), true) => a.iter().rev().cmp(b.iter().rev()),
            (Self::Wide(a), Self::Wide(b), false) => a.cmp(b),
            (Self::Wide(a), Self::Wide(b), true) => a.iter().rev().cmp(b.iter().rev()),
            (a, b, false) => a.iter().cmp(b.iter()),
            (a, b, true) => a.iter().rev().cmp(b.iter().rev()),
        }
    }

    /// How many frames the two share from the root (`rev`: from the leaf).
    pub fn common(self, other: Self, rev: bool) -> usize {
        fn run<T: PartialEq>(a: &[T], b: &[T], rev: bool) -> usize {
            if rev {
                a.iter()
                    .rev()
                    .zip(b.iter().rev())
                    .take_while(|(x, y)| x == y)
                    .count()
            } else {
                a.iter().zip(b).take_while(|(x, y)| x == y).count()
            }
        }
        match (self, other) {
            (Self::Narrow(a), Self::Narrow(b)) => run(a, b, rev),
            (Self::Wide(a), Self::Wide(b)) => run(a, b, rev),
            (a, b) => {
                let (x, y): (Vec<u32>, Vec<u32>) = (a.iter().collect(), b.iter().collect());
                run(&x, &y, rev)
            }
        }
    }
}

/// The frames of a path, as ids.
#[derive(Clone, Debug)]
pub enum Iter<'a> {
    /// Over two-byte ids.
    Narrow(std::slice::Iter<'a, u16>),
    /// Over four-byte ids.
    Wide(std::slice::Iter<'a, u32>),
}

impl Iterator for Iter<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match self {
            Self::Narrow(i) => i.next().map(|&f| u32::from(f)),
            Self::Wide(i) => i.next().copied(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self {
            Self::Narrow(i) => i.size_hint(),
            Self::Wide(i) => i.size_hint(),
        }
    }
}

impl DoubleEndedIterator for Iter<'_> {
    fn next_back(&mut self) -> Option<u32> {
        match self {
            Self::Narrow(i) => i.next_back().map(|&f| u32::from(f)),
            Self::Wide(i) => i.next_back().copied(),
        }
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_and_wide_read_alike() {
        let mut n = Column::for_ids(10);
        let mut w = Column::for_ids(100_000);
        assert!(matches!(n, Column::Narrow(_)) && matches!(w, Column::Wide(_)));
        for f in [3, 1, 4, 1, 5] {
            n.push(f);
            w.push(f);
        }
        let (a, b) = (n.slice(0, 5), w.slice(0, 5));
        assert_eq!(a.iter().collect::<Vec<_>>(), b.iter().collect::<Vec<_>>());
        assert_eq!(a.get(2), Some(4));
        assert_eq!(b.get(9), None);
        assert_eq!(a.cmp_with(b, false), Ordering::Equal);
        assert_eq!(a.range(0, 2).cmp_with(b.range(0, 3), false), Ordering::Less);
        assert_eq!(a.range(1, 5).common(b.range(1, 3), false), 2);
        assert_eq!(a.range(0, 4).common(b.range(2, 4), true), 2);
        assert_eq!(n.max(), Some(5));
        assert!(n.heap_bytes() < w.heap_bytes());
    }
}
