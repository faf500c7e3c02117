//! Estimates of the heap memory a report holds (its vectors' capacities and its strings,
//! with the allocator's overhead on small buffers), for the explorer's byte-bounded report
//! cache: the reports' [`HeapSize`] (the profile's trait, one measure for the model and
//! the reports), estimates, not allocator statistics.

use std::mem::size_of;

use crate::profile::HeapSize;

/// The bytes of a vector's buffer (its capacity), not of what its elements point to.
pub fn vec<T>(v: &[T]) -> usize {
    std::mem::size_of_val(v)
}

/// The bytes of a vector's buffer, capacity included.
pub fn vec_cap<T>(v: &Vec<T>) -> usize {
    size_of::<T>() * v.capacity()
}

/// What the allocator adds to each small allocation (glibc: a 16-byte header, sizes
/// rounded to 16): counted for the many small buffers of strings and nested lists.
pub const OVERHEAD: usize = 16;

/// The bytes of a list of strings: the list and each string's buffer.
pub fn strings(v: &[String]) -> usize {
    vec(v) + v.iter().map(|s| heap(s.len())).sum::<usize>()
}

/// The bytes of a list of vectors: the list and each vector's buffer.
pub fn nested<T>(v: &[Vec<T>]) -> usize {
    vec(v) + v.iter().map(|x| heap(vec_cap(x))).sum::<usize>()
}

/// A buffer of `n` bytes as the allocator holds it (nothing for an empty one).
pub fn heap(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        n.next_multiple_of(OVERHEAD) + OVERHEAD
    }
}

impl HeapSize for super::nodes::NodeInfo {
    fn heap_bytes(&self) -> usize {
        heap(self.name.len())
            + heap(self.orig_name.len())
            + heap(self.file.len())
            + heap(self.objfile.len())
    }
}

impl HeapSize for super::NodeTable {
    fn heap_bytes(&self) -> usize {
        self.infos.heap_bytes()
            + vec_cap(&self.loc_nodes)
            + vec_cap(&self.loc_start)
            + vec_cap(&self.function_of)
    }
}

impl HeapSize for super::view::TopView {
    fn heap_bytes(&self) -> usize {
        let r = &self.report;
        let rows: usize = r.rows.iter().map(|x| heap(x.name.len())).sum();
        vec_cap(&r.rows)
            + rows
            + strings(&r.labels)
            + r.nodes.heap_bytes()
            + self.pairs.as_ref().map_or(0, vec_cap)
            + self.raw_samples.as_ref().map_or(0, vec_cap)
            + strings(&self.warnings)
    }
}

impl HeapSize for super::histogram::Histogram {
    fn heap_bytes(&self) -> usize {
        vec_cap(&self.buckets)
            + self
                .buckets
                .iter()
                .map(|b| vec_cap(&b.values))
                .sum::<usize>()
            + vec_cap(&self.unlabeled)
    }
}

impl HeapSize for super::source_view::SourceData {
    fn heap_bytes(&self) -> usize {
        use super::source_view::SourceText;
        let text = match &self.text {
            SourceText::Found(p, lines) => p.as_os_str().len() + strings(lines),
            SourceText::Missing(tried) => tried.iter().map(|p| p.as_os_str().len() + 24).sum(),
            SourceText::Unreadable(p, why) => p.as_os_str().len() + why.len(),
        };
        self.func.len() + self.recorded.len() + text + nested(&self.values) + nested(&self.inlined)
    }
}

impl HeapSize for super::growth::GrowthReport {
    fn heap_bytes(&self) -> usize {
        let suspects: usize = self
            .suspects
            .iter()
            .map(|s| heap(s.name.len()) + heap(vec_cap(&s.values)))
            .sum();
        vec_cap(&self.times)
            + vec_cap(&self.totals)
            + self.alloc_rate.as_ref().map_or(0, vec_cap)
            + vec_cap(&self.suspects)
            + suspects
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_buffers_and_what_they_hold() {
        let v: Vec<u64> = Vec::with_capacity(10);
        assert_eq!(vec_cap(&v), 80);
        let s = vec!["abc".to_string(), "de".to_string()];
        assert_eq!(strings(&s), 2 * size_of::<String>() + 2 * 32);
        let n = vec![vec![1u32, 2], vec![3]];
        assert!(nested(&n) >= 2 * size_of::<Vec<u32>>() + 12);
        assert_eq!(heap(2), 32);
        assert_eq!(heap(0), 0);
    }
}
