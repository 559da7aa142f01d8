//! One request's language, survey address and invitation token, and the links built from them.

use crate::i18n::Lang;
use crate::server::http::assets;
use crate::server::http::document::DocumentFrame;
use crate::server::http::state::lang_of;
use axum::http::HeaderMap;

/// Everything about one request that the pages need besides the wave.
pub(super) struct Visit {
    pub(super) lang: Lang,
    pub(super) slug: String,
    pub(super) token: Option<String>,
}

impl Visit {
    pub(super) fn new(headers: &HeaderMap, slug: &str, token: Option<String>) -> Visit {
        let token = token.map(|t| t.trim().to_string()).filter(|t| !t.is_empty() && t.len() <= 128);
        Visit { lang: lang_of(headers), slug: slug.to_string(), token }
    }

    pub(super) fn href(&self, unit: Option<&str>) -> String {
        self.survey_path_with("u", unit)
    }

    /// The picker of a large organisation at the level of `within` (the wave's top when `None`).
    pub(super) fn level_href(&self, within: Option<&str>) -> String {
        self.survey_path_with("in", within)
    }

    /// The survey's path with `key=value` (when given) and the visit's invitation token.
    pub(super) fn survey_path_with(&self, key: &str, value: Option<&str>) -> String {
        let mut query: Vec<(&str, &str)> = value.map(|v| (key, v)).into_iter().collect();
        if let Some(t) = &self.token {
            query.push(("t", t));
        }
        let query = serde_urlencoded::to_string(&query).unwrap_or_default();
        if query.is_empty() { format!("/s/{}", self.slug) } else { format!("/s/{}?{query}", self.slug) }
    }

    pub(super) fn frame(&self, title: &str, unit: Option<&str>) -> DocumentFrame {
        let next = serde_urlencoded::to_string([("next", self.href(unit))]).unwrap_or_default();
        DocumentFrame {
            lang: self.lang,
            title: title.to_string(),
            switch_href: format!("/lang/{}?{next}", self.lang.other().code()),
            stylesheet_href: assets::STYLESHEET.href(),
            script_href: assets::SURVEY_SCRIPT.href(),
            body_class: "survey",
        }
    }

    pub(super) fn draft_key(&self, unit: Option<&str>) -> String {
        format!("mawas-draft:{}:{}", self.slug, unit.unwrap_or(""))
    }
}
