//! The signed-in account as the pages see it.

use crate::dto::{SessionUser, UnitRef};
use crate::error::AppError;
use crate::server::auth::AuthUser;
use crate::server::entities::unit;
use sea_orm::{ConnectionTrait, EntityTrait};

/// The account with the code and name of the unit its scope starts at.
pub async fn session_user(db: &impl ConnectionTrait, user: AuthUser) -> Result<SessionUser, AppError> {
    let scope = match user.scope_unit_id {
        Some(id) => unit::Entity::find_by_id(id).one(db).await?.map(|u| UnitRef { code: u.code, name: u.name }),
        None => None,
    };
    Ok(SessionUser { email: user.email, display_name: user.display_name, role: user.role, scope })
}
