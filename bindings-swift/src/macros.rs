//! The one wrapping idiom of this crate: binding-side twins of core types, with `From`
//! conversions generated from a field list.
//!
//! Each field names how it converts (`identity` for a plain move, or a conversion function
//! applied in the direction of the arrow), so the conversions are written once, next to the
//! type. Model: bitcoindevkit/bdk-ffi `src/macros.rs`.

/// `impl From<$ffi> for $core` and `impl From<$core> for $ffi`, field by field (`<=>`), or
/// only `impl From<$ffi> for $core` (`=>`, for inputs that never come back out of the core).
///
/// ```ignore
/// impl_twin_conversions!(BusinessCalendar <=> calendar::BusinessCalendar {
///     weekend: identity, identity;       // to the core, from the core
///     holidays: collect, collect;        // Vec<NaiveDate> <-> BTreeSet<NaiveDate>
/// });
/// impl_twin_conversions!(RescheduleRequest => installments::RescheduleRequest {
///     plan: Into::into;                  // to the core only
/// });
/// ```
macro_rules! impl_twin_conversions {
    ($ffi:ident <=> $core:path {
        $($field:ident : $to_core:expr, $from_core:expr);* $(;)?
    }) => {
        impl From<$ffi> for $core {
            fn from(value: $ffi) -> Self {
                Self { $($field: ($to_core)(value.$field)),* }
            }
        }
        impl From<$core> for $ffi {
            fn from(value: $core) -> Self {
                Self { $($field: ($from_core)(value.$field)),* }
            }
        }
    };
    ($ffi:ident => $core:path {
        $($field:ident : $to_core:expr);* $(;)?
    }) => {
        impl From<$ffi> for $core {
            fn from(value: $ffi) -> Self {
                Self { $($field: ($to_core)(value.$field)),* }
            }
        }
    };
}

/// `impl From<$ffi> for $core` for a twin of a core enum whose variants have named fields,
/// variant by variant and field by field (inputs only: a `#[non_exhaustive]` core enum cannot
/// be matched exhaustively from this crate).
///
/// ```ignore
/// impl_twin_enum_conversion!(PlanSpec => installments::PlanSpec {
///     Split { terms: Into::into };
///     Amortized { terms: Into::into };
/// });
/// ```
macro_rules! impl_twin_enum_conversion {
    ($ffi:ident => $core:path {
        $($variant:ident { $($field:ident : $to_core:expr),* $(,)? });* $(;)?
    }) => {
        impl From<$ffi> for $core {
            fn from(value: $ffi) -> Self {
                match value {
                    $($ffi::$variant { $($field),* } => Self::$variant {
                        $($field: ($to_core)($field)),*
                    }),*
                }
            }
        }
    };
}

pub(crate) use impl_twin_conversions;
pub(crate) use impl_twin_enum_conversion;
