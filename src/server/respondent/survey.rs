//! A wave with everything its pages need (instrument, items, workshop side, units and k), read once
//! and kept in memory while the revision counter stands still.

use crate::domain::Discipline;
use crate::domain::UnitId;
use crate::domain::breakdown::BreakdownBy;
use crate::domain::survey::{WaveKind, WavePhase, wave_phase};
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::entities::{item, unit, wave, workshop};
use crate::server::repo::{instruments, responses, revision, settings, waves};
use crate::server::respondent::view::{ItemView, SectionView};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Which side of a workshop a wave is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum WorkshopSide {
    Pre,
    Post { then_test: bool },
}

/// A wave with everything its pages need.
pub(super) struct Survey {
    pub(super) wave: wave::Model,
    pub(super) scale_points: u8,
    pub(super) items: Vec<item::Model>,
    pub(super) workshop: Option<(workshop::Model, WorkshopSide)>,
    /// Active units of the wave's subtree.
    pub(super) units: Vec<unit::Model>,
    /// `units` by code and each unit's children in name order, built once with the survey.
    pub(super) index: UnitIndex,
    /// Ids of `units`, handed to `submit` so it does not read the tree again.
    pub(super) eligible_units: HashSet<UnitId>,
    pub(super) k: u32,
    /// Empty forms as rendered, by (language, unit code, confidentiality sentence), with
    /// [`NONCE_MARK`] where each visit's nonce goes; kept as long as the survey is.
    pub(super) fresh_forms: std::sync::Mutex<HashMap<(Lang, String, String), Arc<str>>>,
}

/// Stands in a kept form for the nonce each visit gets: plain ASCII that escaping leaves alone and
/// that nothing else on the page contains.
pub(super) const NONCE_MARK: &str = "mawas-nonce-slot-5f0c9e";

/// Surveys as read from the database, kept while the revision counter stands still: a respondent's
/// GET and POST then read one counter row instead of the wave, instrument, items, units and k.
#[derive(Default)]
pub struct SurveyCache {
    kept: std::sync::Mutex<KeptSurveys>,
}

#[derive(Default)]
pub(super) struct KeptSurveys {
    revision: i64,
    by_slug: HashMap<String, Arc<Survey>>,
}

/// More waves than a deployment keeps open at once; past it the cache starts again.
pub(super) const MAX_KEPT_SURVEYS: usize = 1_000;

/// Empty forms kept per survey (about 37 KB each, so at most about 37 MB): a wave of a few hundred
/// units fits; a larger tree starts its forms again when it is reached, rendering them anew.
pub(super) const MAX_KEPT_FORMS: usize = 1_000;

impl SurveyCache {
    pub(super) fn get(&self, revision: i64, slug: &str) -> Option<Arc<Survey>> {
        let kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.revision == revision { kept.by_slug.get(slug).cloned() } else { None }
    }

    pub(super) fn put(&self, revision: i64, slug: &str, survey: Arc<Survey>) {
        let mut kept = self.kept.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if kept.revision != revision || kept.by_slug.len() >= MAX_KEPT_SURVEYS {
            *kept = KeptSurveys { revision, by_slug: HashMap::new() };
        }
        kept.by_slug.insert(slug.to_string(), survey);
    }
}

impl Survey {
    /// The survey of `slug`, from the cache when nothing it is built from changed since it was read.
    /// The counter is read before the tables, so a change that lands in between makes the next
    /// request read again rather than keep old data under the new counter.
    pub(super) async fn load(
        db: &DatabaseConnection,
        cache: &SurveyCache,
        slug: &str,
    ) -> Result<Option<Arc<Survey>>, AppError> {
        let revision = revision::current(db).await?;
        if let Some(survey) = cache.get(revision, slug) {
            return Ok(Some(survey));
        }
        let Some(survey) = Self::read(db, slug).await?.map(Arc::new) else { return Ok(None) };
        cache.put(revision, slug, Arc::clone(&survey));
        Ok(Some(survey))
    }

    pub(super) async fn read(db: &DatabaseConnection, slug: &str) -> Result<Option<Survey>, AppError> {
        let Some(wave) = waves::by_slug(db, slug).await? else {
            return Ok(None);
        };
        let Some(instrument) = instruments::by_id(db, wave.instrument_id).await? else {
            return Ok(None);
        };
        let items = instruments::items(db, instrument.id).await?;
        // Only workshop waves belong to a workshop: a periodic wave skips the query.
        let workshop = if wave.kind == WaveKind::Periodic {
            None
        } else {
            waves::workshop_of(db, wave.id).await?.map(|w| {
                let side = if w.pre_wave_id == wave.id {
                    WorkshopSide::Pre
                } else {
                    WorkshopSide::Post { then_test: w.then_test }
                };
                (w, side)
            })
        };
        let all = waves::units_of(db, &wave).await?;
        let eligible_units = responses::eligible_unit_ids(&all, &wave);
        let units: Vec<unit::Model> = all.into_iter().filter(|u| eligible_units.contains(&u.id)).collect();
        let index = UnitIndex::new(&units);
        let k = settings::min_group_size(db).await?;
        let scale_points = u8::try_from(instrument.scale_points).unwrap_or(5);
        Ok(Some(Survey {
            wave,
            scale_points,
            items,
            workshop,
            units,
            index,
            eligible_units,
            k,
            fresh_forms: Default::default(),
        }))
    }

