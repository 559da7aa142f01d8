//! The `mawas` command line against a real database file.

fn mawas(args: &[&str], database: &std::path::Path, stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mawas"))
        .args(args)
        .env("DATABASE_URL", format!("sqlite://{}?mode=rwc", database.display()))
        .env("RUST_LOG", "error")
        .env("LANG", "C")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run mawas");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    child.wait_with_output().expect("mawas finished")
}

#[test]
fn the_command_line_imports_units_creates_accounts_and_fails_with_one_clear_line() {
    let dir = std::env::temp_dir().join(format!("mawas-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let database = dir.join("cli.db");
    let stderr = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).trim().to_string();

    let missing = mawas(&["import-units", "/nonexistent/units.csv"], &database, "");
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing).lines().count(), 1, "{}", stderr(&missing));
    assert!(stderr(&missing).starts_with("mawas: error: cannot read /nonexistent/units.csv"));

    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "code,name,parent_code,kind,headcount\nKAB,Kabupaten,,pemda,\nX,,KAB,dinas,\n").unwrap();
    let refused = mawas(&["import-units", bad.to_str().unwrap()], &database, "");
    assert_eq!(refused.status.code(), Some(1));
    assert!(stderr(&refused).contains("row 2, name"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("row 2, kind"), "{}", stderr(&refused));

    let good = dir.join("good.csv");
    std::fs::write(
        &good,
        "code,name,parent_code,kind,headcount\nKAB,Kabupaten,,pemda,\nDINKES,Dinas Kesehatan,KAB,opd,40\n",
    )
    .unwrap();
    let imported = mawas(&["import-units", good.to_str().unwrap()], &database, "");
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert!(String::from_utf8_lossy(&imported.stdout).contains("2 new"));

    let short = mawas(&["create-user", "--email", "a@b.id", "--role", "hr"], &database, "short\n");
    assert_eq!(short.status.code(), Some(1));
    assert!(stderr(&short).contains("at least 10 characters"));
    let guessable = mawas(&["create-user", "--email", "a@b.id", "--role", "hr"], &database, "password1234\n");
    assert_eq!(guessable.status.code(), Some(1));
    assert!(stderr(&guessable).contains("too easy to guess"), "{}", stderr(&guessable));
    let chosen = "tujuh ekor kucing oranye\n";
    let unknown_scope =
        mawas(&["create-user", "--email", "a@b.id", "--role", "hr", "--scope", "NOPE"], &database, chosen);
    assert!(stderr(&unknown_scope).contains("unknown unit code: NOPE"));
    let created = mawas(&["create-user", "--email", "a@b.id", "--role", "hr", "--scope", "DINKES"], &database, chosen);
    assert!(created.status.success(), "{}", stderr(&created));
    // An existing account is never reset silently: the answer names the commands that do it.
    let again =
        mawas(&["create-user", "--email", "a@b.id", "--role", "admin"], &database, "kebun teh di lereng gunung\n");
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("mawas reset-password") && stderr(&again).contains("mawas disable-user"));
    let link = mawas(&["reset-password", "--email", "a@b.id"], &database, "");
    assert!(String::from_utf8_lossy(&link.stdout).trim().starts_with("http://127.0.0.1:3000/set-password/"));
    let nobody = mawas(&["reset-password", "--email", "nobody@b.id"], &database, "");
    assert!(stderr(&nobody).contains("No account has this e-mail"), "{}", stderr(&nobody));
    let admin = mawas(&["create-user", "--email", "root@b.id", "--role", "admin"], &database, chosen);
    assert!(admin.status.success(), "{}", stderr(&admin));
    let last = mawas(&["disable-user", "--email", "root@b.id"], &database, "");
    assert!(stderr(&last).contains("last active admin"), "{}", stderr(&last));
    let disabled = mawas(&["disable-user", "--email", "a@b.id"], &database, "");
    assert!(String::from_utf8_lossy(&disabled.stdout).contains("a@b.id disabled"), "{}", stderr(&disabled));
    let enabled = mawas(&["enable-user", "--email", "a@b.id"], &database, "");
    assert!(String::from_utf8_lossy(&enabled.stdout).contains("a@b.id enabled"), "{}", stderr(&enabled));
    let token = mawas(&["create-api-token", "--email", "a@b.id"], &database, "");
    assert!(String::from_utf8_lossy(&token.stdout).trim().starts_with("mawas_"));

    let wrong_role = mawas(&["create-user", "--email", "a@b.id", "--role", "boss"], &database, "");
    assert_eq!(wrong_role.status.code(), Some(2), "clap refuses an unknown role");

    // A backup is a database of its own with everything in it, and never overwrites a file.
    let copy = dir.join("copy.db");
    let backup = mawas(&["backup", copy.to_str().unwrap()], &database, "");
    assert!(backup.status.success(), "{}", stderr(&backup));
    let from_copy = mawas(&["create-api-token", "--email", "a@b.id"], &copy, "");
    assert!(from_copy.status.success(), "the account is in the copy: {}", stderr(&from_copy));
    let again = mawas(&["backup", copy.to_str().unwrap()], &database, "");
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"), "{}", stderr(&again));
    let _ = std::fs::remove_dir_all(&dir);
}
