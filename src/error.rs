//! One error type for server functions and the REST API: safe, specific variants for the caller,
//! and one opaque `Internal` whose cause is logged once on the server and never sent.

use crate::dto::ErrorDetail;
use crate::i18n::Lang;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, as far as the caller may know.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// No valid session or bearer token.
    #[error("unauthorized")]
    Unauthorized,
    /// Logged in, but the role or unit scope does not allow this.
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    /// Wrong e-mail or password; deliberately does not say which.
    #[error("login failed")]
    LoginFailed,
    /// Too many failed logins for the account or the address; try again after `minutes`.
    #[error("too many login attempts")]
    TooManyAttempts { minutes: u32 },
    /// Input that fails validation; `message` and `details` are already in the caller's language.
    #[error("invalid: {message}")]
    Invalid { message: String, details: Vec<ErrorDetail> },
    /// A server fault; the cause was logged where it happened.
    #[error("internal error")]
    Internal,
    /// The call itself failed (network, encoding) before or after the server function ran.
    #[error("request failed: {0}")]
    Transport(String),
}

impl AppError {
    /// Stable machine-readable code, used as `error` in REST bodies.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Unauthorized => "unauthorized",
            AppError::Forbidden => "forbidden",
            AppError::NotFound => "not_found",
            AppError::LoginFailed => "login_failed",
            AppError::TooManyAttempts { .. } => "too_many_attempts",
            AppError::Invalid { .. } => "invalid",
            AppError::Internal => "internal",
            AppError::Transport(_) => "transport",
        }
    }

    /// Message for a person, in their language.
    pub fn message(&self, lang: Lang) -> String {
        let t = lang.t();
        match self {
            AppError::Unauthorized => t.err_unauthorized.into(),
            AppError::Forbidden => t.err_forbidden.into(),
            AppError::NotFound => t.err_not_found.into(),
            AppError::LoginFailed => t.login_failed.into(),
            AppError::TooManyAttempts { minutes } => {
                crate::i18n::fill(t.login_too_many, &[("minutes", &minutes.to_string())])
            }
            AppError::Invalid { message, .. } => message.clone(),
            AppError::Internal | AppError::Transport(_) => t.err_internal.into(),
        }
    }

    /// A validation error with one message and no field details.
    pub fn invalid(message: impl Into<String>) -> Self {
        AppError::Invalid { message: message.into(), details: Vec::new() }
    }

    /// The HTTP status that answers this error.
    #[cfg(feature = "ssr")]
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            AppError::Unauthorized | AppError::LoginFailed => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::TooManyAttempts { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Transport(_) => StatusCode::BAD_REQUEST,
            AppError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Logs the real cause once and returns the opaque error for the caller.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error");
        AppError::Internal
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        AppError::internal(e)
    }
}
