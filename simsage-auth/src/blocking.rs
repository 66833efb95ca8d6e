//! A blocking client for programs without an async runtime (requires the `blocking` feature).
//!
//! [`Client`] and [`Session`] have the same methods, arguments, errors and decoding as
//! their async counterparts, and return when the call is complete. They run the async
//! client on a small Tokio runtime of their own (one worker thread), shared by clones.
//!
//! ```no_run
//! use simsage_auth::blocking::Client;
//!
//! let client = Client::new("https://training.simsage.ai")?;
//! let session = client.session_with_password("admin@example.com", "secret")?;
//! for user in session.users("00000000-0000-0000-0000-000000000001", "", 100) {
//!     let user = user?;
//!     println!("{} <{}>", user.first_name, user.email);
//! }
//! session.sign_out(None)?;
//! # Ok::<(), simsage_auth::Error>(())
//! ```
//!
//! Calling a blocking method from inside an async runtime would stall that runtime, so it
//! returns [`Error::BlockingInAsyncContext`] instead; use the async client there.

use std::future::Future;
use std::sync::Arc;

use crate::error::Error;
use crate::paging::Pager;
use crate::types::CmUser;
use crate::{ClientBuilder, SessionInfo, SignIn};

/// Runs futures of the async client to completion.
#[derive(Debug, Clone)]
struct Runner(Arc<OwnedRuntime>);

/// A runtime that can be dropped anywhere: dropping a Tokio runtime inside another
/// runtime panics, so there it is shut down in the background instead.
#[derive(Debug)]
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            if tokio::runtime::Handle::try_current().is_ok() {
                runtime.shutdown_background();
            } else {
                drop(runtime);
            }
        }
    }
}

impl Runner {
    fn new() -> Result<Self, Error> {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("simsage-auth-blocking")
            .enable_all()
            .build()
            .map(|runtime| Runner(Arc::new(OwnedRuntime(Some(runtime)))))
            .map_err(|error| Error::InvalidParameter {
                operation: "blocking::Client::new",
                parameter: "runtime",
                reason: format!("the Tokio runtime could not be started: {error}"),
            })
    }

    fn run<T>(
        &self,
        operation: &'static str,
        future: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::BlockingInAsyncContext { operation });
        }
        match &self.0.0 {
            Some(runtime) => runtime.block_on(future),
            None => Err(Error::BlockingInAsyncContext { operation }),
        }
    }
}

/// A blocking client for the SimSage auth service; see the [module documentation](self).
#[derive(Debug, Clone)]
pub struct Client {
    inner: crate::Client,
    runner: Runner,
}

impl Client {
    /// Creates a client for the server at `base_url` with the defaults of [`ClientBuilder`].
    ///
    /// # Errors
    ///
    /// As [`crate::Client::new`].
    pub fn new(base_url: &str) -> Result<Self, Error> {
        Self::from_async(crate::Client::new(base_url)?)
    }

    /// Creates a client from a configured builder.
    ///
    /// # Errors
    ///
    /// As [`ClientBuilder::build`].
    pub fn from_builder(builder: ClientBuilder) -> Result<Self, Error> {
        Self::from_async(builder.build()?)
    }

    /// Wraps an async client; the two share the connection pool.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidParameter`] when the runtime cannot be started.
    pub fn from_async(inner: crate::Client) -> Result<Self, Error> {
        Ok(Client {
            inner,
            runner: Runner::new()?,
        })
    }

    /// Returns the async client behind this one.
    pub fn as_async(&self) -> &crate::Client {
        &self.inner
    }

    /// Signs in with an email address and password; see [`crate::Client::session_with_password`].
    ///
    /// # Errors
    ///
    /// As the async method.
    pub fn session_with_password(&self, email: &str, password: &str) -> Result<Session, Error> {
        let session = self
            .runner
            .run("signIn", self.inner.session_with_password(email, password))?;
        Ok(self.session(session))
    }

    /// Signs an administrator in with an MSAL JWT; see [`crate::Client::session_with_admin_jwt`].
    ///
    /// # Errors
    ///
    /// As the async method.
    pub fn session_with_admin_jwt(&self, jwt: &str) -> Result<Session, Error> {
        let session = self.runner.run(
            "signInAdminUsingJWTMsal",
            self.inner.session_with_admin_jwt(jwt),
        )?;
        Ok(self.session(session))
    }

    /// Signs a search user in with an MSAL JWT; see [`crate::Client::session_with_search_jwt`].
    ///
    /// # Errors
    ///
    /// As the async method.
    pub fn session_with_search_jwt(
        &self,
        jwt: &str,
        organisation_id: &str,
    ) -> Result<Session, Error> {
        let future = self.inner.session_with_search_jwt(jwt, organisation_id);
        Ok(self.session(self.runner.run("signInSearchUsingJWTMsal", future)?))
    }

