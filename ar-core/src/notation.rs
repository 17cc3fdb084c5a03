//! The compact text notation of payment terms: `"2/10 Net 30"`, `"10th Prox"`, `"30/60/90"`.
//!
//! [`parse`] reads the notation into [`Terms`]; [`print()`] writes any [`Terms`] back in one
//! canonical form. The grammar is specified in `docs/notation.md`; this page summarizes it.
//!
//! ```
//! use ar_core::notation::{parse, print};
//! use ar_core::terms::DateStep;
//!
//! let terms = parse("3/10, 2/20 net  30")?; // case and extra spaces do not matter
//! assert_eq!(terms.lines[0].due, [DateStep::Days { days: 30 }]);
//! assert_eq!(terms.lines[0].discounts.len(), 2);
//! assert_eq!(print(&terms), "3/10, 2/20 Net 30");
//!
//! let err = parse("Net -5").unwrap_err();
//! assert_eq!(err.kind(), "parse_error");
//! assert_eq!(
//!     err.to_string(),
//!     "at 4: expected a non-negative number of days after `Net`, found `-5`"
//! );
//! # Ok::<(), ar_core::notation::NotationError>(())
//! ```
//!
//! # Forms
//!
//! | notation | terms |
//! |---|---|
//! | `Due on receipt` | one `balance` line, due `[]` |
//! | `Net 30` | one `balance` line, due `[days 30]` |
//! | `Net 30 EOM` | due `[end_of_month, days 30]` |
//! | `EOM` | due `[end_of_month]` |
//! | `10th Prox`, `1st Prox cutoff 25` | due `[proximo day 10 cutoff 0]`, `[proximo day 1 cutoff 25]` |
//! | `2/10 Net 30` | 2 % discount until base + 10 days (inclusive), due `[days 30]` |
//! | `3/10, 2/20 Net 30` | two discount tiers |
//! | `1/10 EOM Net 30` | tier deadline `[end_of_month, days 10]`; every tier EOM-dated, so `Net 30` means `[end_of_month, days 30]` |
//! | `2% by (+10d EOM)`, `5.00 off by (+10d)` | generic discount tiers (percent, fixed amount) |
//! | `30/60/90` | three lines of `fraction 1/3`, due `[days 30]`, `[days 60]`, `[days 90]` |
//! | `30%: Net 0; 50% of remainder: Net 30; 1/3: EOM; 100.00: 10th Prox; balance: Due +2m EOM` | the general form: `PORTION: [TIERS ]DUE` lines separated by `;` |
//! | `Due +1m day 15`, `Due EOM -5d`, `Due next Fri`, `Due month 3`, `Due prox 10 cutoff 25` | generic due-date steps |
//! | `Net 30 {rounding half_even, residual first, roll following, basis delivery}` | term options that differ from the defaults |
//!
//! The printer always uses the friendly form when one exists for exactly the steps of a line,
//! the installment form `30/60/90` when every line is `fraction 1/N` due `[days D]` without
//! discounts (N = the number of lines, at least two), and the general form otherwise.
//! Decimals are printed as they are stored, scale included (`1.50`, `100.00`), so
//! `parse(print(t)) == t` holds field for field, scale included, for every `Terms` whose
//! fields are valid (day 0..=31, month 1..=12, cutoff -30..=31, positive fraction
//! denominators, at least one line).
//!
//! # Errors
//!
//! Every error of [`parse`] is a [`NotationError::Syntax`] with kind `parse_error`: the byte
//! position where the problem is, what was expected there, and what was found, e.g.
//! `` at 4: expected a non-negative number of days after `Net`, found `-5` ``. Values out of
//! range (`day 40`, `month 13`, a day count beyond `i32`) are syntax errors too, with the
//! range in the message. Parsing never panics, whatever the input.

use std::fmt::Write as _;

use chrono::Weekday;
use rust_decimal::Decimal;

use crate::allocation::{Part, ResidualPolicy};
use crate::calendar::Roll;
use crate::money::RoundingMode;
use crate::terms::{DateBasis, DateStep, DiscountTier, DiscountValue, TermLine, Terms};

/// Errors of [`parse`].
///
/// # Example
/// ```
/// use ar_core::notation::{parse, NotationError};
/// let err = parse("Net 30 garbage").unwrap_err();
/// assert!(matches!(err, NotationError::Syntax { position: 7, .. }));
/// assert_eq!(err.kind(), "parse_error");
/// assert_eq!(
///     err.to_string(),
///     "at 7: expected `EOM`, `{` or the end of the input, found `garbage`"
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NotationError {
    /// The text does not follow the notation, or a value in it is out of range
    /// (kind `parse_error`).
    #[error("at {position}: {message}")]
    Syntax {
        /// Byte offset in the input where the problem is (the input's length at its end).
        position: usize,
        /// What was expected there and what was found.
        message: String,
    },
}

