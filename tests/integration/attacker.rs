//! The disclosure attacker of docs/DESIGN.md §5 against the running app: random organisations (trees of
//! 1–4 levels, random band answers, random skipped items, random comments, random k), every figure a
//! staff member of any scope can read of the closed wave through the pages' server functions and the
//! REST API (the wave list, heatmap, the wave's breakdown (the others are refused), CSV exports, the
//! organisation's figures and the differences to it, every unit's report with its items and comments,
//! α, the trend), gathered into one attacker's hands, then exact rational elimination over the cells
//! (a unit's own respondents by grade × tenure × position): no set of cells holding 1 … k − 1 people
//! together may lie in the span of what was released.
//!
//! Not read here, and why: workshop comparisons (their subgroups are tested one by one in
//! `disclosure.rs`), the open wave's participation counts (counts of people, never answers, and the
//! wave gets no answers once its results are out), and the respondent's confidentiality sentence.
//!
//! The ground truth is the generated answers, so every released count is also checked against it: an
//! attacker whose model of the figures were wrong could not find anything.

use super::helpers::{Reply, TestApp, with_app};
use super::span_audit::small_derivable;
use mawas::domain::Role;
use mawas::domain::breakdown::BreakdownBy;
use mawas::domain::discipline::Discipline;
use mawas::domain::lo25;
use mawas::domain::{UnitId, WaveId};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// One generated respondent: a band index per dimension (`None`: left empty), how many of each
/// discipline's five items were answered, the value given to each, and whether they commented.
#[derive(Clone, Debug)]
struct Respondent {
    bands: [Option<usize>; 3],
    answered: [usize; 5],
    value: u8,
    comment: bool,
}

impl Respondent {
    fn scored(&self, discipline: usize) -> bool {
        // The 60 % rule: at least 3 of 5 items.
        self.answered[discipline] >= 3
    }

    fn answers_item(&self, item: usize) -> bool {
        let discipline = Discipline::ALL.iter().position(|d| *d == lo25::ITEMS[item].discipline).unwrap();
        let place = lo25::ITEMS[..item].iter().filter(|i| i.discipline == lo25::ITEMS[item].discipline).count();
        place < self.answered[discipline]
    }

    /// The band of dimension `d` as a breakdown row counts it: the last band is "not given".
    fn band(&self, d: usize) -> usize {
        self.bands[d].unwrap_or(BreakdownBy::ALL[d].bands().len())
    }
}

/// A generated organisation: unit i > 0 hangs below `parent[i]`; `people[i]` answered in unit i.
#[derive(Clone, Debug)]
struct Organisation {
    parent: Vec<Option<usize>>,
    people: Vec<Vec<Respondent>>,
    k: u32,
    comment_threshold: u32,
    /// The wave's one breakdown dimension.
    dimension: usize,
}

impl Organisation {
    fn subtree(&self, unit: usize) -> Vec<usize> {
        let mut out = vec![unit];
        let mut i = 0;
        while i < out.len() {
            let u = out[i];
            out.extend((0..self.parent.len()).filter(|c| self.parent[*c] == Some(u)));
            i += 1;
        }
        out
    }
}

fn respondent() -> impl Strategy<Value = Respondent> {
    let band = |n: usize| prop::option::weighted(0.8, 0..n);
    let answered = prop_oneof![6 => Just(5usize), 1 => Just(3), 1 => Just(2), 1 => Just(0)];
    (
        (band(BreakdownBy::ALL[0].bands().len()), band(BreakdownBy::ALL[1].bands().len()), band(3)),
        prop::array::uniform5(answered),
        1u8..=5,
        prop::bool::weighted(0.4),
    )
        .prop_map(|((g, t, r), mut answered, value, comment)| {
            // A response without any scored discipline is refused (§5), so the generator never makes one.
            if answered.iter().all(|a| *a < 3) {
                answered[0] = 5;
            }
            Respondent { bands: [g, t, r], answered, value, comment }
        })
}

