//! The respondent's pages: notice (not open, closed, invitation problems), unit picker, the one-page
//! form and the thank-you page. They are rendered on the server only and ship no WebAssembly: the
//! whole app bundle would be several times the weight budget of a cheap phone on a slow network, so
//! the form is plain HTML that works without JavaScript, and `survey.js` (a few KB) adds the draft,
//! progress, highlighting and confirmation on top (see docs/PERFORMANCE.md).

use crate::display::raw_text::raw_text;
use crate::domain::breakdown::BreakdownBy;
use crate::i18n::{Lang, fill};
use leptos::prelude::*;

/// A short page that tells the respondent why there is no form, and when the wave runs.
#[derive(Clone, Debug)]
pub struct NoticeView {
    pub heading: String,
    pub body: String,
    pub period: Option<String>,
}

/// A unit in the picker, already indented by its depth under the OPD.
#[derive(Clone, Debug)]
pub struct UnitOption {
    pub code: String,
    pub label: String,
}

/// The unit picker: options grouped by OPD, the current choice and what is wrong with it.
#[derive(Clone, Debug, Default)]
pub struct UnitChoice {
    /// Units above the OPD level (the wave's root), outside any group.
    pub top: Vec<UnitOption>,
    pub groups: Vec<(String, Vec<UnitOption>)>,
    pub selected: Option<String>,
    pub error: Option<String>,
    /// For a large organisation: the picker shows one level (or search results) at a time.
    pub level: Option<UnitLevel>,
}

/// A link of the level-by-level picker.
#[derive(Clone, Debug)]
pub struct UnitLink {
    pub label: String,
    pub href: String,
}

/// The level-by-level picker of a large organisation: a search by name or code, the way down from
/// the top to the level shown, and the units of that level that have units below them.
#[derive(Clone, Debug, Default)]
pub struct UnitLevel {
    /// Where the search form goes (the survey's path).
    pub action: String,
    pub query: String,
    /// Search results were cut at this many.
    pub cut_at: Option<usize>,
    /// A search found nothing.
    pub nothing_found: bool,
    pub trail: Vec<UnitLink>,
    pub open: Vec<UnitLink>,
}

/// One statement of the form.
#[derive(Clone, Debug)]
pub struct ItemView {
    pub code: String,
    pub text: String,
}

/// A part of the form: one discipline and its statements.
#[derive(Clone, Debug)]
pub struct SectionView {
    pub title: String,
    pub items: Vec<ItemView>,
}

/// How the form deals with the workshop pairing code.
#[derive(Clone, Debug)]
pub enum PairingField {
    None,
    /// Pre-test: the code was drawn for this form and is shown after sending.
    Drawn(String),
    /// Post-test: the respondent may type it; pre-filled from this device's cookie when known.
    Typed {
        value: String,
        from_device: bool,
    },
}

/// What the respondent entered, kept when the form comes back with errors.
#[derive(Clone, Debug, Default)]
pub struct FormValues {
    pub answers: Vec<(String, String)>,
    pub then_answers: Vec<(String, String)>,
    pub grade_band: String,
    pub tenure_band: String,
    pub role_kind: String,
    pub comment: String,
}

impl FormValues {
    fn answer(&self, then: bool, code: &str) -> Option<&str> {
        let list = if then { &self.then_answers } else { &self.answers };
        list.iter().find(|(c, _)| c == code).map(|(_, v)| v.as_str())
    }
}

/// A problem shown at the top of the form and next to its field.
#[derive(Clone, Debug)]
pub struct FieldError {
    /// Id of the element the summary links to.
    pub anchor: String,
    /// The field's own name, as the respondent sees it.
    pub label: String,
    pub message: String,
}

/// The unit a form is answered for, or the picker when it is not settled.
#[derive(Clone, Debug)]
pub enum FormUnit {
    Chosen { code: String, name: String, change_href: String, status: String },
    Choose(UnitChoice),
}

/// Everything the one-page form shows.
#[derive(Clone, Debug)]
pub struct FormView {
    pub action: String,
    pub token: Option<String>,
    pub nonce: String,
    pub draft_key: String,
    pub lead: String,
    pub period: String,
    pub k: u32,
    pub unit: FormUnit,
    pub sections: Vec<SectionView>,
    pub scale_points: u8,
    pub then_test: bool,
    /// The wave's one breakdown dimension: the only band the form asks for.
    pub breakdown: BreakdownBy,
    pub pairing: PairingField,
    pub values: FormValues,
    pub errors: Vec<FieldError>,
    pub max_comment_chars: usize,
}

