//! Response bodies shaped like the SimSage auth service's, including its quirks.
//!
//! The payloads are made up, but they follow the server's behaviour where it differs from
//! `openapi.yaml`: organisation-list entries carry only `id`, `name` and `enabled`, a
//! session carries a `contextStack` array that `CMSession` lacks, some required strings
//! are `null`, and some required fields are missing. All of them describe one small
//! installation, so the ids in one fixture match the ids in the others; [`ids`] lists them.

/// `CMSessionVersion` returned by `signIn` for Morgan Hale, an administrator.
///
/// The session has a `contextStack` array, which `CMSession` does not declare, and an
/// empty `organisationId`, because administrator sessions belong to no organisation.
pub const SIGN_IN: &str = include_str!("../fixtures/sign_in.json");

/// `SignInAdmin` returned by `signInAdminUsingJWTMsal` and `signInAdminUsingSessionId`.
///
/// `password` is `null`, and the user carries a `passwordHash`.
pub const SIGN_IN_ADMIN: &str = include_str!("../fixtures/sign_in_admin.json");

/// `SignInCmd` returned by `signInSearchUsingJWTMsal` for Priya Raman, an operator.
pub const SIGN_IN_CMD: &str = include_str!("../fixtures/sign_in_cmd.json");

/// `SignInDmsCmd` returned by `signInDmsUsingJWTMsal` and `signInEvolveUsingJWTMsal`.
pub const SIGN_IN_DMS_CMD: &str = include_str!("../fixtures/sign_in_dms_cmd.json");

/// Body for `version_8`, in the `SignInCmd` shape that the published API description
/// declares. `session` and `user` are `null`.
///
/// NOTE: the description does not show what the server really sends for this operation.
pub const VERSION: &str = include_str!("../fixtures/version.json");

/// Three organisations from `getUserOrganisationList`, each with only `id`, `name` and
/// `enabled`, as the server sends them. The third one is disabled.
pub const ORGANISATIONS: &str = include_str!("../fixtures/organisations.json");

/// A complete `CMOrganisation`, as returned by `updateOrganisation`.
pub const ORGANISATION: &str = include_str!("../fixtures/organisation.json");

/// Page 0 of `getUsersPaginated` with a page size of 4: four users out of nine.
///
/// Priya Raman has two roles, an operator knowledge base and a group. The fourth user,
/// a service account, has `null` in the required strings `surname` and
/// `jwtMatchNameValueCSV`.
pub const USERS_PAGE_0: &str = include_str!("../fixtures/users_page_0.json");

/// `CMGroupList` from `getGroups`: three groups of Harbour Logistics and two users.
///
/// The groups have no `originalName`, although `CMGroup` marks it as required.
pub const GROUPS: &str = include_str!("../fixtures/groups.json");

/// `CMGroupList` from `groupEditInfo` for the group "Finance & Audit".
pub const GROUP_EDIT_INFO: &str = include_str!("../fixtures/group_edit_info.json");

/// Role names from `myRoles`.
pub const MY_ROLES: &str = include_str!("../fixtures/my_roles.json");

/// `CMUserWithExtras` returned by `updateUser`, with an empty `password`.
pub const USER: &str = include_str!("../fixtures/user.json");

/// One-time token from `getOTT` as a JSON string, the declared form.
pub const OTT_JSON: &str = include_str!("../fixtures/ott.json");

/// The same one-time token as bare text with a trailing newline, which the server may
/// send instead.
pub const OTT_TEXT: &str = include_str!("../fixtures/ott.txt");

/// `JsonMessage` returned by `signOut`.
pub const SIGN_OUT: &str = include_str!("../fixtures/sign_out.json");

/// `JsonMessage` returned by `saveGroup`.
pub const GROUP_SAVED: &str = include_str!("../fixtures/group_saved.json");

/// `JsonMessage` returned by `deleteGroup`.
pub const GROUP_DELETED: &str = include_str!("../fixtures/group_deleted.json");

