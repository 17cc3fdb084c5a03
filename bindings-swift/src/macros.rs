//! The one wrapping idiom of this crate: binding-side twins of core types, with `From`
//! conversions in both directions generated from a field list.
//!
//! Each field names how it converts (`=` for a plain move, or a conversion function applied
//! in the direction of the arrow), so the conversions are written once, next to the type.
//! Model: bitcoindevkit/bdk-ffi `src/macros.rs`.

/// `impl From<$ffi> for $core` and `impl From<$core> for $ffi`, field by field.
///
/// ```ignore
/// impl_twin_conversions!(BusinessCalendar <=> calendar::BusinessCalendar {
///     weekend: identity, identity;       // to the core, from the core
///     holidays: collect, collect;        // Vec<NaiveDate> <-> BTreeSet<NaiveDate>
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
}

pub(crate) use impl_twin_conversions;
