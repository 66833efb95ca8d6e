//! Opt-in retries for idempotent calls.

use std::time::Duration;

/// Upper bound for [`RetryPolicy::max_retries`].
const MAX_RETRIES_LIMIT: u32 = 10;

/// How often and how patiently idempotent calls are retried.
///
/// A call is retried when connecting fails or when the server (or a proxy in front of it)
/// answers 502, 503 or 504, and only if the operation is idempotent: reads, updates by
/// PUT and deletes. Sign-ins, one-time tokens, password resets and other POST calls are
/// never retried. The wait doubles after each attempt, from
/// [`RetryPolicy::initial_backoff`] up to [`RetryPolicy::max_backoff`].
///
/// The default retries twice, after 200 ms and 400 ms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
        }
    }
}

impl RetryPolicy {
    /// Sets how many times a call is retried after the first attempt, at most 10.
    #[must_use]
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Sets the wait before the first retry.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// Sets the longest wait between two attempts.
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Returns how many times a call is retried after the first attempt.
    pub fn retries(&self) -> u32 {
        self.max_retries
    }

    /// Returns the wait before retry number `retry` (starting at 1).
    pub fn backoff(&self, retry: u32) -> Duration {
        let factor = 2u32.saturating_pow(retry.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff)
    }

    pub(crate) fn validate(&self) -> Result<(), String> {
        if self.max_retries > MAX_RETRIES_LIMIT {
            return Err(format!(
                "{} retries is more than the limit of {MAX_RETRIES_LIMIT}; pass a smaller number",
                self.max_retries
            ));
        }
        if self.initial_backoff > self.max_backoff {
            return Err("the initial backoff is longer than the maximum backoff".to_string());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_up_to_maximum() {
        let policy = RetryPolicy::default()
            .initial_backoff(Duration::from_millis(100))
            .max_backoff(Duration::from_millis(350));
        assert_eq!(policy.backoff(1), Duration::from_millis(100));
        assert_eq!(policy.backoff(2), Duration::from_millis(200));
        assert_eq!(policy.backoff(3), Duration::from_millis(350));
        assert_eq!(policy.backoff(40), Duration::from_millis(350));
    }

    #[test]
    fn validate_rejects_out_of_range() {
        assert!(RetryPolicy::default().max_retries(11).validate().is_err());
        assert!(
            RetryPolicy::default()
                .initial_backoff(Duration::from_secs(10))
                .validate()
                .is_err()
        );
        assert!(RetryPolicy::default().validate().is_ok());
    }
}
