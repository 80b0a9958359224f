//! The integration tests, in one crate so the test build links one binary instead
//! of one per file. Each module is one area, read like a user's session; `common`
//! holds the helpers they share.
mod common;

mod bookmarks;
mod budget_cli;
mod budget_options;
mod budget_property;
mod budget_review;
mod budget_tab;
mod budget_versions;
mod budget_workbench;
mod cli;
mod commonmark;
mod data_files;
mod help_overlay;
mod iam_cli;
mod iam_eval;
mod iam_property;
mod injection;
mod jsonata_suite;
mod lab_iam;
mod lab_iam_editor;
mod lab_input_editor;
mod lab_tab;
mod lab_trace;
mod layering;
mod outline;
mod portuguese;
mod pty;
mod quiz_cli;
mod quiz_tab;
mod render_random;
mod review_iam_lab;
mod review_p14;
mod review_r14;
mod review_r17;
mod robustness;
mod scale;
mod sfn_check;
mod sfn_cli;
mod sfn_property;
mod sfn_sim;
mod show_stream;
mod tab_bar;
mod themes;
mod tui;
