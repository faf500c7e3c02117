//! The prompts that write something: save the view under a name, write the refined
//! profile (gzipped profile.proto, as `--proto` writes it) or the focused pane's report
//! (pprof's text, TSV or JSON by the file's extension, as the text reports print it) to a
//! file. The app asks; the runtime writes off the UI thread and answers, and the answer
//! is the status line.

use std::path::PathBuf;

use super::notice::Status;
use super::prompt::{Prompt, PromptKind};
use super::{App, Command, PaneId, UnitMode};
use crate::analysis::view::TableSort;
use crate::analysis::{ReportOptions, SortOrder};
use crate::config::views::SavedView;
use crate::export::{Export, ExportRequest, ReportWhat, format_for};
use crate::report_text::OutputFormat;

/// A file-name stem made of the characters that need no quoting: what a default path is
/// built from (an input's name may hold anything).
fn plain_stem(input: &str) -> String {
    let base = input.rsplit('/').next().unwrap_or(input);
    let stem = base
        .trim_end_matches(".gz")
        .trim_end_matches(".pb")
        .trim_end_matches(".prof")
        .trim_end_matches(".pprof");
    let s: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    let s = s.trim_start_matches(['.', '-']).to_string();
    if s.is_empty() { "profile".into() } else { s }
}

impl App {
    /// Opens a prompt that writes something, with a default to accept or edit.
    pub(super) fn open_explore_prompt(&mut self, kind: PromptKind) {
        if kind == PromptKind::SaveView
            && let Some(why) = &self.explore.views_off
        {
            self.status = Some(Status::Failed(format!("views cannot be saved: {why}")));
            return;
        }
        let stem = plain_stem(self.input_names().first().map_or("", String::as_str));
        let text = match kind {
            PromptKind::ExportProfile => format!("{stem}.refined.pb.gz"),
            PromptKind::ExportPane => format!("{stem}.{}.txt", self.focus.name()),
            _ => String::new(),
        };
        self.search_before_prompt = self.search.clone();
        self.prompt = Some(Prompt::new(kind, &text));
    }

    /// Enter in a prompt that writes something.
    pub(super) fn accept_explore_prompt(&mut self, p: &Prompt) -> Vec<Command> {
        let text = p.text.trim().to_string();
        if text.is_empty() {
            let what = if p.kind == PromptKind::SaveView {
                "type a name for the view"
            } else {
                "type a file name"
            };
            self.set_prompt_error(what);
            return Vec::new();
        }
        self.remember(&text);
        let cmd = match p.kind {
            PromptKind::SaveView => {
                let view: SavedView = self.saved_view(&text);
                Command::SaveView(Box::new(view))
            }
            kind => {
                let path = PathBuf::from(&text);
                if let Some(why) = crate::safe_write::refuse(&path) {
                    self.set_prompt_error(&crate::sanitize::sanitize(&why));
                    return Vec::new();
                }
                let made = if kind == PromptKind::ExportProfile {
                    self.profile_export(path)
                } else {
                    self.pane_export(path)
                };
                match made {
                    Ok(req) => Command::Export(Box::new(req)),
                    Err(e) => {
                        self.set_prompt_error(&e);
                        return Vec::new();
                    }
                }
            }
        };
        self.prompt = None;
        self.status = Some(Status::Note(match &cmd {
            Command::SaveView(v) => format!("saving view {}…", v.name),
            _ => format!("writing {text}…"),
        }));
        vec![cmd]
    }

    /// The refined profile of the set shown, to write at `path`.
    fn profile_export(&self, path: PathBuf) -> Result<ExportRequest, String> {
        let Some(f) = self.snap.jobs().filtered(self.key.filters) else {
            return Err("the refinements are still being applied: try again in a moment".into());
        };
        Ok(ExportRequest {
            path,
            what: Export::Profile {
                profile: f.profile.clone(),
                filtered: f.filters.is_active(),
            },
        })
    }

    /// The options of the reports the text reports print for this view (every row, as
    /// the explorer shows them, unless the command line trimmed them).
    pub fn report_options(&self) -> ReportOptions {
        let trim = self.key.trim;
        ReportOptions {
            granularity: self.key.granularity,
            sort: if self.key.sort == TableSort::Cum {
                SortOrder::Cum
            } else {
                SortOrder::Flat
            },
            node_count: trim.node_count,
            node_fraction: trim.node_fraction(),
            output_unit: match &self.units {
                UnitMode::Report(u) => u.clone(),
                _ => "minimum".into(),
            },
            filters: (*self.filters()).clone(),
            ..ReportOptions::untrimmed(self.key.sample.index())
        }
    }

    /// The focused pane's report, to write at `path` in the format its extension names.
    fn pane_export(&self, path: PathBuf) -> Result<ExportRequest, String> {
        let format = format_for(&path);
        let sel = self
            .selection
            .map(|f| format!("^{}$", regex::escape(&self.func_name(f))));
        let what = match (self.focus, sel) {
            (PaneId::Top, _) => ReportWhat::Top,
            (PaneId::Peek, Some(re)) => ReportWhat::Peek(re),
            (PaneId::Source, Some(re)) => ReportWhat::List(re),
            (PaneId::Peek | PaneId::Source, None) => {
                return Err("select a function first".into());
            }
            (PaneId::Tree | PaneId::Flame, _) => ReportWhat::Traces,
            (PaneId::Growth, _) => {
                return Err(
                    "the growth ranking is written by memprof-tui --growth (--format text, tsv or json) on the same files, or with --watch SECS --count N on the URL".into(),
                );
            }
        };
        if format == OutputFormat::Json && what != ReportWhat::Top {
            return Err("JSON is written for the top table only: use .txt or .tsv".into());
        }
        Ok(ExportRequest {
            path,
            what: Export::Report {
                profile: self.profile().clone(),
                opts: Box::new(self.report_options()),
                what,
                format,
                bases: self.diff().cloned(),
            },
        })
    }

    /// A file was written (or not): the status line says so.
    pub(super) fn written(&mut self, r: Result<String, String>) {
        self.status = Some(match r {
            Ok(done) => Status::Note(done),
            Err(e) => Status::Failed(e),
        });
    }

    /// A view was saved (or not): the list is the file's now.
    pub(super) fn views_saved(&mut self, r: Result<(String, Vec<SavedView>), String>) {
        self.status = Some(match r {
            Ok((name, views)) => {
                self.explore.views = views;
                let key = self
                    .keymap
                    .key_for(&[super::Scope::Global], &super::Action::ShowViews)
                    .unwrap_or_else(|| "show_views".into());
                Status::Note(format!("view {name} saved ({key} lists the saved views)"))
            }
            Err(e) => Status::Failed(format!("view not saved: {e}")),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::plain_stem;

    #[test]
    fn default_names_need_no_quoting() {
        assert_eq!(
            plain_stem("testdata/profiles/seed-default.prof"),
            "seed-default"
        );
        assert_eq!(
            plain_stem("pprof.main.alloc.001.pb.gz"),
            "pprof.main.alloc.001"
        );
        assert_eq!(plain_stem("-rf; $(x)\u{1b}.prof"), "rf____x__");
        assert_eq!(plain_stem(""), "profile");
        assert_eq!(plain_stem("localhost:6060/debug/pprof/heap"), "heap");
    }
}
