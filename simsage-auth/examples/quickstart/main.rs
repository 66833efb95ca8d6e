//! Signs in to SimSage, lists organisations, users, groups and roles, and signs out.
//!
//! With `SIMSAGE_URL`, `SIMSAGE_EMAIL` and `SIMSAGE_PASSWORD` set, it talks to that
//! server. Without `SIMSAGE_URL`, it starts an embedded mock of the SimSage auth service
//! on 127.0.0.1 that responds like the real server, including the fields the real server
//! leaves out.
//!
//! ```sh
//! cargo run --example quickstart
//! SIMSAGE_URL=https://your.simsage.server SIMSAGE_EMAIL=you@example.com \
//!     SIMSAGE_PASSWORD=... cargo run --example quickstart
//! ```

mod mock;

use std::process::ExitCode;

use simsage_auth::types::{CmOrganisation, CmSignInParameters, CmUser};
use simsage_auth::{Client, Error, Session, SignIn};

/// Users shown per page.
const PAGE_SIZE: i32 = 5;
/// Pages of users shown per organisation.
const PAGES: i32 = 2;

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            let mut source = error.source();
            while let Some(cause) = source {
                eprintln!("  caused by: {cause}");
                source = cause.source();
            }
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    // The mock server must outlive every call, so it is held here.
    let (client, credentials, _mock) = match env_var("SIMSAGE_URL")? {
        Some(url) => {
            let client = Client::new(&url)?;
            println!("Using the SimSage server at {}", client.base_url());
            (client, credentials_from_env()?, None)
        }
        None => {
            let mock = mock::SimSageMock::start().await;
            println!(
                "SIMSAGE_URL is not set: using an embedded mock of SimSage at {}",
                mock.base_url()
            );
            let client = Client::new(&mock.base_url())?;
            (client, mock::credentials(), Some(mock))
        }
    };
    tour(&client, &credentials).await?;
    Ok(())
}

/// Reads an environment variable, telling "not set" apart from "not valid Unicode".
fn env_var(name: &str) -> Result<Option<String>, String> {
    match std::env::var(name) {
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(format!("{name} is not valid Unicode; set it to UTF-8 text"))
        }
    }
}

fn credentials_from_env() -> Result<CmSignInParameters, String> {
    let read = |name: &str| {
        env_var(name)?.ok_or_else(|| format!("{name} is not set; set it together with SIMSAGE_URL"))
    };
    Ok(CmSignInParameters {
        email: read("SIMSAGE_EMAIL")?,
        password: read("SIMSAGE_PASSWORD")?,
    })
}

/// Walks through sign-in, organisations, users, groups, roles and sign-out.
async fn tour(client: &Client, credentials: &CmSignInParameters) -> Result<(), Error> {
    let session = client
        .session_with_password(&credentials.email, &credentials.password)
        .await?;
    let info = session.info();
    let version = match session.sign_in_response() {
        SignIn::Password(response) => response.version.as_str(),
        _ => "unknown",
    };
    println!(
        "\nSigned in as {} {} <{}> (role {}, service version {version})",
        info.first_name, info.surname, info.email, info.role
    );

    // Sign out even when a step fails, so that the session does not stay open.
    let listed = list_organisations(&session).await;
    let signed_out = session.sign_out(None).await;
    listed?;
    println!(
        "\nSigned out: {}",
        non_empty(&signed_out?.information, "OK")
    );

    // SimSage rejects a session id it did not issue; this is how such an error reads.
    match client
        .my_roles("c3f1a2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b", "not-a-session")
        .await
    {
        Ok(roles) => println!("\nUnexpectedly accepted an unknown session id: {roles:?}"),
        Err(error) => println!("\nAn unknown session id is rejected as expected:\n  {error}"),
    }
    Ok(())
}

async fn list_organisations(session: &Session) -> Result<(), Error> {
    let organisations = session.get_user_organisation_list("").await?;
    println!("\nOrganisations ({}):", organisations.len());
    for organisation in &organisations {
        print_organisation(organisation);
    }
    if let Some(organisation) = organisations.first() {
        show_organisation(session, organisation).await?;
    }
    Ok(())
}

async fn show_organisation(session: &Session, organisation: &CmOrganisation) -> Result<(), Error> {
    for page in 0..PAGES {
        let users = session
            .get_users_paginated(&organisation.id, page, PAGE_SIZE, "")
            .await?;
        println!(
            "\nUsers of {}, page {} ({} of {} users):",
            organisation.name,
            page + 1,
            users.user_list.len(),
            users.user_count
        );
        for user in &users.user_list {
            print_user(user);
        }
        if (page + 1) * PAGE_SIZE >= users.user_count {
            break;
        }
    }

    let groups = session.get_groups(&organisation.id).await?;
    println!(
        "\nGroups of {} ({}):",
        organisation.name,
        groups.group_list.len()
    );
    for group in &groups.group_list {
        println!("  {:<20} members: {}", group.name, group.user_id_list.len());
    }

    let roles = session.my_roles(&organisation.id).await?;
    println!("\nMy roles in {}: {}", organisation.name, roles.join(", "));
    Ok(())
}

fn print_organisation(organisation: &CmOrganisation) {
    let state = if organisation.enabled {
        "enabled"
    } else {
        "disabled"
    };
    println!("  {:<24} {}  ({state})", organisation.name, organisation.id);
}

fn print_user(user: &CmUser) {
    let roles: Vec<&str> = user.roles.iter().map(|r| r.role.as_str()).collect();
    let name = format!("{} {}", user.first_name, user.surname);
    println!(
        "  {name:<22} {:<32} {}",
        user.email,
        non_empty(&roles.join(","), "no roles")
    );
}

fn non_empty<'a>(text: &'a str, fallback: &'a str) -> &'a str {
    if text.is_empty() { fallback } else { text }
}