impl NotationError {
    /// The stable machine-readable code of this error: `"parse_error"`.
    ///
    /// # Errors
    /// None: this only reads the error.
    ///
    /// # Example
    /// ```
    /// let err = ar_core::notation::parse("").unwrap_err();
    /// assert_eq!(err.kind(), "parse_error");
    /// assert_eq!(err.to_string(), "at 0: expected payment terms such as `Net 30`, found the end of the input");
    /// ```
    pub fn kind(&self) -> &'static str {
        match self {
            NotationError::Syntax { .. } => "parse_error",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Lexer

/// One token: a punctuation character or a maximal run of other non-space characters.
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    pos: usize,
    text: &'a str,
}

fn is_punct(c: char) -> bool {
    matches!(c, '/' | ',' | ';' | ':' | '%' | '(' | ')' | '{' | '}')
}

fn lex(s: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || is_punct(c) {
            if let Some(st) = start.take() {
                out.push(Token {
                    pos: st,
                    text: &s[st..i],
                });
            }
            if is_punct(c) {
                out.push(Token {
                    pos: i,
                    text: &s[i..i + c.len_utf8()],
                });
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push(Token {
            pos: st,
            text: &s[st..],
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Number shapes

/// A non-negative whole number: ASCII digits only.
fn whole<T: std::str::FromStr>(text: &str) -> Option<T> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// A whole number with an optional sign.
fn signed<T: std::str::FromStr>(text: &str) -> Option<T> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.strip_prefix('+').unwrap_or(text).parse().ok()
}

/// A decimal: optional sign, digits, optionally `.` and digits; exact (no silent rounding).
fn decimal(text: &str) -> Option<Decimal> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let shaped = match digits.split_once('.') {
        Some((int, frac)) => all_digits(int) && all_digits(frac),
        None => all_digits(digits),
    };
    if !shaped {
        return None;
    }
    let value = Decimal::from_str_exact(digits).ok()?;
    Some(if negative { -value } else { value })
}

/// Whether `text` is shaped like an ordinal, `10th`.
fn ordinal_shape(text: &str) -> Option<(&str, &str)> {
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (digits, suffix) = text.split_at(split);
    if digits.is_empty() {
        return None;
    }
    ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| suffix.eq_ignore_ascii_case(s))
        .then_some((digits, suffix))
}

/// A days or months step word, `+30d` / `-2m` / `30d`.
fn offset_step(text: &str) -> Option<Result<DateStep, ()>> {
    let last = text.chars().last()?;
    let unit = last.to_ascii_lowercase();
    if unit != 'd' && unit != 'm' {
        return None;
    }
    let number = &text[..text.len() - 1]; // `last` is ASCII here
    let digits = number.strip_prefix(['+', '-']).unwrap_or(number);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match signed::<i32>(number) {
        Some(days) if unit == 'd' => Ok(DateStep::Days { days }),
        Some(months) => Ok(DateStep::Months { months }),
        None => Err(()),
    })
}

fn weekday(text: &str) -> Option<Weekday> {
    use Weekday::*;
    let days = [
        (Mon, "mon", "monday"),
        (Tue, "tue", "tuesday"),
        (Wed, "wed", "wednesday"),
        (Thu, "thu", "thursday"),
        (Fri, "fri", "friday"),
        (Sat, "sat", "saturday"),
        (Sun, "sun", "sunday"),
    ];
    days.iter()
        .find(|(_, short, long)| {
            text.eq_ignore_ascii_case(short) || text.eq_ignore_ascii_case(long)
        })
        .map(|(d, _, _)| *d)
}

// ---------------------------------------------------------------------------------------------
// Parser

const PORTION: &str =
    "a portion (`50%`, `50% of remainder`, `1/3`, `100.00` or `balance`) followed by `:`";
const STEP: &str =
    "a due-date step (`+30d`, `-1m`, `EOM`, `day 15`, `month 3`, `next Fri` or `prox 10`)";

struct Parser<'a> {
    toks: Vec<Token<'a>>,
    i: usize,
    len: usize,
}

impl<'a> Parser<'a> {
    fn tok(&self, k: usize) -> Option<Token<'a>> {
        self.toks.get(self.i + k).copied()
    }

    /// Whether the token `k` ahead is `text` (ASCII case-insensitive).
    fn is(&self, k: usize, text: &str) -> bool {
        self.tok(k)
            .is_some_and(|t| t.text.eq_ignore_ascii_case(text))
    }

    fn at_end(&self) -> bool {
        self.i >= self.toks.len()
    }

    fn bump(&mut self) {
        self.i += 1;
    }

    fn pos(&self) -> usize {
        self.tok(0).map_or(self.len, |t| t.pos)
    }

    fn found(&self) -> String {
        match self.tok(0) {
            None => "the end of the input".to_string(),
            Some(t) => {
                let mut shown: String = t.text.chars().take(40).collect();
                if shown.len() < t.text.len() {
                    shown.push_str("...");
                }
                format!("`{shown}`")
            }
        }
    }

    fn err(&self, expected: &str) -> NotationError {
        NotationError::Syntax {
            position: self.pos(),
            message: format!("expected {expected}, found {}", self.found()),
        }
    }

    fn expect(&mut self, text: &str, expected: &str) -> Result<(), NotationError> {
        if self.is(0, text) {
            self.bump();
            Ok(())
        } else {
            Err(self.err(expected))
        }
    }

    /// Reads the current token with `read`, or fails with `expected`.
    fn value<T>(
        &mut self,
        read: impl FnOnce(&str) -> Option<T>,
        expected: &str,
    ) -> Result<T, NotationError> {
        match self.tok(0).and_then(|t| read(t.text)) {
            Some(v) => {
                self.bump();
                Ok(v)
            }
            None => Err(self.err(expected)),
        }
    }

    /// Whether the token `k` ahead starts a due part.
    fn due_start(&self, k: usize) -> bool {
        self.is(k, "Net")
            || self.is(k, "Due")
            || self.is(k, "EOM")
            || self.tok(k).is_some_and(|t| ordinal_shape(t.text).is_some())
    }

    /// Whether the tokens ahead start a discount tier: `P/`, `P%` or `A off`.
    fn tier_start(&self) -> bool {
        self.tok(0).is_some_and(|t| !is_punct_token(t.text))
            && !self.due_start(0)
            && (self.is(1, "/") || self.is(1, "%") || self.is(1, "off"))
    }

    /// `30/60/90`: two or more whole numbers separated by `/`, then options or the end.
    fn installments(&mut self) -> Result<Option<Vec<TermLine>>, NotationError> {
        let mut k = 0;
        loop {
            let digits = self
                .tok(k)
                .is_some_and(|t| t.text.bytes().all(|b| b.is_ascii_digit()));
            if !digits {
                return Ok(None);
            }
            if self.is(k + 1, "/") {
                k += 2;
            } else {
                break;
            }
        }
        let count = k / 2 + 1;
        if count < 2 || !(self.tok(k + 1).is_none() || self.is(k + 1, "{")) {
            return Ok(None);
        }
        let n = u32::try_from(count).map_err(|_| self.err("at most 4294967295 installments"))?;
        let mut lines = Vec::with_capacity(count);
        for j in 0..count {
            let days = self.value(whole::<i32>, "a number of days between 0 and 2147483647")?;
            lines.push(TermLine::new(
                Part::fraction(1, n),
                vec![DateStep::Days { days }],
            ));
            if j + 1 < count {
                self.bump(); // `/`
            }
        }
        Ok(Some(lines))
    }

    /// An optional `PORTION:` at the start of a line.
    fn portion(&mut self) -> Result<Option<Part>, NotationError> {
        let colon_at = |k: usize| self.is(k, ":");
        let first_is_word = self.tok(0).is_some_and(|t| !is_punct_token(t.text));
        if !first_is_word {
            return Ok(None);
        }
        let part = if colon_at(1) {
            if self.is(0, "balance") {
                self.bump();
                Part::Balance
            } else {
                let amount = self.value(decimal, PORTION)?;
                Part::Fixed { amount }
            }
        } else if self.is(1, "%") && colon_at(2) {
            let percent = self.value(decimal, "a percent such as `50` before `%`")?;
            self.bump();
            Part::Percent { percent }
        } else if self.is(1, "%") && self.is(2, "of") && self.is(3, "remainder") && colon_at(4) {
            let percent = self.value(decimal, "a percent such as `50` before `% of remainder`")?;
            self.i += 3;
            Part::PercentOfRemainder { percent }
        } else if self.is(1, "/") && colon_at(3) {
            let numerator = self.value(
                whole::<u32>,
                "a whole-number numerator (0 to 4294967295) before `/`",
            )?;
            self.bump();
            let denominator = self.value(
                |t| whole::<u32>(t).filter(|d| *d > 0),
                "a positive whole-number denominator (1 to 4294967295) after `/`",
            )?;
            Part::Fraction {
                numerator,
                denominator,
            }
        } else {
            return Ok(None);
        };
        self.bump(); // `:`
        Ok(Some(part))
    }

