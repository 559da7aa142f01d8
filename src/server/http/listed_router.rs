//! A router that remembers every (method, path) it serves, so the authorization matrix test
//! (tests/integration/authorization.rs) can list them all: a route added without a row in the matrix
//! fails that test.

use crate::server::http::state::AppState;
use axum::Router;
use axum::http::Method;
use axum::routing::MethodRouter;

/// An axum router plus the list of what it serves.
pub struct ListedRouter {
    router: Router<AppState>,
    listed: Vec<(Method, String)>,
}

impl Default for ListedRouter {
    fn default() -> Self {
        ListedRouter { router: Router::new(), listed: Vec::new() }
    }
}

impl ListedRouter {
    /// Serves `handler` at `path`. `methods` must be exactly the methods the handler answers; the
    /// matrix test sends every other method and expects 405, so a wrong list fails it.
    pub fn route(mut self, path: &str, methods: &[Method], handler: MethodRouter<AppState>) -> Self {
        self.router = self.router.route(path, handler);
        self.listed.extend(methods.iter().map(|m| (m.clone(), path.to_string())));
        self
    }

    pub fn merge(mut self, other: ListedRouter) -> Self {
        self.router = self.router.merge(other.router);
        self.listed.extend(other.listed);
        self
    }

    /// Wraps the routes so far in layers (a rate limit, say); the list stays as it is.
    pub fn map(mut self, wrap: impl FnOnce(Router<AppState>) -> Router<AppState>) -> Self {
        self.router = wrap(self.router);
        self
    }

    /// What is served, as (method, path with `{param}` placeholders).
    pub fn listed(&self) -> &[(Method, String)] {
        &self.listed
    }

    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