impl FormView {
    fn error_for(&self, anchor: &str) -> Option<String> {
        self.errors.iter().find(|e| e.anchor == anchor).map(|e| e.message.clone())
    }

    fn item_count(&self) -> usize {
        self.sections.iter().map(|s| s.items.len()).sum()
    }
}

/// The page after a stored response.
#[derive(Clone, Debug)]
pub struct ThanksView {
    pub pairing_code: Option<String>,
    pub draft_key: String,
}

/// A page that explains why there is no form.
pub fn notice_body(notice: NoticeView) -> AnyView {
    view! {
        <section class="notice-card" aria-labelledby="notice-heading">
            <h2 id="notice-heading">{notice.heading}</h2>
            <p>{notice.body}</p>
            {notice.period.map(|p| view! { <p class="period">{p}</p> })}
        </section>
    }
    .into_any()
}

fn unit_select(lang: Lang, choice: UnitChoice) -> impl IntoView {
    let s = lang.survey();
    let selected = choice.selected.clone().unwrap_or_default();
    let option = move |o: UnitOption, selected: &str| {
        let is_selected = o.code == selected;
        view! {
            <option value=o.code selected=is_selected>
                {o.label}
            </option>
        }
    };
    let top_selected = selected.clone();
    let top: Vec<_> = choice.top.into_iter().map(|o| option(o, &top_selected)).collect();
    let groups: Vec<_> = choice
        .groups
        .into_iter()
        .map(|(label, options)| {
            let options: Vec<_> = options.into_iter().map(|o| option(o, &selected)).collect();
            view! { <optgroup label=label>{options}</optgroup> }
        })
        .collect();
    let invalid = choice.error.is_some();
    // One level at a time the server searches; the in-page filter is for the whole list only.
    let by_level = choice.level.is_some();
    let filter = (!by_level).then(|| {
        view! {
            <div class="unit-filter" hidden>
                <label for="unit-filter">{s.unit_filter_label}</label>
                <input id="unit-filter" type="search" autocomplete="off" />
            </div>
        }
    });
    let trail = choice.level.map(|level| unit_trail(lang, level.trail));
    view! {
        <div class="field" id="unit-field">
            <label for="unit">{s.unit_label}</label>
            <p class="hint" id="unit-hint">
                {if by_level { s.unit_level_hint } else { s.unit_hint }}
            </p>
            {trail}
            {choice.error.map(|e| view! { <p class="field-error" id="unit-error">{e}</p> })}
            {filter}
            <select
                id="unit"
                name="u"
                required
                aria-describedby=if invalid { "unit-hint unit-error" } else { "unit-hint" }
                aria-invalid=invalid.then_some("true")
            >
                <option value="">{s.unit_placeholder}</option>
                {top}
                {groups}
            </select>
        </div>
    }
}

/// The first step when the link does not name a unit: choose one, then see the form.
pub fn picker_body(lang: Lang, lead: String, period: String, token: Option<String>, choice: UnitChoice) -> AnyView {
    let s = lang.survey();
    let search = choice.level.as_ref().map(|level| unit_search(lang, level, token.clone()).into_any());
    let open = choice.level.as_ref().map(|level| unit_open_links(lang, level.open.clone()).into_any());
    view! {
        <p class="lead">{lead}</p>
        <p class="period">{period}</p>
        {search}
        <form method="get" class="card unit-picker">
            {token.map(|t| view! { <input type="hidden" name="t" value=t /> })}
            {unit_select(lang, choice)}
            <button type="submit" class="button">
                {s.unit_continue}
            </button>
        </form>
        {open}
    }
    .into_any()
}

fn unit_search(lang: Lang, level: &UnitLevel, token: Option<String>) -> impl IntoView {
    let s = lang.survey();
    let cut = level.cut_at.map(|n| view! { <p class="hint">{fill(s.unit_search_more, &[("n", &n.to_string())])}</p> });
    let none = level.nothing_found.then(|| view! { <p class="field-error" role="status">{s.unit_search_none}</p> });
    view! {
        <form method="get" class="card unit-search" action=level.action.clone() role="search">
            {token.map(|t| view! { <input type="hidden" name="t" value=t /> })}
            <div class="field">
                <label for="unit-search">{s.unit_search_label}</label>
                <div class="search-row">
                    <input id="unit-search" name="q" type="search" value=level.query.clone() maxlength="60" autocomplete="off" />
                    <button type="submit" class="button">{s.unit_search_button}</button>
                </div>
                {none}
                {cut}
            </div>
        </form>
    }
}

