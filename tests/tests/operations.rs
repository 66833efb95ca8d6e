//! One test per auth operation: the request on the wire and the decoded response.
//!
//! Each test mocks its operation with the typed `mock_<operation>_async` helper of
//! `simsage_auth::mock`. The helper expects the method, and its setters expect the path
//! values and the `session-id`, `jwt` and `API-Version` headers. Through `into_inner()`,
//! each mock also expects the literal path, the literal JSON body and the other headers:
//!
//! - The helper takes its path from `openapi.yaml` and encodes values with the client's
//!   own code. Only the literal path, compared as received and still percent-encoded,
//!   catches a wrong path in the API description or an encoding bug that both share.
//! - The helper's `body` serializes with the same serde derives as the client, so only
//!   the literal JSON pins the field names and the empty fields on the wire.
//!
//! A request that differs in any of them gets httpmock's 404 and `assert_async` prints
//! the difference. A recording matcher then checks that the session id or JWT appears
//! only in its header. The responses are the fixtures, sent with `ok_json` because they
//! carry the server's omissions, `null`s and extra fields.

use httpmock::MockServer;
use httpmock::prelude::HttpMockRequest;
use serde_json::json;
use simsage_auth::mock::MockServerExt;
use simsage_auth::types::{
    ApiVersion, CmGroup, CmGroupEditInfo, CmImportUsers, CmOrganisation, CmPasswordResetRequest,
    CmSignInParameters, CmUserPasswordReset, CmUserWithExtras, SignInCmd,
};
use simsage_auth::{Client, ExposeSecret};
use simsage_auth_tests::fixtures::{self, ids};
use simsage_auth_tests::{RequestLog, assert_secret_only_in_header, json, start_mock_server};

const SESSION_ID: &str = ids::SESSION_MORGAN;
const ORGANISATION_ID: &str = ids::ORGANISATION_LOGISTICS;

/// A JWT-shaped token: header, payload and signature, base64url-encoded.
const JWT: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.\
                   eyJzdWIiOiJ6b2UubGFtYmVydEBleGFtcGxlLmNvbSIsImF1ZCI6InNpbXNhZ2UifQ.\
                   c2lnbmF0dXJlLW9mLXRoZS10ZXN0LXRva2Vu";

/// `CSV` with a header line and one user, as SimSage's admin client uploads it.
const IMPORT_BASE64_TEXT: &str = "data:text/csv;base64,ZW1haWwsZmlyc3ROYW1lLHN1cm5hbWUsZ3JvdXBzCnJvc2Eua2VsbHlAZXhhbXBsZS5jb20sUm9zYSxLZWxseSxEb21haW4gVXNlcnMK";

/// Panics unless `request` has an empty body, as a request without a body parameter must.
fn assert_empty_body(request: &HttpMockRequest) {
    assert!(
        request.body_ref().is_empty(),
        "the request must have no body, but it has {:?}",
        request.body_string()
    );
}

async fn start() -> (MockServer, Client, RequestLog) {
    let (server, client) = start_mock_server().await;
    (server, client, RequestLog::new())
}

