//! Loading: a background load streams events into the corpus; the tree follows.

use super::{App, FindingsCursor, Mode, SourceView};
use crate::corpus::{self, Change, Corpus, LoadEvent};
use crate::model::{LoadError, Report};
use crate::template::TableId;
use crate::tree::NodeId;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError, channel};
use std::time::{Duration, Instant};

/// How often the tree is rebuilt while reports are still arriving.
const REBUILD_EVERY: Duration = Duration::from_millis(150);

pub(super) struct Loader {
    pub(super) rx: Receiver<LoadEvent>,
    pub(super) cancel: Arc<AtomicBool>,
}

impl Drop for Loader {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl App {
    /// Start loading `root` on a background thread; a load in progress is cancelled and
    /// its results, still in flight, are dropped with its channel.
    pub fn start_loading(&mut self) {
        self.loader = None;
        self.generation += 1;
        let generation = self.generation;
        self.reselect = self
            .current_report()
            .map(|r| r.path.clone())
            .or(self.reselect.take());
        self.auto_open = self.reselect.is_none();
        self.corpus = Corpus::new(self.root.as_deref());
        self.tree.reset();
        self.compare = None;
        self.tree_offset = 0;
        self.current = None;
        self.source = SourceView::default();
        self.findings = FindingsCursor::default();
        let Some(root) = self.root.clone() else {
            self.corpus = Corpus::loaded(None, Vec::new(), Vec::new());
            return;
        };
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let c = cancel.clone();
        let opts = self.load_options();
        let spawned = std::thread::Builder::new()
            .name(format!("nianbao-load-{generation}"))
            .spawn(move || corpus::load_streaming_with(&root, tx, c, &opts));
        match spawned {
            Ok(_) => self.loader = Some(Loader { rx, cancel }),
            Err(e) => {
                self.corpus = Corpus::loaded(self.root.as_deref(), Vec::new(), Vec::new());
                self.message = Some(format!("无法启动载入线程: {e}"));
            }
        }
    }

    /// Apply every load event waiting on the channel. Returns whether anything changed.
    pub fn pump(&mut self) -> bool {
        let mut changed = false;
        for _ in 0..2000 {
            let Some(loader) = &self.loader else { break };
            match loader.rx.try_recv() {
                Ok(ev) => {
                    self.on_load_event(ev);
                    changed = true;
                }
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.on_load_event(LoadEvent::Finished {
                        cancelled: true,
                        cross: Vec::new(),
                    });
                    changed = true;
                }
            }
        }
        if changed || self.tree_dirty {
            // While loading, rebuild the tree at most every REBUILD_EVERY; always once the
            // load has finished.
            let due = self.corpus.progress().finished
                || self
                    .last_rebuild
                    .is_none_or(|t| t.elapsed() >= REBUILD_EVERY);
            if due {
                self.after_data_change();
                self.last_rebuild = Some(Instant::now());
                self.tree_dirty = false;
                return true;
            }
            self.tree_dirty = true;
        }
        changed
    }

    /// Block until the current load has finished (for tests and scripted use), at most
    /// `timeout`. Returns whether it finished.
    pub fn pump_until_loaded(&mut self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        while !self.corpus.progress().finished {
            let Some(loader) = &self.loader else { break };
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            match loader.rx.recv_timeout(left) {
                Ok(ev) => self.on_load_event(ev),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => self.on_load_event(LoadEvent::Finished {
                    cancelled: true,
                    cross: Vec::new(),
                }),
            }
        }
        self.pump();
        self.after_data_change();
        self.corpus.progress().finished
    }

    pub(super) fn on_load_event(&mut self, ev: LoadEvent) {
        match self.corpus.apply(ev) {
            Change::Report(i) => {
                let mark = self.review_mark(i);
                self.tree.set_mark(i, mark);
                let path = &self.corpus.reports[i].path;
                if self.reselect.as_deref() == Some(path.as_str()) {
                    self.reselect = None;
                    self.tree.reveal(&NodeId::Report(i), &self.corpus);
                    self.current = Some(i);
                }
            }
            Change::Finished { cancelled } => {
                self.loader = None;
                self.refresh_marks();
                if cancelled {
                    self.message = Some("载入已取消".to_string());
                }
            }
            Change::Started | Change::Failed | Change::Nothing => {}
        }
    }

    /// Use these reports and failures as a finished load (fixtures, scripted use).
    pub fn load_reports(&mut self, reports: Vec<Report>, failed: Vec<LoadError>) {
        self.loader = None;
        self.generation += 1;
        self.corpus = Corpus::loaded(self.root.as_deref(), reports, failed);
        self.tree.reset();
        self.compare = None;
        self.current = None;
        self.refresh_marks();
        self.after_data_change();
    }

    pub(super) fn after_data_change(&mut self) {
        self.tree.refresh(&self.corpus);
        if self.auto_open {
            self.open_first_report();
        }
        self.overview_if_first();
        self.refresh_overview();
        if self.mode == Mode::Finder {
            self.requery();
        }
        let n = self.findings_len();
        self.findings.selected = self.findings.selected.min(n.saturating_sub(1));
    }

    /// Open the first report of the tree (at start, before the user has pressed a key),
    /// on its table 3.
    pub(super) fn open_first_report(&mut self) {
        let Some(&first) = self.tree.report_order(&self.corpus).first() else {
            return;
        };
        if self.current == Some(first) {
            return;
        }
        self.tree.collapse_all(&self.corpus);
        self.tree.reveal(&NodeId::Report(first), &self.corpus);
        self.tree_offset = 0;
        self.select_table(TableId::T3);
        self.sync_from_tree();
    }
}
