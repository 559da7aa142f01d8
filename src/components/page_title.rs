//! The document title of a page.
//!
//! leptos_meta 0.8 writes the server-rendered `<title>` without escaping, so a unit or wave name
//! containing `</title><script>` would end the title and start a script. The text is escaped for
//! the server's HTML only; in the browser, leptos_meta sets `document.title`, which takes plain text.

use leptos::prelude::*;
use leptos_meta::Title;

/// `<Title>` with its text escaped in the server-rendered HTML.
#[component]
pub fn PageTitle(#[prop(into)] text: String) -> impl IntoView {
    view! { <Title text=for_document(text) /> }
}

#[cfg(feature = "ssr")]
fn for_document(text: String) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(not(feature = "ssr"))]
fn for_document(text: String) -> String {
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_title_is_escaped_on_the_server() {
        assert_eq!(
            for_document("</title><script>x</script> & co".into()),
            "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; co"
        );
    }
}