// ---------------------------------------------------------------------------------------
// Sign-in and sign-out
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn sign_in_posts_credentials() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_in_async(|when, then| {
            when.into_inner()
                .path("/api/auth/sign-in")
                .header("content-type", "application/json")
                .header("accept", "application/json")
                .header_missing("session-id")
                .header_missing("jwt")
                .json_body(json!({
                    "email": ids::EMAIL_MORGAN,
                    "password": "correct horse battery staple",
                }))
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_IN));
        })
        .await;

    let result = client
        .sign_in(&CmSignInParameters {
            email: ids::EMAIL_MORGAN.to_string(),
            password: "correct horse battery staple".to_string(),
        })
        .await;

    mock.assert_async().await;
    let signed_in = result.expect("signIn failed");
    assert_eq!(
        signed_in.session.id,
        ids::SESSION_MORGAN,
        "session.id must be the fixture's session id"
    );
    assert_eq!(
        signed_in.session.role, "admin",
        "session.role must be decoded"
    );
    assert_eq!(
        signed_in.user.first_name, "Morgan",
        "user.firstName must be decoded"
    );
    assert_eq!(
        signed_in.user.roles.len(),
        3,
        "user.roles must contain the fixture's three roles"
    );
    assert_eq!(
        signed_in.organisation_list.len(),
        2,
        "organisationList must contain the fixture's two organisations"
    );
    assert_eq!(
        signed_in.organisation_list[0].auto_create_sso_domain_list,
        ["example.com", "logistics.example.com"],
        "organisationList[0].autoCreateSSODomainList must be decoded"
    );
    assert_eq!(
        signed_in.version,
        ids::SERVICE_VERSION,
        "version must be decoded"
    );
    let request = log.last();
    assert_eq!(
        request.uri().query(),
        None,
        "signIn must send no query: {}",
        request.uri_str()
    );
    for secret in ["correct horse battery staple", ids::EMAIL_MORGAN] {
        assert!(
            !request.uri_str().contains(secret),
            "the request target must not contain the credentials: {}",
            request.uri_str()
        );
    }
}

#[tokio::test]
async fn admin_jwt_sign_in_sends_header() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_in_admin_using_jwt_msal_async(|when, then| {
            when.jwt(JWT)
                .into_inner()
                .path("/api/auth/admin/authenticate/msal")
                .header("accept", "application/json")
                .header_missing("session-id")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_IN_ADMIN));
        })
        .await;

    let result = client.sign_in_admin_using_jwt_msal(JWT).await;

    mock.assert_async().await;
    let signed_in = result.expect("signInAdminUsingJWTMsal failed");
    assert_eq!(
        signed_in.session.id,
        ids::SESSION_MORGAN,
        "session.id must be decoded"
    );
    assert_eq!(
        signed_in.organisation_list.len(),
        2,
        "organisationList must contain the fixture's two organisations"
    );
    assert_eq!(
        signed_in.roles,
        ["admin", "manager"],
        "roles must be decoded"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "jwt", JWT);
}

#[tokio::test]
async fn admin_session_sign_in_sends_header() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_in_admin_using_session_id_async(|when, then| {
            when.session_id(SESSION_ID)
                .into_inner()
                .path("/api/auth/admin/authenticate/session-id")
                .header("accept", "application/json")
                .header_missing("jwt")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_IN_ADMIN));
        })
        .await;

    let result = client.sign_in_admin_using_session_id(SESSION_ID).await;

    mock.assert_async().await;
    let signed_in = result.expect("signInAdminUsingSessionId failed");
    assert_eq!(
        signed_in.shared_secret_salt, "q7Lm2Xv9Rt4Wc8Zp",
        "sharedSecretSalt must be decoded"
    );
    assert_eq!(
        signed_in.password, "",
        "a null password must decode as an empty string"
    );
    assert!(
        signed_in.user.password_hash.starts_with("$2a$10$"),
        "user.passwordHash must be decoded"
    );
    assert!(
        signed_in.user.confirmed,
        "user.confirmed must be decoded as true"
    );
    assert_eq!(signed_in.time_out, 10000, "timeOut must be decoded");
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn search_jwt_sign_in_sends_header() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_in_search_using_jwt_msal_async(|when, then| {
            when.jwt(JWT)
                .organisation_id(ORGANISATION_ID)
                .into_inner()
                .path(format!(
                    "/api/auth/search/authenticate/msal/{ORGANISATION_ID}"
                ))
                .header_missing("session-id")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_IN_CMD));
        })
        .await;

    let result = client
        .sign_in_search_using_jwt_msal(JWT, ORGANISATION_ID)
        .await;

    mock.assert_async().await;
    let signed_in = result.expect("signInSearchUsingJWTMsal failed");
    assert_eq!(
        signed_in.session.organisation_id, ORGANISATION_ID,
        "session.organisationId must be decoded"
    );
    assert_eq!(
        signed_in.session.context_stack[0].syn_set_cloud,
        ["box", "crate", "vessel"],
        "session.contextStack[0].synSetCloud must be decoded"
    );
    assert_eq!(
        signed_in.user.operator_kb_list[0].kb_id,
        ids::KNOWLEDGE_BASE_SHIPPING,
        "user.operatorKBList[0].kbId must be decoded"
    );
    assert_eq!(
        signed_in.user.group_list[0].name, "Domain Users",
        "user.groupList[0].name must be decoded"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "jwt", JWT);
}

