//! nianbao — an inspector for Chinese government open-information annual reports
//! (政府信息公开工作年度报告).
//!
//! Data flows one way: `ingest` (files → decoded documents) → `parse` (documents → reports
//! with provenance) → `validate` (reports → findings) → `corpus` (all reports, cross-report
//! rules) → `tui` / `cli`. Only `tui` knows about the terminal.

pub mod agency;
pub mod cli;
pub mod compare;
pub mod config;
pub mod corpus;
pub mod correction;
pub mod generate;
pub mod html;
pub mod indicators;
pub mod ingest;
pub mod model;
pub mod parse;
pub mod review;
pub mod sanitize;
pub mod search;
pub mod template;
pub mod text;
pub mod tree;
pub mod tui;
pub mod validate;
pub mod width;
