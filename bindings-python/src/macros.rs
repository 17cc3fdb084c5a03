//! The one wrapping idiom of this binding.
//!
//! Every exported class is a frozen newtype over a core type: the inner value is private to
//! the crate, equality and hashing come from the core type, and conversions both ways are
//! `From` impls generated here rather than written by hand in each file. Frozen classes are
//! immutable, so they are safe to share between threads and can be read without the GIL.

/// `wrap!(PyX, "X", core::X)`: a frozen, comparable, hashable pyclass named `X` in `ar_core`
/// holding a `core::X`, with `From` conversions both ways.
macro_rules! wrap {
    ($(#[$meta:meta])* $py:ident, $name:literal, $core:ty) => {
        $(#[$meta])*
        #[pyo3::pyclass(frozen, eq, hash, module = "ar_core", name = $name)]
        #[derive(Clone, PartialEq, Eq, Hash)]
        pub struct $py(pub(crate) $core);

        impl From<$core> for $py {
            fn from(value: $core) -> Self {
                $py(value)
            }
        }

        impl From<$py> for $core {
            fn from(value: $py) -> Self {
                value.0
            }
        }

        impl $crate::convert::Wrapper for $py {
            type Core = $core;
            const PY_NAME: &'static str = $name;
            fn core(&self) -> &$core {
                &self.0
            }
        }
    };
}

pub(crate) use wrap;