#[tokio::test]
async fn dms_jwt_sign_in_sends_header() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_in_dms_using_jwt_msal_async(|when, then| {
            when.jwt(JWT)
                .organisation_id(ORGANISATION_ID)
                .into_inner()
                .path(format!("/api/auth/dms/authenticate/msal/{ORGANISATION_ID}"))
                .header_missing("session-id")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_IN_DMS_CMD));
        })
        .await;

    let result = client
        .sign_in_dms_using_jwt_msal(JWT, ORGANISATION_ID)
        .await;

    mock.assert_async().await;
    let signed_in = result.expect("signInDmsUsingJWTMsal failed");
    assert_eq!(
        signed_in.session.user_id,
        ids::USER_ZOE,
        "session.userId must be decoded"
    );
    assert_eq!(
        signed_in.user.first_name, "Zoë",
        "user.firstName must keep its non-ASCII character"
    );
    assert_eq!(signed_in.roles, ["dms"], "roles must be decoded");
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "jwt", JWT);
}

#[tokio::test]
async fn evolve_jwt_sign_in_sends_header() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_in_evolve_using_jwt_msal_async(|when, then| {
            when.jwt(JWT)
                .organisation_id(ORGANISATION_ID)
                .into_inner()
                .path(format!(
                    "/api/auth/evolve/authenticate/msal/{ORGANISATION_ID}"
                ))
                .header_missing("session-id")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_IN_DMS_CMD));
        })
        .await;

    let result = client
        .sign_in_evolve_using_jwt_msal(JWT, ORGANISATION_ID)
        .await;

    mock.assert_async().await;
    let signed_in = result.expect("signInEvolveUsingJWTMsal failed");
    assert_eq!(
        signed_in.session.last_access, 1733333220000,
        "session.lastAccess must be decoded"
    );
    assert_eq!(
        signed_in.remote_address, "198.51.100.42",
        "remoteAddress must be decoded"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "jwt", JWT);
}

#[tokio::test]
async fn sign_out_without_api_version() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_out_async(|when, then| {
            when.session_id(SESSION_ID)
                .into_inner()
                .path("/api/auth/sign-out")
                .header_missing("api-version")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_OUT));
        })
        .await;

    let result = client.sign_out(SESSION_ID, None).await;

    mock.assert_async().await;
    let message = result.expect("signOut failed");
    assert_eq!(
        message.information, "signed out",
        "information must be decoded"
    );
    assert_eq!(message.error, "", "error must be empty on success");
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn sign_out_with_api_version() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_sign_out_async(|when, then| {
            when.session_id(SESSION_ID)
                .api_version(ApiVersion::V1)
                .into_inner()
                .path("/api/auth/sign-out")
                .header("api-version", "1")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::SIGN_OUT));
        })
        .await;

    let result = client.sign_out(SESSION_ID, Some(ApiVersion::V1)).await;

    mock.assert_async().await;
    let message = result.expect("signOut with API-Version failed");
    assert_eq!(
        message.information, "signed out",
        "information must be decoded"
    );
    let request = log.last();
    let versions: Vec<&String> = request
        .headers_vec()
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case("api-version"))
        .map(|(_, value)| value)
        .collect();
    assert_eq!(
        versions,
        ["1"],
        "API-Version must be sent exactly once, with the value 1"
    );
    assert_secret_only_in_header(&request, "session-id", SESSION_ID);
}

