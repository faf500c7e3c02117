//! `D` in the explorer of a running program: the change since the previous fetch (the
//! latest snapshot with the previous one subtracted, pprof's `-diff_base`), and back.

use super::{App, Command, Status};

impl App {
    /// Switches between the latest snapshot and its change since the previous one,
    /// keeping the view; says why when there is no change to show.
    pub(super) fn toggle_change(&mut self) -> Vec<Command> {
        match self.live.change() {
            Some(Ok(_)) => {
                let mut live = self.live.clone();
                live.set_showing_change(!live.showing_change());
                self.show_profile(live)
            }
            Some(Err(e)) => {
                self.status = Some(Status::ChangeUnavailable(e.clone()));
                Vec::new()
            }
            None => {
                self.status = Some(Status::NoChangeYet {
                    live: self.live.compares_snapshots(),
                });
                Vec::new()
            }
        }
    }
}
