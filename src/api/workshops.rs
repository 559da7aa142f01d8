//! Workshops for trainers (their own), HR (units in scope) and admins (all).

use crate::dto::{WorkshopReport, WorkshopSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// The workshops the caller may see, newest first.
#[server(endpoint = "my_workshops")]
pub async fn my_workshops() -> Result<Vec<WorkshopSummary>, AppError> {
    use crate::server::http::state::{Caller, signed_in};
    use crate::server::reports::workshops;

    let Caller { state, user, .. } = signed_in().await?;
    Ok(workshops::visible_to(&state.db, &user).await?.iter().map(workshops::summary).collect())
}

/// One workshop with its waves and its pre/post comparison, if the caller may see it.
#[server(endpoint = "workshop_report")]
pub async fn load_workshop_report(id: i32) -> Result<WorkshopReport, AppError> {
    use crate::server::http::respond::public_base;
    use crate::server::http::state::{Caller, request_headers, signed_in};
    use crate::server::reports::workshops;

    let Caller { state, user, .. } = signed_in().await?;
    let mut report = workshops::report(&state.db, &user, id, chrono::Utc::now().date_naive()).await?;
    let base = public_base(&state, &request_headers().await?);
    for wave in [&mut report.pre_wave, &mut report.post_wave] {
        wave.url = format!("{base}{}", wave.path);
    }
    Ok(report)
}

/// The choices of the creation form: published instruments and the units a new workshop may
/// belong to (the caller's scope, or all).
#[server(endpoint = "workshop_form_options")]
pub async fn workshop_form_options() -> Result<crate::dto::FormOptions, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, user, lang } = caller(Area::Trainer).await?;
    crate::server::reports::waves::form_options(&state.db, user.scope_unit_id, lang).await
}

/// Creates a workshop from the form (trainers, admins) and opens its page.
#[server(endpoint = "create_workshop")]
pub async fn create_workshop(
    title: String,
    held_from: String,
    held_to: String,
    place: Option<String>,
    unit: Option<String>,
    then_test: Option<String>,
    instrument: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::dto::NewWorkshop;
    use crate::server::http::state::{Caller, caller};
    use crate::server::reports::workshops;

    let Caller { state, user, lang } = caller(Area::Trainer).await?;
    let new = NewWorkshop {
        title,
        instrument: instrument.unwrap_or_else(|| "lo-25".into()),
        held_from,
        held_to,
        then_test: then_test.is_some(),
        place,
        unit,
    };
    let (saved, _, _) = workshops::create(&state.db, &user, &new, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect(&format!("/trainer/workshops/{}", saved.id));
    Ok(())
}

/// Opens or closes the pre-test (`which = "pre"`) or post-test (`"post"`) of a workshop now.
#[server(endpoint = "set_workshop_wave")]
pub async fn set_workshop_wave(id: i32, which: String, open: bool) -> Result<(), AppError> {
    use crate::server::http::state::{Caller, request_headers, signed_in};
    use crate::server::reports::workshops;

    let Caller { state, user, lang } = signed_in().await?;
    let post_test = match which.as_str() {
        "pre" => false,
        "post" => true,
        _ => return Err(AppError::invalid("which: pre | post")),
    };
    workshops::set_wave_open(&state.db, &user, id, post_test, open, chrono::Utc::now(), lang).await?;
    // Without JavaScript the form posted here: go back to the page it came from.
    let back = request_headers()
        .await?
        .get("referer")
        .and_then(|r| r.to_str().ok())
        .and_then(|r| r.find("/trainer/").or_else(|| r.find("/hr/")).map(|i| r[i..].to_string()))
        .unwrap_or_else(|| format!("/trainer/workshops/{id}"));
    leptos_axum::redirect(&back);
    Ok(())
}
