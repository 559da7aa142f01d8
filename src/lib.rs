//! Mawas: learning-organization self-assessments for Indonesian local government.

pub mod api;
pub mod app;
pub mod components;
pub mod display;
pub mod domain;
pub mod dto;
pub mod error;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

/// Browser entry point: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
