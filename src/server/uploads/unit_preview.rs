//! The preview of a unit import, rendered by the server outside the hydrated app (the page exists
//! only between an upload and its confirmation, so it needs no WebAssembly). It lists what the file
//! would change and every problem, and carries the checked rows to the confirmation as CSV.

use crate::i18n::{Lang, fill};
use leptos::prelude::*;

/// A row of the file as it would be written.
#[derive(Clone, Debug)]
pub struct PreviewRow {
    pub row: usize,
    pub code: String,
    pub name: String,
    pub parent_code: String,
    pub kind: String,
    pub headcount: String,
    pub is_new: bool,
}

/// A problem with a row (or the whole file when `row` is `None`).
#[derive(Clone, Debug)]
pub struct PreviewProblem {
    pub row: Option<usize>,
    pub field: String,
    pub message: String,
}

/// What the preview shows.
#[derive(Clone, Debug)]
pub struct ImportPreview {
    pub rows: Vec<PreviewRow>,
    pub problems: Vec<PreviewProblem>,
    /// The rows to write, as CSV, when there is no problem.
    pub checked_csv: Option<String>,
}

fn upload_form(lang: Lang) -> impl IntoView {
    let s = lang.units();
    view! {
        <form method="post" action="/hr/units/import" enctype="multipart/form-data" class="stack-form">
            <label for="unit-file">{s.file_label}</label>
            <input id="unit-file" name="file" type="file" required accept=".csv,.xlsx" />
            <button type="submit" class="button">{s.preview_button}</button>
        </form>
    }
}

/// The body of the preview page.
pub fn preview_body(lang: Lang, preview: ImportPreview) -> AnyView {
    let s = lang.units();
    let new = preview.rows.iter().filter(|r| r.is_new).count();
    let summary = if preview.problems.is_empty() {
        let text = fill(
            s.preview_ok,
            &[
                ("rows", &preview.rows.len().to_string()),
                ("new", &new.to_string()),
                ("changed", &(preview.rows.len() - new).to_string()),
            ],
        );
        view! { <p class="notice" role="status">{text}</p> }.into_any()
    } else {
        let text = fill(s.preview_bad, &[("count", &preview.problems.len().to_string())]);
        let problems = preview
            .problems
            .iter()
            .map(|p| {
                view! {
                    <tr>
                        <td class="num">{p.row.map(|r| r.to_string()).unwrap_or_else(|| "–".into())}</td>
                        <td>{p.field.clone()}</td>
                        <td>{p.message.clone()}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="error" role="alert" tabindex="-1">
                <p>{text}</p>
                <table class="problems">
                    <thead><tr><th scope="col">{s.col_row}</th><th scope="col">{s.col_field}</th><th scope="col">{s.col_problem}</th></tr></thead>
                    <tbody>{problems}</tbody>
                </table>
            </div>
            {upload_form(lang)}
        }
        .into_any()
    };
    let confirm = preview.checked_csv.map(|csv| {
        let label = fill(s.confirm, &[("rows", &preview.rows.len().to_string())]);
        view! {
            <form method="post" action="/hr/units/import/apply" class="actions">
                <input type="hidden" name="rows" value=csv />
                <button type="submit" class="button">{label}</button>
                <a class="button button-secondary" href="/hr/units">{s.cancel}</a>
            </form>
        }
    });
    let rows = preview
        .rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <td class="num">{r.row}</td>
                    <td>{r.code}</td>
                    <td>{r.name}</td>
                    <td>{r.parent_code}</td>
                    <td>{lang.unit_kind(&r.kind)}</td>
                    <td class="num">{r.headcount}</td>
                    <td>{if r.is_new { s.change_new } else { s.change_update }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p><a href="/hr/units">{s.back}</a></p>
        {summary}
            {confirm}
            <div class="table-scroll" tabindex="0" role="region" aria-label=s.preview_title>
                <table class="units-table">
                    <caption>{s.preview_title}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{s.col_row}</th>
                            <th scope="col">{s.col_code}</th>
                            <th scope="col">{s.col_name}</th>
                            <th scope="col">{s.parent_label}</th>
                            <th scope="col">{s.col_kind}</th>
                            <th scope="col">{s.col_headcount}</th>
                            <th scope="col">{s.col_change}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
    }
    .into_any()
}
