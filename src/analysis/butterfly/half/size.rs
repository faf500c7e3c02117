//! What a butterfly half holds (for the report cache) and the call paths it reads.

use std::sync::Arc;

use super::Half;
use crate::analysis::call_paths::CallPaths;

impl crate::profile::HeapSize for Half {
    /// The sequences, their order and the nodes made so far; not the shared call paths
    /// (nor the scratch space of nodes being made, which goes when they are made).
    fn heap_bytes(&self) -> usize {
        use crate::analysis::mem_size::vec_cap;
        let st = self.store.lock().unwrap_or_else(|e| e.into_inner());
        vec_cap(&self.seqs)
            + vec_cap(&self.order)
            + vec_cap(&st.nodes)
            + vec_cap(&st.cum)
            + vec_cap(&st.flat)
            + vec_cap(&st.inline)
    }
}

impl Half {
    /// The call paths the half reads (shared with the trees).
    pub fn paths(&self) -> &Arc<CallPaths> {
        &self.paths
    }
}
