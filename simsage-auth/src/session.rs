//! A signed-in session: a client plus the session id and what the server returned at sign-in.

use std::fmt;
use std::sync::Arc;

use crate::error::{DecodeError, Error};
use crate::types::{CmSessionVersion, CmSignInParameters, SignInAdmin, SignInCmd, SignInDmsCmd};
use crate::{Client, ExposeSecret, SecretString};

/// The response of the sign-in call that opened a session, as the server sent it.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum SignIn {
    /// From [`Client::sign_in`] (email and password).
    Password(Box<CmSessionVersion>),
    /// From [`Client::sign_in_admin_using_jwt_msal`] or
    /// [`Client::sign_in_admin_using_session_id`].
    Admin(Box<SignInAdmin>),
    /// From [`Client::sign_in_search_using_jwt_msal`].
    Search(Box<SignInCmd>),
    /// From [`Client::sign_in_dms_using_jwt_msal`].
    Dms(Box<SignInDmsCmd>),
    /// From [`Client::sign_in_evolve_using_jwt_msal`].
    Evolve(Box<SignInDmsCmd>),
}

/// An organisation the signed-in user can access, as listed at sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionOrganisation {
    /// Organisation id (a GUID).
    pub id: String,
    /// Organisation name.
    pub name: String,
    /// Whether the organisation is enabled.
    pub enabled: bool,
}

/// Information the server returned about a session at sign-in, the same for every way of signing in.
///
/// Fields the sign-in response did not carry are empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// Id of the signed-in user.
    pub user_id: String,
    /// Email address of the signed-in user.
    pub email: String,
    /// First name of the signed-in user.
    pub first_name: String,
    /// Surname of the signed-in user.
    pub surname: String,
    /// Main role of the user in this session, such as `admin`.
    pub role: String,
    /// Organisation the session belongs to; empty for administrators.
    pub organisation_id: String,
    /// Organisations listed at sign-in; empty for DMS and Evolve sign-ins, whose
    /// responses carry no list.
    pub organisations: Vec<SessionOrganisation>,
    /// The session's `lastAccess` value: the Unix time of its last use, as SimSage
    /// counts it (milliseconds on the servers seen so far).
    pub last_access: i64,
    /// The `timeOut` value of JWT and session-id sign-ins, as the server sent it; `None`
    /// for password sign-ins, whose response has no such field.
    pub time_out: Option<i64>,
}

/// A signed-in session whose methods send its session id for you.
///
/// Open one with [`Client::session_with_password`] or another `session_with_*`
/// constructor. Every operation that takes a `session_id` is a method of the session
/// without that argument, and [`Session::sign_out`] ends the session and consumes the
/// handle. Cloning is cheap; clones share the client and the sign-in response.
///
/// The `Debug` output never shows the session id. Clones made before `sign_out` keep
/// the id, which the server no longer accepts after it.
///
/// ```no_run
/// # async fn run() -> Result<(), simsage_auth::Error> {
/// let client = simsage_auth::Client::new("https://training.simsage.ai")?;
/// let session = client.session_with_password("admin@example.com", "secret").await?;
/// println!("signed in as {}", session.info().email);
/// for organisation in &session.info().organisations {
///     let groups = session.get_groups(&organisation.id).await?;
///     println!("{}: {} groups", organisation.name, groups.group_list.len());
/// }
/// session.sign_out(None).await?;
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Session {
    client: Client,
    id: SecretString,
    info: Arc<SessionInfo>,
    sign_in: Arc<SignIn>,
}

impl Session {
    fn open(client: &Client, sign_in: SignIn, operation: &'static str) -> Result<Self, Error> {
        let (id, info) = describe(&sign_in);
        if id.is_empty() {
            return Err(Error::Decode {
                operation,
                status: reqwest::StatusCode::OK,
                target: "session".to_string(),
                path: "session.id".to_string(),
                source: DecodeError::from_message(
                    "the sign-in response carries no session id".to_string(),
                ),
            });
        }
        Ok(Session {
            client: client.clone(),
            id: SecretString::from(id),
            info: Arc::new(info),
            sign_in: Arc::new(sign_in),
        })
    }

    /// Returns the client the session sends its calls through.
    pub fn client(&self) -> &Client {
        &self.client
    }

    /// Returns the session id, for calls to other SimSage services.
    pub fn session_id(&self) -> &SecretString {
        &self.id
    }

    /// Returns the information the server returned about the session at sign-in.
    pub fn info(&self) -> &SessionInfo {
        &self.info
    }

    /// Returns the sign-in response as the server sent it.
    pub fn sign_in_response(&self) -> &SignIn {
        &self.sign_in
    }

    pub(crate) fn id(&self) -> &str {
        self.id.expose_secret()
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("id", &"<redacted>")
            .field("user_id", &self.info.user_id)
            .field("email", &self.info.email)
            .field("role", &self.info.role)
            .finish_non_exhaustive()
    }
}