// ---------------------------------------------------------------------------------------
// Password reset
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn reset_password_request_posts_email_and_url() {
    let (server, client, _log) = start().await;
    let mock = server
        .mock_reset_password_request_async(|when, then| {
            when.into_inner()
                .path("/api/auth/reset-password-request")
                .header("content-type", "application/json")
                .header_missing("session-id")
                .json_body(json!({
                    "email": "priya.raman@example.com",
                    "resetUrl": "https://admin.example.com/#/reset-password",
                }));
            then.ok_json(json(fixtures::PASSWORD_RESET_REQUESTED));
        })
        .await;

    let result = client
        .reset_password_request(&CmPasswordResetRequest {
            email: "priya.raman@example.com".to_string(),
            reset_url: "https://admin.example.com/#/reset-password".to_string(),
        })
        .await;

    mock.assert_async().await;
    let message = result.expect("resetPasswordRequest failed");
    assert_eq!(
        message.information, "password reset email sent",
        "information must be decoded"
    );
    assert_eq!(message.time, 1733333400000, "time must be decoded");
}

#[tokio::test]
async fn reset_password_posts_reset_id_and_password() {
    let (server, client, _log) = start().await;
    let mock = server
        .mock_reset_password_async(|when, then| {
            when.into_inner()
                .path("/api/auth/reset-password")
                .header("content-type", "application/json")
                .header_missing("session-id")
                .json_body(json!({
                    "email": "priya.raman@example.com",
                    "resetId": "5d1e8b3a-6c2f-4a97-b0e4-9f3c7a1d5e28",
                    "password": "tide-lantern-orchard-42",
                }));
            then.ok_json(json(fixtures::PASSWORD_RESET));
        })
        .await;

    let result = client
        .reset_password(&CmUserPasswordReset {
            email: "priya.raman@example.com".to_string(),
            reset_id: "5d1e8b3a-6c2f-4a97-b0e4-9f3c7a1d5e28".to_string(),
            password: "tide-lantern-orchard-42".to_string(),
        })
        .await;

    mock.assert_async().await;
    let message = result.expect("resetPassword failed");
    assert_eq!(
        message.information, "password changed",
        "information must be decoded"
    );
}