/// Where the level shown lies in the organisation, each step a link to its level.
fn unit_trail(lang: Lang, trail: Vec<UnitLink>) -> Option<impl IntoView> {
    (!trail.is_empty()).then(|| {
        let items: Vec<_> = trail.into_iter().map(|l| view! { <li><a href=l.href>{l.label}</a></li> }).collect();
        view! {
            <nav aria-label=lang.survey().unit_trail_label class="unit-trail">
                <ol>{items}</ol>
            </nav>
        }
    })
}

/// The units of the level shown that have units below them, each a link to that level.
fn unit_open_links(lang: Lang, open: Vec<UnitLink>) -> Option<impl IntoView> {
    let s = lang.survey();
    (!open.is_empty()).then(|| {
        let items: Vec<_> =
            open.into_iter().map(|l| view! { <li><a href=l.href>{format!("{} ▸", l.label)}</a></li> }).collect();
        view! {
            <section class="card unit-levels" aria-labelledby="unit-open-heading">
                <h2 id="unit-open-heading">{s.unit_open_heading}</h2>
                <ul class="unit-open">{items}</ul>
            </section>
        }
    })
}

fn anonymity_card(lang: Lang, k: u32, status: Option<String>) -> impl IntoView {
    let s = lang.survey();
    let k = k.to_string();
    let points: Vec<_> = s.anonymity_points.iter().map(|p| view! { <li>{fill(p, &[("k", &k)])}</li> }).collect();
    view! {
        <section class="card anonymity" aria-labelledby="anonymity-heading">
            <h2 id="anonymity-heading">{s.anonymity_title}</h2>
            {status.map(|st| view! { <p class="live-status" id="live-status">{st}</p> })}
            <ul>{points}</ul>
        </section>
    }
}

fn scale_row(lang: Lang, name: String, legend: Option<String>, points: u8, chosen: Option<String>) -> impl IntoView {
    let s = lang.survey();
    let choices: Vec<_> = (1..=points)
        .map(|v| {
            let id = format!("{name}_{v}");
            let label = if points == 5 {
                s.scale_labels_5[usize::from(v - 1)].to_string()
            } else if v == 1 {
                s.scale_low.to_string()
            } else if v == points {
                s.scale_high.to_string()
            } else {
                String::new()
            };
            let checked = chosen.as_deref() == Some(v.to_string().as_str());
            let label_for = id.clone();
            view! {
                <label class="choice" for=label_for>
                    <input type="radio" id=id name=name.clone() value=v.to_string() checked=checked />
                    <span class="choice-value" aria-hidden="true">
                        {v.to_string()}
                    </span>
                    <span class="choice-label">{label}</span>
                </label>
            }
        })
        .collect();
    let role = legend.is_some().then_some("group");
    let aria_label = legend.clone();
    view! {
        <div class="scale" role=role aria-label=aria_label>
            {legend.map(|l| view! { <p class="scale-when" aria-hidden="true">{l}</p> })}
            <div class="choices">{choices}</div>
        </div>
    }
}

fn item_fieldset(lang: Lang, form: &FormView, number: usize, item: ItemView) -> impl IntoView {
    let s = lang.survey();
    let anchor = format!("q_{}", item.code);
    let error = form.error_for(&anchor);
    let error_id = format!("{anchor}_err");
    let now = form.values.answer(false, &item.code).map(str::to_string);
    let rows = if form.then_test {
        let before = form.values.answer(true, &item.code).map(str::to_string);
        vec![
            scale_row(lang, format!("a_{}", item.code), Some(s.then_now.to_string()), form.scale_points, now)
                .into_any(),
            scale_row(lang, format!("then_{}", item.code), Some(s.then_before.to_string()), form.scale_points, before)
                .into_any(),
        ]
    } else {
        vec![scale_row(lang, format!("a_{}", item.code), None, form.scale_points, now).into_any()]
    };
    let invalid = error.is_some();
    let described_by = invalid.then_some(error_id.clone());
    view! {
        <fieldset
            class="item"
            class:has-error=invalid
            id=anchor
            data-item=item.code.clone()
            aria-describedby=described_by
        >
            <legend>
                <span class="item-number">{format!("{number}.")}</span>
                " "
                {item.text}
            </legend>
            {error.map(|e| view! { <p class="field-error" id=error_id>{e}</p> })}
            {rows}
        </fieldset>
    }
}