/// `JsonMessage` returned by `deleteOrganisation`.
pub const ORGANISATION_DELETED: &str = include_str!("../fixtures/organisation_deleted.json");

/// `JsonMessage` returned by `removeUserFromOrganisation`.
pub const USER_REMOVED: &str = include_str!("../fixtures/user_removed.json");

/// `JsonMessage` returned by `importUsersAndGroups`.
pub const USERS_IMPORTED: &str = include_str!("../fixtures/users_imported.json");

/// `JsonMessage` returned by `resetPassword`.
pub const PASSWORD_RESET: &str = include_str!("../fixtures/password_reset.json");

/// `JsonMessage` returned by `resetPasswordRequest`.
pub const PASSWORD_RESET_REQUESTED: &str =
    include_str!("../fixtures/password_reset_requested.json");

/// `JsonMessage` with which the server rejects an unknown or expired session, sent with
/// HTTP status 500.
pub const ERROR_INVALID_SESSION: &str = include_str!("../fixtures/error_invalid_session.json");

/// HTML page that an nginx proxy in front of SimSage sends with HTTP status 502. It is
/// longer than the 200 characters that `Error::UnexpectedBody` keeps.
pub const PROXY_502_HTML: &str = include_str!("../fixtures/proxy_502.html");

/// Ids, names and values that the fixtures use.
pub mod ids {
    /// Organisation "Harbour Logistics", which most fixtures refer to.
    pub const ORGANISATION_LOGISTICS: &str = "5f2d8c1e-7a43-4b9e-9c61-2e8f0d4a7b35";
    /// Organisation "Harbour Legal".
    pub const ORGANISATION_LEGAL: &str = "a81c3e7f-0d2b-4f6a-8e59-6b1d9c2f4e70";
    /// Organisation "Harbour Archive 2019", which is disabled.
    pub const ORGANISATION_ARCHIVE: &str = "0e6b4d92-3c1a-4e8f-b7d5-91a2c8f3e6d4";

    /// Morgan Hale, administrator, who signs in with a password in [`SIGN_IN`](super::SIGN_IN).
    pub const USER_MORGAN: &str = "3b9f6a21-8d4e-4c7b-a0f2-5e1c9d8b7a64";
    /// Email address of Morgan Hale.
    pub const EMAIL_MORGAN: &str = "morgan.hale@example.com";
    /// Priya Raman, operator.
    pub const USER_PRIYA: &str = "8e2a5c71-4b9d-4f06-b3e8-7c1d0a6f9e52";
    /// Zoë Lambert, document management system (DMS) user.
    pub const USER_ZOE: &str = "2d7f1b4e-0c9a-4e56-8b3d-7a2e6f1c9d05";
    /// Service account whose `surname` is `null` in [`USERS_PAGE_0`](super::USERS_PAGE_0).
    pub const USER_IMPORT_BOT: &str = "9a4e2c6d-5b1f-4d83-a7e0-8c3f6b2d1e49";

    /// Session id of Morgan Hale's session in [`SIGN_IN`](super::SIGN_IN) and
    /// [`SIGN_IN_ADMIN`](super::SIGN_IN_ADMIN).
    pub const SESSION_MORGAN: &str = "d7c4e1a9-2f8b-4e3d-9a6c-0b5f1e8d2c47";

    /// Knowledge base "Shipping", to which Priya Raman is assigned as an operator.
    pub const KNOWLEDGE_BASE_SHIPPING: &str = "6c0d8e3f-9b2a-4f71-a5c4-3e8d1b7f0a92";

    /// One-time token in [`OTT_JSON`](super::OTT_JSON) and [`OTT_TEXT`](super::OTT_TEXT).
    pub const OTT: &str = "0b8f3c6e-4a1d-4c9b-8e27-5d3f9a1c7e60";

    /// Version of the auth service in [`SIGN_IN`](super::SIGN_IN) and the `JsonMessage`
    /// fixtures.
    pub const SERVICE_VERSION: &str = "7.14.12";
}
