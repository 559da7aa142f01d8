//! Text for elements that Leptos writes unescaped in the server's HTML: `<textarea>` (tachys treats
//! its children as raw text) and the document `<title>` (leptos_meta 0.8). Without escaping, a plan
//! goal or a comment containing `</textarea><meta http-equiv=refresh …>` ends the field and puts
//! markup in the page. The text is escaped for the server's HTML only; in the browser the text is
//! set as a DOM text value, which takes plain text, and hydration keeps the server's node as it is.

/// `text` ready to stand as the body of a `<textarea>` or `<title>`.
#[cfg(feature = "ssr")]
pub fn raw_text(text: String) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// `text` ready to stand as the body of a `<textarea>` or `<title>`.
#[cfg(not(feature = "ssr"))]
pub fn raw_text(text: String) -> String {
    text
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_on_the_server() {
        assert_eq!(
            raw_text("</title><script>x</script> & co".into()),
            "&lt;/title&gt;&lt;script&gt;x&lt;/script&gt; &amp; co"
        );
        assert_eq!(
            raw_text("</textarea><meta http-equiv=refresh>".into()),
            "&lt;/textarea&gt;&lt;meta http-equiv=refresh&gt;"
        );
    }
}
