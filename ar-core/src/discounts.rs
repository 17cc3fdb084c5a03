//! Early-payment discounts beyond the terms schedule: tax-base modes, the discount a payment date
//! earns, pro-rata discounts for partial payments, the annualized cost of a discount and dynamic
//! (APR-based) discount offers.
//!
//! (Being built for issue 4.)

/// Errors of the `discounts` module.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DiscountError {
    /// A value out of its documented range.
    #[error("invalid discounts input: {detail}")]
    Invalid {
        /// What is wrong.
        detail: String,
    },
}

impl DiscountError {
    /// The stable machine-readable code of this error.
    ///
    /// # Example
    /// ```
    /// let e = ar_core::discounts::DiscountError::Invalid { detail: "x".into() };
    /// assert_eq!(e.kind(), "invalid_discounts");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            DiscountError::Invalid { .. } => "invalid_discounts",
        }
    }
}
