//! The frame of the documents the server renders without the Leptos app (the respondent's survey,
//! posters, upload previews and their refusals): head, header with the language switch, one `main`.
//! The printable invitation sheet (`export::invitations`) has a bare frame of its own: it answers a
//! post with links shown once, so a language switch there would lose them.
//! They ship no WebAssembly; see docs/ARCHITECTURE.md for when a page is one of these.

use crate::i18n::Lang;
use leptos::prelude::*;

/// What every server-rendered document carries around its content.
#[derive(Clone, Debug)]
pub struct DocumentFrame {
    pub lang: Lang,
    pub title: String,
    /// Link that switches the language and comes back to the same page.
    pub switch_href: String,
    pub stylesheet_href: String,
    pub script_href: String,
    /// Class of `<body>`: `survey`, or `posters` for the print page.
    pub body_class: &'static str,
}

/// Renders a whole document to HTML.
pub fn render_document(frame: DocumentFrame, body: AnyView) -> String {
    let DocumentFrame { lang, title, switch_href, stylesheet_href, script_href, body_class } = frame;
    let t = lang.t();
    let html = view! {
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b5d57" />
                // A personal link's token never reaches another site through Referer; unlike
                // no-referrer, same-origin keeps the Origin of the form's own post (server/http/csrf.rs).
                <meta name="referrer" content="same-origin" />
                <title>{format!("{title} · Mawas")}</title>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="stylesheet" href=stylesheet_href />
                <script src=script_href defer></script>
            </head>
            <body class=body_class>
                <a class="skip-link" href="#main">
                    {t.skip_to_content}
                </a>
                <header class="site-header">
                    <div class="container nav">
                        <span class="brand">
                            <span class="brand-mark" aria-hidden="true">
                                "M"
                            </span>
                            "Mawas"
                        </span>
                        <a class="lang-switch" href=switch_href lang=lang.other().code()>
                            {t.switch_to}
                        </a>
                    </div>
                </header>
                <main id="main" class="container survey-main">
                    <h1>{title}</h1>
                    {body}
                </main>
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", html.to_html())
}
