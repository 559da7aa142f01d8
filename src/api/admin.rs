//! Admin settings (the anonymity thresholds every view, export and API answer uses) and the audit log.

use crate::dto::{AuditPageDto, ThresholdSettings};
use crate::error::AppError;
use leptos::prelude::*;

/// The thresholds in force; admins only.
#[server(endpoint = "admin_settings")]
pub async fn admin_settings() -> Result<ThresholdSettings, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};
    use crate::server::repo::settings;

    let Caller { state, .. } = caller(Area::Admin).await?;
    Ok(ThresholdSettings {
        min_group_size: settings::min_group_size(&state.db).await?,
        comment_threshold: settings::comment_threshold(&state.db).await?,
        category_bands: settings::category_bands(&state.db).await?.to_text(),
    })
}

/// One page of the audit log, newest first, older than entry `before` (admins only).
#[server(endpoint = "admin_audit_log")]
pub async fn admin_audit_log(before: Option<i32>) -> Result<AuditPageDto, AppError> {
    use crate::domain::Area;
    use crate::server::http::state::{Caller, caller};
    use crate::server::repo::audit;

    let Caller { state, .. } = caller(Area::Admin).await?;
    audit::page(&state.db, before).await
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
    use crate::domain::heatmap_views::CategoryBands;
    use crate::domain::settings::{ThresholdProblem, parse_thresholds};
    use crate::dto::ErrorDetail;
    use crate::server::http::state::{Caller, caller};
    use crate::server::repo::{audit, settings};
    use sea_orm::TransactionTrait;

    let Caller { state, user, lang } = caller(Area::Admin).await?;
    let (k, kc) = parse_thresholds(&min_group_size, &comment_threshold).map_err(|problem| {
        let (field, message) = match problem {
            ThresholdProblem::MinGroupSize => ("min_group_size", lang.t().settings_k_invalid),
            ThresholdProblem::CommentThreshold => ("comment_threshold", lang.t().settings_kc_invalid),
        };
        AppError::Invalid {
            message: message.into(),
            details: vec![ErrorDetail { row: None, field: field.into(), message: message.into() }],
        }
    })?;
    let bands = match category_bands.as_deref() {
        Some(text) => Some(CategoryBands::parse(text).map_err(|problem| {
            let message = lang.band_problem(&problem);
            AppError::Invalid {
                message: message.clone(),
                details: vec![ErrorDetail { row: None, field: "category_bands".into(), message }],
            }
        })?),
        None => None,
    };
    let txn = state.db.begin().await?;
    settings::save(&txn, k, kc).await?;
    if let Some(bands) = &bands {
        settings::save_category_bands(&txn, bands).await?;
    }
    audit::record(
        &txn,
        chrono::Utc::now(),
        Some(user.id),
        "settings.update",
        &match &bands {
            Some(bands) => {
                format!("k={k}, comment_threshold={kc}, category_bands={}", bands.to_text().replace('\n', "; "))
            }
            None => format!("k={k}, comment_threshold={kc}"),
        },
    )
    .await?;
    txn.commit().await?;
    leptos_axum::redirect("/admin/settings?saved=1");
    Ok(())
}
