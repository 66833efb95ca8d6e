//! An embedded stand-in for the SimSage auth service, served by httpmock on 127.0.0.1.
//!
//! It responds to the calls the quickstart makes with payloads shaped like the real server's:
//! organisation-list entries carry only `id`, `name` and `enabled`, the session carries a
//! `contextStack` the description lacks, some users have `null` in a required field, and
//! calls without the signed-in session id get HTTP 500 with a `JsonMessage`, as SimSage
//! answers them.
//!
//! Each route is built with the typed helpers of `simsage_auth::mock`. Responses that the
//! typed models describe exactly go through `ok` and `error_message`. The others go
//! through `ok_json` as raw JSON, because serializing a model would fill in the fields
//! that the real server leaves out.

use httpmock::MockServer;
use serde_json::{Value, json};
use simsage_auth::mock::MockServerExt;
use simsage_auth::types::{CmGroup, CmGroupList, CmSignInParameters, JsonMessage};

const EMAIL: &str = "admin@example.com";
const PASSWORD: &str = "quickstart-password";
const SESSION_ID: &str = "5e0f3a5c-2b7d-4c1e-9a55-7d3c1f0b8e21";
const USER_ID: &str = "9b2c7e44-1f0a-4d6b-8c3e-2a5d7f9e1b60";
const VERSION: &str = "7.14.12";
/// Time stamp of the mock's session and messages.
const TIME: i64 = 1_764_860_400_000;
const ORGANISATIONS: [(&str, &str); 2] = [
    ("c3f1a2b4-5d6e-4f70-8a9b-0c1d2e3f4a5b", "Acme Research"),
    ("d4e2b3c5-6e7f-4081-9bac-1d2e3f4a5b6c", "Acme Legal"),
];
const FIRST_NAMES: [&str; 8] = [
    "Ada", "Brian", "Chloe", "Dmitri", "Esther", "Farid", "Grace", "Hiro",
];
const SURNAMES: [&str; 6] = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Novak",
    "Pereira",
];
/// Users in the first organisation.
const USER_COUNT: usize = 13;
/// Page sizes the users endpoint responds to.
const PAGE_SIZES: [usize; 2] = [5, 10];

/// A running mock server; it stops when dropped.
pub struct SimSageMock {
    server: MockServer,
}

/// Returns the credentials the mock accepts.
pub fn credentials() -> CmSignInParameters {
    CmSignInParameters {
        email: EMAIL.to_string(),
        password: PASSWORD.to_string(),
    }
}

impl SimSageMock {
    /// Starts the server and registers every route.
    pub async fn start() -> Self {
        let server = MockServer::start_async().await;
        let mock = SimSageMock { server };
        mock.sign_in_routes().await;
        mock.organisation_routes().await;
        mock.user_routes().await;
        // Registered last, because httpmock tries mocks in the order they were created.
        mock.reject_unknown_sessions().await;
        mock
    }

    /// Returns the URL to pass to `Client::new`.
    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    async fn sign_in_routes(&self) {
        self.server
            .mock_sign_in_async(|when, then| {
                when.body(&credentials());
                then.ok_json(sign_in_response());
            })
            .await;
        self.server
            .mock_sign_in_async(|_when, then| {
                then.error_message(
                    500,
                    &message_with_error("invalid email address or password"),
                );
            })
            .await;
        self.server
            .mock_sign_out_async(|when, then| {
                when.session_id(SESSION_ID);
                then.ok(&message_with_information("signed out"));
            })
            .await;
    }

    async fn organisation_routes(&self) {
        self.server
            .mock_get_user_organisation_list_async(|when, then| {
                when.filter("").session_id(SESSION_ID);
                then.ok_json(organisation_list());
            })
            .await;
        for (organisation_id, _) in ORGANISATIONS {
            self.server
                .mock_get_groups_async(|when, then| {
                    when.organisation_id(organisation_id).session_id(SESSION_ID);
                    then.ok(&group_list(organisation_id));
                })
                .await;
            self.server
                .mock_my_roles_async(|when, then| {
                    when.organisation_id(organisation_id).session_id(SESSION_ID);
                    then.ok(&["admin".to_string(), "manager".to_string()]);
                })
                .await;
        }
    }