// ---------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn get_user_organisation_list_encodes_filter() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_get_user_organisation_list_async(|when, then| {
            when.filter("Harbour L")
                .session_id(SESSION_ID)
                .into_inner()
                .path("/api/auth/user/organisations/Harbour%20L")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::ORGANISATIONS));
        })
        .await;

    let result = client
        .get_user_organisation_list("Harbour L", SESSION_ID)
        .await;

    mock.assert_async().await;
    let organisations = result.expect("getUserOrganisationList failed");
    let names: Vec<&str> = organisations
        .iter()
        .map(|organisation| organisation.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Harbour Logistics", "Harbour Legal", "Harbour Archive 2019"],
        "all three organisations must be decoded in order"
    );
    assert!(
        !organisations[2].enabled,
        "the third organisation must be decoded as disabled"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn update_organisation_puts_organisation() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_update_organisation_async(|when, then| {
            when.session_id(SESSION_ID)
                .into_inner()
                .path("/api/auth/organisation")
                .header("content-type", "application/json")
                .json_body(json!({
                    "id": ORGANISATION_ID,
                    "name": "Harbour Logistics",
                    "enabled": true,
                    "autoCreateSSOUsers": true,
                    "autoCreateSSODomainList": ["example.com", "logistics.example.com"],
                    "autoCreateSSOACLList": ["Domain Users"],
                    "autoCreateSSORoleList": ["dms"],
                }))
                .is_true(log.recorder());
            then.ok_json(json(fixtures::ORGANISATION));
        })
        .await;

    let result = client
        .update_organisation(
            SESSION_ID,
            &CmOrganisation {
                id: ORGANISATION_ID.to_string(),
                name: "Harbour Logistics".to_string(),
                enabled: true,
                auto_create_sso_users: true,
                auto_create_sso_domain_list: vec![
                    "example.com".to_string(),
                    "logistics.example.com".to_string(),
                ],
                auto_create_sso_acl_list: vec!["Domain Users".to_string()],
                auto_create_sso_role_list: vec!["dms".to_string()],
            },
        )
        .await;

    mock.assert_async().await;
    let organisation = result.expect("updateOrganisation failed");
    assert_eq!(organisation.id, ORGANISATION_ID, "id must be decoded");
    assert!(
        organisation.auto_create_sso_users,
        "autoCreateSSOUsers must be decoded as true"
    );
    assert_eq!(
        organisation.auto_create_sso_role_list,
        ["dms"],
        "autoCreateSSORoleList must be decoded"
    );
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn delete_organisation_sends_id_in_path() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_delete_organisation_async(|when, then| {
            when.organisation_id(ids::ORGANISATION_ARCHIVE)
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!(
                    "/api/auth/organisation/{}",
                    ids::ORGANISATION_ARCHIVE
                ))
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::ORGANISATION_DELETED));
        })
        .await;

    let result = client
        .delete_organisation(ids::ORGANISATION_ARCHIVE, SESSION_ID)
        .await;

    mock.assert_async().await;
    let message = result.expect("deleteOrganisation failed");
    assert_eq!(
        message.information, "organisation deleted",
        "information must be decoded"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

// ---------------------------------------------------------------------------------------
// Users
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn get_users_paginated_sends_page_and_null_filter() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_get_users_paginated_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .page(0)
                .page_size(4)
                .filter("")
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!(
                    "/api/auth/users-paginated/{ORGANISATION_ID}/0/4/null"
                ))
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::USERS_PAGE_0));
        })
        .await;

    let result = client
        .get_users_paginated(ORGANISATION_ID, 0, 4, "", SESSION_ID)
        .await;

    mock.assert_async().await;
    let page = result.expect("getUsersPaginated failed");
    assert_eq!(page.user_count, 9, "userCount must be decoded");
    assert_eq!(
        page.user_list.len(),
        4,
        "userList must contain the page's four users"
    );
    let priya = &page.user_list[1];
    assert_eq!(priya.id, ids::USER_PRIYA, "userList[1].id must be decoded");
    assert_eq!(
        priya.roles.len(),
        2,
        "userList[1].roles must contain two roles"
    );
    assert_eq!(
        priya.operator_kb_list[0].kb_id,
        ids::KNOWLEDGE_BASE_SHIPPING,
        "userList[1].operatorKBList[0].kbId must be decoded"
    );
    assert_eq!(
        page.user_list[2].group_list[1].name, "Finance & Audit",
        "userList[2].groupList[1].name must be decoded"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn get_users_paginated_sends_negative_and_large_numbers() {
    let (server, client, _log) = start().await;
    let mock = server
        .mock_get_users_paginated_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .page(-1)
                .page_size(i32::MAX)
                .filter("ra")
                .into_inner()
                .path(format!(
                    "/api/auth/users-paginated/{ORGANISATION_ID}/-1/2147483647/ra"
                ));
            then.ok_json(json(fixtures::USERS_PAGE_0));
        })
        .await;

    let result = client
        .get_users_paginated(ORGANISATION_ID, -1, i32::MAX, "ra", SESSION_ID)
        .await;

    mock.assert_async().await;
    assert!(
        result.is_ok(),
        "getUsersPaginated failed: {:?}",
        result.err()
    );
}

