//! Building the tree's rows: agencies grouped and sorted, each expanded agency's reports,
//! sections and tables, the failed files last.

use super::*;

impl Tree {
    /// Reports by agency (the corpus's agency identity, so `海东市循化县` and
    /// `循化县人民政府` are one node), filtered and sorted.
    pub(super) fn groups(&self, c: &Corpus) -> Vec<(String, Vec<ReportIx>, Counts)> {
        let reports = &c.reports;
        let mut agencies: BTreeMap<String, Vec<ReportIx>> = BTreeMap::new();
        for i in c.ixs() {
            agencies.entry(c.agency(i).to_string()).or_default().push(i);
        }
        let report_counts: Vec<Counts> =
            reports.iter().map(|r| counts(r.findings.iter())).collect();
        let mut groups: Vec<(String, Vec<ReportIx>, Counts)> = agencies
            .into_iter()
            .filter_map(|(name, mut idx)| {
                if self.only_errors {
                    idx.retain(|&i| report_counts[i.get()].errors > 0);
                }
                if self.only_undecided {
                    idx.retain(|&i| self.mark(i).undecided > 0);
                }
                if let Some(f) = &self.only {
                    idx.retain(|i| f.reports.contains(i));
                }
                if idx.is_empty() {
                    return None;
                }
                idx.sort_by_key(|&i| {
                    (
                        reports[i].year.as_ref().map(|y| y.value),
                        reports[i].path.clone(),
                    )
                });
                let c = Counts {
                    errors: idx.iter().map(|&i| report_counts[i.get()].errors).sum(),
                    warnings: idx.iter().map(|&i| report_counts[i.get()].warnings).sum(),
                };
                Some((name, idx, c))
            })
            .collect();
        // By name: in pinyin order of the names shown (the map's order is code points).
        groups.sort_by_cached_key(|g| crate::agency::pinyin_key(crate::agency::short_name(&g.0)));
        if self.sort == SortBy::Errors {
            groups.sort_by(|a, b| {
                b.2.errors
                    .cmp(&a.2.errors)
                    .then(b.2.warnings.cmp(&a.2.warnings))
            });
        }
        groups
    }

    /// The corpus changed (reports arrived, findings were added): recompute the rows,
    /// keeping the selection on the same node when it is still visible.
    pub fn refresh(&mut self, c: &Corpus) {
        self.rebuild(c);
    }

    pub(super) fn rebuild(&mut self, c: &Corpus) {
        let (reports, failed) = (&c.reports, &c.errors);
        let keep = self.selected_row().map(|r| r.id.clone());
        let report_counts: Vec<Counts> =
            reports.iter().map(|r| counts(r.findings.iter())).collect();
        let groups = self.groups(c);
        // Agencies by the distinguishing part of their name, unless two share it.
        let mut shorts: BTreeMap<&str, usize> = BTreeMap::new();
        for (name, _, _) in &groups {
            *shorts.entry(crate::agency::short_name(name)).or_default() += 1;
        }
        let labels: Vec<String> = groups
            .iter()
            .map(|(name, _, _)| {
                let short = crate::agency::short_name(name);
                if shorts.get(short) == Some(&1) {
                    short.to_string()
                } else {
                    name.clone()
                }
            })
            .collect();
        let mut rows = Vec::new();
        for ((name, idx, c), label) in groups.into_iter().zip(labels) {
            let id = NodeId::Agency(name.clone());
            let expanded = self.expanded.contains(&id);
            rows.push(TreeRow {
                id,
                depth: 0,
                label,
                errors: c.errors,
                warnings: c.warnings,
                expandable: true,
                expanded,
                absent: false,
                undecided: idx.iter().map(|&i| self.mark(i).undecided).sum(),
                status: None,
            });
            if expanded {
                for i in idx {
                    self.push_report(&mut rows, reports, i, &report_counts[i.get()]);
                }
            }
        }
        // Files that failed to load, then files not read: a group each, one row per file.
        let failed_rows = failed.iter().enumerate().map(|(i, e)| {
            let name = crate::agency::file_name(&e.path);
            (NodeId::Failed(i), format!("{name}: {}", e.error))
        });
        self.push_files(
            &mut rows,
            NodeId::FailedGroup,
            "无法读取的文件",
            1,
            failed_rows,
        );
        let skipped_rows = c.skipped.iter().enumerate().map(|(i, s)| {
            let name = crate::agency::file_name(&s.path);
            (NodeId::Skipped(i), format!("{name}: {}", s.reason))
        });
        self.push_files(
            &mut rows,
            NodeId::SkippedGroup,
            "未读取的文件",
            0,
            skipped_rows,
        );
        self.rows = rows;
        self.selected = keep
            .and_then(|id| self.rows.iter().position(|r| r.id == id))
            .unwrap_or(self.selected)
            .min(self.rows.len().saturating_sub(1));
    }

