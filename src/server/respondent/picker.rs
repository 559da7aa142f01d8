//! The unit picker: one grouped list for a wave of a few hundred units, one level at a time with a
//! search for a larger one.

use super::survey::Survey;
use super::visit::Visit;
use crate::domain::unit_tree::MAX_DEPTH;
use crate::server::entities::unit;
use crate::server::respondent::view::{UnitChoice, UnitLevel, UnitLink, UnitOption};

/// Where the unit picker is: the level shown (`None`: the wave's top) and a search, if any.
#[derive(Debug, Default)]
pub(super) struct PickerPlace {
    pub(super) within: Option<String>,
    pub(super) query: Option<String>,
}

/// Units a wave may have before its picker goes level by level: one list of a few hundred options
/// (about 40 KB) still loads quickly on a slow phone; 20,000 would be megabytes.
pub(super) const FULL_PICKER_MAX_UNITS: usize = 400;

/// Search results shown at most.
pub(super) const MAX_SEARCH_RESULTS: usize = 50;

impl Survey {
    /// The picker's options: the wave's root on top, then one group per unit directly below it
    /// (the OPD level of a Pemda-wide wave), each listing its subtree indented by depth. A wave of
    /// more than [`FULL_PICKER_MAX_UNITS`] units shows one level at a time, with a search.
    pub(super) fn unit_choice(
        &self,
        visit: &Visit,
        place: &PickerPlace,
        selected: Option<String>,
        error: Option<String>,
    ) -> UnitChoice {
        if self.units.len() > FULL_PICKER_MAX_UNITS {
            return self.unit_level(visit, place, selected, error);
        }
        let root = self.wave.root_unit_id;
        let option = |u: &unit::Model, depth: usize| {
            let indent = "\u{a0}\u{a0}\u{a0}".repeat(depth);
            let marker = if depth > 0 { "· " } else { "" };
            UnitOption { code: u.code.clone(), label: format!("{indent}{marker}{}", u.name) }
        };
        let top = self.index.position.get(&root).map(|i| option(&self.units[*i], 0)).into_iter().collect();
        let groups = self
            .index
            .children_of(root)
            .map(|head| {
                let mut options = Vec::new();
                // A work list instead of recursion: depth-first, children in name order.
                let mut todo = vec![(head, 0usize)];
                while let Some((i, depth)) = todo.pop() {
                    let u = &self.units[i];
                    options.push(option(u, depth));
                    let children: Vec<usize> = self.index.children_of(u.id).collect();
                    todo.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
                }
                (self.units[head].name.clone(), options)
            })
            .collect();
        UnitChoice { top, groups, selected, error, level: None }
    }

    /// The picker of a large organisation: the units of one level (or the units a search finds), the
    /// way back up, and links to the levels below.
    pub(super) fn unit_level(
        &self,
        visit: &Visit,
        place: &PickerPlace,
        selected: Option<String>,
        error: Option<String>,
    ) -> UnitChoice {
        let lang = visit.lang;
        let root = self.wave.root_unit_id;
        let query = place.query.as_deref().map(str::trim).filter(|q| !q.is_empty()).unwrap_or("");
        let link = |i: usize| UnitLink {
            label: self.units[i].name.clone(),
            href: visit.level_href(Some(&self.units[i].code)),
        };
        let option = |i: usize| UnitOption { code: self.units[i].code.clone(), label: self.units[i].name.clone() };
        let mut level =
            UnitLevel { action: visit.level_href(None), query: query.chars().take(60).collect(), ..Default::default() };
        if !query.is_empty() {
            let needle = query.to_lowercase();
            let mut found: Vec<usize> = (0..self.units.len())
                .filter(|i| {
                    let u = &self.units[*i];
                    u.name.to_lowercase().contains(&needle) || u.code.to_lowercase().contains(&needle)
                })
                .take(MAX_SEARCH_RESULTS + 1)
                .collect();
            if found.len() > MAX_SEARCH_RESULTS {
                found.truncate(MAX_SEARCH_RESULTS);
                level.cut_at = Some(MAX_SEARCH_RESULTS);
            }
            level.nothing_found = found.is_empty();
            found.sort_by(|a, b| self.units[*a].name.cmp(&self.units[*b].name));
            let options = found
                .iter()
                .map(|i| {
                    let u = &self.units[*i];
                    let parent = u.parent_id.and_then(|p| self.index.position.get(&p)).map(|p| &self.units[*p].name);
                    let label = match parent {
                        Some(parent) if u.id != root => format!("{} — {parent}", u.name),
                        _ => u.name.clone(),
                    };
                    UnitOption { code: u.code.clone(), label }
                })
                .collect();
            let groups = vec![(lang.survey().unit_search_results.to_string(), options)];
            return UnitChoice { top: vec![], groups, selected, error, level: Some(level) };
        }
        let here = place
            .within
            .as_deref()
            .and_then(|code| self.unit_by_code(code))
            .and_then(|u| self.index.position.get(&u.id).copied())
            .or_else(|| self.index.position.get(&root).copied());
        let Some(here) = here else { return UnitChoice { selected, error, level: Some(level), ..Default::default() } };
        // The way up to the wave's root, top first; shown below the top only.
        let mut trail = vec![here];
        let mut at = here;
        while self.units[at].id != root && trail.len() <= MAX_DEPTH {
            let Some(parent) = self.units[at].parent_id.and_then(|p| self.index.position.get(&p)) else { break };
            at = *parent;
            trail.push(at);
        }
        if trail.len() > 1 {
            level.trail = trail.into_iter().rev().map(link).collect();
        }
        let children: Vec<usize> = self.index.children_of(self.units[here].id).collect();
        level.open =
            children.iter().filter(|c| self.index.has_children(self.units[**c].id)).map(|c| link(*c)).collect();
        let options = children.into_iter().map(option).collect();
        let groups = vec![(self.units[here].name.clone(), options)];
        UnitChoice { top: vec![option(here)], groups, selected, error, level: Some(level) }
    }
}
