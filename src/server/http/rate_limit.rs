//! Per-address limit on survey submissions (tower_governor). The address is the TCP peer, or, only when
//! that peer is a configured reverse proxy, the last address in `X-Forwarded-For` that the proxies did
//! not add themselves; anyone else's `X-Forwarded-For` is ignored, so it cannot buy a fresh budget.

use crate::server::config::SubmitLimit;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, Method, Request, Response, StatusCode};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;
use tower_governor::GovernorError;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;

/// The address a request is counted against.
pub fn client_address(peer: Option<IpAddr>, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    // Without a peer (an in-process call) every request shares one budget rather than escaping it.
    let peer = peer.unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    if !trusted.contains(&peer) {
        return peer;
    }
    // Proxies append: the rightmost entries are the ones our own proxies wrote, so walk from the right
    // past them; whatever a client put further left is not trusted.
    forwarded_for
        .into_iter()
        .flat_map(|header| header.rsplit(','))
        .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
        .find(|ip| !trusted.contains(ip))
        .unwrap_or(peer)
}

/// Key extractor for tower_governor: [`client_address`] of the request.
#[derive(Clone, Debug)]
pub struct ClientAddress {
    trusted: Arc<Vec<IpAddr>>,
}

impl KeyExtractor for ClientAddress {
    type Key = IpAddr;

    fn extract<T>(&self, request: &Request<T>) -> Result<IpAddr, GovernorError> {
        let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        let forwarded = request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
        Ok(client_address(peer, forwarded, &self.trusted))
    }
}

/// Limits the POSTs of `routes` per client address; unchanged when the limit is off.
pub fn limit_posts<S: Clone + Send + Sync + 'static>(
    routes: axum::Router<S>,
    limit: Option<SubmitLimit>,
    trusted: &[IpAddr],
) -> axum::Router<S> {
    let Some(limit) = limit else {
        return routes;
    };
    let Some(config) = GovernorConfigBuilder::default()
        .period(Duration::from_millis((60_000 / u64::from(limit.per_minute.max(1))).max(1)))
        .burst_size(limit.burst.max(1))
        .methods(vec![Method::POST])
        .key_extractor(ClientAddress { trusted: Arc::new(trusted.to_vec()) })
        .finish()
    else {
        return routes;
    };
    let config = Arc::new(config);
    // Forget addresses that have refilled their budget, so memory does not grow with every visitor.
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        let limiter = Arc::clone(config.limiter());
        runtime.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(60));
            loop {
                tick.tick().await;
                limiter.retain_recent();
            }
        });
    }
    routes.layer(tower_governor::GovernorLayer::new(config).error_handler(too_many))
}

/// The answer over the limit: a short page in both languages, since the limiter cannot read the cookie.
fn too_many(error: GovernorError) -> Response<Body> {
    let (status, wait) = match error {
        GovernorError::TooManyRequests { wait_time, .. } => (StatusCode::TOO_MANY_REQUESTS, wait_time.max(1)),
        _ => (StatusCode::INTERNAL_SERVER_ERROR, 5),
    };
    let page = format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>Mawas</title></head><body style=\"font-family:\
         system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5\">\
         <h1>Terlalu banyak kiriman</h1><p>Banyak jawaban baru saja dikirim dari jaringan Anda. Tunggu \
         {wait} detik, lalu kembali (tombol Kembali) dan kirim lagi: jawaban Anda masih ada di formulir.</p>\
         <h2 lang=\"en\">Too many submissions</h2><p lang=\"en\">Many answers were just sent from your network. \
         Wait {wait} seconds, then go back and send again: your answers are still in the form.</p></body></html>"
    );
    let mut response = crate::server::http::respond::html_no_store(status, page);
    if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_counts_only_when_the_peer_is_a_trusted_proxy() {
        let proxy = [ip("10.0.0.2")];
        assert_eq!(client_address(Some(ip("203.0.113.9")), Some("198.51.100.1"), &proxy), ip("203.0.113.9"));
        assert_eq!(client_address(Some(ip("10.0.0.2")), Some("198.51.100.1"), &proxy), ip("198.51.100.1"));
        assert_eq!(client_address(Some(ip("10.0.0.2")), None, &proxy), ip("10.0.0.2"));
    }

    #[test]
    fn a_client_cannot_choose_its_address_by_prepending_to_forwarded_for() {
        let proxies = [ip("10.0.0.2"), ip("10.0.0.3")];
        let header = "1.2.3.4, 198.51.100.1, 10.0.0.3";
        assert_eq!(client_address(Some(ip("10.0.0.2")), Some(header), &proxies), ip("198.51.100.1"));
        assert_eq!(client_address(Some(ip("10.0.0.2")), Some("garbage, 198.51.100.7"), &proxies), ip("198.51.100.7"));
        assert_eq!(client_address(None, Some("198.51.100.1"), &proxies), IpAddr::V4(Ipv4Addr::UNSPECIFIED));
    }
}
