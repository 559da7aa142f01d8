//! Command line (docs/DESIGN.md §8). A bad argument or a missing file gives one clear line and exit 1.

use super::config::Config;
use super::http::{router, state::AppState};
use super::repo::{instruments, units, users};
use super::reports;
use super::reports::units::UpsertOutcome;
use super::uploads::unit_list;
use super::{auth, db, seed};
use crate::domain::Role;
use crate::error::AppError;
use crate::i18n::Lang;
use clap::{Parser, Subcommand};
use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

/// Mawas: learning-organization self-assessments for Indonesian local government.
#[derive(Parser, Debug)]
#[command(name = "mawas", version, about, long_about = None,
    after_help = "Environment: DATABASE_URL (default sqlite://data/mawas.db?mode=rwc; postgres://… for PostgreSQL), MAWAS_ADDR, RUST_LOG, MAWAS_DEMO=1 (load demo data into an empty database at start), MAWAS_SECURE_COOKIES=1 (behind https).")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web application (the default without a subcommand).
    Serve {
        /// Address to listen on.
        #[arg(long, env = "MAWAS_ADDR")]
        addr: Option<SocketAddr>,
    },
    /// Apply pending database migrations and install the built-in instrument.
    Migrate,
    /// Load the deterministic demo organisation, waves, workshops and accounts into an empty database.
    SeedDemo {
        /// Multiplies headcounts and respondents (20 gives about 100,000 responses).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=200))]
        scale: u32,
    },
    /// Create an account (refused when the e-mail has one). Reads the password its owner chose from
    /// stdin or a prompt (asked twice); it must pass the password rules.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long, value_parser = ["admin", "hr", "trainer"])]
        role: String,
        /// Code of the unit whose subtree the account is limited to.
        #[arg(long)]
        scope: Option<String>,
        /// Name shown in the navigation (defaults to the e-mail).
        #[arg(long)]
        name: Option<String>,
    },
    /// Print a one-time link (72 hours) with which the account's owner chooses a new password.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
    /// Disable an account: its sessions end and its API tokens stop working at once.
    DisableUser {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again.
    EnableUser {
        #[arg(long)]
        email: String,
    },
    /// Print a new API bearer token for an account.
    CreateApiToken {
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "api")]
        name: String,
    },
    /// Upsert units from a CSV or XLSX file with columns code,name,parent_code,kind,headcount. All or nothing.
    ImportUnits { file: PathBuf },
    /// Write a consistent copy of the SQLite database to a new file while the server runs (for
    /// PostgreSQL use pg_dump).
    Backup { file: PathBuf },
}

/// Runs the command line and returns the process exit code.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    init_tracing();
    match execute(cli.command.unwrap_or(Command::Serve { addr: None })).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mawas: error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    if std::env::var("MAWAS_LOG_FORMAT").is_ok_and(|f| f == "json") {
        let _ = builder.json().try_init();
    } else {
        let _ = builder.try_init();
    }
}

/// Language of command-line messages: Bahasa Indonesia when `LANG` says `id`, else English.
fn cli_lang() -> Lang {
    if std::env::var("LANG").is_ok_and(|l| l.to_ascii_lowercase().starts_with("id")) { Lang::Id } else { Lang::En }
}

fn describe(e: AppError) -> String {
    match e {
        AppError::Invalid { message, .. } => message,
        other => other.message(cli_lang()),
    }
}

async fn open_database(config: &Config) -> Result<sea_orm::DatabaseConnection, String> {
    let db = db::connect(&config.database_url)
        .await
        .map_err(|e| format!("cannot open database {}: {e}", config.database_url))?;
    db::migrate(&db).await.map_err(|e| format!("migration failed: {e}"))?;
    instruments::ensure_lo25(&db, chrono::Utc::now()).await.map_err(describe)?;
    Ok(db)
}

