//! The HTTP floor: the router and its layers (CSRF, CSP, rate limits), the application state,
//! static assets, the frame of server-rendered documents and the responses every room shares.

pub mod assets;
pub mod cookies;
pub mod csp;
pub mod csrf;
pub mod document;
pub mod listed_router;
pub mod rate_limit;
pub mod respond;
pub mod router;
pub mod signed_in;
pub mod state;
