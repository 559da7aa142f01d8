//! Authentication: argon2id password hashes, server-side sessions and API bearer tokens. Secrets
//! are random, given to the client once and stored only as SHA-256 hashes, so a copy of the
//! database lets nobody log in.

use super::entities::{api_token, app_user, user_session};
use super::http::cookies;
use crate::domain::UnitId;
use crate::domain::{Area, Role};
use crate::error::AppError;
use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// Name of the session cookie.
pub const SESSION_COOKIE: &str = "mawas_session";
/// Prefix of API tokens, so a leaked one is recognisable in logs and scanners.
pub const API_TOKEN_PREFIX: &str = "mawas_";

/// An authenticated account, as every guard sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuthUser {
    pub id: i32,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    /// Root of the unit subtree the account is limited to; `None` for the whole organisation.
    pub scope_unit_id: Option<UnitId>,
}

impl AuthUser {
    fn from_model(m: app_user::Model) -> Self {
        AuthUser {
            id: m.id,
            email: m.email,
            display_name: m.display_name,
            role: m.role,
            scope_unit_id: m.scope_unit_id,
        }
    }
}

/// The account behind `headers`, refused unless signed in (401) and, with `area`, unless its role may
/// use it (403): who asks a server function (`http::state::caller`) or an axum handler
/// (`http::signed_in::SignedIn`).
pub async fn admit(db: &impl ConnectionTrait, headers: &HeaderMap, area: Option<Area>) -> Result<AuthUser, AppError> {
    let user = user_from_headers(db, headers, Utc::now()).await?;
    match area {
        Some(area) => require_area(user, area),
        None => user.ok_or(AppError::Unauthorized),
    }
}

/// Refuses anonymous callers (401) and callers whose role may not use `area` (403).
pub fn require_area(user: Option<AuthUser>, area: Area) -> Result<AuthUser, AppError> {
    let user = user.ok_or(AppError::Unauthorized)?;
    if user.role.may_use(area) { Ok(user) } else { Err(AppError::Forbidden) }
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(AppError::internal)
}

/// Checks a password against a stored hash; a malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash of a password nobody has, verified when the e-mail is unknown so that a wrong e-mail
/// takes as long as a wrong password and the timing reveals neither.
static DECOY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_password("decoy password that matches no account").unwrap_or_default());

/// A new random secret (32 bytes, base64url).
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// SHA-256 of a secret, hex: what the database stores in place of it.
pub fn hash_secret(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Password checks running at once. argon2 takes tens of milliseconds of one core's time: run on the
/// async workers, a burst of logins stalled every other request (health checks included) and made
/// requests time out waiting for database connections.
static PASSWORD_CHECKS: LazyLock<tokio::sync::Semaphore> = LazyLock::new(|| {
    tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get))
});

/// [`verify_password`] on a blocking thread, at most one per core at a time.
async fn verify_password_off_the_workers(password: &str, hash: String) -> Result<bool, AppError> {
    let _permit = PASSWORD_CHECKS.acquire().await.map_err(AppError::internal)?;
    let password = password.to_string();
    tokio::task::spawn_blocking(move || verify_password(&password, &hash)).await.map_err(AppError::internal)
}

/// Checks e-mail and password. Either wrong gives the same `LoginFailed`, and so does a disabled
/// account; every case verifies one argon2 hash (the decoy for an unknown e-mail), so the time taken
/// tells nothing either.
pub async fn authenticate(db: &impl ConnectionTrait, email: &str, password: &str) -> Result<AuthUser, AppError> {
    let email = email.trim().to_lowercase();
    let found = app_user::Entity::find().filter(app_user::Column::Email.eq(&email)).one(db).await?;
    let hash = found.as_ref().map_or_else(|| DECOY_HASH.clone(), |u| u.password_hash.clone());
    let matches = verify_password_off_the_workers(password, hash).await?;
    match found {
        Some(u) if matches && u.active => Ok(AuthUser::from_model(u)),
        _ => Err(AppError::LoginFailed),
    }
}

