//! Calendar dates at day, month or year precision, and weekdays read
//! against the day a text was published ("on Sunday").

use crate::text::tokenize::{Token, TokenKind};
use std::fmt;

/// A date as precise as the text gives it; absent parts are unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// The year, if stated.
    pub year: Option<i32>,
    /// The month (1-12), if stated.
    pub month: Option<u32>,
    /// The day of the month, if stated.
    pub day: Option<u32>,
    /// First token of the mention.
    pub first: usize,
    /// Last token of the mention.
    pub last: usize,
}

/// A calendar day; an unknown month or day sorts first (`2025` is `2025-00-00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct Day(pub i32, pub u32, pub u32);

impl Day {
    /// A date as written in metadata or settings: `2025`, `2025-09` or `2025-09-04`.
    pub fn parse(s: &str) -> Option<Day> {
        let mut parts = s.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next().map_or(Some(0), |m| m.parse().ok())?;
        let day = parts.next().map_or(Some(0), |d| d.parse().ok())?;
        (month <= 12 && day <= 31).then_some(Day(year, month, day))
    }

    /// The day a mention names, as precise as it is; `None` without a year.
    pub fn of(date: &DateMention) -> Option<Day> {
        Some(Day(date.year?, date.month.unwrap_or(0), date.day.unwrap_or(0)))
    }

    /// Days since 1970-01-01 of a full date (the proleptic Gregorian calendar).
    fn ordinal(self) -> i64 {
        let Day(y, m, d) = self;
        let y = i64::from(y) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(m) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        era * 146_097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719_468
    }

    /// The full date `days` after 1970-01-01 (Howard Hinnant's civil-from-days).
    pub fn from_ordinal(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        Day(y as i32, m as u32, d as u32)
    }

    /// The weekday `weekday` (0 Monday .. 6 Sunday) nearest this full date:
    /// on or before it, or on or after it when `ahead`.
    fn nearest(self, weekday: u32, ahead: bool) -> Day {
        let today = self.ordinal();
        // 1970-01-01 was a Thursday (3).
        let own = (today + 3).rem_euclid(7);
        let back = (own - i64::from(weekday)).rem_euclid(7);
        let step = if ahead { (7 - back) % 7 } else { -back };
        Day::from_ordinal(today + step)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Day(y, 0, _) => write!(f, "{y}"),
            Day(y, m, 0) => write!(f, "{y}-{m:02}"),
            Day(y, m, d) => write!(f, "{y}-{m:02}-{d:02}"),
        }
    }
}

const WEEKDAYS: &[&str] = &["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
/// Words that put a weekday after the day of writing ("will meet on Thursday",
/// "said they would meet on Thursday").
const FUTURE: &[&str] = &["will", "shall", "'ll", "would", "next"];

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBREVIATIONS: &[&str] =
    &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
/// Words after which a capitalised month name or a bare year is a date.
const DATE_LEADS: &[&str] = &[
    "in", "since", "by", "from", "until", "till", "of", "before", "after", "during", "early", "late", "mid", "on",
    "to", "and", "last", "next", "this", "around", "as", "end", "start", "through",
];

impl DateMention {
    /// Whether both can be true of one day: every part stated in both agrees.
    pub fn compatible(&self, other: &DateMention) -> bool {
        fn agree<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            a.zip(b).is_none_or(|(a, b)| a == b)
        }
        agree(self.year, other.year) && agree(self.month, other.month) && agree(self.day, other.day)
    }

    /// The first and last day it may name, as days since 1970-01-01: a
    /// month or a year spans its days. `None` without a year.
    pub fn days(&self) -> Option<(i64, i64)> {
        let year = self.year?;
        let first_of = |y: i32, m: u32| Day(y, m, 1).ordinal();
        Some(match (self.month, self.day) {
            (Some(m), Some(d)) => (Day(year, m, d).ordinal(), Day(year, m, d).ordinal()),
            (Some(12), None) => (first_of(year, 12), first_of(year + 1, 1) - 1),
            (Some(m), None) => (first_of(year, m), first_of(year, m + 1) - 1),
            (None, _) => (first_of(year, 1), first_of(year + 1, 1) - 1),
        })
    }

    /// Whether this states every part of `claimed`, the same (as precisely).
    pub fn states(&self, claimed: &DateMention) -> bool {
        fn stated<T: PartialEq>(claimed: Option<T>, own: Option<T>) -> bool {
            claimed.is_none() || claimed == own
        }
        stated(claimed.year, self.year) && stated(claimed.month, self.month) && stated(claimed.day, self.day)
    }
}

impl fmt::Display for DateMention {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let month = self.month.map(|m| {
            let name = MONTHS[m as usize - 1];
            format!("{}{}", name[..1].to_uppercase(), &name[1..])
        });
        let parts: Vec<String> =
            [self.day.map(|d| d.to_string()), month, self.year.map(|y| y.to_string())].into_iter().flatten().collect();
        f.write_str(&parts.join(" "))
    }
}

