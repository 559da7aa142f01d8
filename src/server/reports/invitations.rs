//! Personal invitations to a token wave: who may invite to which wave, checking a list of people and
//! storing one hashed single-use token per person. The database keeps only the hash and whether it
//! was used: never the name, the contact or which unit it was for, so a response can never be traced
//! back to a person.

use crate::domain::WaveId;
use crate::domain::survey::WaveAccess;
use crate::domain::text::has_forbidden_control;
use crate::dto::ErrorDetail;
use crate::error::AppError;
use crate::i18n::{Lang, fill};
use crate::server::auth::{AuthUser, hash_secret, new_secret};
use crate::server::entities::{invitation, wave};
use sea_orm::{ConnectionTrait, EntityTrait, Set, TransactionSession, TransactionTrait};
use serde::{Deserialize, Serialize};

/// Most people per request: a large OPD.
pub const MAX_PEOPLE: usize = 5_000;
const MAX_NAME_CHARS: usize = 200;
const MAX_CONTACT_CHARS: usize = 200;

/// A person to invite.
#[derive(Clone, Debug, Deserialize, utoipa::ToSchema)]
pub struct Invitee {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Code of the person's unit; the link pre-selects it.
    pub unit: String,
}

/// A person with their personal link, returned once and never stored.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InvitationLink {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub unit: String,
    pub link: String,
}

/// The wave `id` when `user` may invite people to it: within their scope and answered only through
/// personal invitations.
pub async fn invitable_wave(
    db: &impl ConnectionTrait,
    user: &AuthUser,
    id: WaveId,
    lang: Lang,
) -> Result<wave::Model, AppError> {
    let (wave, ..) = crate::server::reports::scope::wave_in_scope(db, id, user.scope_unit_id).await?;
    if wave.access != WaveAccess::Token {
        return Err(AppError::invalid(lang.t().invitations_open_wave));
    }
    Ok(wave)
}

/// Checks every person (name, contacts, an active unit of the wave within the caller's scope) and
/// stores one hashed single-use token per person with the audit entry, all or nothing. Returns the
/// wave and the links, which exist only in this answer.
pub async fn issue<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    user: &AuthUser,
    id: WaveId,
    people: Vec<Invitee>,
    base: &str,
    lang: Lang,
) -> Result<(wave::Model, Vec<InvitationLink>), AppError> {
    let (wave, all, in_wave, start) = crate::server::reports::scope::wave_in_scope(db, id, user.scope_unit_id).await?;
    let t = lang.t();
    if wave.access != WaveAccess::Token {
        return Err(AppError::invalid(t.invitations_open_wave));
    }
    if people.is_empty() {
        return Err(AppError::invalid(t.invitations_nobody));
    }
    if people.len() > MAX_PEOPLE {
        return Err(AppError::invalid(fill(t.bulk_too_many, &[("max", &MAX_PEOPLE.to_string())])));
    }
    let allowed = crate::server::entities::unit::tree(&all).subtree(Some(start));
    let mut details = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let mut problem = |field: &str, message: &str| {
            details.push(ErrorDetail { row: Some(i + 1), field: field.into(), message: message.into() });
        };
        let name = p.name.trim();
        if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
            problem("name", t.invitations_name_invalid);
        } else if has_forbidden_control(name, false) {
            problem("name", t.text_control_characters);
        }
        let too_long = |c: &Option<String>| c.as_ref().is_some_and(|c| c.chars().count() > MAX_CONTACT_CHARS);
        let control = |c: &Option<String>| c.as_ref().is_some_and(|c| has_forbidden_control(c, false));
        if too_long(&p.email) || too_long(&p.phone) {
            problem("email", t.invitations_contact_too_long);
        } else if control(&p.email) || control(&p.phone) {
            problem("email", t.text_control_characters);
        }
        let known = all
            .iter()
            .any(|u| u.code == p.unit.trim() && u.active && in_wave.contains(&u.id) && allowed.contains(&u.id));
        if !known {
            problem("unit", t.bulk_unit_unknown);
        }
    }
    if !details.is_empty() {
        return Err(AppError::Invalid { message: t.err_invalid.into(), details });
    }

    let now = chrono::Utc::now();
    let mut links = Vec::with_capacity(people.len());
    let mut rows = Vec::with_capacity(people.len());
    for p in people {
        // 22 base64url characters: 132 random bits, short enough for a WhatsApp message.
        let token: String = new_secret().chars().take(22).collect();
        rows.push(invitation::ActiveModel {
            wave_id: Set(wave.id),
            token_hash: Set(hash_secret(&token)),
            used: Set(false),
            created_at: Set(now),
            ..Default::default()
        });
        let query = serde_urlencoded::to_string([("t", token.as_str()), ("u", p.unit.trim())]).unwrap_or_default();
        links.push(InvitationLink {
            link: format!("{base}/s/{}?{query}", wave.slug),
            name: p.name.trim().to_string(),
            email: p.email,
            phone: p.phone,
            unit: p.unit.trim().to_string(),
        });
    }
    let txn = db.begin().await?;
    for chunk in rows.chunks(500) {
        invitation::Entity::insert_many(chunk.to_vec()).exec(&txn).await?;
    }
    let what = format!("wave {}: {} invitations", wave.id, links.len());
    crate::server::repo::audit::record(&txn, now, Some(user.id), "invitations.create", &what).await?;
    txn.commit().await?;
    Ok((wave, links))
}