/// Starts a session and returns its secret for the cookie.
pub async fn create_session(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
    hours: i64,
) -> Result<String, AppError> {
    let secret = new_secret();
    user_session::ActiveModel {
        id_hash: Set(hash_secret(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(hours)),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

/// Ends a session.
pub async fn delete_session(db: &impl ConnectionTrait, secret: &str) -> Result<(), AppError> {
    user_session::Entity::delete_by_id(hash_secret(secret)).exec(db).await?;
    Ok(())
}

/// The account behind a session secret, if the session exists, has not expired and the account is active.
pub async fn user_for_session(
    db: &impl ConnectionTrait,
    secret: &str,
    now: DateTime<Utc>,
) -> Result<Option<AuthUser>, AppError> {
    let Some(session) = user_session::Entity::find_by_id(hash_secret(secret)).one(db).await? else {
        return Ok(None);
    };
    if session.expires_at <= now {
        user_session::Entity::delete_by_id(session.id_hash).exec(db).await?;
        return Ok(None);
    }
    active_user(db, session.user_id).await
}

/// The account behind an API bearer token, if the token is known and not revoked.
pub async fn user_for_api_token(db: &impl ConnectionTrait, token: &str) -> Result<Option<AuthUser>, AppError> {
    let found = api_token::Entity::find().filter(api_token::Column::TokenHash.eq(hash_secret(token))).one(db).await?;
    match found {
        Some(t) if !t.revoked => active_user(db, t.user_id).await,
        _ => Ok(None),
    }
}

async fn active_user(db: &impl ConnectionTrait, id: i32) -> Result<Option<AuthUser>, AppError> {
    Ok(app_user::Entity::find_by_id(id).one(db).await?.filter(|u| u.active).map(AuthUser::from_model))
}

/// Issues a new API token for an account and returns it; only its hash is stored.
pub async fn create_api_token(
    db: &impl ConnectionTrait,
    user_id: i32,
    name: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = format!("{API_TOKEN_PREFIX}{}", new_secret());
    api_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(name.to_string()),
        token_hash: Set(hash_secret(&token)),
        created_at: Set(now),
        last_used_at: Set(None),
        revoked: Set(false),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Bearer token of the `Authorization` header.
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim().to_string()).filter(|t| !t.is_empty())
}

/// The account of the session cookie in `headers`, if any.
pub async fn user_from_headers(
    db: &impl ConnectionTrait,
    headers: &HeaderMap,
    now: DateTime<Utc>,
) -> Result<Option<AuthUser>, AppError> {
    match session_secret(headers) {
        Some(secret) => user_for_session(db, &secret, now).await,
        None => Ok(None),
    }
}

/// The session cookie: HttpOnly so scripts cannot read it, SameSite=Lax so other sites cannot post
/// with it, Secure when served over https. An empty secret with no age removes it.
pub fn session_cookie(secret: &str, max_age_seconds: i64, secure: bool) -> cookies::Cookie<'static> {
    cookies::lax(SESSION_COOKIE, secret, "/", max_age_seconds, true, secure)
}

/// The session secret the request's cookie carries.
pub fn session_secret(headers: &HeaderMap) -> Option<String> {
    cookies::value_of(headers, SESSION_COOKIE)
}

/// Whether the request came over https (directly or through a proxy saying so).
pub fn is_https(headers: &HeaderMap) -> bool {
    headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()).is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// A `next` path after login or a language switch, accepted only when a browser would stay on this
/// site: a path starting with one `/`, with no backslash, whitespace or control character anywhere
/// (browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil.example` becomes
/// `//evil.example`), and none hidden behind percent-encoding either.
pub fn safe_next_path(next: Option<&str>) -> Option<String> {
    let next = next?;
    let decoded = percent_decoded(next)?;
    let stays_here = |path: &str| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path.contains('\\')
            && !path.chars().any(|c| c.is_control() || c.is_whitespace())
    };
    (stays_here(next) && stays_here(&decoded)).then(|| next.to_string())
}

/// `text` with `%XX` escapes decoded, once; `None` when an escape is malformed or the bytes are not UTF-8.
fn percent_decoded(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_only_against_its_own_hash() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn secrets_are_random_and_stored_as_hashes() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(hash_secret(&a).len(), 64);
        assert_ne!(hash_secret(&a), a);
    }

    #[test]
    fn only_local_next_paths_are_followed() {
        assert_eq!(safe_next_path(Some("/hr/waves/2")), Some("/hr/waves/2".into()));
        assert_eq!(safe_next_path(Some("//evil.example")), None);
        assert_eq!(safe_next_path(Some("https://evil.example")), None);
        assert_eq!(safe_next_path(Some("/\\evil.example")), None);
        assert_eq!(safe_next_path(None), None);
        assert_eq!(
            safe_next_path(Some("/hr/units/DINKES?wave=2&open=a%2Cb")),
            Some("/hr/units/DINKES?wave=2&open=a%2Cb".into())
        );
    }

    #[test]
    fn known_open_redirect_bypasses_are_refused() {
        // Each of these is a path a browser turns into another site, as the query decodes them.
        let bypasses = [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "\t//evil.example",
            "//evil.example",
            "///evil.example",
            "/\\evil.example",
            "\\/evil.example",
            "\\\\evil.example",
            "/%2f/evil.example",
            "/%2F%2Fevil.example",
            "/%5cevil.example",
            "/%09/evil.example",
            "/%0d%0a/evil.example",
            "%2f%2fevil.example",
            "/\u{0}/evil.example",
            "/\u{a0}/evil.example",
            "/\u{3000}/evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "",
            "/%zz",
        ];
        for next in bypasses {
            assert_eq!(safe_next_path(Some(next)), None, "{next:?} must be refused");
        }
    }

    #[test]
    fn the_guard_refuses_anonymous_and_wrong_roles() {
        let user = |role| AuthUser { id: 1, email: "a@b".into(), display_name: "A".into(), role, scope_unit_id: None };
        assert_eq!(require_area(None, Area::Hr), Err(AppError::Unauthorized));
        assert_eq!(require_area(Some(user(Role::Trainer)), Area::Hr), Err(AppError::Forbidden));
        assert!(require_area(Some(user(Role::Hr)), Area::Hr).is_ok());
        assert!(require_area(Some(user(Role::Admin)), Area::Hr).is_ok());
    }
}
