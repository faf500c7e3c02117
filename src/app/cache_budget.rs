//! The report cache's budget as the app applies it: the budget set from `--cache-mib`,
//! reports let go of past it (the work under way counted in), and the panes not shown
//! releasing theirs (their places kept by call path) so that what the cache let go of is
//! freed.

use super::App;
use super::pane::PaneId;

impl App {
    /// Lets go of the least recently used reports past the cache's budget, less the work
    /// under way (so a job just started has its room before it runs); the panes not shown
    /// let go of theirs too (their places kept as call paths and names).
    pub(super) fn fit_budget(&mut self) {
        if self.snap.jobs_mut().enforce_budget() {
            self.release_hidden_panes();
        }
    }

    /// The panes not focused let go of their reports (which may have been let go of by
    /// the cache), keeping their places.
    fn release_hidden_panes(&mut self) {
        for id in PaneId::ALL {
            if id != self.focus {
                self.panes.get_mut(id).release();
            }
        }
    }

    /// Bounds the reports kept to about `bytes` (estimated; what is shown always stays).
    pub fn set_cache_budget(&mut self, bytes: usize) {
        self.cache_budget = bytes;
        self.snap.jobs_mut().set_budget(bytes);
    }
}