fn band_select(
    name: &'static str,
    label: &'static str,
    prefer_not: &'static str,
    codes: &[&'static str],
    labels: &[&'static str],
    chosen: &str,
    error: Option<String>,
) -> impl IntoView {
    let options: Vec<_> = codes
        .iter()
        .zip(labels)
        .map(|(code, label)| {
            let selected = *code == chosen;
            view! {
                <option value=*code selected=selected>
                    {*label}
                </option>
            }
        })
        .collect();
    let error_id = format!("{name}_err");
    let invalid = error.is_some();
    view! {
        <div class="field" id=format!("f_{name}")>
            <label for=name>{label}</label>
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            <select id=name name=name aria-describedby=invalid.then_some(format!("{name}_err"))>
                <option value="">{prefer_not}</option>
                {options}
            </select>
        </div>
    }
}

/// The one-page form: intro with the live confidentiality status, the statements by discipline,
/// the optional questions and the send button.
pub fn form_body(lang: Lang, form: FormView) -> AnyView {
    use crate::domain::breakdown::{GRADE_BANDS, ROLE_KINDS, TENURE_BANDS};
    let s = lang.survey();
    let total = form.item_count();
    let section_count = form.sections.len().to_string();
    let max = form.max_comment_chars.to_string();
    let errors_summary = (!form.errors.is_empty()).then(|| {
        let list: Vec<_> = form
            .errors
            .iter()
            .map(|e| {
                view! {
                    <li>
                        <a href=format!("#{}", e.anchor)>{format!("{}: {}", e.label, e.message)}</a>
                    </li>
                }
            })
            .collect();
        view! {
            <div class="error-summary" role="alert" tabindex="-1" id="error-summary">
                <h2>{s.errors_title}</h2>
                <ul>{list}</ul>
            </div>
        }
    });
    let (status, unit_part) = match form.unit.clone() {
        FormUnit::Chosen { code, name, change_href, status } => (
            Some(status),
            view! {
                <input type="hidden" name="u" value=code />
                <p class="chosen-unit">
                    {s.unit_is}
                    ": "
                    <strong>{name}</strong>
                    " · "
                    <a href=change_href>{s.unit_change}</a>
                </p>
            }
            .into_any(),
        ),
        FormUnit::Choose(choice) => (None, unit_select(lang, choice).into_any()),
    };
    let mut number = 0;
    let sections: Vec<_> = form
        .sections
        .iter()
        .enumerate()
        .map(|(i, section)| {
            let items: Vec<_> = section
                .items
                .iter()
                .map(|item| {
                    number += 1;
                    item_fieldset(lang, &form, number, item.clone())
                })
                .collect();
            let heading_id = format!("part-{}", i + 1);
            let labelled_by = heading_id.clone();
            view! {
                <section class="part" aria-labelledby=labelled_by>
                    <p class="eyebrow">{fill(s.section_of, &[("i", &(i + 1).to_string()), ("n", &section_count)])}</p>
                    <h2 id=heading_id>{section.title.clone()}</h2>
                    {items}
                </section>
            }
        })
        .collect();
    let pairing = match form.pairing.clone() {
        PairingField::None => None,
        PairingField::Drawn(code) => Some(view! { <input type="hidden" name="pairing_code" value=code /> }.into_any()),
        PairingField::Typed { value, from_device } => {
            let error = form.error_for("pairing_code");
            let invalid = error.is_some();
            Some(
                view! {
                    <div class="field card" id="f_pairing_code">
                        <label for="pairing_code">{s.pairing_label}</label>
                        <p class="hint" id="pairing_hint">
                            {s.pairing_hint}
                        </p>
                        {from_device.then(|| view! { <p class="hint">{s.pairing_from_cookie}</p> })}
                        {error.map(|e| view! { <p class="field-error" id="pairing_err">{e}</p> })}
                        <input
                            id="pairing_code"
                            name="pairing_code"
                            value=value
                            autocomplete="off"
                            autocapitalize="characters"
                            spellcheck="false"
                            maxlength="12"
                            class="pairing-input"
                            aria-describedby=if invalid { "pairing_hint pairing_err" } else { "pairing_hint" }
                            aria-invalid=invalid.then_some("true")
                        />
                    </div>
                }
                .into_any(),
            )
        }
    };
    let comment_error = form.error_for("comment");
    let comment_invalid = comment_error.is_some();
    let values = form.values.clone();
    view! {
        <p class="lead">{form.lead.clone()}</p>
        <p class="period">{form.period.clone()}</p>
        {errors_summary}
        {anonymity_card(lang, form.k, status)}
        <form
            method="post"
            action=form.action.clone()
            id="survey-form"
            class="survey-form"
            novalidate
            data-draft-key=form.draft_key.clone()
            data-total=total.to_string()
            data-progress=s.progress
            data-confirm=s.confirm_empty
            data-unanswered=s.unanswered_mark
            data-restored=s.draft_restored
            data-counter=s.comment_counter
        >
            <input type="hidden" name="nonce" value=form.nonce.clone() />
            {form.token.clone().map(|t| view! { <input type="hidden" name="t" value=t /> })}
            <div class="card">{unit_part}</div>
            {pairing}
            <p class="progress" id="progress" aria-live="polite" hidden></p>
            {form.then_test.then(|| view! { <p class="card then-intro">{s.then_intro}</p> })}
            {sections}
            <section class="part" aria-labelledby="about-you">
                <h2 id="about-you">{s.about_you_title}</h2>
                <p class="hint">{s.about_you_hint}</p>
                {match form.breakdown {
                    BreakdownBy::GradeBand => band_select(
                        "grade_band",
                        s.grade_label,
                        s.prefer_not_to_say,
                        &GRADE_BANDS,
                        &s.grade_options,
                        &values.grade_band,
                        form.error_for("f_grade_band"),
                    ),
                    BreakdownBy::TenureBand => band_select(
                        "tenure_band",
                        s.tenure_label,
                        s.prefer_not_to_say,
                        &TENURE_BANDS,
                        &s.tenure_options,
                        &values.tenure_band,
                        form.error_for("f_tenure_band"),
                    ),
                    BreakdownBy::Role => band_select(
                        "role_kind",
                        s.role_label,
                        s.prefer_not_to_say,
                        &ROLE_KINDS,
                        &s.role_options,
                        &values.role_kind,
                        form.error_for("f_role_kind"),
                    ),
                }}
                <div class="field" id="comment-field">
                    <label for="comment">{s.comment_label}</label>
                    <p class="hint" id="comment-hint">
                        {fill(s.comment_hint, &[("max", &max)])}
                    </p>
                    {comment_error.map(|e| view! { <p class="field-error" id="comment-error">{e}</p> })}
                    <textarea
                        id="comment"
                        name="comment"
                        rows="5"
                        maxlength=max.clone()
                        aria-describedby=if comment_invalid {
                            "comment-hint comment-error comment-counter"
                        } else {
                            "comment-hint comment-counter"
                        }
                        aria-invalid=comment_invalid.then_some("true")
                    >
                        {raw_text(values.comment.clone())}
                    </textarea>
                    <p class="hint counter" id="comment-counter" aria-live="polite" data-max=max.clone()></p>
                </div>
            </section>
            <div class="submit-bar">
                <button type="submit" class="button button-large">
                    {s.submit}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// The thank-you page, with the pairing code after a pre-test.
pub fn thanks_body(lang: Lang, thanks: ThanksView) -> AnyView {
    let s = lang.survey();
    view! {
        <section class="card thanks" aria-labelledby="thanks-heading" data-clear-draft=thanks.draft_key>
            <h2 id="thanks-heading">{s.thanks_title}</h2>
            <p>{s.thanks_body}</p>
        </section>
        {thanks
            .pairing_code
            .map(|code| {
                view! {
                    <section class="card pairing" aria-labelledby="pairing-heading">
                        <h2 id="pairing-heading">{s.pairing_code_title}</h2>
                        <p class="pairing-code" id="pairing-code">
                            {code}
                        </p>
                        <p>{s.pairing_code_body}</p>
                        <p class="hint">{s.pairing_code_remembered}</p>
                    </section>
                }
            })}
    }
    .into_any()
}
