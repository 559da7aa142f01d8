//! Managing accounts without anybody setting another person's password: creating an account,
//! one-time set-password links, disabling and enabling, each audited with who did it (`actor`,
//! `None` from the command line). The last active admin cannot be disabled.

use crate::domain::Role;
use crate::domain::password::check;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::auth::hash_password;
use crate::server::entities::app_user;
use crate::server::repo::{audit, password_links, users};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, TransactionSession, TransactionTrait};

/// Creates an account whose first password its owner chose (`password`, typed twice as `repeated`):
/// the command line's bootstrap of the first admin. An e-mail that has an account is refused.
pub async fn create(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: Option<i32>,
    new: users::NewUser<'_>,
    repeated: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    check(new.password, repeated, new.display_name, new.email)
        .map_err(|problem| AppError::invalid(lang.password_problem(problem)))?;
    let txn = db.begin().await?;
    let created =
        users::create(&txn, new, now).await?.ok_or_else(|| AppError::invalid(lang.accounts().account_exists))?;
    audit::record(&txn, now, actor, "user.create", &format!("{} ({})", created.email, created.role)).await?;
    txn.commit().await?;
    Ok(created)
}

/// A new one-time set-password link for the account with `email`; returns its secret for the URL.
/// Earlier unused links of the account stop working.
pub async fn password_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: Option<i32>,
    email: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let txn = db.begin().await?;
    let user = users::by_email(&txn, email).await?.ok_or_else(|| AppError::invalid(lang.accounts().account_unknown))?;
    let secret = password_links::issue(&txn, user.id, actor, now).await?;
    audit::record(&txn, now, actor, "user.password_link", &user.email).await?;
    txn.commit().await?;
    Ok(secret)
}

/// Disables or enables the account with `email`. Disabling ends its sessions, and its API tokens stop
/// working at once; the last active admin is refused, so the organisation is never left without one.
pub async fn set_enabled(
    db: &(impl ConnectionTrait + TransactionTrait),
    actor: Option<i32>,
    email: &str,
    enabled: bool,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let txn = db.begin().await?;
    let user = users::by_email(&txn, email).await?.ok_or_else(|| AppError::invalid(lang.accounts().account_unknown))?;
    if !enabled && user.active && user.role == Role::Admin && users::active_admins(&txn).await? <= 1 {
        return Err(AppError::invalid(lang.accounts().last_admin));
    }
    let changed = users::set_active(&txn, user, enabled).await?;
    let action = if enabled { "user.enable" } else { "user.disable" };
    audit::record(&txn, now, actor, action, &changed.email).await?;
    txn.commit().await?;
    Ok(changed)
}

/// The e-mail of the account a set-password link is for, while the link works.
pub async fn link_email(
    db: &impl ConnectionTrait,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    Ok(password_links::account_of(db, secret, now).await?.map(|user| user.email))
}

/// The person behind a set-password link chooses their password: checked against the rules (with
/// their name and e-mail), stored, the link used up, every session and API token of the account
/// ended. A used, expired or unknown link is refused and changes nothing.
pub async fn set_password_with_link(
    db: &(impl ConnectionTrait + TransactionTrait),
    secret: &str,
    password: &str,
    repeated: &str,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let unusable = || AppError::invalid(lang.accounts().link_unusable);
    let user = password_links::account_of(db, secret, now).await?.ok_or_else(unusable)?;
    check(password, repeated, &user.display_name, &user.email)
        .map_err(|problem| AppError::invalid(lang.password_problem(problem)))?;
    let hash = hash_password(password)?;
    let txn = db.begin().await?;
    let user = password_links::redeem(&txn, secret, hash, now).await?.ok_or_else(unusable)?;
    audit::record(&txn, now, Some(user.id), "user.password_set", &user.email).await?;
    txn.commit().await?;
    Ok(user)
}

/// Every account matching the filter, by e-mail: `text` in the name or e-mail (any case), `role` and
/// `status` (`active`, `disabled`) by code, empty for any. Admins only; the caller checks.
pub async fn list(
    db: &impl ConnectionTrait,
    text: &str,
    role: &str,
    status: &str,
) -> Result<Vec<crate::dto::UserRowDto>, AppError> {
    use crate::dto::{UnitRef, UserRowDto};
    let units = crate::server::repo::units::all(db).await?;
    let unit_of =
        |id| units.iter().find(|u| u.id == id).map(|u| UnitRef { code: u.code.clone(), name: u.name.clone() });
    let text = text.trim().to_lowercase();
    let role = Role::parse(role);
    let mut rows: Vec<UserRowDto> = users::all(db)
        .await?
        .into_iter()
        .filter(|u| text.is_empty() || u.email.contains(&text) || u.display_name.to_lowercase().contains(&text))
        .filter(|u| role.is_none_or(|r| u.role == r))
        .filter(|u| match status {
            "active" => u.active,
            "disabled" => !u.active,
            _ => true,
        })
        .map(|u| UserRowDto {
            scope: u.scope_unit_id.and_then(unit_of),
            email: u.email,
            display_name: u.display_name,
            role: u.role,
            active: u.active,
            last_login_at: u.last_login_at,
        })
        .collect();
    rows.sort_by(|a, b| a.email.cmp(&b.email));
    Ok(rows)
}