    async fn user_routes(&self) {
        let (organisation_id, _) = ORGANISATIONS[0];
        let users = users(organisation_id);
        for page_size in PAGE_SIZES {
            for (page, chunk) in users.chunks(page_size).enumerate() {
                let body = json!({ "userList": chunk, "userCount": users.len() });
                self.server
                    .mock_get_users_paginated_async(|when, then| {
                        when.organisation_id(organisation_id)
                            .page(page as i32)
                            .page_size(page_size as i32)
                            .filter("")
                            .session_id(SESSION_ID);
                        then.ok_json(body);
                    })
                    .await;
            }
        }
    }

    /// Rejects every other call under `/api/auth/` with the error that SimSage returns for
    /// a call without a valid session id. It covers all operations, so it uses httpmock
    /// directly.
    async fn reject_unknown_sessions(&self) {
        self.server
            .mock_async(|when, then| {
                when.path_prefix("/api/auth/");
                then.status(500)
                    .json_body_obj(&message_with_error("invalid session id"));
            })
            .await;
    }
}

fn sign_in_response() -> Value {
    json!({
        "session": {
            "id": SESSION_ID,
            "userId": USER_ID,
            "organisationId": "",
            "email": EMAIL,
            "ipAddress": "127.0.0.1",
            "lastAccess": TIME,
            "role": "admin",
            "sessionType": "SimSage",
            "contextStack": []
        },
        "user": {
            "id": USER_ID,
            "email": EMAIL,
            "firstName": "Quinn",
            "surname": "Adeyemi",
            "roles": [{ "organisationId": ORGANISATIONS[0].0, "role": "admin" }],
            "operatorKBList": [],
            "groupList": [],
            "jwtMatchNameValueCSV": null
        },
        "organisationList": organisation_list(),
        "version": VERSION
    })
}

/// Organisation-list entries as the server sends them: only `id`, `name` and `enabled`.
fn organisation_list() -> Value {
    let entries: Vec<Value> = ORGANISATIONS
        .iter()
        .map(|(id, name)| json!({ "id": id, "name": name, "enabled": true }))
        .collect();
    Value::Array(entries)
}

fn users(organisation_id: &str) -> Vec<Value> {
    (0..USER_COUNT)
        .map(|i| {
            let first = FIRST_NAMES[i % FIRST_NAMES.len()];
            let surname = SURNAMES[i % SURNAMES.len()];
            let role = if i % 4 == 0 { "manager" } else { "dms" };
            json!({
                "id": format!("7a1c{i:04x}-3b2d-4e5f-8a6b-9c0d1e2f3a4b"),
                "email": format!("{}.{}@example.com", first.to_lowercase(), surname.to_lowercase()),
                "firstName": first,
                "surname": surname,
                "roles": [{ "organisationId": organisation_id, "role": role }],
                "operatorKBList": [],
                "groupList": [],
                // The real server sends null for users without JWT matching rules.
                "jwtMatchNameValueCSV": if i % 3 == 0 { Value::Null } else { json!("") }
            })
        })
        .collect()
}

fn group_list(organisation_id: &str) -> CmGroupList {
    let group = |name: &str, user_ids: &[&str]| CmGroup {
        organisation_id: organisation_id.to_string(),
        name: name.to_string(),
        original_name: name.to_string(),
        user_id_list: user_ids.iter().map(|id| id.to_string()).collect(),
    };
    CmGroupList {
        group_list: vec![
            group(
                "Domain Users",
                &[
                    "7a1c0000-3b2d-4e5f-8a6b-9c0d1e2f3a4b",
                    "7a1c0001-3b2d-4e5f-8a6b-9c0d1e2f3a4b",
                ],
            ),
            group("Legal Reviewers", &["7a1c0002-3b2d-4e5f-8a6b-9c0d1e2f3a4b"]),
        ],
        user_list: Vec::new(),
    }
}

fn message_with_error(error: &str) -> JsonMessage {
    JsonMessage {
        error: error.to_string(),
        information: String::new(),
        version: VERSION.to_string(),
        time: TIME,
    }
}

fn message_with_information(information: &str) -> JsonMessage {
    JsonMessage {
        error: String::new(),
        information: information.to_string(),
        version: VERSION.to_string(),
        time: TIME,
    }
}