    /// Signs a DMS user in with an MSAL JWT; see [`crate::Client::session_with_dms_jwt`].
    ///
    /// # Errors
    ///
    /// As the async method.
    pub fn session_with_dms_jwt(&self, jwt: &str, organisation_id: &str) -> Result<Session, Error> {
        let future = self.inner.session_with_dms_jwt(jwt, organisation_id);
        Ok(self.session(self.runner.run("signInDmsUsingJWTMsal", future)?))
    }

    /// Signs an Evolve user in with an MSAL JWT; see [`crate::Client::session_with_evolve_jwt`].
    ///
    /// # Errors
    ///
    /// As the async method.
    pub fn session_with_evolve_jwt(
        &self,
        jwt: &str,
        organisation_id: &str,
    ) -> Result<Session, Error> {
        let future = self.inner.session_with_evolve_jwt(jwt, organisation_id);
        Ok(self.session(self.runner.run("signInEvolveUsingJWTMsal", future)?))
    }

    /// Resumes an administrator session from its id; see [`crate::Client::session_with_id`].
    ///
    /// # Errors
    ///
    /// As the async method.
    pub fn session_with_id(&self, session_id: &str) -> Result<Session, Error> {
        let session = self.runner.run(
            "signInAdminUsingSessionId",
            self.inner.session_with_id(session_id),
        )?;
        Ok(self.session(session))
    }

    /// Returns every user of an organisation that matches `filter`, fetching pages of
    /// `page_size` users as the iterator advances; see [`crate::Client::users`].
    pub fn users<'a>(
        &'a self,
        organisation_id: &'a str,
        filter: &'a str,
        page_size: i32,
        session_id: &'a str,
    ) -> Users<'a> {
        Users {
            client: &self.inner,
            runner: &self.runner,
            organisation_id,
            filter,
            session_id,
            pager: Some(Pager::new(page_size, "getUsersPaginated")),
            buffer: Vec::new().into_iter(),
        }
    }

    fn session(&self, inner: crate::Session) -> Session {
        Session {
            inner,
            runner: self.runner.clone(),
        }
    }
}

/// A blocking signed-in session; see [`crate::Session`].
#[derive(Debug, Clone)]
pub struct Session {
    inner: crate::Session,
    runner: Runner,
}

impl Session {
    /// Returns the async session behind this one.
    pub fn as_async(&self) -> &crate::Session {
        &self.inner
    }

    /// Returns the information the server returned about the session at sign-in.
    pub fn info(&self) -> &SessionInfo {
        self.inner.info()
    }

    /// Returns the session id, for calls to other SimSage services.
    pub fn session_id(&self) -> &crate::SecretString {
        self.inner.session_id()
    }

    /// Returns the sign-in response as the server sent it.
    pub fn sign_in_response(&self) -> &SignIn {
        self.inner.sign_in_response()
    }

    /// Returns every user of an organisation that matches `filter`; see [`crate::Client::users`].
    pub fn users<'a>(
        &'a self,
        organisation_id: &'a str,
        filter: &'a str,
        page_size: i32,
    ) -> Users<'a> {
        Users {
            client: self.inner.client(),
            runner: &self.runner,
            organisation_id,
            filter,
            session_id: self.inner.id(),
            pager: Some(Pager::new(page_size, "getUsersPaginated")),
            buffer: Vec::new().into_iter(),
        }
    }
}

/// Iterator over users, fetching one page at a time; see [`Client::users`].
#[derive(Debug)]
pub struct Users<'a> {
    client: &'a crate::Client,
    runner: &'a Runner,
    organisation_id: &'a str,
    filter: &'a str,
    session_id: &'a str,
    pager: Option<Result<Pager, Error>>,
    buffer: std::vec::IntoIter<CmUser>,
}

impl Iterator for Users<'_> {
    type Item = Result<CmUser, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(user) = self.buffer.next() {
                return Some(Ok(user));
            }
            let mut pager = match self.pager.take()? {
                Ok(pager) => pager,
                Err(error) => return Some(Err(error)),
            };
            let page = pager.next_page()?;
            let future = self.client.get_users_paginated(
                self.organisation_id,
                page,
                pager.page_size(),
                self.filter,
                self.session_id,
            );
            let list = self.runner.run("getUsersPaginated", future);
            match list {
                Ok(list) => {
                    pager.record(&list);
                    self.pager = Some(Ok(pager));
                    self.buffer = list.user_list.into_iter();
                }
                Err(error) => return Some(Err(error)),
            }
        }
    }
}

include!(concat!(env!("OUT_DIR"), "/blocking.rs"));