    /// `[TIERS ]DUE` of one line; also returns what else may follow the due part.
    fn line_body(&mut self, portion: Part) -> Result<(TermLine, &'static str), NotationError> {
        let mut discounts = Vec::new();
        let mut all_eom = true;
        while self.tier_start() {
            let (tier, eom) = self.tier()?;
            all_eom &= eom;
            discounts.push(tier);
            if self.is(0, ",") {
                self.bump();
                if !self.tier_start() {
                    return Err(self.err("a discount tier (`2/10`, `2% by (+10d)` or `5.00 off by (+10d)`) after `,`"));
                }
            } else {
                break;
            }
        }
        let eom_dating = !discounts.is_empty() && all_eom;
        let (due, follow) = self.due(eom_dating, !discounts.is_empty())?;
        Ok((
            TermLine {
                portion,
                due,
                discounts,
            },
            follow,
        ))
    }

    /// One discount tier; also whether it is EOM-dated (`P/N EOM`).
    fn tier(&mut self) -> Result<(DiscountTier, bool), NotationError> {
        if self.is(1, "/") {
            let percent = self.value(
                decimal,
                "a discount percent such as `2` or `1.5` before `/`",
            )?;
            self.bump();
            let days = self.value(whole::<i32>, "a non-negative number of days (at most 2147483647) after the discount percent and `/`")?;
            // `EOM` right after `P/N` belongs to the tier when more of the line follows it
            // (`,` or a due part); a final `EOM` is the line's due part.
            if self.is(0, "EOM") && (self.is(1, ",") || self.due_start(1)) {
                self.bump();
                let deadline = vec![DateStep::EndOfMonth, DateStep::Days { days }];
                return Ok((
                    DiscountTier {
                        value: DiscountValue::Percent { percent },
                        deadline,
                    },
                    true,
                ));
            }
            let deadline = vec![DateStep::Days { days }];
            return Ok((
                DiscountTier {
                    value: DiscountValue::Percent { percent },
                    deadline,
                },
                false,
            ));
        }
        let value = if self.is(1, "%") {
            let percent = self.value(
                decimal,
                "a discount percent such as `2` or `1.5` before `%`",
            )?;
            self.bump();
            DiscountValue::Percent { percent }
        } else {
            let amount = self.value(decimal, "a discount amount such as `5.00` before `off`")?;
            self.bump();
            DiscountValue::Fixed { amount }
        };
        self.expect("by", "`by` and a deadline such as `(+10d)`")?;
        self.expect("(", "`(` and the deadline's due-date steps")?;
        let deadline = self.steps()?;
        if !self.is(0, ")") {
            return Err(self.err(&format!("{STEP} or `)`")));
        }
        self.bump();
        Ok((DiscountTier { value, deadline }, false))
    }

    /// The due part of a line; also returns what else may follow it, for error messages.
    fn due(
        &mut self,
        eom_dating: bool,
        has_tiers: bool,
    ) -> Result<(Vec<DateStep>, &'static str), NotationError> {
        if self.is(0, "Net") {
            self.bump();
            let days = self.value(whole::<i32>, "a non-negative number of days after `Net`")?;
            if self.is(0, "EOM") {
                self.bump();
                return Ok((vec![DateStep::EndOfMonth, DateStep::Days { days }], ""));
            }
            let steps = if eom_dating {
                vec![DateStep::EndOfMonth, DateStep::Days { days }]
            } else {
                vec![DateStep::Days { days }]
            };
            return Ok((steps, "`EOM`, "));
        }
        if self.is(0, "EOM") {
            self.bump();
            return Ok((vec![DateStep::EndOfMonth], ""));
        }
        if self.is(0, "Due") {
            self.bump();
            if self.is(0, "on") {
                self.bump();
                self.expect("receipt", "`receipt` after `Due on`")?;
                return Ok((Vec::new(), ""));
            }
            let steps = self.steps()?;
            if steps.is_empty() {
                return Err(self.err(&format!("`on receipt` or {STEP} after `Due`")));
            }
            return Ok((steps, "a due-date step, "));
        }
        if let Some((digits, _)) = self.tok(0).and_then(|t| ordinal_shape(t.text)) {
            let day = whole::<u8>(digits).filter(|d| (1..=31).contains(d));
            let Some(day) = day else {
                return Err(self.err("a day of month from `1st` to `31st` before `Prox`"));
            };
            self.bump();
            self.expect("Prox", "`Prox` after the day of month")?;
            if self.is(0, "cutoff") {
                self.bump();
                let cutoff = self.value(
                    |t| signed::<i8>(t).filter(|c| (-30..=31).contains(c)),
                    "a cutoff day between -30 and 31 after `cutoff`",
                )?;
                return Ok((vec![DateStep::Proximo { day, cutoff }], ""));
            }
            return Ok((vec![DateStep::Proximo { day, cutoff: 0 }], "`cutoff`, "));
        }
        if has_tiers {
            Err(self.err("a due part (`Net 30`, `EOM`, `10th Prox`, `Due on receipt` or `Due` and steps) after the discount tiers"))
        } else {
            Err(self.err("a discount tier (`2/10`) or a due part (`Net 30`, `EOM`, `10th Prox`, `Due on receipt` or `Due` and steps)"))
        }
    }