fn organisation() -> impl Strategy<Value = Organisation> {
    let unit = (any::<prop::sample::Index>(), prop::collection::vec(respondent(), 0..12));
    (prop::collection::vec(unit, 1..8), 3u32..6, 0u32..2, 0usize..3).prop_map(|(units, k, extra, dimension)| {
        let mut depth: Vec<usize> = Vec::new();
        let mut parent = Vec::new();
        for (i, (p, _)) in units.iter().enumerate() {
            let p = (i > 0).then(|| p.index(i)).map(|p| if depth[p] < 3 { p } else { 0 });
            depth.push(p.map_or(0, |p| depth[p] + 1));
            parent.push(p);
        }
        let people = units.into_iter().map(|(_, people)| people).collect();
        Organisation { parent, people, k, comment_threshold: k + extra, dimension }
    })
}

/// What a released number is a figure of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Figure {
    Responses,
    Discipline(usize),
    LoIndex,
    Favourable(usize),
    Item(usize),
    Comments,
    Alpha(usize),
}

impl Figure {
    /// Whether this figure counts `r`.
    fn counts(self, r: &Respondent) -> bool {
        match self {
            Figure::Responses | Figure::Comments => true,
            Figure::Discipline(d) => r.scored(d),
            Figure::LoIndex => (0..5).all(|d| r.scored(d)),
            Figure::Favourable(d) => r.answered[d] > 0,
            Figure::Item(i) => r.answers_item(i),
            Figure::Alpha(d) => r.answered[d] == 5,
        }
    }
}

/// A released group: a unit with everything below it, or that within one band of one dimension.
type Group = (usize, Option<(usize, usize)>);

/// Everything the attacker has read, by figure, with the number of people each read says it rests on.
#[derive(Default)]
struct Released {
    groups: BTreeMap<Figure, BTreeMap<Group, Option<u64>>>,
    hidden: BTreeMap<&'static str, usize>,
}

impl Released {
    fn add(&mut self, figure: Figure, group: Group, n: Option<u64>) {
        let known = self.groups.entry(figure).or_default().entry(group).or_insert(n);
        if known.is_none() {
            *known = n;
        }
    }

    /// The figures of one heatmap row (a unit's, or a band of it in a breakdown by `dimension`).
    fn add_row(&mut self, row: &Value, code_of: &HashMap<String, usize>, dimension: Option<usize>) {
        let unit = code_of[row["unit"].as_str().unwrap()];
        let band = row["band"].as_str().map(|b| {
            let d = dimension.expect("a band row outside a breakdown");
            (d, BreakdownBy::ALL[d].band_codes().iter().position(|c| *c == b).unwrap())
        });
        let group = (unit, band);
        let n = row["n"].as_u64();
        if n.is_some() {
            self.add(Figure::Responses, group, n);
        } else {
            *self.hidden.entry("row").or_default() += 1;
        }
        if !row["lo_index"].is_null() {
            self.add(Figure::LoIndex, group, None);
        }
        for (d, discipline) in Discipline::ALL.iter().enumerate() {
            let cell = &row["disciplines"][discipline.code()];
            if !cell.is_null() {
                self.add(Figure::Discipline(d), group, None);
                if !cell["favourable"].is_null() {
                    self.add(Figure::Favourable(d), group, None);
                }
            }
        }
        if band.is_some() {
            *self.hidden.entry(if n.is_some() { "band shown" } else { "band hidden" }).or_default() += 1;
        }
    }

    /// The organisation's figures (LO index, then the disciplines) as a page shows them beside a unit.
    fn add_organisation(&mut self, figures: &Value, root: usize) {
        let figures = figures.as_array().unwrap();
        if !figures[0].is_null() {
            self.add(Figure::LoIndex, (root, None), None);
        }
        for d in 0..5 {
            if !figures[1 + d].is_null() {
                self.add(Figure::Discipline(d), (root, None), None);
            }
        }
    }
}

