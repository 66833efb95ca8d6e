//! Every operation of the client, callable by index, with a valid success body for each.

use simsage_auth::types::{
    CmGroup, CmGroupEditInfo, CmImportUsers, CmOrganisation, CmPasswordResetRequest,
    CmSignInParameters, CmUserPasswordReset, CmUserWithExtras,
};
use simsage_auth::{Client, Error};

/// The shape of an operation's success response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseKind {
    JsonMessage,
    GroupList,
    OneTimeToken,
    OrganisationList,
    UserList,
    Roles,
    SessionVersion,
    SignInAdmin,
    SignInDms,
    SignInCmd,
    Organisation,
    UserWithExtras,
}

/// The `operationId` and response shape of each operation, in the order that
/// [`call_operation`] uses for its index.
pub const OPERATIONS: [(&str, ResponseKind); 23] = [
    ("deleteGroup", ResponseKind::JsonMessage),
    ("deleteOrganisation", ResponseKind::JsonMessage),
    ("getGroups", ResponseKind::GroupList),
    ("getOTT", ResponseKind::OneTimeToken),
    ("getUserOrganisationList", ResponseKind::OrganisationList),
    ("getUsersPaginated", ResponseKind::UserList),
    ("groupEditInfo", ResponseKind::GroupList),
    ("importUsersAndGroups", ResponseKind::JsonMessage),
    ("myRoles", ResponseKind::Roles),
    ("removeUserFromOrganisation", ResponseKind::JsonMessage),
    ("resetPassword", ResponseKind::JsonMessage),
    ("resetPasswordRequest", ResponseKind::JsonMessage),
    ("saveGroup", ResponseKind::JsonMessage),
    ("signIn", ResponseKind::SessionVersion),
    ("signInAdminUsingJWTMsal", ResponseKind::SignInAdmin),
    ("signInAdminUsingSessionId", ResponseKind::SignInAdmin),
    ("signInDmsUsingJWTMsal", ResponseKind::SignInDms),
    ("signInEvolveUsingJWTMsal", ResponseKind::SignInDms),
    ("signInSearchUsingJWTMsal", ResponseKind::SignInCmd),
    ("signOut", ResponseKind::JsonMessage),
    ("updateOrganisation", ResponseKind::Organisation),
    ("updateUser", ResponseKind::UserWithExtras),
    ("version_8", ResponseKind::SignInCmd),
];

/// The secret arguments that the operations take; everything else is a fixed plain value.
#[derive(Debug, Clone)]
pub struct Inputs {
    pub session_id: String,
    pub jwt: String,
    pub password: String,
    pub reset_id: String,
}

impl Inputs {
    /// Ordinary values for tests that do not look for secrets.
    pub fn plain() -> Self {
        Inputs {
            session_id: "2c7a4ba2-0a49-4d38-9a39-5a1f0c2f4c11".into(),
            jwt: "eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl".into(),
            password: "correct horse battery staple".into(),
            reset_id: "0d2d9c8e-5b0f-4b53-8a51-3d8f2a9e6f70".into(),
        }
    }
}

const ORGANISATION_ID: &str = "c276f883-e0c8-43ae-9119-df8b7df9c574";
const USER_ID: &str = "7f3e4f8c-1d2b-4a59-9a57-0b6e0c4e2d10";

pub fn sign_in_body(inputs: &Inputs) -> CmSignInParameters {
    CmSignInParameters {
        email: "admin@example.com".into(),
        password: inputs.password.clone(),
    }
}

pub fn password_reset_body(inputs: &Inputs) -> CmUserPasswordReset {
    CmUserPasswordReset {
        email: "admin@example.com".into(),
        reset_id: inputs.reset_id.clone(),
        password: inputs.password.clone(),
    }
}

pub fn user_body(inputs: &Inputs) -> CmUserWithExtras {
    CmUserWithExtras {
        id: USER_ID.into(),
        email: "jane@example.com".into(),
        password: inputs.password.clone(),
        first_name: "Jane".into(),
        surname: "Doe".into(),
        roles: "admin".into(),
        ..CmUserWithExtras::default()
    }
}

fn group_body() -> CmGroup {
    CmGroup {
        organisation_id: ORGANISATION_ID.into(),
        name: "Editors".into(),
        user_id_list: vec![USER_ID.into()],
        ..CmGroup::default()
    }
}