async fn execute(command: Command) -> Result<(), String> {
    let config = Config::from_env();
    match command {
        Command::Serve { addr } => serve(config, addr).await,
        Command::Migrate => {
            open_database(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::SeedDemo { scale } => {
            let db = open_database(&config).await?;
            let summary = seed::seed_demo(&db, scale).await.map_err(describe)?;
            println!("{summary}");
            seed::print_logins("http://127.0.0.1:3000");
            Ok(())
        }
        Command::CreateUser { email, role, scope, name } => {
            let db = open_database(&config).await?;
            let role = Role::parse(&role).ok_or("role must be admin, hr or trainer")?;
            let scope_unit_id = match scope {
                Some(code) => Some(
                    units::by_code(&db, &code).await.map_err(describe)?.ok_or(format!("unknown unit code: {code}"))?.id,
                ),
                None => None,
            };
            let (password, repeated) = read_new_password()?;
            let display_name = name.unwrap_or_else(|| email.clone());
            let new =
                users::NewUser { email: &email, display_name: &display_name, password: &password, role, scope_unit_id };
            let user = reports::users::create(&db, None, new, &repeated, cli_lang(), chrono::Utc::now())
                .await
                .map_err(describe)?;
            println!("account {} ({}) ready", user.email, user.role);
            Ok(())
        }
        Command::ResetPassword { email } => {
            let db = open_database(&config).await?;
            let secret = reports::users::password_link(&db, None, &email, cli_lang(), chrono::Utc::now())
                .await
                .map_err(describe)?;
            let base = config.public_url.clone().unwrap_or_else(|| "http://127.0.0.1:3000".to_string());
            println!("{base}/set-password/{secret}");
            Ok(())
        }
        Command::DisableUser { email } => switch_user(&config, &email, false).await,
        Command::EnableUser { email } => switch_user(&config, &email, true).await,
        Command::CreateApiToken { email, name } => {
            let db = open_database(&config).await?;
            let user = users::by_email(&db, &email)
                .await
                .map_err(describe)?
                .ok_or(format!("no account with e-mail {email}"))?;
            let token = auth::create_api_token(&db, user.id, &name, chrono::Utc::now()).await.map_err(describe)?;
            println!("{token}");
            Ok(())
        }
        Command::ImportUnits { file } => import_units(&config, &file).await,
        Command::Backup { file } => backup(&config, &file).await,
    }
}

/// `VACUUM INTO` reads the live database in one read transaction, so the copy is consistent even
/// while the server writes (WAL lets both run), and it is compacted on the way.
async fn backup(config: &Config, file: &std::path::Path) -> Result<(), String> {
    use sea_orm::ConnectionTrait;
    if !db::is_sqlite(&config.database_url) {
        return Err("backup copies a SQLite database; for PostgreSQL use pg_dump (see the README)".into());
    }
    if file.exists() {
        return Err(format!("{} already exists; name a new file", file.display()));
    }
    let path = file.to_str().ok_or("the backup path must be valid UTF-8")?;
    let db = open_database(config).await?;
    let statement = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), "VACUUM INTO ?", [path.into()]);
    db.execute_raw(statement).await.map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let bytes = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
    println!("backup written: {} ({bytes} bytes)", file.display());
    Ok(())
}

async fn switch_user(config: &Config, email: &str, enable: bool) -> Result<(), String> {
    let db = open_database(config).await?;
    let user = reports::users::set_enabled(&db, None, email, enable, cli_lang(), chrono::Utc::now())
        .await
        .map_err(describe)?;
    println!("account {} {}", user.email, if user.active { "enabled" } else { "disabled" });
    Ok(())
}

/// A new password and its repetition: asked twice at a terminal, read once from a pipe (a script
/// has no typing slip to catch).
fn read_new_password() -> Result<(String, String), String> {
    if std::io::stdin().is_terminal() {
        let ask = |prompt: &str| rpassword::prompt_password(prompt).map_err(|e| format!("cannot read password: {e}"));
        Ok((ask("Password: ")?, ask("Password again: ")?))
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read password from stdin: {e}"))?;
        let password = line.trim_end_matches(['\r', '\n']).to_string();
        Ok((password.clone(), password))
    }
}

async fn import_units(config: &Config, file: &std::path::Path) -> Result<(), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let is_xlsx = file.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    let parsed = if is_xlsx { unit_list::parse_xlsx(&bytes) } else { unit_list::parse_csv(&bytes) }
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let lang = cli_lang();
    let report = |errors: &[crate::domain::unit_tree::RowError]| {
        let lines: Vec<String> =
            errors.iter().map(|e| format!("  row {}, {}: {}", e.row, e.field, lang.unit_problem(&e.problem))).collect();
        format!("nothing imported; {} problem(s):\n{}", errors.len(), lines.join("\n"))
    };
    if !parsed.errors.is_empty() {
        return Err(report(&parsed.errors));
    }
    let db = open_database(config).await?;
    match super::reports::units::upsert(&db, &parsed.rows, None, None, chrono::Utc::now()).await.map_err(describe)? {
        UpsertOutcome::Written { inserted, updated } => {
            println!("units imported: {inserted} new, {updated} updated");
            Ok(())
        }
        UpsertOutcome::Rejected(errors) => Err(report(&errors)),
    }
}

async fn serve(config: Config, addr: Option<SocketAddr>) -> Result<(), String> {
    let db = open_database(&config).await?;
    let leptos = leptos::config::get_configuration(None).map_err(|e| format!("leptos configuration: {e}"))?;
    let leptos_options = leptos.leptos_options;
    let addr = addr.unwrap_or(leptos_options.site_addr);
    if config.demo_on_first_start {
        if seed::is_empty(&db).await.map_err(describe)? {
            println!("loading demo data (first start)…");
            let summary = seed::seed_demo(&db, 1).await.map_err(describe)?;
            println!("{summary}");
        }
        seed::print_logins(&format!("http://{addr}"));
        if let Some(path) = seed::open_survey_path(&db, chrono::Utc::now().date_naive()).await.map_err(describe)? {
            println!("Answer the open demo survey as a respondent: http://{addr}{path}");
        }
    }
    let state = AppState::new(db, config, leptos_options);
    let app = router::build_router(state);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    println!("Mawas is running at http://{addr}");
    // The peer address feeds the per-address submission limit (server/rate_limit.rs).
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server stopped: {e}"))
}

async fn shutdown_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
