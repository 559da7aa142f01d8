//! Accounts: creating them and counting what a home page shows.

use crate::domain::Role;
use crate::error::AppError;
use crate::server::auth::{MIN_PASSWORD_CHARS, hash_password};
use crate::server::entities::app_user;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// A request to create or reset an account.
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub scope_unit_id: Option<i32>,
}

/// Creates an account, or resets password, role and scope of an existing one with that e-mail.
pub async fn create_or_reset(
    db: &impl ConnectionTrait,
    new: NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let email = new.email.trim().to_lowercase();
    if !email.contains('@') || email.len() > 254 {
        return Err(AppError::invalid(format!("not an e-mail address: {email}")));
    }
    if new.password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(AppError::invalid(format!("the password needs at least {MIN_PASSWORD_CHARS} characters")));
    }
    let hash = hash_password(new.password)?;
    let found = app_user::Entity::find().filter(app_user::Column::Email.eq(&email)).one(db).await?;
    let model = match found {
        Some(existing) => {
            let mut active: app_user::ActiveModel = existing.into();
            active.password_hash = Set(hash);
            active.role = Set(new.role.code().into());
            active.scope_unit_id = Set(new.scope_unit_id);
            active.display_name = Set(new.display_name.into());
            active.active = Set(true);
            active.update(db).await?
        }
        None => {
            app_user::ActiveModel {
                email: Set(email),
                display_name: Set(new.display_name.into()),
                password_hash: Set(hash),
                role: Set(new.role.code().into()),
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
