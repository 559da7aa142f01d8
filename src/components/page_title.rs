//! The document title of a page.
//!
//! leptos_meta 0.8 writes the server-rendered `<title>` without escaping, so a unit or wave name
//! containing `</title><script>` would end the title and start a script: see [`raw_text`].

use leptos::prelude::*;
use leptos_meta::Title;

use crate::display::raw_text::raw_text;

/// `<Title>` with its text escaped in the server-rendered HTML.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=raw_text(text) /> }
}
