//! The counter that triggers move on at every change to waves, instruments, items, workshops, units
//! and settings (migration `revision`): what is built from those tables may be kept while it stands.

use crate::error::AppError;
use migration::revision::TABLE;
use sea_orm::sea_query::{Alias, Expr, Query};
use sea_orm::{ConnectionTrait, ExprTrait};

/// The current value of the counter.
pub async fn current(db: &impl ConnectionTrait) -> Result<i64, AppError> {
    let mut query = Query::select();
    query.from(Alias::new(TABLE)).column(Alias::new("n")).and_where(Expr::col(Alias::new("id")).eq(1));
    match db.query_one(&query).await? {
        Some(row) => Ok(row.try_get("", "n")?),
        None => Err(AppError::internal("the revision row is missing")),
    }
}