    pub(super) fn side(&self) -> Option<WorkshopSide> {
        self.workshop.as_ref().map(|(_, side)| *side)
    }

    pub(super) fn then_test(&self) -> bool {
        matches!(self.side(), Some(WorkshopSide::Post { then_test: true }))
    }

    /// The wave's one breakdown dimension, the only band the form asks for and stores.
    pub(super) fn breakdown(&self) -> BreakdownBy {
        self.wave.breakdown_by
    }

    pub(super) fn unit_by_code(&self, code: &str) -> Option<&unit::Model> {
        let code = code.trim();
        self.index
            .by_code
            .get(code)
            .or_else(|| self.index.by_code.get(&code.to_ascii_uppercase()))
            .map(|i| &self.units[*i])
            .or_else(|| self.units.iter().find(|u| u.code.eq_ignore_ascii_case(code)))
    }

    pub(super) fn phase(&self) -> WavePhase {
        wave_phase(self.wave.opens_on, self.wave.closes_on, self.wave.closed_early, Utc::now().date_naive())
    }

    pub(super) fn period(&self, lang: Lang) -> String {
        fill(
            lang.survey().runs_from_to,
            &[("from", &lang.date(self.wave.opens_on)), ("to", &lang.date(self.wave.closes_on))],
        )
    }

    pub(super) fn lead(&self, lang: Lang) -> String {
        let s = lang.survey();
        let text = match self.side() {
            None => s.lead,
            Some(WorkshopSide::Pre) => s.lead_workshop_pre,
            Some(WorkshopSide::Post { .. }) => s.lead_workshop_post,
        };
        fill(text, &[("n", &self.items.len().to_string())])
    }

    pub(super) fn sections(&self, lang: Lang) -> Vec<SectionView> {
        Discipline::ALL
            .iter()
            .filter_map(|d| {
                let items: Vec<ItemView> = self
                    .items
                    .iter()
                    .filter(|i| i.discipline == d.code())
                    .map(|i| ItemView {
                        code: i.code.clone(),
                        text: if lang == Lang::En { i.text_en.clone() } else { i.text_id.clone() },
                    })
                    .collect();
                (!items.is_empty()).then(|| SectionView { title: lang.discipline(*d).to_string(), items })
            })
            .collect()
    }
}

/// The active units of a wave looked up by code and by parent, built once per survey: the picker and
/// every submit use it, and a scan of 20,000 units per request would cost milliseconds.
#[derive(Default)]
pub(super) struct UnitIndex {
    pub(super) by_code: HashMap<String, usize>,
    pub(super) position: HashMap<UnitId, usize>,
    /// Children of each unit, in name order (positions in `units`).
    pub(super) children: HashMap<UnitId, Vec<usize>>,
}

impl UnitIndex {
    pub(super) fn new(units: &[unit::Model]) -> Self {
        let mut children: HashMap<UnitId, Vec<usize>> = HashMap::new();
        for (i, u) in units.iter().enumerate() {
            if let Some(parent) = u.parent_id {
                children.entry(parent).or_default().push(i);
            }
        }
        for list in children.values_mut() {
            list.sort_by(|a, b| units[*a].name.cmp(&units[*b].name));
        }
        UnitIndex {
            by_code: units.iter().enumerate().map(|(i, u)| (u.code.clone(), i)).collect(),
            position: units.iter().enumerate().map(|(i, u)| (u.id, i)).collect(),
            children,
        }
    }

    pub(super) fn children_of(&self, id: UnitId) -> impl Iterator<Item = usize> + '_ {
        self.children.get(&id).into_iter().flatten().copied()
    }

    /// Ids of `id` and every unit below it.
    pub(super) fn subtree(&self, units: &[unit::Model], id: UnitId) -> Vec<UnitId> {
        let mut found = Vec::new();
        let mut todo: Vec<usize> = self.position.get(&id).copied().into_iter().collect();
        while let Some(i) = todo.pop() {
            found.push(units[i].id);
            todo.extend(self.children_of(units[i].id));
        }
        found
    }

    pub(super) fn has_children(&self, id: UnitId) -> bool {
        self.children.get(&id).is_some_and(|c| !c.is_empty())
    }
}