#[tokio::test]
async fn update_user_puts_user_with_empty_password() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_update_user_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!("/api/auth/user/{ORGANISATION_ID}"))
                .header("content-type", "application/json")
                .json_body(json!({
                    "id": ids::USER_PRIYA,
                    "email": "priya.raman@example.com",
                    "password": "",
                    "firstName": "Priya",
                    "surname": "Raman-Whitfield",
                    "roles": "",
                    "operatorKBList": "",
                    "groupList": [{
                        "organisationId": ORGANISATION_ID,
                        "name": "Domain Users",
                        "originalName": "Domain Users",
                        "userIdList": [],
                    }],
                    "jwtMatchNameValueCSV": "oid=5b7e2c90-3d1f-4a86-9e4b-0f2a7c6d8e13",
                }))
                .is_true(log.recorder());
            then.ok_json(json(fixtures::USER));
        })
        .await;

    let body = CmUserWithExtras {
        id: ids::USER_PRIYA.to_string(),
        email: "priya.raman@example.com".to_string(),
        password: String::new(),
        first_name: "Priya".to_string(),
        surname: "Raman-Whitfield".to_string(),
        roles: String::new(),
        operator_kb_list: String::new(),
        group_list: vec![CmGroup {
            organisation_id: ORGANISATION_ID.to_string(),
            name: "Domain Users".to_string(),
            original_name: "Domain Users".to_string(),
            user_id_list: Vec::new(),
        }],
        jwt_match_name_value_csv: "oid=5b7e2c90-3d1f-4a86-9e4b-0f2a7c6d8e13".to_string(),
    };
    let result = client.update_user(ORGANISATION_ID, SESSION_ID, &body).await;

    mock.assert_async().await;
    let user = result.expect("updateUser failed");
    assert_eq!(user.surname, "Raman-Whitfield", "surname must be decoded");
    assert_eq!(
        user.group_list[0].name, "Domain Users",
        "groupList[0].name must be decoded"
    );
    assert_eq!(user.password, "", "password must be decoded as empty");
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn remove_user_from_organisation_orders_path() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_remove_user_from_organisation_async(|when, then| {
            when.user_id(ids::USER_IMPORT_BOT)
                .organisation_id(ORGANISATION_ID)
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!(
                    "/api/auth/organisation/user/{}/{ORGANISATION_ID}",
                    ids::USER_IMPORT_BOT
                ))
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::USER_REMOVED));
        })
        .await;

    let result = client
        .remove_user_from_organisation(ids::USER_IMPORT_BOT, ORGANISATION_ID, SESSION_ID)
        .await;

    mock.assert_async().await;
    let message = result.expect("removeUserFromOrganisation failed");
    assert_eq!(
        message.information, "user removed from organisation",
        "information must be decoded"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn import_users_and_groups_without_api_version() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_import_users_and_groups_async(|when, then| {
            when.session_id(SESSION_ID)
                .into_inner()
                .path("/api/auth/user/import")
                .header("content-type", "application/json")
                .header_missing("api-version")
                .json_body(json!({
                    "organisationId": ORGANISATION_ID,
                    "fileType": "text/csv",
                    "base64Text": IMPORT_BASE64_TEXT,
                }))
                .is_true(log.recorder());
            then.ok_json(json(fixtures::USERS_IMPORTED));
        })
        .await;

    let body = CmImportUsers {
        organisation_id: ORGANISATION_ID.to_string(),
        file_type: "text/csv".to_string(),
        base64_text: IMPORT_BASE64_TEXT.to_string(),
    };
    let result = client
        .import_users_and_groups(SESSION_ID, &body, None)
        .await;

    mock.assert_async().await;
    let message = result.expect("importUsersAndGroups failed");
    assert_eq!(
        message.information, "4 users imported",
        "information must be decoded"
    );
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn import_users_and_groups_with_api_version() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_import_users_and_groups_async(|when, then| {
            when.session_id(SESSION_ID)
                .api_version(ApiVersion::V1)
                .into_inner()
                .path("/api/auth/user/import")
                .header("api-version", "1")
                .header("content-type", "application/json")
                .json_body(json!({
                    "organisationId": ORGANISATION_ID,
                    "fileType": "text/csv",
                    "base64Text": IMPORT_BASE64_TEXT,
                }))
                .is_true(log.recorder());
            then.ok_json(json(fixtures::USERS_IMPORTED));
        })
        .await;

    let body = CmImportUsers {
        organisation_id: ORGANISATION_ID.to_string(),
        file_type: "text/csv".to_string(),
        base64_text: IMPORT_BASE64_TEXT.to_string(),
    };
    let result = client
        .import_users_and_groups(SESSION_ID, &body, Some(ApiVersion::V1))
        .await;

    mock.assert_async().await;
    let message = result.expect("importUsersAndGroups with API-Version failed");
    assert_eq!(
        message.information, "4 users imported",
        "information must be decoded"
    );
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn my_roles_returns_role_names() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_my_roles_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!("/api/auth/myroles/{ORGANISATION_ID}"))
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::MY_ROLES));
        })
        .await;

    let result = client.my_roles(ORGANISATION_ID, SESSION_ID).await;

    mock.assert_async().await;
    let roles = result.expect("myRoles failed");
    assert_eq!(
        roles,
        ["manager", "operator"],
        "the role names must be decoded in order"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn get_ott_accepts_json_string_and_text() {
    let bodies = [
        ("JSON string", fixtures::OTT_JSON, "application/json"),
        ("bare text", fixtures::OTT_TEXT, "text/plain;charset=UTF-8"),
    ];
    for (form, body, content_type) in bodies {
        let (server, client, log) = start().await;
        let mock = server
            .mock_get_ott_async(|when, then| {
                when.organisation_id(ORGANISATION_ID)
                    .session_id(SESSION_ID)
                    .into_inner()
                    .path(format!("/api/auth/ott/{ORGANISATION_ID}"))
                    .header_missing("content-type")
                    .is_true(log.recorder());
                then.into_inner()
                    .status(200)
                    .header("content-type", content_type)
                    .body(body);
            })
            .await;

        let result = client.get_ott(ORGANISATION_ID, SESSION_ID).await;

        mock.assert_async().await;
        let token = result.unwrap_or_else(|error| panic!("getOTT with a {form} failed: {error}"));
        assert_eq!(
            token.expose_secret(),
            ids::OTT,
            "getOTT must decode a {form} body to the bare token"
        );
        assert_empty_body(&log.last());
        assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
    }
}

// ---------------------------------------------------------------------------------------
// Groups
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn get_groups_returns_groups_and_users() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_get_groups_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!("/api/auth/groups/{ORGANISATION_ID}"))
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::GROUPS));
        })
        .await;

    let result = client.get_groups(ORGANISATION_ID, SESSION_ID).await;

    mock.assert_async().await;
    let groups = result.expect("getGroups failed");
    let names: Vec<&str> = groups
        .group_list
        .iter()
        .map(|group| group.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["Domain Users", "Finance & Audit", "Legal Reviewers"],
        "the group names must be decoded in order"
    );
    assert_eq!(
        groups.group_list[0].user_id_list,
        [ids::USER_PRIYA, ids::USER_ZOE],
        "groupList[0].userIdList must be decoded"
    );
    assert_eq!(groups.user_list.len(), 2, "userList must contain two users");
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn save_group_puts_rename() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_save_group_async(|when, then| {
            when.session_id(SESSION_ID)
                .into_inner()
                .path("/api/auth/group")
                .header("content-type", "application/json")
                .json_body(json!({
                    "organisationId": ORGANISATION_ID,
                    "name": "Legal & Compliance",
                    "originalName": "Legal Reviewers",
                    "userIdList": [ids::USER_PRIYA],
                }))
                .is_true(log.recorder());
            then.ok_json(json(fixtures::GROUP_SAVED));
        })
        .await;

    let body = CmGroup {
        organisation_id: ORGANISATION_ID.to_string(),
        name: "Legal & Compliance".to_string(),
        original_name: "Legal Reviewers".to_string(),
        user_id_list: vec![ids::USER_PRIYA.to_string()],
    };
    let result = client.save_group(SESSION_ID, &body).await;

    mock.assert_async().await;
    let message = result.expect("saveGroup failed");
    assert_eq!(
        message.information, "group saved",
        "information must be decoded"
    );
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn save_group_sends_empty_required_fields() {
    let (server, client, _log) = start().await;
    let mock = server
        .mock_save_group_async(|when, then| {
            when.into_inner().path("/api/auth/group").json_body(json!({
                "organisationId": ORGANISATION_ID,
                "name": "Night Shift",
                "originalName": "",
                "userIdList": [],
            }));
            then.ok_json(json(fixtures::GROUP_SAVED));
        })
        .await;

    let body = CmGroup {
        organisation_id: ORGANISATION_ID.to_string(),
        name: "Night Shift".to_string(),
        ..CmGroup::default()
    };
    let result = client.save_group(SESSION_ID, &body).await;

    mock.assert_async().await;
    assert!(result.is_ok(), "saveGroup failed: {:?}", result.err());
}