    /// Zero or more generic due-date steps.
    fn steps(&mut self) -> Result<Vec<DateStep>, NotationError> {
        let mut steps = Vec::new();
        while let Some(t) = self.tok(0) {
            if let Some(step) = offset_step(t.text) {
                let step = step.map_err(|()| {
                    self.err("a number of days or months between -2147483648 and 2147483647")
                })?;
                self.bump();
                steps.push(step);
            } else if t.text.eq_ignore_ascii_case("EOM") {
                self.bump();
                steps.push(DateStep::EndOfMonth);
            } else if t.text.eq_ignore_ascii_case("day") {
                self.bump();
                let day = self.value(
                    |t| whole::<u8>(t).filter(|d| *d <= 31),
                    "a day of month between 0 and 31 after `day`",
                )?;
                steps.push(DateStep::DayOfMonth { day });
            } else if t.text.eq_ignore_ascii_case("month") {
                self.bump();
                let month = self.value(
                    |t| whole::<u8>(t).filter(|m| (1..=12).contains(m)),
                    "a month between 1 and 12 after `month`",
                )?;
                steps.push(DateStep::Month { month });
            } else if t.text.eq_ignore_ascii_case("next") {
                self.bump();
                let weekday = self.value(weekday, "a weekday (`Mon` to `Sun`) after `next`")?;
                steps.push(DateStep::NextWeekday { weekday });
            } else if t.text.eq_ignore_ascii_case("prox") {
                self.bump();
                let day = self.value(
                    |t| whole::<u8>(t).filter(|d| *d <= 31),
                    "a day of month between 0 and 31 after `prox`",
                )?;
                let mut cutoff = 0;
                if self.is(0, "cutoff") {
                    self.bump();
                    cutoff = self.value(
                        |t| signed::<i8>(t).filter(|c| (-30..=31).contains(c)),
                        "a cutoff day between -30 and 31 after `cutoff`",
                    )?;
                }
                steps.push(DateStep::Proximo { day, cutoff });
            } else {
                break;
            }
        }
        Ok(steps)
    }

    /// `{key value, ...}` term options.
    fn options(&mut self, terms: &mut Terms) -> Result<(), NotationError> {
        self.bump(); // `{`
        let mut seen: Vec<&str> = Vec::new();
        loop {
            let key_pos = self.pos();
            let key = ["rounding", "residual", "roll", "basis"]
                .into_iter()
                .find(|k| self.is(0, k));
            let Some(key) = key else {
                return Err(self.err("an option (`rounding`, `residual`, `roll` or `basis`)"));
            };
            if seen.contains(&key) {
                return Err(NotationError::Syntax {
                    position: key_pos,
                    message: format!("option `{key}` is given twice"),
                });
            }
            seen.push(key);
            self.bump();
            match key {
                "rounding" => {
                    terms.rounding = self.value(
                        rounding_mode,
                        "a rounding mode (`half_up`, `half_even`, `down` or `up`) after `rounding`",
                    )?;
                }
                "residual" => {
                    terms.residual = self.value(residual_policy, "a residual policy (`last`, `first` or `largest_remainder`) after `residual`")?;
                }
                "roll" => {
                    terms.roll = self.value(
                        roll,
                        "a roll convention (`none`, `following`, `modified_following`, `preceding` or `modified_preceding`) after `roll`",
                    )?;
                }
                _ => {
                    terms.basis = self.value(
                        date_basis,
                        "a date basis (`document`, `delivery`, `receipt` or `given`) after `basis`",
                    )?;
                }
            }
            if self.is(0, ",") {
                self.bump();
            } else if self.is(0, "}") {
                self.bump();
                return Ok(());
            } else {
                return Err(self.err("`,` or `}`"));
            }
        }
    }
}

fn is_punct_token(text: &str) -> bool {
    let mut chars = text.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if is_punct(c))
}

const ROUNDING: [(RoundingMode, &str); 4] = [
    (RoundingMode::HalfUp, "half_up"),
    (RoundingMode::HalfEven, "half_even"),
    (RoundingMode::Down, "down"),
    (RoundingMode::Up, "up"),
];
const RESIDUAL: [(ResidualPolicy, &str); 3] = [
    (ResidualPolicy::Last, "last"),
    (ResidualPolicy::First, "first"),
    (ResidualPolicy::LargestRemainder, "largest_remainder"),
];
const ROLL: [(Roll, &str); 5] = [
    (Roll::None, "none"),
    (Roll::Following, "following"),
    (Roll::ModifiedFollowing, "modified_following"),
    (Roll::Preceding, "preceding"),
    (Roll::ModifiedPreceding, "modified_preceding"),
];
const BASIS: [(DateBasis, &str); 4] = [
    (DateBasis::Document, "document"),
    (DateBasis::Delivery, "delivery"),
    (DateBasis::Receipt, "receipt"),
    (DateBasis::Given, "given"),
];

fn lookup<T: Copy>(table: &[(T, &str)], text: &str) -> Option<T> {
    table
        .iter()
        .find(|(_, name)| text.eq_ignore_ascii_case(name))
        .map(|(v, _)| *v)
}

