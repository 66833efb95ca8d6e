//! Shared fixtures for the simsage-auth integration tests.
