//! Installment plans: a balance split into N installments on a schedule (equal or weighted,
//! month-end safe, optional down payment), amortized plans with interest, plan status as of a
//! date from the payments made, and rescheduling overdue items into a plan.
//!
//! (Being built for issue 4.)

/// Errors of the `installments` module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// A value out of its documented range.
    #[error("invalid installments input: {detail}")]
    Invalid {
        /// What is wrong.
        detail: String,
    },
}

impl PlanError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::installments::PlanError::Invalid { detail: "x".into() };
    /// assert_eq!(e.kind(), "invalid_installments");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            PlanError::Invalid { .. } => "invalid_installments",
        }
    }
}
