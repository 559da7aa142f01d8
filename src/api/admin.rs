//! Admin settings (the anonymity thresholds every view, export and API answer uses) and the audit log.

use crate::dto::{AuditPageDto, ThresholdSettings, UserRowDto};
use crate::error::AppError;
use leptos::prelude::*;

/// The thresholds in force; admins only.
#[server(endpoint = "admin_settings")]
pub async fn admin_settings() -> Result<ThresholdSettings, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, .. } = caller(Area::Admin).await?;
    crate::server::reports::admin::thresholds(&state.db).await
}

/// One page of the audit log, newest first, older than entry `before` (admins only).
#[server(endpoint = "admin_audit_log")]
pub async fn admin_audit_log(before: Option<i32>) -> Result<AuditPageDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, .. } = caller(Area::Admin).await?;
    crate::server::reports::admin::audit_page(&state.db, before).await
}

/// Changes the thresholds (admins only), in one transaction with its audit record, then goes back to
/// the settings page marked as saved.
#[server(endpoint = "save_admin_settings")]
pub async fn save_admin_settings(
    min_group_size: String,
    comment_threshold: String,
    /// Absent: the bands stay as they are.
    category_bands: Option<String>,
) -> Result<(), AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};
    use crate::server::reports::admin::{ThresholdsForm, save_thresholds};

    let Caller { state, user, lang } = caller(Area::Admin).await?;
    let form = ThresholdsForm { min_group_size, comment_threshold, category_bands };
    save_thresholds(&state.db, &user, form, lang, chrono::Utc::now()).await?;
    leptos_axum::redirect("/admin/settings?saved=1");
    Ok(())
}

/// The accounts matching a filter (text in name or e-mail, role code, `active`/`disabled`; empty for
/// any), by e-mail; admins only.
#[server(endpoint = "admin_users")]
pub async fn admin_users(text: String, role: String, status: String) -> Result<Vec<UserRowDto>, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};

    let Caller { state, .. } = caller(Area::Admin).await?;
    crate::server::reports::users::list(&state.db, &text, &role, &status).await
}