#[tokio::test]
async fn group_edit_info_posts_paging() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_group_edit_info_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!("/api/auth/group-edit-info/{ORGANISATION_ID}"))
                .header("content-type", "application/json")
                .json_body(json!({
                    "userIdList": [ids::USER_ZOE],
                    "activeUsersPage": 0,
                    "activeUsersFilter": "",
                    "availableUsersPage": 1,
                    "availableUsersFilter": "ra",
                    "pageSize": 10,
                }))
                .is_true(log.recorder());
            then.ok_json(json(fixtures::GROUP_EDIT_INFO));
        })
        .await;

    let body = CmGroupEditInfo {
        user_id_list: vec![ids::USER_ZOE.to_string()],
        active_users_page: 0,
        active_users_filter: String::new(),
        available_users_page: 1,
        available_users_filter: "ra".to_string(),
        page_size: 10,
    };
    let result = client
        .group_edit_info(ORGANISATION_ID, SESSION_ID, &body)
        .await;

    mock.assert_async().await;
    let info = result.expect("groupEditInfo failed");
    assert_eq!(
        info.group_list[0].name, "Finance & Audit",
        "groupList[0].name must be decoded"
    );
    assert_eq!(
        info.user_list[0].id,
        ids::USER_ZOE,
        "userList[0].id must be decoded"
    );
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