/// Returns the `Debug` output of every request body built from `inputs`.
pub fn request_bodies_debug(inputs: &Inputs) -> Vec<String> {
    vec![
        format!("{:?}", sign_in_body(inputs)),
        format!("{:#?}", sign_in_body(inputs)),
        format!("{:?}", password_reset_body(inputs)),
        format!("{:#?}", password_reset_body(inputs)),
        format!("{:?}", user_body(inputs)),
        format!("{:#?}", user_body(inputs)),
    ]
}

/// Calls operation `index` of [`OPERATIONS`] and returns the `Debug` output of its result.
pub async fn call_operation(
    client: &Client,
    index: usize,
    inputs: &Inputs,
) -> Result<String, Error> {
    let session = inputs.session_id.as_str();
    let jwt = inputs.jwt.as_str();
    match index {
        0 => debug(
            client
                .delete_group(ORGANISATION_ID, "Editors", session)
                .await,
        ),
        1 => debug(client.delete_organisation(ORGANISATION_ID, session).await),
        2 => debug(client.get_groups(ORGANISATION_ID, session).await),
        3 => debug(client.get_ott(ORGANISATION_ID, session).await),
        4 => debug(client.get_user_organisation_list("", session).await),
        5 => debug(
            client
                .get_users_paginated(ORGANISATION_ID, 0, 10, "jane", session)
                .await,
        ),
        6 => {
            let body = CmGroupEditInfo {
                user_id_list: vec![USER_ID.into()],
                page_size: 10,
                ..CmGroupEditInfo::default()
            };
            debug(
                client
                    .group_edit_info(ORGANISATION_ID, session, &body)
                    .await,
            )
        }
        7 => {
            let body = CmImportUsers {
                organisation_id: ORGANISATION_ID.into(),
                file_type: "text/csv".into(),
                base64_text: ";base64,ZW1haWwK".into(),
            };
            debug(client.import_users_and_groups(session, &body, None).await)
        }
        8 => debug(client.my_roles(ORGANISATION_ID, session).await),
        9 => debug(
            client
                .remove_user_from_organisation(USER_ID, ORGANISATION_ID, session)
                .await,
        ),
        10 => debug(client.reset_password(&password_reset_body(inputs)).await),
        11 => {
            let body = CmPasswordResetRequest {
                email: "admin@example.com".into(),
                reset_url: "https://simsage.example.com/reset".into(),
            };
            debug(client.reset_password_request(&body).await)
        }
        12 => debug(client.save_group(session, &group_body()).await),
        13 => debug(client.sign_in(&sign_in_body(inputs)).await),
        14 => debug(client.sign_in_admin_using_jwt_msal(jwt).await),
        15 => debug(client.sign_in_admin_using_session_id(session).await),
        16 => debug(
            client
                .sign_in_dms_using_jwt_msal(jwt, ORGANISATION_ID)
                .await,
        ),
        17 => debug(
            client
                .sign_in_evolve_using_jwt_msal(jwt, ORGANISATION_ID)
                .await,
        ),
        18 => debug(
            client
                .sign_in_search_using_jwt_msal(jwt, ORGANISATION_ID)
                .await,
        ),
        19 => debug(client.sign_out(session, None).await),
        20 => {
            let body = CmOrganisation {
                id: ORGANISATION_ID.into(),
                name: "Acme".into(),
                enabled: true,
                ..CmOrganisation::default()
            };
            debug(client.update_organisation(session, &body).await)
        }
        21 => debug(
            client
                .update_user(ORGANISATION_ID, session, &user_body(inputs))
                .await,
        ),
        22 => debug(client.version().await),
        _ => panic!(
            "operation index {index} is out of range 0..{}",
            OPERATIONS.len()
        ),
    }
}

fn debug<T: std::fmt::Debug>(result: Result<T, Error>) -> Result<String, Error> {
    result.map(|value| format!("{value:?}\n{value:#?}"))
}

