//! Late-payment interest: day-count conventions, simple and compound accrual from the day after
//! the due date, periods split at every payment and rate change, host-supplied rate tables and
//! statutory presets (EU 2011/7/EU, UK 1998 Act).
//!
//! (Being built for issue 4.)

/// Errors of the `interest` module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InterestError {
    /// A value out of its documented range.
    #[error("invalid interest input: {detail}")]
    Invalid {
        /// What is wrong.
        detail: String,
    },
}

impl InterestError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::interest::InterestError::Invalid { detail: "x".into() };
    /// assert_eq!(e.kind(), "invalid_interest");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            InterestError::Invalid { .. } => "invalid_interest",
        }
    }
}