/// Reads one wave as a staff member with `cookie` (pages) and `token` (REST) whose view starts at
/// `start`, into `released`.
async fn read_everything(
    app: &TestApp,
    wave: WaveId,
    (cookie, token): (&str, &str),
    start: usize,
    org: &Organisation,
    code_of: &HashMap<String, usize>,
    released: &mut Released,
) {
    let code = |u: usize| code_of.iter().find(|(_, i)| **i == u).unwrap().0.clone();
    let ok = |reply: Reply, what: &str| {
        assert_eq!(reply.status.as_u16(), 200, "{what}: {}", reply.body);
        reply.json()
    };
    let views = ok(app.server_fn("/api/hr_wave_heatmap", &format!("id={wave}"), Some(cookie)).await, "heatmap");
    let rows = views["heatmap"]["rows"].as_array().unwrap();
    for (row, difference) in rows.iter().zip(views["difference"].as_array().unwrap()) {
        released.add_row(row, code_of, None);
        let unit = code_of[row["unit"].as_str().unwrap()];
        // A difference to the organisation is both figures to whoever knows one of them.
        for (j, value) in difference.as_array().unwrap().iter().enumerate() {
            if !value.is_null() {
                let figure = if j == 0 { Figure::LoIndex } else { Figure::Discipline(j - 1) };
                released.add(figure, (unit, None), None);
                released.add(figure, (0, None), None);
            }
        }
    }
    released.add_organisation(&views["organisation"], 0);
    let rest = ok(app.api_get(&format!("/api/v1/waves/{wave}/heatmap"), token).await, "REST heatmap");
    rest["rows"].as_array().unwrap().iter().for_each(|row| released.add_row(row, code_of, None));
    for (d, by) in BreakdownBy::ALL.iter().enumerate() {
        let form = format!("id={wave}&by={}", by.code());
        let page = app.server_fn("/api/hr_wave_breakdown", &form, Some(cookie)).await;
        let rest = app.api_get(&format!("/api/v1/waves/{wave}/heatmap?breakdown={}", by.code()), token).await;
        if d != org.dimension {
            // A second dimension of the same people is refused: crossed, two could give people away.
            assert_eq!((page.status.as_u16(), rest.status.as_u16()), (422, 422), "{}", rest.body);
            continue;
        }
        let own = ok(app.server_fn("/api/hr_wave_breakdown", &format!("id={wave}&by="), Some(cookie)).await, "own");
        for reply in [ok(page, "breakdown"), ok(rest, "REST breakdown"), own] {
            reply["rows"].as_array().unwrap().iter().for_each(|row| released.add_row(row, code_of, Some(d)));
        }
    }
    // The wave list: participation of the caller's part of the wave.
    let list = ok(app.server_fn("/api/hr_waves", "", Some(cookie)).await, "wave list");
    let listed = list.as_array().unwrap().iter().find(|w| w["wave"]["id"] == wave.0).expect("the wave is listed");
    if let Some(n) = listed["responses"].as_u64() {
        released.add(Figure::Responses, (start, None), Some(n));
    }
    // The exports: the page's CSV (Indonesian headers, with the differences to the organisation) and
    // the REST CSV of the heatmap and of the wave's breakdown.
    let page_csv = app.get(&format!("/hr/waves/{wave}/heatmap.csv"), Some(cookie)).await;
    assert_eq!(page_csv.status.as_u16(), 200, "{}", page_csv.body);
    let page_rows = csv_as_rows(&page_csv.body);
    let as_shown = |rows: &[Value]| {
        rows.iter().map(|r| (r["unit"].clone(), r["n"].clone(), r["lo_index"].is_null())).collect::<Vec<_>>()
    };
    assert_eq!(as_shown(&page_rows), as_shown(rows), "the export is the page");
    for row in page_rows {
        released.add_row(&row, code_of, None);
        let unit = code_of[row["unit"].as_str().unwrap()];
        for (j, figure) in [Figure::LoIndex].into_iter().chain((0..5).map(Figure::Discipline)).enumerate() {
            if !row["difference"][j].is_null() {
                released.add(figure, (unit, None), None);
                released.add(figure, (0, None), None);
            }
        }
    }
    let by = BreakdownBy::ALL[org.dimension].code();
    for (query, dimension) in
        [("format=csv".to_string(), None), (format!("format=csv&breakdown={by}"), Some(org.dimension))]
    {
        let reply = app.api_get(&format!("/api/v1/waves/{wave}/heatmap?{query}"), token).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
        csv_as_rows(&reply.body).iter().for_each(|row| released.add_row(row, code_of, dimension));
    }
    let alpha = ok(app.server_fn("/api/hr_wave_reliability", &format!("id={wave}"), Some(cookie)).await, "alpha");
    let rest = ok(app.api_get(&format!("/api/v1/waves/{wave}/reliability"), token).await, "REST alpha");
    for reply in [alpha, rest] {
        for (d, discipline) in Discipline::ALL.iter().enumerate() {
            let n = reply["disciplines"][discipline.code()]["n_complete"].as_u64();
            if n.is_some() {
                released.add(Figure::Alpha(d), (start, None), n);
            }
        }
    }
    for unit in org.subtree(start) {
        let form = format!("code={}&wave={wave}", code(unit));
        let report = ok(app.server_fn("/api/hr_unit_report", &form, Some(cookie)).await, "unit report");
        if !report["figures"].is_null() {
            released.add_row(&report["figures"], code_of, None);
        }
        released.add_organisation(&report["organisation"], 0);
        for (i, item) in report["items"].as_array().unwrap().iter().enumerate() {
            assert_eq!(item["code"], lo25::ITEMS[i].code);
            if let Some(n) = item["answered"].as_u64() {
                released.add(Figure::Item(i), (unit, None), Some(n));
            }
        }
        if let Some(comments) = report["comments"].as_array() {
            released.add(Figure::Comments, (unit, None), Some(comments.len() as u64));
        }
        let trend = ok(app.api_get(&format!("/api/v1/units/{}/trend", code(unit)), token).await, "trend");
        trend["waves"].as_array().unwrap().iter().for_each(|point| released.add_row(&point["figures"], code_of, None));
    }
}

