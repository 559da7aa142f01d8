//! Accounts: creating them and counting what a home page shows.

use crate::domain::Role;
use crate::domain::UnitId;
use crate::domain::password::{MIN_CHARS, PasswordProblem, check_storable};
use crate::domain::text::has_forbidden_control;
use crate::error::AppError;
use crate::server::auth::hash_password;
use crate::server::entities::{app_user, user_session};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// A request to create an account.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub scope_unit_id: Option<UnitId>,
}

/// Creates an account. An e-mail that already has one is refused (`Ok(None)`): an existing account's
/// password is changed only by its owner, through a set-password link or their account page, never
/// overwritten by whoever creates users.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<Option<app_user::Model>, AppError> {
    let email = new.email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 || has_forbidden_control(&email, false) {
        return Err(AppError::invalid(format!("not an e-mail address: {email}")));
    }
    if has_forbidden_control(new.display_name, false) {
        return Err(AppError::invalid("the name must not contain control characters"));
    }
    match check_storable(new.password) {
        Ok(()) => {}
        Err(PasswordProblem::ControlCharacter) => {
            return Err(AppError::invalid("the password must not contain control characters"));
        }
        Err(_) => {
            return Err(AppError::invalid(format!(
                "the password needs at least {MIN_CHARS} characters that are not spaces"
            )));
        }
    }
    if by_email(db, &email).await?.is_some() {
        return Ok(None);
    }
    let model = app_user::ActiveModel {
        email: Set(email),
        display_name: Set(new.display_name.into()),
        password_hash: Set(hash_password(new.password)?),
        role: Set(new.role),
        scope_unit_id: Set(new.scope_unit_id),
        active: Set(true),
        created_at: Set(now),
        last_login_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Some(model))
}

/// Enables or disables an account. A disabled account's sessions and API tokens stop working at
/// once (every request checks `active`); its sessions are also deleted so none outlives a later enable.
pub async fn set_active(
    db: &impl ConnectionTrait,
    user: app_user::Model,
    active: bool,
) -> Result<app_user::Model, AppError> {
    if !active {
        user_session::Entity::delete_many().filter(user_session::Column::UserId.eq(user.id)).exec(db).await?;
    }
    let mut changed: app_user::ActiveModel = user.into();
    changed.active = Set(active);
    Ok(changed.update(db).await?)
}

/// How many enabled admin accounts there are: the last one may not be disabled or demoted.
pub async fn active_admins(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Role.eq(Role::Admin))
        .filter(app_user::Column::Active.eq(true))
        .count(db)
        .await?)
}

/// Remembers when an account last logged in, for the admin's list of users.
pub async fn note_login(db: &impl ConnectionTrait, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    app_user::Entity::update_many()
        .col_expr(app_user::Column::LastLoginAt, Expr::value(now))
        .filter(app_user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Every account.
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<app_user::Model>, AppError> {
    Ok(app_user::Entity::find().all(db).await?)
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
