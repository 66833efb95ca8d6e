//! Iterating over all users of an organisation, one page request at a time.

use futures_core::Stream;
use futures_util::{TryStreamExt as _, stream};

use crate::error::Error;
use crate::types::{CmUser, CmUserList};
use crate::{Client, Session};

/// Position of a paged walk over users.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Pager {
    page_size: i32,
    next_page: i32,
    fetched: i64,
    done: bool,
}

impl Pager {
    /// Starts at page 0, or fails when `page_size` is not positive.
    pub(crate) fn new(page_size: i32, operation: &'static str) -> Result<Self, Error> {
        if page_size <= 0 {
            return Err(Error::InvalidParameter {
                operation,
                parameter: "page_size",
                reason: format!("the page size is {page_size}; pass a positive number"),
            });
        }
        Ok(Pager {
            page_size,
            next_page: 0,
            fetched: 0,
            done: false,
        })
    }

    /// Returns the number of users per page.
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    pub(crate) fn page_size(&self) -> i32 {
        self.page_size
    }

    /// Returns the page to request next, or `None` when the walk is over.
    pub(crate) fn next_page(&self) -> Option<i32> {
        (!self.done).then_some(self.next_page)
    }

    /// Records a received page and decides whether another one is needed: the walk ends
    /// at the server's `userCount`, and early on a short or empty page.
    pub(crate) fn record(&mut self, page: &CmUserList) {
        let received = page.user_list.len();
        self.fetched += i64::try_from(received).unwrap_or(i64::MAX);
        let short = received < usize::try_from(self.page_size).unwrap_or(usize::MAX);
        let counted = page.user_count > 0 && self.fetched >= i64::from(page.user_count);
        match self.next_page.checked_add(1) {
            Some(next) if received > 0 && !short && !counted => self.next_page = next,
            _ => self.done = true,
        }
    }
}

impl Client {
    /// Returns every user of an organisation that matches `filter`, fetching pages of
    /// `page_size` users with [`Client::get_users_paginated`] as the stream is read.
    ///
    /// The stream ends after the server's `userCount` users, or earlier when a page comes
    /// back short or empty. An empty `filter` matches every user. An error ends the stream
    /// after it is returned.
    ///
    /// ```no_run
    /// use futures_util::TryStreamExt as _;
    ///
    /// # async fn run(client: simsage_auth::Client, session_id: &str) -> Result<(), simsage_auth::Error> {
    /// let users: Vec<_> = client.users("org-id", "", 100, session_id).try_collect().await?;
    /// println!("{} users", users.len());
    /// # Ok(())
    /// # }
    /// ```
    pub fn users<'a>(
        &'a self,
        organisation_id: &'a str,
        filter: &'a str,
        page_size: i32,
        session_id: &'a str,
    ) -> impl Stream<Item = Result<CmUser, Error>> + Send + 'a {
        let pager = Pager::new(page_size, "getUsersPaginated");
        let pages = stream::try_unfold(pager, move |pager| async move {
            let mut pager = pager?;
            let Some(page) = pager.next_page() else {
                return Ok(None);
            };
            let list = self
                .get_users_paginated(organisation_id, page, pager.page_size, filter, session_id)
                .await?;
            pager.record(&list);
            Ok(Some((list.user_list, Ok(pager))))
        });
        pages
            .map_ok(|users| stream::iter(users.into_iter().map(Ok)))
            .try_flatten()
    }
}

impl Session {
    /// Returns every user of an organisation that matches `filter`, as [`Client::users`]
    /// does, with this session's id.
    pub fn users<'a>(
        &'a self,
        organisation_id: &'a str,
        filter: &'a str,
        page_size: i32,
    ) -> impl Stream<Item = Result<CmUser, Error>> + Send + 'a {
        self.client()
            .users(organisation_id, filter, page_size, self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(users: usize, count: i32) -> CmUserList {
        CmUserList {
            user_list: vec![CmUser::default(); users],
            user_count: count,
        }
    }

    #[test]
    fn pager_stops_at_user_count() {
        let mut pager = Pager::new(2, "test").expect("valid size");
        pager.record(&page(2, 4));
        assert_eq!(pager.next_page(), Some(1));
        pager.record(&page(2, 4));
        assert_eq!(pager.next_page(), None);
    }

    #[test]
    fn pager_stops_on_short_or_empty_page() {
        let mut pager = Pager::new(3, "test").expect("valid size");
        pager.record(&page(1, 100));
        assert_eq!(pager.next_page(), None);
        let mut pager = Pager::new(3, "test").expect("valid size");
        pager.record(&page(0, 100));
        assert_eq!(pager.next_page(), None);
    }

    #[test]
    fn pager_continues_without_user_count() {
        let mut pager = Pager::new(2, "test").expect("valid size");
        pager.record(&page(2, 0));
        assert_eq!(pager.next_page(), Some(1));
    }

    #[test]
    fn pager_rejects_non_positive_size() {
        assert!(Pager::new(0, "test").is_err());
        assert!(Pager::new(-5, "test").is_err());
    }
}