/// A CSV export as rows of the shape [`Released::add_row`] reads (a figure is there when its cell is
/// not empty), with the page export's differences to the organisation under `difference`.
fn csv_as_rows(body: &str) -> Vec<Value> {
    let mut reader = csv::Reader::from_reader(body.as_bytes());
    let header = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|record| {
            let record = record.expect("a CSV record");
            let cell = |name: &str| header.iter().position(|h| h == name).map(|i| &record[i]).filter(|v| !v.is_empty());
            let number = |name: &str| cell(name).map(|v| serde_json::json!(v.parse::<f64>().unwrap()));
            let mut disciplines = serde_json::Map::new();
            for d in Discipline::ALL {
                let mean = number(&format!("{}_mean", d.code())).or_else(|| number(d.code()));
                let favourable = number(&format!("{}_favourable", d.code()));
                let value = mean.map(|mean| serde_json::json!({ "mean": mean, "favourable": favourable }));
                disciplines.insert(d.code().to_string(), value.unwrap_or(Value::Null));
            }
            let difference: Vec<Option<Value>> = ["lo_index"]
                .into_iter()
                .chain(Discipline::ALL.iter().map(|d| d.code()))
                .map(|key| number(&format!("{key}_selisih_organisasi")))
                .collect();
            serde_json::json!({
                "unit": cell("unit"), "band": cell("band"), "n": cell("n").map(|n| n.parse::<u64>().unwrap()),
                "lo_index": number("lo_index"), "disciplines": disciplines, "difference": difference,
            })
        })
        .collect()
}

