//! The compact text notation of payment terms (placeholder; being written).
use crate::terms::Terms;

/// Errors of [`parse`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotationError {
    /// Syntax error.
    #[error("at {position}: {message}")]
    Syntax {
        /// Byte offset.
        position: usize,
        /// What is wrong.
        message: String,
    },
}

impl NotationError {
    /// The stable machine-readable code of this error.
    pub fn kind(&self) -> &'static str {
        "parse_error"
    }
}

/// Parses the text notation.
///
/// # Errors
/// [`NotationError`].
pub fn parse(_s: &str) -> Result<Terms, NotationError> {
    Err(NotationError::Syntax { position: 0, message: "not implemented".into() })
}

/// Prints terms in the text notation.
pub fn print(_t: &Terms) -> String {
    String::new()
}
