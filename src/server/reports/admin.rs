//! The admin's pages: the anonymity thresholds every view, export and API answer uses, and the
//! audit log.

use crate::domain::heatmap_views::CategoryBands;
use crate::domain::settings::{ThresholdProblem, parse_thresholds};
use crate::dto::{AuditEntryDto, AuditPageDto, ErrorDetail, ThresholdSettings};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth::AuthUser;
use crate::server::repo::{audit, settings, users};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

/// Entries on one page of the audit view.
pub const AUDIT_PAGE_SIZE: u64 = 50;

/// The thresholds in force.
pub async fn thresholds(db: &impl ConnectionTrait) -> Result<ThresholdSettings, AppError> {
    Ok(ThresholdSettings {
        min_group_size: settings::min_group_size(db).await?,
        comment_threshold: settings::comment_threshold(db).await?,
        category_bands: settings::category_bands(db).await?.to_text(),
    })
}

/// The thresholds as the settings form posts them; absent bands stay as they are.
pub struct ThresholdsForm {
    pub min_group_size: String,
    pub comment_threshold: String,
    pub category_bands: Option<String>,
}

fn invalid_field(field: &str, message: String) -> AppError {
    AppError::Invalid {
        message: message.clone(),
        details: vec![ErrorDetail { row: None, field: field.into(), message }],
    }
}

/// Changes the thresholds in one transaction with its audit record; a bad field changes nothing.
pub async fn save_thresholds<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    form: ThresholdsForm,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (k, kc) = parse_thresholds(&form.min_group_size, &form.comment_threshold).map_err(|problem| {
        let (field, message) = match problem {
            ThresholdProblem::MinGroupSize => ("min_group_size", lang.t().settings_k_invalid),
            ThresholdProblem::CommentThreshold => ("comment_threshold", lang.t().settings_kc_invalid),
        };
        invalid_field(field, message.into())
    })?;
    let bands = match form.category_bands.as_deref() {
        Some(text) => Some(
            CategoryBands::parse(text)
                .map_err(|problem| invalid_field("category_bands", lang.band_problem(&problem)))?,
        ),
        None => None,
    };
    let txn = db.begin().await?;
    settings::save(&txn, k, kc).await?;
    let what = match &bands {
        Some(bands) => {
            settings::save_category_bands(&txn, bands).await?;
            format!("k={k}, comment_threshold={kc}, category_bands={}", bands.to_text().replace('\n', "; "))
        }
        None => format!("k={k}, comment_threshold={kc}"),
    };
    audit::record(&txn, now, Some(user.id), "settings.update", &what).await?;
    txn.commit().await?;
    Ok(())
}

/// The newest [`AUDIT_PAGE_SIZE`] entries older than entry `before` (all when `None`), each with the
/// e-mail of the account that acted.
pub async fn audit_page(db: &impl ConnectionTrait, before: Option<i32>) -> Result<AuditPageDto, AppError> {
    let mut rows = audit::newest(db, before, AUDIT_PAGE_SIZE + 1).await?;
    let older = (rows.len() as u64 > AUDIT_PAGE_SIZE).then(|| {
        rows.truncate(AUDIT_PAGE_SIZE as usize);
        rows.last().map(|r| r.id)
    });
    let emails = users::emails(db, rows.iter().filter_map(|r| r.user_id)).await?;
    let entries = rows
        .into_iter()
        .map(|r| AuditEntryDto {
            at: r.at,
            account: r.user_id.map(|id| emails.get(&id).cloned().unwrap_or_else(|| format!("#{id}"))),
            action: r.action,
            target: r.target,
        })
        .collect();
    Ok(AuditPageDto { entries, older: older.flatten() })
}