/// The people of `group` that `figure` rests on, by the generated answers.
fn people_in(org: &Organisation, figure: Figure, (unit, band): Group) -> u64 {
    let in_band = |r: &Respondent| band.is_none_or(|(d, b)| r.band(d) == b);
    let counted = |r: &&Respondent| figure.counts(r) && in_band(r);
    org.subtree(unit).into_iter().map(|u| org.people[u].iter().filter(counted).count() as u64).sum()
}

/// The comments written in `unit` and below it.
fn commenters(org: &Organisation, unit: usize) -> u64 {
    org.subtree(unit).into_iter().map(|u| org.people[u].iter().filter(|r| r.comment).count() as u64).sum()
}

/// The attacker's cells for one figure: each unit's own respondents by their band in all three
/// dimensions, with how many people the figure rests on.
fn cells(org: &Organisation, figure: Figure) -> BTreeMap<(usize, [usize; 3]), u64> {
    let mut cells = BTreeMap::new();
    for (unit, people) in org.people.iter().enumerate() {
        for r in people.iter().filter(|r| figure.counts(r)) {
            let key = (unit, [r.band(0), r.band(1), r.band(2)]);
            *cells.entry(key).or_insert(0) += 1;
        }
    }
    cells
}

/// Where a released group's figure would give fewer than its threshold of people away, the message.
fn audit(org: &Organisation, released: &Released) -> Vec<String> {
    let mut found = Vec::new();
    for (figure, groups) in &released.groups {
        let threshold = if *figure == Figure::Comments { org.comment_threshold.max(org.k) } else { org.k };
        for (group, n) in groups {
            let truth = people_in(org, *figure, *group);
            assert!(truth >= u64::from(threshold), "{figure:?} of {group:?} shown on {truth} people");
            // A comment list shows the comments, not the people it rests on.
            let shown_truth = if *figure == Figure::Comments { commenters(org, group.0) } else { truth };
            assert!(n.is_none_or(|n| n == shown_truth), "{figure:?} of {group:?}: shown {n:?}, truth {shown_truth}");
        }
        // The cells are the finest cut of all three dimensions at once: a wave shows one breakdown,
        // and the attacker checks that nothing finer can be worked out across them either.
        let cells = cells(org, *figure);
        let groups: Vec<Vec<(usize, [usize; 3])>> = groups
            .keys()
            .map(|(unit, band)| {
                let subtree = org.subtree(*unit);
                cells
                    .keys()
                    .filter(|(u, b)| subtree.contains(u) && band.is_none_or(|(d, band)| b[d] == band))
                    .copied()
                    .collect()
            })
            .collect();
        let counts: Vec<_> = cells.into_iter().collect();
        if let Some(leak) = small_derivable(&counts, &groups, u64::from(threshold)) {
            found.push(format!("{figure:?}: {leak}"));
        }
    }
    found
}

/// An account of `role` with `scope`, its session cookie and an API token.
async fn staff(app: &TestApp, email: &str, role: Role, scope: Option<UnitId>) -> (String, String) {
    let user = app.add_user(email, role, scope).await;
    let secret = mawas::server::auth::create_session(&app.db, user, chrono::Utc::now(), 1).await.unwrap();
    (format!("{}={secret}", mawas::server::auth::SESSION_COOKIE), app.token_for(user).await)
}