/// Extracts the session id and the common description from any sign-in response.
fn describe(sign_in: &SignIn) -> (String, SessionInfo) {
    match sign_in {
        SignIn::Password(response) => {
            let organisations = response
                .organisation_list
                .iter()
                .map(|o| SessionOrganisation {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    enabled: o.enabled,
                })
                .collect();
            let info = SessionInfo {
                user_id: response.user.id.clone(),
                email: response.user.email.clone(),
                first_name: response.user.first_name.clone(),
                surname: response.user.surname.clone(),
                role: response.session.role.clone(),
                organisation_id: response.session.organisation_id.clone(),
                organisations,
                last_access: response.session.last_access,
                time_out: None,
            };
            (response.session.id.clone(), info)
        }
        SignIn::Admin(response) => command_info(
            &response.session,
            &response.user,
            &response.organisation_list,
            response.time_out,
        ),
        SignIn::Search(response) => command_info(
            &response.session,
            &response.user,
            &response.organisation_list,
            response.time_out,
        ),
        SignIn::Dms(response) | SignIn::Evolve(response) => {
            command_info(&response.session, &response.user, &[], response.time_out)
        }
    }
}

fn command_info(
    session: &crate::types::Session,
    user: &crate::types::User,
    organisations: &[crate::types::Organisation],
    time_out: i64,
) -> (String, SessionInfo) {
    let info = SessionInfo {
        user_id: user.id.clone(),
        email: user.email.clone(),
        first_name: user.first_name.clone(),
        surname: user.surname.clone(),
        role: session.role.clone(),
        organisation_id: session.organisation_id.clone(),
        organisations: organisations
            .iter()
            .map(|o| SessionOrganisation {
                id: o.id.clone(),
                name: o.name.clone(),
                enabled: o.enabled,
            })
            .collect(),
        last_access: session.last_access,
        time_out: Some(time_out),
    };
    (session.id.clone(), info)
}

impl Client {
    /// Signs in with an email address and password and returns the session.
    ///
    /// Calls [`Client::sign_in`].
    ///
    /// # Errors
    ///
    /// As [`Client::sign_in`]; also [`Error::Decode`] when the response carries no session id.
    pub async fn session_with_password(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Session, Error> {
        let credentials = CmSignInParameters {
            email: email.to_string(),
            password: password.to_string(),
        };
        let response = self.sign_in(&credentials).await?;
        Session::open(self, SignIn::Password(Box::new(response)), "signIn")
    }

    /// Signs an administrator in with a Microsoft (MSAL) JWT and returns the session.
    ///
    /// Calls [`Client::sign_in_admin_using_jwt_msal`].
    ///
    /// # Errors
    ///
    /// As the called method; also [`Error::Decode`] when the response carries no session id.
    pub async fn session_with_admin_jwt(&self, jwt: &str) -> Result<Session, Error> {
        let response = self.sign_in_admin_using_jwt_msal(jwt).await?;
        Session::open(
            self,
            SignIn::Admin(Box::new(response)),
            "signInAdminUsingJWTMsal",
        )
    }

    /// Signs a search user of an organisation in with a Microsoft (MSAL) JWT.
    ///
    /// Calls [`Client::sign_in_search_using_jwt_msal`].
    ///
    /// # Errors
    ///
    /// As the called method; also [`Error::Decode`] when the response carries no session id.
    pub async fn session_with_search_jwt(
        &self,
        jwt: &str,
        organisation_id: &str,
    ) -> Result<Session, Error> {
        let response = self
            .sign_in_search_using_jwt_msal(jwt, organisation_id)
            .await?;
        Session::open(
            self,
            SignIn::Search(Box::new(response)),
            "signInSearchUsingJWTMsal",
        )
    }

    /// Signs a DMS user of an organisation in with a Microsoft (MSAL) JWT.
    ///
    /// Calls [`Client::sign_in_dms_using_jwt_msal`].
    ///
    /// # Errors
    ///
    /// As the called method; also [`Error::Decode`] when the response carries no session id.
    pub async fn session_with_dms_jwt(
        &self,
        jwt: &str,
        organisation_id: &str,
    ) -> Result<Session, Error> {
        let response = self
            .sign_in_dms_using_jwt_msal(jwt, organisation_id)
            .await?;
        Session::open(
            self,
            SignIn::Dms(Box::new(response)),
            "signInDmsUsingJWTMsal",
        )
    }

    /// Signs an Evolve user of an organisation in with a Microsoft (MSAL) JWT.
    ///
    /// Calls [`Client::sign_in_evolve_using_jwt_msal`].
    ///
    /// # Errors
    ///
    /// As the called method; also [`Error::Decode`] when the response carries no session id.
    pub async fn session_with_evolve_jwt(
        &self,
        jwt: &str,
        organisation_id: &str,
    ) -> Result<Session, Error> {
        let response = self
            .sign_in_evolve_using_jwt_msal(jwt, organisation_id)
            .await?;
        Session::open(
            self,
            SignIn::Evolve(Box::new(response)),
            "signInEvolveUsingJWTMsal",
        )
    }

    /// Resumes an existing administrator session from its id.
    ///
    /// Calls [`Client::sign_in_admin_using_session_id`], which checks the id with the server.
    ///
    /// # Errors
    ///
    /// As the called method; also [`Error::Decode`] when the response carries no session id.
    pub async fn session_with_id(&self, session_id: &str) -> Result<Session, Error> {
        let response = self.sign_in_admin_using_session_id(session_id).await?;
        Session::open(
            self,
            SignIn::Admin(Box::new(response)),
            "signInAdminUsingSessionId",
        )
    }
}

include!(concat!(env!("OUT_DIR"), "/session.rs"));