    /// A group of files (`label (n)`) and, when expanded, one row per file, each counting
    /// `errors` errors.
    pub(super) fn push_files(
        &self,
        rows: &mut Vec<TreeRow>,
        id: NodeId,
        label: &str,
        errors: usize,
        files: impl ExactSizeIterator<Item = (NodeId, String)>,
    ) {
        let n = files.len();
        if n == 0 {
            return;
        }
        let expanded = self.expanded.contains(&id);
        let row = |id, depth, label, errors, expandable| TreeRow {
            id,
            depth,
            label,
            errors,
            warnings: 0,
            expandable,
            expanded: expandable && expanded,
            absent: false,
            undecided: 0,
            status: None,
        };
        rows.push(row(id, 0, format!("{label} ({n})"), errors * n, true));
        if expanded {
            rows.extend(files.map(|(id, label)| row(id, 1, label, errors, false)));
        }
    }

    pub(super) fn push_report(
        &self,
        rows: &mut Vec<TreeRow>,
        reports: &[Report],
        i: ReportIx,
        c: &Counts,
    ) {
        let r = &reports[i];
        let id = NodeId::Report(i);
        let expanded = self.expanded.contains(&id);
        let year = r
            .year
            .as_ref()
            .map_or("????".to_string(), |y| y.value.to_string());
        rows.push(TreeRow {
            id,
            depth: 1,
            label: match r.kind() {
                crate::model::ReportKind::Report => format!("{year}  {}", file_name(&r.path)),
                k => format!("{year}  {} [{}]", file_name(&r.path), k.as_str()),
            },
            errors: c.errors,
            warnings: c.warnings,
            expandable: true,
            expanded,
            absent: false,
            undecided: self.mark(i).undecided,
            status: self.mark(i).status,
        });
        if !expanded {
            return;
        }
        for sec in &crate::template::SECTIONS {
            let n = sec.number;
            let tables: Vec<TableId> = sec.table.into_iter().collect();
            let id = NodeId::Section(i, n);
            let sec_expanded = self.expanded.contains(&id);
            let sc = counts(
                r.findings
                    .iter()
                    .filter(|f| f.section == Some(n) || f.table.is_some_and(|t| t.section() == n)),
            );
            let (label, absent) = match r.section(n) {
                Some(s) => (s.title.clone(), false),
                None => (format!("{} (未找到)", sec.short), true),
            };
            rows.push(TreeRow {
                id,
                depth: 2,
                label,
                errors: sc.errors,
                warnings: sc.warnings,
                expandable: !tables.is_empty(),
                expanded: sec_expanded,
                absent,
                undecided: 0,
                status: None,
            });
            if sec_expanded {
                for t in tables {
                    let tc = counts(r.findings.iter().filter(|f| f.table == Some(t)));
                    let found = r.tables.get(t).is_some();
                    rows.push(TreeRow {
                        id: NodeId::Table(i, t),
                        depth: 3,
                        label: if found {
                            t.title().to_string()
                        } else {
                            format!("{} (未找到)", t.title())
                        },
                        errors: tc.errors,
                        warnings: tc.warnings,
                        expandable: false,
                        expanded: false,
                        absent: !found,
                        undecided: 0,
                        status: None,
                    });
                }
            }
        }
    }
}
