//! Recognisable secrets and request and response values that carry them.
//!
//! Each secret is distinct text longer than
//! [`SECRET_FRAGMENT_CHARS`](crate::SECRET_FRAGMENT_CHARS) characters, so a leak of any
//! run of that many characters from it can be found in `Debug`, `Display` or log output.

use serde_json::json;
use simsage_auth::types::{CmGroup, CmSignInParameters, CmUserPasswordReset, CmUserWithExtras};

use crate::fixtures::{self, ids};
use crate::json;

/// Session id, sent in the `session-id` header.
pub const SESSION_ID: &str = "SECRET-SESSION-0001";
/// Microsoft (MSAL) JWT, sent in the `jwt` header. Its signature contains the text `SECRET`.
pub const JWT: &str = "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.\
                       eyJzdWIiOiJTRUNSRVQtSldULVNVQkpFQ1QifQ.\
                       SECRET-JWT-SIGNATURE-0001";
/// Password, sent in sign-in, password-reset and user bodies.
pub const PASSWORD: &str = "SECRET-PASSWORD-hunter2";
/// Password-reset id, sent in the `resetPassword` body.
pub const RESET_ID: &str = "SECRET-RESET-ID-0001";
/// One-time token, returned by `getOTT`.
pub const OTT: &str = "SECRET-OTT-0001";
/// Password hash, returned in `User.passwordHash`.
pub const PASSWORD_HASH: &str = "$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASH0001";
/// Salt, returned in `SignInAdmin.sharedSecretSalt`.
pub const SHARED_SECRET_SALT: &str = "SECRET-SALT-0001";

/// Every secret above.
pub const ALL: [&str; 7] = [
    SESSION_ID,
    JWT,
    PASSWORD,
    RESET_ID,
    OTT,
    PASSWORD_HASH,
    SHARED_SECRET_SALT,
];

/// Returns a `JsonMessage` body with `error` set.
pub fn error_message(error: &str) -> String {
    json!({ "error": error, "information": "", "version": "7.14.12", "time": 1733333333000_i64 })
        .to_string()
}

/// Returns a 502 proxy page in which `echoed` starts at character `offset`, or right after
/// the opening markup (58 characters) if `offset` is smaller.
pub fn proxy_page_echoing(echoed: &str, offset: usize) -> String {
    let opening = "<html><head><title>502 Bad Gateway</title></head><body><p>";
    let padding = "x".repeat(offset.saturating_sub(opening.len()));
    format!("{opening}{padding}{echoed}</p><hr>nginx/1.24.0</body></html>")
}

/// Returns sign-in credentials with [`PASSWORD`].
pub fn sign_in_parameters() -> CmSignInParameters {
    CmSignInParameters {
        email: ids::EMAIL_MORGAN.to_string(),
        password: PASSWORD.to_string(),
    }
}

/// Returns a password reset with [`RESET_ID`] and [`PASSWORD`].
pub fn password_reset() -> CmUserPasswordReset {
    CmUserPasswordReset {
        email: "priya.raman@example.com".to_string(),
        reset_id: RESET_ID.to_string(),
        password: PASSWORD.to_string(),
    }
}

/// Returns a user to save with [`PASSWORD`] as the new password.
pub fn user_with_password() -> CmUserWithExtras {
    CmUserWithExtras {
        id: ids::USER_PRIYA.to_string(),
        email: "priya.raman@example.com".to_string(),
        password: PASSWORD.to_string(),
        first_name: "Priya".to_string(),
        surname: "Raman".to_string(),
        group_list: vec![CmGroup {
            organisation_id: ids::ORGANISATION_LOGISTICS.to_string(),
            name: "Domain Users".to_string(),
            original_name: "Domain Users".to_string(),
            user_id_list: Vec::new(),
        }],
        ..CmUserWithExtras::default()
    }
}

/// Returns the `SignInAdmin` fixture with every secret field set to a test secret.
pub fn sign_in_admin_with_secrets() -> String {
    let mut body = json(fixtures::SIGN_IN_ADMIN);
    body["password"] = json!(PASSWORD);
    body["sharedSecretSalt"] = json!(SHARED_SECRET_SALT);
    body["session"]["id"] = json!(SESSION_ID);
    body["user"]["passwordHash"] = json!(PASSWORD_HASH);
    body.to_string()
}
