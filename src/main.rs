//! The `mawas` binary: `serve` (default), `migrate`, `seed-demo`, `create-user`, `create-api-token`,
//! `import-units`, `backup`. See `mawas --help`.

#[tokio::main]
async fn main() -> std::process::ExitCode {
    mawas::server::cli::run().await
}