/// The month number of a month name or abbreviation. Ambiguous words ("may",
/// "march") count only when capitalised.
fn month_of(t: &Token) -> Option<u32> {
    if t.kind != TokenKind::Word || !t.is_capitalized() {
        return None;
    }
    let word = t.lower.as_str();
    MONTHS
        .iter()
        .position(|m| *m == word)
        .or_else(|| MONTH_ABBREVIATIONS.iter().position(|m| *m == word || (word == "sept" && *m == "sep")))
        .map(|p| p as u32 + 1)
}

/// Whether the token names a month.
pub fn is_month(t: &Token) -> bool {
    month_of(t).is_some()
}

/// The day of the month a number token can be ("4", "22nd").
pub fn day_of(t: &Token) -> Option<u32> {
    if t.kind != TokenKind::Number {
        return None;
    }
    let digits = t.raw.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// The year a token may write: four digits from 1900 to 2100.
pub fn year_value(t: &Token) -> Option<i32> {
    (t.kind == TokenKind::Number && t.raw.len() == 4)
        .then(|| t.raw.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// Whether the number at `i` reads as a year: a four-digit number from 1900
/// to 2100 after a month, a date word ("in", "since"), a comma, or at the end.
pub fn is_year(tokens: &[Token], i: usize) -> bool {
    if year_value(&tokens[i]).is_none() {
        return false;
    }
    let prev = i.checked_sub(1).map(|p| &tokens[p]);
    let next = tokens.get(i + 1);
    prev.is_some_and(|p| is_month(p) || DATE_LEADS.contains(&p.lower.as_str()) || p.kind == TokenKind::Number)
        || next.is_none_or(|n| n.hyphen_before || !matches!(n.kind, TokenKind::Word))
}

/// The dates in a token sequence. With the full date the text was
/// `published`, a weekday is a date too: the last one on or before it ("met on
/// Sunday"), or the first on or after it in a sentence about the future ("will
/// meet on Thursday", "next Thursday", or `hedged`: "are expected to meet on
/// Thursday").
pub fn dates(tokens: &[Token], published: Option<Day>, hedged: bool) -> Vec<DateMention> {
    let anchor = published.filter(|&Day(_, m, d)| m > 0 && d > 0);
    let ahead = hedged || speaks_of_future(tokens);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let found = read_date(tokens, i).or_else(|| anchor.and_then(|a| read_weekday(tokens, i, a, ahead)));
        match found {
            Some(d) => {
                i = d.last + 1;
                out.push(d);
            }
            None => i += 1,
        }
    }
    out
}

/// Whether the token is a weekday's name ("Sunday").
pub fn is_weekday(t: &Token) -> bool {
    t.is_capitalized() && WEEKDAYS.contains(&t.lower.as_str())
}

/// Whether a text speaks of the future ("will", "shall", "would", "next").
pub fn speaks_of_future(tokens: &[Token]) -> bool {
    tokens.iter().any(|t| FUTURE.contains(&t.lower.as_str()))
}

fn read_weekday(tokens: &[Token], i: usize, published: Day, ahead: bool) -> Option<DateMention> {
    let t = &tokens[i];
    let weekday = WEEKDAYS.iter().position(|w| *w == t.lower).filter(|_| is_weekday(t))? as u32;
    let last = i.checked_sub(1).is_some_and(|p| tokens[p].lower == "last");
    let Day(y, m, d) = published.nearest(weekday, ahead && !last);
    Some(DateMention { year: Some(y), month: Some(m), day: Some(d), first: i, last: i })
}

fn read_date(tokens: &[Token], i: usize) -> Option<DateMention> {
    let t = &tokens[i];
    let at = |k: usize| tokens.get(k);
    let year_at = |k: usize| at(k).and_then(year_value);
    // ISO 2025-03-02
    if let (Some(y), Some(m), Some(d)) = (year_value(t), at(i + 1), at(i + 2)) {
        if m.hyphen_before && d.hyphen_before && m.raw.len() == 2 && d.raw.len() == 2 {
            let month = m.raw.parse().ok().filter(|m| (1..=12).contains(m));
            if let (Some(month), Some(day)) = (month, day_of(d)) {
                return Some(DateMention { year: Some(y), month: Some(month), day: Some(day), first: i, last: i + 2 });
            }
        }
    }
    // 2 March 2025
    if let (Some(day), Some(month)) = (day_of(t), at(i + 1).and_then(month_of)) {
        let year = year_at(i + 2);
        let last = if year.is_some() { i + 2 } else { i + 1 };
        return Some(DateMention { year, month: Some(month), day: Some(day), first: i, last });
    }
    if let Some(month) = month_of(t) {
        // September 4, March 2, Feb 26, 2024
        if let Some(day) = at(i + 1).filter(|n| year_value(n).is_none()).and_then(day_of) {
            let year = year_at(i + 2);
            let last = if year.is_some() { i + 2 } else { i + 1 };
            return Some(DateMention { year, month: Some(month), day: Some(day), first: i, last });
        }
        // March 2025
        if let Some(year) = year_at(i + 1) {
            return Some(DateMention { year: Some(year), month: Some(month), day: None, first: i, last: i + 1 });
        }
        // in March, mid-August
        let lead = i.checked_sub(1).map(|p| &tokens[p]);
        if lead.is_some_and(|p| DATE_LEADS.contains(&p.lower.as_str())) {
            let named = t.lower.len() > 3 || t.lower == "may";
            if named && t.lower != "may" || lead.is_some_and(|p| p.lower == "in") {
                return Some(DateMention { year: None, month: Some(month), day: None, first: i, last: i });
            }
        }
        return None;
    }
    if is_year(tokens, i) {
        let y = year_value(t)?;
        let mut last = i;
        // 2024-25: the span continues, the first year stands for it.
        if at(i + 1).is_some_and(|n| n.hyphen_before && n.kind == TokenKind::Number && n.raw.len() <= 4) {
            last += 1;
        }
        return Some(DateMention { year: Some(y), month: None, day: None, first: i, last });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::normalize;
    use crate::text::tokenize::tokenize;

    fn read(text: &str) -> Vec<String> {
        dates(&tokenize(&normalize(text)), None, false).iter().map(|d| d.to_string()).collect()
    }

    fn read_on(text: &str, published: &str) -> Vec<String> {
        dates(&tokenize(&normalize(text)), Day::parse(published), false).iter().map(|d| d.to_string()).collect()
    }

    #[test]
    fn weekdays_against_the_day_of_publication() {
        // Monday 3 March 2025.
        assert_eq!(read_on("Starmer hosted a summit in London on Sunday.", "2025-03-03"), ["2 March 2025"]);
        assert_eq!(read_on("Barrot said on Monday that", "2025-03-03"), ["3 March 2025"]);
        assert_eq!(read_on("Leaders will meet on Thursday.", "2025-03-03"), ["6 March 2025"]);
        assert_eq!(read_on("They will report what was said last Sunday.", "2025-03-03"), ["2 March 2025"]);
        // Across a year's end, and a leap day.
        assert_eq!(read_on("on Wednesday", "2025-01-01"), ["1 January 2025"]);
        assert_eq!(read_on("on Tuesday", "2025-01-01"), ["31 December 2024"]);
        assert_eq!(read_on("on Thursday", "2024-03-01"), ["29 February 2024"]);
        // "May" the month is no hedge that puts the weekday ahead.
        assert_eq!(read_on("Rao stepped down on Thursday, 14 May.", "2026-05-16"), ["14 May 2026", "14 May"]);
        // Without a full date of publication a weekday is no date.
        assert!(read_on("on Sunday", "2025-03").is_empty());
    }

    #[test]
    fn day_month_year_orders() {
        assert_eq!(read("on 2 March 2025"), ["2 March 2025"]);
        assert_eq!(read("Rutte took office on 1 October 2024."), ["1 October 2024"]);
        assert_eq!(read("on Feb 26, 2024, adding"), ["26 February 2024"]);
        assert_eq!(read("ISO 2025-03-02 too"), ["2 March 2025"]);
    }

    #[test]
    fn day_and_month_without_year() {
        assert_eq!(read("in Paris on September 4, with"), ["4 September"]);
        assert_eq!(read("On August 15, Putin met"), ["15 August"]);
    }

    #[test]
    fn month_only_and_year_only() {
        assert_eq!(read("launched in March 2025"), ["March 2025"]);
        assert_eq!(read("talks in mid-August"), ["August"]);
        assert_eq!(read("the 2014 Minsk agreements, signed in 2014."), ["2014"]);
        assert_eq!(read("as of 2024-25, U.S. politics"), ["2024"]);
    }

    #[test]
    fn weekdays_and_verbs_are_not_dates() {
        assert!(read("on Sunday they may march in protest").is_empty());
        assert!(read("2000 troops").is_empty());
    }

    #[test]
    fn a_mention_spans_its_days() {
        let span = |text: &str| {
            let tokens = tokenize(&normalize(text));
            dates(&tokens, None, false)[0].days().map(|(a, b)| (Day::from_ordinal(a), b - a + 1))
        };
        assert_eq!(span("on 7 September 2026"), Some((Day(2026, 9, 7), 1)));
        assert_eq!(span("in February 2024"), Some((Day(2024, 2, 1), 29)));
        assert_eq!(span("in December 2025"), Some((Day(2025, 12, 1), 31)));
        assert_eq!(span("in 2025"), Some((Day(2025, 1, 1), 365)));
        assert_eq!(span("on 7 September"), None);
    }

    #[test]
    fn compatibility_compares_stated_parts() {
        let d = |t: &str| dates(&tokenize(t), None, false)[0];
        assert!(d("2 March 2025").compatible(&d("in March 2025")));
        assert!(d("in 2025").compatible(&d("on September 4")));
        assert!(!d("September 5").compatible(&d("September 4")));
        assert!(!d("1 November 2024").compatible(&d("1 October 2024")));
    }
}