/// One random organisation: built, answered through the typed-in API, closed, read by every scope.
async fn attack(app: &TestApp, case: usize, org: &Organisation, tally: &mut BTreeMap<&'static str, usize>) {
    let mut ids: Vec<UnitId> = Vec::new();
    let mut code_of = HashMap::new();
    for (i, parent) in org.parent.iter().enumerate() {
        let code = format!("C{case}U{i}");
        ids.push(app.add_unit(&code, parent.map(|p| ids[p]), if i == 0 { "pemda" } else { "opd" }).await);
        code_of.insert(code, i);
    }
    let (_, typist) = staff(app, &format!("typist{case}@x.id"), Role::Hr, None).await;
    let today = chrono::Utc::now().date_naive();
    let new = serde_json::json!({
        "title": "Survei", "instrument": "lo-25", "root_unit": format!("C{case}U0"), "opens_on": today.to_string(),
        "closes_on": (today + chrono::Duration::days(14)).to_string(), "breakdown": BreakdownBy::ALL[org.dimension].code(),
    });
    let created = app.api("POST", "/api/v1/waves", Some(&typist), "application/json", &new.to_string()).await;
    assert_eq!(created.status.as_u16(), 200, "{}", created.body);
    let wave = WaveId(created.json()["id"].as_i64().unwrap() as i32);
    let mut rows = Vec::new();
    for (unit, people) in org.people.iter().enumerate() {
        for r in people {
            let answers: Vec<String> = (0..25)
                .filter(|i| r.answers_item(*i))
                .map(|i| format!("\"{}\": {}", lo25::ITEMS[i].code, r.value))
                .collect();
            let mut row = format!(r#"{{"unit":"C{case}U{unit}","answers":{{{}}}"#, answers.join(","));
            for (d, field) in ["grade_band", "tenure_band", "role"].iter().enumerate() {
                if let Some(b) = r.bands[d] {
                    row.push_str(&format!(r#","{field}":"{}""#, BreakdownBy::ALL[d].bands()[b]));
                }
            }
            if r.comment {
                row.push_str(&format!(r#","comment":"komentar {unit} {}""#, rows.len()));
            }
            row.push('}');
            rows.push(row);
        }
    }
    if !rows.is_empty() {
        let body = format!("[{}]", rows.join(","));
        let reply =
            app.api("POST", &format!("/api/v1/waves/{wave}/responses"), Some(&typist), "application/json", &body).await;
        assert_eq!(reply.status.as_u16(), 200, "{}", reply.body);
    }
    app.close_wave(wave).await;
    mawas::server::repo::settings::save(&app.db, org.k, org.comment_threshold).await.unwrap();

    let mut released = Released::default();
    let whole = staff(app, &format!("hr{case}@x.id"), Role::Hr, None).await;
    read_everything(app, wave, (&whole.0, &whole.1), 0, org, &code_of, &mut released).await;
    for (unit, id) in ids.iter().enumerate() {
        let scoped = staff(app, &format!("hr{case}-{unit}@x.id"), Role::Hr, Some(*id)).await;
        read_everything(app, wave, (&scoped.0, &scoped.1), unit, org, &code_of, &mut released).await;
    }
    let leaks = audit(org, &released);
    assert!(leaks.is_empty(), "case {case} {org:#?}\nk = {}: {leaks:#?}", org.k);
    for (what, n) in released.hidden {
        *tally.entry(what).or_default() += n;
    }
    for (figure, groups) in released.groups {
        let what = match figure {
            Figure::Item(_) => "items shown",
            Figure::Comments => "comment lists shown",
            Figure::Alpha(_) => "α shown",
            _ => "figures shown",
        };
        *tally.entry(what).or_default() += groups.len();
    }
}

#[tokio::test]
async fn no_figure_of_any_view_or_scope_gives_fewer_than_k_people_away() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let cases: Vec<Organisation> =
        (0..10).map(|_| organisation().new_tree(&mut runner).expect("an organisation").current()).collect();
    with_app(move |app| async move {
        let mut tally = BTreeMap::new();
        for (case, org) in cases.iter().enumerate() {
            attack(&app, case, org, &mut tally).await;
        }
        // The attacker must have had something to attack and something that was withheld.
        for what in ["row", "band shown", "band hidden", "items shown", "comment lists shown", "α shown"] {
            assert!(tally.get(what).copied().unwrap_or(0) > 0, "nothing of {what:?} in {tally:?}");
        }
    })
    .await;
}
