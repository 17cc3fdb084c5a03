//! Late fees: fixed, percent of the overdue balance, tiered, capped, with a grace period;
//! idempotent, keyed by (document, level or period), so re-running never charges twice.
//!
//! (Being built for issue 4.)

/// Errors of the `fees` module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeeError {
    /// A value out of its documented range.
    #[error("invalid fees input: {detail}")]
    Invalid {
        /// What is wrong.
        detail: String,
    },
}

impl FeeError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::fees::FeeError::Invalid { detail: "x".into() };
    /// assert_eq!(e.kind(), "invalid_fees");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            FeeError::Invalid { .. } => "invalid_fees",
        }
    }
}
