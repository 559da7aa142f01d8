//! Accounts: creating them and counting what a home page shows.

use crate::domain::Role;
use crate::domain::UnitId;
use crate::domain::text::{MIN_PASSWORD_CHARS, PasswordProblem, check_new_password, has_forbidden_control};
use crate::error::AppError;
use crate::server::auth::hash_password;
use crate::server::entities::{api_token, app_user, user_session};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set, TransactionSession, TransactionTrait,
};

/// A request to create or reset an account.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub scope_unit_id: Option<UnitId>,
}

/// Creates an account, or resets password, role and scope of an existing one with that e-mail. A reset
/// ends every session and revokes every API token of the account: whoever held the old password or a
/// token made with it is locked out at once.
pub async fn create_or_reset(
    db: &(impl ConnectionTrait + TransactionTrait),
    new: NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let email = new.email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 || has_forbidden_control(&email, false) {
        return Err(AppError::invalid(format!("not an e-mail address: {email}")));
    }
    if has_forbidden_control(new.display_name, false) {
        return Err(AppError::invalid("the name must not contain control characters"));
    }
    match check_new_password(new.password) {
        Ok(()) => {}
        Err(PasswordProblem::TooShort) => {
            return Err(AppError::invalid(format!(
                "the password needs at least {MIN_PASSWORD_CHARS} characters that are not spaces"
            )));
        }
        Err(PasswordProblem::ControlCharacter) => {
            return Err(AppError::invalid("the password must not contain control characters"));
        }
    }
    let hash = hash_password(new.password)?;
    let txn = db.begin().await?;
    let model = store_account(&txn, &email, new, hash, now).await?;
    txn.commit().await?;
    Ok(model)
}

async fn store_account(
    db: &impl ConnectionTrait,
    email: &str,
    new: NewUser<'_>,
    hash: String,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let found = app_user::Entity::find().filter(app_user::Column::Email.eq(email)).one(db).await?;
    let model = match found {
        Some(existing) => {
            user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(existing.id)).exec(db).await?;
            api_token::Entity::update_many()
                .col_expr(api_token::Column::Revoked, Expr::value(true))
                .filter(api_token::Column::UserId.eq(existing.id))
                .exec(db)
                .await?;
            let mut active: app_user::ActiveModel = existing.into();
            active.password_hash = Set(hash);
            active.role = Set(new.role);
            active.scope_unit_id = Set(new.scope_unit_id);
            active.display_name = Set(new.display_name.into());
            active.active = Set(true);
            active.update(db).await?
        }
        None => {
            app_user::ActiveModel {
                email: Set(email.to_string()),
                display_name: Set(new.display_name.into()),
                password_hash: Set(hash),
                role: Set(new.role),
                scope_unit_id: Set(new.scope_unit_id),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    Ok(model)
}

/// Finds an account by e-mail.
pub async fn by_email(db: &impl ConnectionTrait, email: &str) -> Result<Option<app_user::Model>, AppError> {
    Ok(app_user::Entity::find().filter(app_user::Column::Email.eq(email.trim().to_lowercase())).one(db).await?)
}

/// The e-mail of each of these accounts, by id.
pub async fn emails(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let found = app_user::Entity::find().filter(app_user::Column::Id.is_in(ids)).all(db).await?;
    Ok(found.into_iter().map(|u| (u.id, u.email)).collect())
}