#[tokio::test]
async fn delete_group_encodes_name() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_delete_group_async(|when, then| {
            when.organisation_id(ORGANISATION_ID)
                .name("Finance & Audit")
                .session_id(SESSION_ID)
                .into_inner()
                .path(format!(
                    "/api/auth/group/{ORGANISATION_ID}/Finance%20%26%20Audit"
                ))
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::GROUP_DELETED));
        })
        .await;

    let result = client
        .delete_group(ORGANISATION_ID, "Finance & Audit", SESSION_ID)
        .await;

    mock.assert_async().await;
    let message = result.expect("deleteGroup failed");
    assert_eq!(
        message.information, "group deleted",
        "information must be decoded"
    );
    assert_empty_body(&log.last());
    assert_secret_only_in_header(&log.last(), "session-id", SESSION_ID);
}

// ---------------------------------------------------------------------------------------
// Service version
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn version_sends_no_credentials() {
    let (server, client, log) = start().await;
    let mock = server
        .mock_version_async(|when, then| {
            when.into_inner()
                .path("/api/auth/version")
                .header("accept", "application/json")
                .header_missing("session-id")
                .header_missing("jwt")
                .header_missing("content-type")
                .is_true(log.recorder());
            then.ok_json(json(fixtures::VERSION));
        })
        .await;

    let result = client.version().await;

    mock.assert_async().await;
    let version = result.expect("version_8 failed");
    assert_eq!(
        version.session.id, "",
        "a null session must decode as an empty session"
    );
    assert_eq!(
        version.user.email, "",
        "a null user must decode as an empty user"
    );
    assert_eq!(
        version.return_result, None,
        "returnResult is absent from the body and must stay None"
    );
    assert_empty_body(&log.last());
}

// ---------------------------------------------------------------------------------------
// Request models
// ---------------------------------------------------------------------------------------

#[test]
fn return_result_omitted_when_none() {
    let command = SignInCmd::default();
    let serialized = serde_json::to_value(&command).expect("SignInCmd must serialize");
    assert!(
        serialized.get("returnResult").is_none(),
        "returnResult must be omitted when None: {serialized}"
    );
    assert_eq!(
        serialized.get("email"),
        Some(&json!("")),
        "a required string must be serialized even when empty"
    );

    let command = SignInCmd {
        return_result: Some(true),
        ..SignInCmd::default()
    };
    let serialized = serde_json::to_value(&command).expect("SignInCmd must serialize");
    assert_eq!(
        serialized.get("returnResult"),
        Some(&json!(true)),
        "returnResult must be serialized when Some"
    );
}
