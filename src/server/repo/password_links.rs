//! One-time set-password links: an admin (or `mawas reset-password`) makes one, the person opens it
//! and chooses their own password, so nobody ever sets or sees another person's password. Only the
//! link's hash is stored; a link works once and for [`LINK_HOURS`] hours, and a newer link for the
//! same account voids the older ones.

use crate::error::AppError;
use crate::server::auth::{hash_secret, new_secret};
use crate::server::entities::{api_token, app_user, password_link, user_session};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// How long a link works: three days covers a weekend between the admin sending it and the person
/// opening it.
pub const LINK_HOURS: i64 = 72;

/// Makes a link for `user_id` and returns its secret (for the URL); earlier unused links of the
/// account stop working.
pub async fn issue(
    db: &impl ConnectionTrait,
    user_id: i32,
    created_by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(now))
        .filter(password_link::Column::UserId.eq(user_id))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    let secret = new_secret();
    password_link::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(hash_secret(&secret)),
        created_by: Set(created_by),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(LINK_HOURS)),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// The account a link is for, while the link is unused and unexpired.
pub async fn account_of(
    db: &impl ConnectionTrait,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<app_user::Model>, AppError> {
    let Some(link) = usable(db, secret, now).await? else { return Ok(None) };
    Ok(app_user::Entity::find_by_id(link.user_id).one(db).await?)
}

async fn usable(
    db: &impl ConnectionTrait,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<password_link::Model>, AppError> {
    let found =
        password_link::Entity::find().filter(password_link::Column::TokenHash.eq(hash_secret(secret))).one(db).await?;
    Ok(found.filter(|link| link.used_at.is_none() && link.expires_at > now))
}

/// Uses the link: stores the new password hash, marks the link used, ends every session and revokes
/// every API token of the account (whoever held the old password is locked out). Returns the account,
/// or `None` when the link is unknown, used or expired. Call it inside a transaction; the link is
/// claimed by a conditional update, so two uses at once cannot both succeed.
pub async fn redeem(
    db: &impl ConnectionTrait,
    secret: &str,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<Option<app_user::Model>, AppError> {
    let Some(link) = usable(db, secret, now).await? else { return Ok(None) };
    let claimed = password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(now))
        .filter(password_link::Column::Id.eq(link.id))
        .filter(password_link::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(None);
    }
    let Some(user) = app_user::Entity::find_by_id(link.user_id).one(db).await? else { return Ok(None) };
    user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(user.id)).exec(db).await?;
    api_token::Entity::update_many()
        .col_expr(api_token::Column::Revoked, Expr::value(true))
        .filter(api_token::Column::UserId.eq(user.id))
        .exec(db)
        .await?;
    let mut changed: app_user::ActiveModel = user.into();
    changed.password_hash = Set(password_hash);
    Ok(Some(changed.update(db).await?))
}
