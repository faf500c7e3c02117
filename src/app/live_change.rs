//! `D` in the explorer of a running program: the change since the previous fetch (the
//! latest snapshot with the previous one subtracted, pprof's `-diff_base`), and back —
//! the two snapshots of the fetch swapped, the view kept.

use super::{App, Command, Status};

impl App {
    /// Switches between the latest snapshot and its change since the previous one,
    /// keeping the view; says why when there is no change to show.
    pub(super) fn toggle_change(&mut self) -> Vec<Command> {
        if let Some(other) = self.live.take_other() {
            let showing_change = !self.live.showing_change();
            let (old, cmds) = self.swap(other);
            self.live.park_other(old, showing_change);
            return cmds;
        }
        self.status = Some(match self.live.change_error() {
            Some(e) => Status::ChangeUnavailable(e.to_string()),
            None => Status::NoChangeYet {
                live: self.live.compares_snapshots(),
            },
        });
        Vec::new()
    }
}