/// Returns a success body for operation `index` with `secret` in every field that contains
/// a secret (session ids, passwords, password hashes, salts, one-time tokens).
pub fn success_body(index: usize, secret: &str) -> String {
    let session = format!(
        r#"{{"id":"{secret}","userId":"{USER_ID}","organisationId":"{ORGANISATION_ID}","email":"jane@example.com","ipAddress":"127.0.0.1","lastAccess":1733300000000,"role":"admin","sessionType":"web","contextStack":[]}}"#
    );
    let internal_user = format!(
        r#"{{"id":"{USER_ID}","email":"jane@example.com","firstName":"Jane","surname":"Doe","passwordHash":"{secret}","confirmed":true,"roles":[{{"userId":"{USER_ID}","organisationId":"{ORGANISATION_ID}","role":"admin"}}],"operatorKBList":[],"groupList":[],"jwtMatchNameValueCSV":""}}"#
    );
    let sign_in_common = format!(
        r#""jobId":"","returnAddress":"","errorStr":"","timeOut":0,"async":false,"isReturnResult":false,"email":"jane@example.com","password":"{secret}","roles":["admin"],"remoteAddress":"127.0.0.1","session":{session},"user":{internal_user},"organisationId":"{ORGANISATION_ID}""#
    );
    match OPERATIONS[index].1 {
        ResponseKind::JsonMessage => {
            r#"{"error":"","information":"done","version":"7.14.12","time":1733300000000}"#.into()
        }
        ResponseKind::GroupList => format!(
            r#"{{"groupList":[{{"organisationId":"{ORGANISATION_ID}","name":"Editors","originalName":"Editors","userIdList":["{USER_ID}"]}}],"userList":[{}]}}"#,
            cm_user_json()
        ),
        ResponseKind::OneTimeToken => format!("\"{secret}\""),
        ResponseKind::OrganisationList => {
            format!(r#"[{{"id":"{ORGANISATION_ID}","name":"Acme","enabled":true}}]"#)
        }
        ResponseKind::UserList => format!(r#"{{"userList":[{}],"userCount":1}}"#, cm_user_json()),
        ResponseKind::Roles => r#"["admin","manager"]"#.into(),
        ResponseKind::SessionVersion => format!(
            r#"{{"session":{session},"user":{},"organisationList":[{{"id":"{ORGANISATION_ID}","name":"Acme","enabled":true}}],"version":"7.14.12"}}"#,
            cm_user_json()
        ),
        ResponseKind::SignInAdmin => format!(
            r#"{{"organisationList":[{{"id":"{ORGANISATION_ID}","name":"Acme","enabled":true}}],"sharedSecretSalt":"{secret}",{sign_in_common}}}"#
        ),
        ResponseKind::SignInDms => format!("{{{sign_in_common}}}"),
        ResponseKind::SignInCmd => format!(
            r#"{{"organisationList":[{{"id":"{ORGANISATION_ID}","name":"Acme","enabled":true}}],{sign_in_common}}}"#
        ),
        ResponseKind::Organisation => format!(
            r#"{{"id":"{ORGANISATION_ID}","name":"Acme","enabled":true,"autoCreateSSOUsers":false,"autoCreateSSODomainList":[],"autoCreateSSOACLList":[],"autoCreateSSORoleList":[]}}"#
        ),
        ResponseKind::UserWithExtras => format!(
            r#"{{"id":"{USER_ID}","email":"jane@example.com","password":"{secret}","firstName":"Jane","surname":"Doe","roles":"admin","operatorKBList":"","groupList":[],"jwtMatchNameValueCSV":""}}"#
        ),
    }
}

fn cm_user_json() -> String {
    format!(
        r#"{{"id":"{USER_ID}","email":"jane@example.com","firstName":"Jane","surname":"Doe","roles":[{{"organisationId":"{ORGANISATION_ID}","role":"admin"}}],"operatorKBList":[],"groupList":[],"jwtMatchNameValueCSV":""}}"#
    )
}

/// Returns the `operationId`s in `openapi.yaml` at the workspace root.
pub fn spec_operation_ids() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi.yaml");
    let spec = std::fs::read_to_string(path).expect("openapi.yaml is missing");
    let mut ids: Vec<String> = spec
        .lines()
        .filter_map(|line| line.trim().strip_prefix("operationId:"))
        .map(|id| id.trim().trim_matches(['"', '\'']).to_string())
        .collect();
    ids.sort();
    ids
}