fn name<T: Copy + PartialEq>(table: &[(T, &'static str)], value: T) -> &'static str {
    table
        .iter()
        .find(|(v, _)| *v == value)
        .map_or("", |(_, n)| n)
}

fn rounding_mode(text: &str) -> Option<RoundingMode> {
    lookup(&ROUNDING, text)
}
fn residual_policy(text: &str) -> Option<ResidualPolicy> {
    lookup(&RESIDUAL, text)
}
fn roll(text: &str) -> Option<Roll> {
    lookup(&ROLL, text)
}
fn date_basis(text: &str) -> Option<DateBasis> {
    lookup(&BASIS, text)
}

/// Parses payment terms written in the text notation (see the [module docs](self) and
/// `docs/notation.md`).
///
/// Keywords are case-insensitive and spaces between tokens are free (`net  30` reads as
/// `Net 30`). Coverage of the portions (percents summing to 100, or a balance line) is not
/// checked here: [`crate::terms::schedule`] checks it against an amount.
///
/// # Errors
/// [`NotationError::Syntax`] (kind `parse_error`) with the byte position of the problem, what
/// was expected and what was found; values out of range (`day 40`, `cutoff 99`, a number of
/// days beyond `i32`) are reported the same way.
///
/// # Example
/// ```
/// use ar_core::allocation::Part;
/// use ar_core::notation::parse;
/// use ar_core::terms::DateStep;
///
/// let t = parse("30%: Net 0; balance: 2/10 Due +2m EOM {roll following}")?;
/// assert_eq!(t.lines[0].portion, Part::percent("30".parse().unwrap()));
/// assert_eq!(t.lines[1].due, [DateStep::Months { months: 2 }, DateStep::EndOfMonth]);
/// assert_eq!(t.roll, ar_core::calendar::Roll::Following);
///
/// let err = parse("Net").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "at 3: expected a non-negative number of days after `Net`, found the end of the input"
/// );
/// # Ok::<(), ar_core::notation::NotationError>(())
/// ```
pub fn parse(s: &str) -> Result<Terms, NotationError> {
    let mut p = Parser {
        toks: lex(s),
        i: 0,
        len: s.len(),
    };
    if p.at_end() {
        return Err(p.err("payment terms such as `Net 30`"));
    }
    let mut terms = if let Some(lines) = p.installments()? {
        Terms::new(lines)
    } else {
        let first_portion = p.portion()?;
        let several = first_portion.is_some();
        let (line, mut follow) = p.line_body(first_portion.unwrap_or(Part::Balance))?;
        let mut lines = vec![line];
        while several && p.is(0, ";") {
            p.bump();
            let Some(portion) = p.portion()? else {
                return Err(p.err(PORTION));
            };
            let (line, f) = p.line_body(portion)?;
            lines.push(line);
            follow = f;
        }
        if !p.at_end() && !p.is(0, "{") {
            let mut expected = follow.to_string();
            if several {
                expected.push_str("`;`, ");
            }
            expected.push_str("`{` or the end of the input");
            let hint = if !several && p.is(0, ";") {
                " (each line of a term with several lines starts with a portion such as `50%:`)"
            } else {
                ""
            };
            return Err(NotationError::Syntax {
                position: p.pos(),
                message: format!("expected {expected}, found {}{hint}", p.found()),
            });
        }
        Terms::new(lines)
    };
    if p.is(0, "{") {
        p.options(&mut terms)?;
    }
    if !p.at_end() {
        return Err(p.err("the end of the input after the options"));
    }
    Ok(terms)
}

// ---------------------------------------------------------------------------------------------
// Printer

fn ordinal_suffix(day: u8) -> &'static str {
    match (day % 10, day % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

fn write_step(out: &mut String, step: &DateStep) {
    let _ = match *step {
        DateStep::Days { days } if days >= 0 => write!(out, "+{days}d"),
        DateStep::Days { days } => write!(out, "{days}d"),
        DateStep::Months { months } if months >= 0 => write!(out, "+{months}m"),
        DateStep::Months { months } => write!(out, "{months}m"),
        DateStep::EndOfMonth => write!(out, "EOM"),
        DateStep::DayOfMonth { day } => write!(out, "day {day}"),
        DateStep::Month { month } => write!(out, "month {month}"),
        DateStep::NextWeekday { weekday } => write!(out, "next {weekday}"),
        DateStep::Proximo { day, cutoff: 0 } => write!(out, "prox {day}"),
        DateStep::Proximo { day, cutoff } => write!(out, "prox {day} cutoff {cutoff}"),
    };
}

fn write_steps(out: &mut String, steps: &[DateStep]) {
    for (i, s) in steps.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        write_step(out, s);
    }
}

/// The `N` of a tier printed as `P/N EOM`.
fn eom_tier_days(tier: &DiscountTier) -> Option<i32> {
    match (&tier.value, tier.deadline.as_slice()) {
        (DiscountValue::Percent { .. }, [DateStep::EndOfMonth, DateStep::Days { days }])
            if *days >= 0 =>
        {
            Some(*days)
        }
        _ => None,
    }
}

fn write_tier(out: &mut String, tier: &DiscountTier) {
    let _ = match (&tier.value, tier.deadline.as_slice()) {
        (DiscountValue::Percent { percent }, [DateStep::Days { days }]) if *days >= 0 => {
            write!(out, "{percent}/{days}")
        }
        (DiscountValue::Percent { percent }, _) if eom_tier_days(tier).is_some() => {
            write!(out, "{percent}/{} EOM", eom_tier_days(tier).unwrap_or(0))
        }
        (DiscountValue::Percent { percent }, steps) => {
            let _ = write!(out, "{percent}% by (");
            write_steps(out, steps);
            write!(out, ")")
        }
        (DiscountValue::Fixed { amount }, steps) => {
            let _ = write!(out, "{amount} off by (");
            write_steps(out, steps);
            write!(out, ")")
        }
    };
}

fn write_due(out: &mut String, steps: &[DateStep], eom_dating: bool) {
    let _ = match steps {
        [] => write!(out, "Due on receipt"),
        [DateStep::Days { days }] if *days >= 0 && !eom_dating => write!(out, "Net {days}"),
        [DateStep::EndOfMonth, DateStep::Days { days }] if *days >= 0 && eom_dating => {
            write!(out, "Net {days}")
        }
        [DateStep::EndOfMonth, DateStep::Days { days }] if *days >= 0 => {
            write!(out, "Net {days} EOM")
        }
        [DateStep::EndOfMonth] => write!(out, "EOM"),
        [DateStep::Proximo { day, cutoff: 0 }] if (1..=31).contains(day) => {
            write!(out, "{day}{} Prox", ordinal_suffix(*day))
        }
        [DateStep::Proximo { day, cutoff }] if (1..=31).contains(day) => {
            write!(out, "{day}{} Prox cutoff {cutoff}", ordinal_suffix(*day))
        }
        _ => {
            out.push_str("Due ");
            write_steps(out, steps);
            Ok(())
        }
    };
}

fn write_line_body(out: &mut String, line: &TermLine) {
    let eom_dating =
        !line.discounts.is_empty() && line.discounts.iter().all(|t| eom_tier_days(t).is_some());
    for (i, tier) in line.discounts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_tier(out, tier);
    }
    if !line.discounts.is_empty() {
        out.push(' ');
    }
    write_due(out, &line.due, eom_dating);
}

fn write_portion(out: &mut String, part: &Part) {
    let _ = match part {
        Part::Percent { percent } => write!(out, "{percent}%"),
        Part::PercentOfRemainder { percent } => write!(out, "{percent}% of remainder"),
        Part::Fraction {
            numerator,
            denominator,
        } => write!(out, "{numerator}/{denominator}"),
        Part::Fixed { amount } => write!(out, "{amount}"),
        Part::Balance => write!(out, "balance"),
    };
}

/// The days of the installment form `30/60/90`, when the terms have exactly that shape.
fn installment_days(t: &Terms) -> Option<Vec<i32>> {
    let n = u32::try_from(t.lines.len()).ok().filter(|n| *n >= 2)?;
    t.lines
        .iter()
        .map(|line| match (&line.portion, line.due.as_slice()) {
            (
                Part::Fraction {
                    numerator: 1,
                    denominator,
                },
                [DateStep::Days { days }],
            ) if *denominator == n && *days >= 0 && line.discounts.is_empty() => Some(*days),
            _ => None,
        })
        .collect()
}

/// Prints terms in the canonical text notation.
///
/// Friendly forms are used wherever they say exactly the same thing (`Net 30`, `2/10 Net 30`,
/// `10th Prox`, `30/60/90`); anything else gets the general form, so every `Terms` value
/// prints, and parsing the result gives back an equal value (decimals keep their scale).
/// Options are printed in braces only where they differ from the defaults.
///
/// # Errors
/// None: printing is total.
///
/// # Example
/// ```
/// use ar_core::notation::{parse, print};
/// use ar_core::terms::{DateStep, Terms};
///
/// assert_eq!(print(&Terms::net(30)), "Net 30");
/// let eom = Terms::single(vec![DateStep::EndOfMonth, DateStep::Days { days: -5 }]);
/// assert_eq!(print(&eom), "Due EOM -5d");
/// for s in ["1/10 EOM Net 30", "30/60/90", "30%: Net 0; balance: 10th Prox cutoff 25 {rounding half_even}"] {
///     assert_eq!(print(&parse(s)?), s);
/// }
/// # Ok::<(), ar_core::notation::NotationError>(())
/// ```
pub fn print(t: &Terms) -> String {
    let mut out = String::new();
    if let Some(days) = installment_days(t) {
        for (i, d) in days.iter().enumerate() {
            if i > 0 {
                out.push('/');
            }
            let _ = write!(out, "{d}");
        }
    } else if let [line] = t.lines.as_slice() {
        if line.portion != Part::Balance {
            write_portion(&mut out, &line.portion);
            out.push_str(": ");
        }
        write_line_body(&mut out, line);
    } else {
        for (i, line) in t.lines.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            write_portion(&mut out, &line.portion);
            out.push_str(": ");
            write_line_body(&mut out, line);
        }
    }
    let mut options = Vec::new();
    if t.rounding != RoundingMode::default() {
        options.push(format!("rounding {}", name(&ROUNDING, t.rounding)));
    }
    if t.residual != ResidualPolicy::default() {
        options.push(format!("residual {}", name(&RESIDUAL, t.residual)));
    }
    if t.roll != Roll::default() {
        options.push(format!("roll {}", name(&ROLL, t.roll)));
    }
    if t.basis != DateBasis::default() {
        options.push(format!("basis {}", name(&BASIS, t.basis)));
    }
    if !options.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        let _ = write!(out, "{{{}}}", options.join(", "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn balance(due: Vec<DateStep>, discounts: Vec<DiscountTier>) -> Terms {
        Terms::new(vec![TermLine {
            portion: Part::Balance,
            due,
            discounts,
        }])
    }
    fn pct(p: &str, deadline: Vec<DateStep>) -> DiscountTier {
        DiscountTier {
            value: DiscountValue::Percent { percent: d(p) },
            deadline,
        }
    }
    fn err(s: &str) -> String {
        let e = parse(s).unwrap_err();
        assert_eq!(e.kind(), "parse_error");
        e.to_string()
    }
    /// `s` parses to `expected`, is canonical, and the value round-trips.
    fn canonical(s: &str, expected: &Terms) {
        let t = parse(s).unwrap_or_else(|e| panic!("{s}: {e}"));
        assert_eq!(&t, expected, "{s}");
        assert_eq!(format!("{t:?}"), format!("{expected:?}"), "{s}: scale");
        assert_eq!(print(&t), s);
    }
    use DateStep::{Days, EndOfMonth, Months};

    #[test]
    fn friendly_forms() {
        canonical("Net 30", &balance(vec![Days { days: 30 }], vec![]));
        canonical("Net 0", &balance(vec![Days { days: 0 }], vec![]));
        canonical("Due on receipt", &balance(vec![], vec![]));
        canonical("EOM", &balance(vec![EndOfMonth], vec![]));
        // "Net 30 EOM": 30 days after the end of the month
        canonical(
            "Net 30 EOM",
            &balance(vec![EndOfMonth, Days { days: 30 }], vec![]),
        );
        canonical(
            "10th Prox",
            &balance(vec![DateStep::Proximo { day: 10, cutoff: 0 }], vec![]),
        );
        canonical(
            "1st Prox cutoff 25",
            &balance(vec![DateStep::Proximo { day: 1, cutoff: 25 }], vec![]),
        );
        canonical(
            "31st Prox cutoff -5",
            &balance(
                vec![DateStep::Proximo {
                    day: 31,
                    cutoff: -5,
                }],
                vec![],
            ),
        );
    }

    #[test]
    fn ordinals() {
        let cases = [
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (23, "23rd"),
            (30, "30th"),
            (31, "31st"),
        ];
        for (day, text) in cases {
            let t = balance(vec![DateStep::Proximo { day, cutoff: 0 }], vec![]);
            assert_eq!(print(&t), format!("{text} Prox"));
        }
        // any suffix is accepted when reading
        assert_eq!(parse("2th prox").unwrap(), parse("2nd Prox").unwrap());
    }

    #[test]
    fn discounts() {
        canonical(
            "2/10 Net 30",
            &balance(
                vec![Days { days: 30 }],
                vec![pct("2", vec![Days { days: 10 }])],
            ),
        );
        canonical(
            "3/10, 2/20 Net 30",
            &balance(
                vec![Days { days: 30 }],
                vec![
                    pct("3", vec![Days { days: 10 }]),
                    pct("2", vec![Days { days: 20 }]),
                ],
            ),
        );
        canonical(
            "1.5/10 Net 30",
            &balance(
                vec![Days { days: 30 }],
                vec![pct("1.5", vec![Days { days: 10 }])],
            ),
        );
        // EOM dating: the tier and the net part both count from the end of the month
        let eom = balance(
            vec![EndOfMonth, Days { days: 30 }],
            vec![pct("1", vec![EndOfMonth, Days { days: 10 }])],
        );
        canonical("1/10 EOM Net 30", &eom);
        assert_eq!(parse("1/10 EOM Net 30 EOM").unwrap(), eom);
        // after EOM-dated tiers a plain +30 days needs the generic form
        canonical(
            "1/10 EOM Due +30d",
            &balance(
                vec![Days { days: 30 }],
                vec![pct("1", vec![EndOfMonth, Days { days: 10 }])],
            ),
        );
        // mixed tiers: Net N keeps its plain meaning
        canonical(
            "2/10 EOM, 1/20 Net 30",
            &balance(
                vec![Days { days: 30 }],
                vec![
                    pct("2", vec![EndOfMonth, Days { days: 10 }]),
                    pct("1", vec![Days { days: 20 }]),
                ],
            ),
        );
        // a final EOM is the due part, not the tier's marker
        canonical(
            "2/10 EOM",
            &balance(vec![EndOfMonth], vec![pct("2", vec![Days { days: 10 }])]),
        );
        canonical(
            "2/10 EOM EOM",
            &balance(
                vec![EndOfMonth],
                vec![pct("2", vec![EndOfMonth, Days { days: 10 }])],
            ),
        );
        // generic tiers
        canonical(
            "2% by (+10d EOM) Net 30",
            &balance(
                vec![Days { days: 30 }],
                vec![pct("2", vec![Days { days: 10 }, EndOfMonth])],
            ),
        );
        canonical(
            "5.00 off by (+10d) Net 30",
            &balance(
                vec![Days { days: 30 }],
                vec![DiscountTier {
                    value: DiscountValue::Fixed { amount: d("5.00") },
                    deadline: vec![Days { days: 10 }],
                }],
            ),
        );
        canonical(
            "2% by () Net 30",
            &balance(vec![Days { days: 30 }], vec![pct("2", vec![])]),
        );
    }

    #[test]
    fn installments() {
        let third = |days| TermLine::new(Part::fraction(1, 3), vec![Days { days }]);
        canonical(
            "30/60/90",
            &Terms::new(vec![third(30), third(60), third(90)]),
        );
        let half = |days| TermLine::new(Part::fraction(1, 2), vec![Days { days }]);
        canonical("0/30", &Terms::new(vec![half(0), half(30)]));
        // `A/B` followed by nothing is an installment list (docs/notation.md)
        assert_eq!(parse("2/10").unwrap(), Terms::new(vec![half(2), half(10)]));
        canonical(
            "30/60/90 {residual first}",
            &Terms {
                residual: ResidualPolicy::First,
                ..Terms::new(vec![third(30), third(60), third(90)])
            },
        );
        // fractions that are not 1/N of N lines use the general form
        canonical(
            "1/2: Net 30; 1/2: 2/10 Net 60",
            &Terms::new(vec![
                half(30),
                TermLine {
                    discounts: vec![pct("2", vec![Days { days: 10 }])],
                    ..half(60)
                },
            ]),
        );
    }

    #[test]
    fn general_form() {
        let t = Terms::new(vec![
            TermLine::new(Part::percent(d("30")), vec![Days { days: 0 }]),
            TermLine::new(Part::percent(d("30")), vec![Days { days: 30 }]),
            TermLine {
                portion: Part::Balance,
                due: vec![Months { months: 2 }, EndOfMonth],
                discounts: vec![pct("2", vec![Days { days: 10 }])],
            },
        ]);
        canonical("30%: Net 0; 30%: Net 30; balance: 2/10 Due +2m EOM", &t);
        let t = Terms::new(vec![
            TermLine::new(
                Part::percent_of_remainder(d("50.5")),
                vec![DateStep::Month { month: 3 }],
            ),
            TermLine::new(Part::fraction(1, 3), vec![DateStep::DayOfMonth { day: 0 }]),
            TermLine::new(
                Part::fixed(d("-100.00")),
                vec![DateStep::NextWeekday {
                    weekday: Weekday::Fri,
                }],
            ),
            TermLine::new(
                Part::Balance,
                vec![
                    Months { months: -1 },
                    DateStep::Proximo { day: 0, cutoff: 25 },
                    DateStep::Proximo { day: 5, cutoff: 0 },
                    Days { days: -5 },
                ],
            ),
        ]);
        canonical(
            "50.5% of remainder: Due month 3; 1/3: Due day 0; -100.00: Due next Fri; balance: Due -1m prox 0 cutoff 25 prox 5 -5d",
            &t,
        );
        // a single line with a portion other than balance keeps it
        canonical(
            "100%: Net 30",
            &Terms::new(vec![TermLine::new(
                Part::percent(d("100")),
                vec![Days { days: 30 }],
            )]),
        );
        // coverage is checked at schedule time, not here
        let t = parse("30%: Net 30; 20%: Net 60").unwrap();
        assert_eq!(t.lines.len(), 2);
        assert_eq!(print(&t), "30%: Net 30; 20%: Net 60");
    }

    #[test]
    fn every_form_in_one_term() {
        let s = "30%: Net 0; 50% of remainder: 2/10 Due +2m EOM; 1/3: Due day 15 next Fri; \
                 100.00: 5.00 off by (+10d) 10th Prox cutoff -5; \
                 balance: 2% by (EOM -5d) Due month 3 prox 0 cutoff 25 \
                 {rounding half_even, residual first, roll following, basis delivery}";
        let t = parse(s).unwrap();
        assert_eq!(t.lines.len(), 5);
        assert_eq!(
            t.lines[3].due,
            [DateStep::Proximo {
                day: 10,
                cutoff: -5
            }]
        );
        assert_eq!(
            t.lines[4].discounts[0].deadline,
            [EndOfMonth, Days { days: -5 }]
        );
        assert_eq!(
            t.lines[4].due,
            [
                DateStep::Month { month: 3 },
                DateStep::Proximo { day: 0, cutoff: 25 }
            ]
        );
        assert_eq!(print(&t), s);
    }

    #[test]
    fn options_in_braces() {
        let t = Terms {
            rounding: RoundingMode::HalfEven,
            residual: ResidualPolicy::LargestRemainder,
            roll: Roll::ModifiedFollowing,
            basis: DateBasis::Delivery,
            ..Terms::net(30)
        };
        canonical(
            "Net 30 {rounding half_even, residual largest_remainder, roll modified_following, basis delivery}",
            &t,
        );
        // any order and case when reading; defaults may be spelled out
        assert_eq!(
            parse("net 30 {BASIS delivery,roll modified_following , residual largest_remainder, rounding half_even}")
                .unwrap(),
            t
        );
        assert_eq!(print(&parse("Net 30 {roll none}").unwrap()), "Net 30");
        canonical(
            "EOM {roll following}",
            &Terms {
                roll: Roll::Following,
                ..balance(vec![EndOfMonth], vec![])
            },
        );
    }

    #[test]
    fn tolerant_reading() {
        assert_eq!(parse("  net   30  ").unwrap(), Terms::net(30));
        assert_eq!(
            parse("DUE ON RECEIPT").unwrap(),
            parse("Due on receipt").unwrap()
        );
        assert_eq!(
            parse("3/10,2/20 net 30").unwrap(),
            parse("3/10, 2/20 Net 30").unwrap()
        );
        assert_eq!(
            parse("30%:Net 0;balance:Net 30").unwrap(),
            parse("30%: Net 0; balance: Net 30").unwrap()
        );
        assert_eq!(parse("balance: Net 30").unwrap(), Terms::net(30));
        assert_eq!(parse("Due 30d").unwrap(), Terms::net(30));
        assert_eq!(
            parse("Due next friday").unwrap(),
            parse("Due next Fri").unwrap()
        );
        assert_eq!(
            parse("Due prox 10 cutoff 0").unwrap(),
            parse("10th Prox").unwrap()
        );
        assert_eq!(parse("\tNet\u{a0}30\n").unwrap(), Terms::net(30));
    }

    #[test]
    fn decimals_keep_their_scale() {
        let t = parse("-0.00: Net 0; balance: Net 30").unwrap();
        assert_eq!(print(&t), "-0.00: Net 0; balance: Net 30");
        let t = parse("1.50/10 Net 30").unwrap();
        assert_eq!(print(&t), "1.50/10 Net 30");
        let t = parse("100.000: Net 0; balance: Net 30").unwrap();
        assert_eq!(
            format!("{:?}", t.lines[0].portion),
            "Fixed { amount: 100.000 }"
        );
        assert_eq!(print(&t), "100.000: Net 0; balance: Net 30");
    }

    #[test]
    fn errors() {
        let cases = [
            ("Net -5", "at 4: expected a non-negative number of days after `Net`, found `-5`"),
            ("Net", "at 3: expected a non-negative number of days after `Net`, found the end of the input"),
            ("Net 30 garbage", "at 7: expected `EOM`, `{` or the end of the input, found `garbage`"),
            ("", "at 0: expected payment terms such as `Net 30`, found the end of the input"),
            ("   ", "at 3: expected payment terms such as `Net 30`, found the end of the input"),
            (
                "Net 99999999999",
                "at 4: expected a non-negative number of days after `Net`, found `99999999999`",
            ),
            (
                "2/10 EOM,",
                "at 9: expected a discount tier (`2/10`, `2% by (+10d)` or `5.00 off by (+10d)`) after `,`, found the end of the input",
            ),
            (
                "1.5/10",
                "at 6: expected a due part (`Net 30`, `EOM`, `10th Prox`, `Due on receipt` or `Due` and steps) after the discount tiers, found the end of the input",
            ),
            (
                "hello",
                "at 0: expected a discount tier (`2/10`) or a due part (`Net 30`, `EOM`, `10th Prox`, `Due on receipt` or `Due` and steps), found `hello`",
            ),
            (
                "Net 30; Net 60",
                "at 6: expected `EOM`, `{` or the end of the input, found `;` (each line of a term with several lines starts with a portion such as `50%:`)",
            ),
            (
                "30%: Net 30; Net 60",
                "at 13: expected a portion (`50%`, `50% of remainder`, `1/3`, `100.00` or `balance`) followed by `:`, found `Net`",
            ),
            ("32nd Prox", "at 0: expected a day of month from `1st` to `31st` before `Prox`, found `32nd`"),
            ("10th Prox cutoff 40", "at 17: expected a cutoff day between -30 and 31 after `cutoff`, found `40`"),
            ("Due day 32", "at 8: expected a day of month between 0 and 31 after `day`, found `32`"),
            ("Due month 13", "at 10: expected a month between 1 and 12 after `month`, found `13`"),
            ("Due next Funday", "at 9: expected a weekday (`Mon` to `Sun`) after `next`, found `Funday`"),
            (
                "Due",
                "at 3: expected `on receipt` or a due-date step (`+30d`, `-1m`, `EOM`, `day 15`, `month 3`, `next Fri` or `prox 10`) after `Due`, found the end of the input",
            ),
            ("Due on", "at 6: expected `receipt` after `Due on`, found the end of the input"),
            (
                "Due +99999999999d",
                "at 4: expected a number of days or months between -2147483648 and 2147483647, found `+99999999999d`",
            ),
            ("1/0: Net 30", "at 2: expected a positive whole-number denominator (1 to 4294967295) after `/`, found `0`"),
            ("x%: Net 30", "at 0: expected a percent such as `50` before `%`, found `x`"),
            ("1e5: Net 30", "at 0: expected a portion (`50%`, `50% of remainder`, `1/3`, `100.00` or `balance`) followed by `:`, found `1e5`"),
            ("2% Net 30", "at 3: expected `by` and a deadline such as `(+10d)`, found `Net`"),
            (
                "2% by (+10d Net 30",
                "at 12: expected a due-date step (`+30d`, `-1m`, `EOM`, `day 15`, `month 3`, `next Fri` or `prox 10`) or `)`, found `Net`",
            ),
            ("Net 30 {roll sideways}", "at 13: expected a roll convention (`none`, `following`, `modified_following`, `preceding` or `modified_preceding`) after `roll`, found `sideways`"),
            ("Net 30 {roll following, roll none}", "at 24: option `roll` is given twice"),
            ("Net 30 {}", "at 8: expected an option (`rounding`, `residual`, `roll` or `basis`), found `}`"),
            ("Net 30 {roll following", "at 22: expected `,` or `}`, found the end of the input"),
            ("Net 30 {roll following} x", "at 24: expected the end of the input after the options, found `x`"),
            ("Net 30 é", "at 7: expected `EOM`, `{` or the end of the input, found `é`"),
        ];
        for (input, message) in cases {
            assert_eq!(err(input), message, "{input}");
        }
    }

    #[test]
    fn long_tokens_are_shortened_in_messages() {
        let input = format!("Net 30 {}", "x".repeat(100));
        assert_eq!(
            err(&input),
            format!(
                "at 7: expected `EOM`, `{{` or the end of the input, found `{}...`",
                "x".repeat(40)
            )
        );
    }

    #[test]
    fn out_of_range_fields_still_print() {
        // print is total: invalid fields print, and parsing reports them
        let t = balance(vec![DateStep::DayOfMonth { day: 40 }], vec![]);
        assert_eq!(print(&t), "Due day 40");
        assert_eq!(
            err("Due day 40"),
            "at 8: expected a day of month between 0 and 31 after `day`, found `40`"
        );
        assert_eq!(print(&Terms::new(vec![])), "");
        let t = Terms {
            roll: Roll::Following,
            ..Terms::new(vec![])
        };
        assert_eq!(print(&t), "{roll following}");
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "é/ü",
            "/",
            "//",
            ":",
            ";",
            "{",
            "}",
            "(",
            ")",
            "%",
            "1/",
            "1/2/",
            "1/2/x",
            "1/2/3 x",
            "0/0",
            "18446744073709551616/1",
            "1.5/10 EOM",
            "2/10 EOM ,",
            "-0.00: Net 0",
            "9th",
            "th Prox",
            "💸 Net 30",
            "Net 30 EOM EOM",
            "Due +d",
            "Due -m",
            "Due day",
            "50% of",
            "50% of remainder",
            "5 off by (",
            "Net 30 {rounding",
            "Net 30 {rounding up,",
        ] {
            let _ = parse(s);
        }
    }
}
