//! Date and time functions: `formatdate`, `timeadd`, `timecmp`. Timestamps are RFC 3339
//! strings. (`timestamp` and `plantimestamp` read the clock: their results are unknown.)

use alloc::format;
use alloc::string::String;
use core::cmp::Ordering;

use super::{fixed, invalid, string_arg};
use crate::value::Value;

/// An instant with the UTC offset it was written in.
#[derive(Clone, Copy)]
struct Timestamp {
    /// Seconds since 1970-01-01T00:00:00Z.
    seconds: i64,
    nanos: u32,
    /// The written offset from UTC, in seconds.
    offset: i32,
}

/// Broken-down local time.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
    /// 0 is Sunday.
    weekday: u32,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a count of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Timestamp {
    /// `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)`, as Go's RFC 3339 parser accepts it.
    fn parse(text: &str) -> Result<Self, String> {
        let bad = |what: &str| format!("\"{text}\" is not a valid RFC 3339 timestamp: {what}");
        let bytes = text.as_bytes();
        let number = |from: usize, digits: usize| -> Option<u32> {
            let part = bytes.get(from..from + digits)?;
            if !part.iter().all(u8::is_ascii_digit) {
                return None;
            }
            Some(
                part.iter()
                    .fold(0, |value, digit| value * 10 + u32::from(digit - b'0')),
            )
        };
        let expect = |at: usize, byte: u8| bytes.get(at) == Some(&byte);

        let year = number(0, 4).ok_or_else(|| bad("expected a four-digit year"))?;
        let month = (if expect(4, b'-') { number(5, 2) } else { None })
            .ok_or_else(|| bad("expected a two-digit month"))?;
        let day = (if expect(7, b'-') { number(8, 2) } else { None })
            .ok_or_else(|| bad("expected a two-digit day"))?;
        if !expect(10, b'T') {
            return Err(bad("missing the time introducer 'T'"));
        }
        let hour = number(11, 2).ok_or_else(|| bad("expected a two-digit hour"))?;
        let minute = (if expect(13, b':') {
            number(14, 2)
        } else {
            None
        })
        .ok_or_else(|| bad("expected two-digit minutes"))?;
        let second = (if expect(16, b':') {
            number(17, 2)
        } else {
            None
        })
        .ok_or_else(|| bad("expected two-digit seconds"))?;
        let year = i64::from(year);
        if !(1..=12).contains(&month) {
            return Err(bad("month out of range"));
        }
        if day < 1 || day > days_in_month(year, month) {
            return Err(bad("day out of range"));
        }
        if hour > 23 || minute > 59 || second > 59 {
            return Err(bad("time out of range"));
        }

        let mut at = 19;
        let mut nanos = 0u32;
        if matches!(bytes.get(at), Some(b'.' | b',')) {
            at += 1;
            let start = at;
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                if at - start < 9 {
                    nanos = nanos * 10 + u32::from(bytes.get(at).map_or(0, |digit| digit - b'0'));
                }
                at += 1;
            }
            if at == start {
                return Err(bad("expected digits after the decimal point"));
            }
            for _ in (at - start)..9 {
                nanos *= 10;
            }
        }
        let offset = match bytes.get(at) {
            Some(b'Z') if at + 1 == bytes.len() => 0,
            Some(sign @ (b'+' | b'-')) if at + 6 == bytes.len() && expect(at + 3, b':') => {
                let hours = number(at + 1, 2).ok_or_else(|| bad("invalid UTC offset"))?;
                let minutes = number(at + 4, 2).ok_or_else(|| bad("invalid UTC offset"))?;
                if hours > 23 || minutes > 59 {
                    return Err(bad("UTC offset out of range"));
                }
                let offset = (hours * 3600 + minutes * 60) as i32;
                if *sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => {
                return Err(bad(
                    "expected 'Z' or a UTC offset such as +01:00 at the end",
                ))
            }
        };

        let local = days_from_civil(year, month, day) * 86_400
            + i64::from(hour * 3600 + minute * 60 + second);
        Ok(Self {
            seconds: local - i64::from(offset),
            nanos,
            offset,
        })
    }

    fn civil(&self) -> Civil {
        let local = self.seconds + i64::from(self.offset);
        let days = local.div_euclid(86_400);
        let second_of_day = local.rem_euclid(86_400) as u32;
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: second_of_day / 3600,
            minute: second_of_day / 60 % 60,
            second: second_of_day % 60,
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }

    /// The offset as `+hh:mm` (`colon`) or `+hhmm`.
    fn offset_text(&self, colon: bool) -> String {
        let sign = if self.offset < 0 { '-' } else { '+' };
        let minutes = self.offset.unsigned_abs() / 60;
        let separator = if colon { ":" } else { "" };
        format!("{sign}{:02}{separator}{:02}", minutes / 60, minutes % 60)
    }

    /// RFC 3339 without fractional seconds, as Terraform writes timestamps.
    fn rfc3339(&self) -> String {
        let civil = self.civil();
        let zone = if self.offset == 0 {
            String::from("Z")
        } else {
            self.offset_text(true)
        };
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}{zone}",
            civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second
        )
    }

    fn compare(&self, other: &Self) -> Ordering {
        (self.seconds, self.nanos).cmp(&(other.seconds, other.nanos))
    }
}

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "formatdate" => two_strings(name, args, |layout, text| {
            let timestamp = Timestamp::parse(text)?;
            format_date(layout, &timestamp).map(Value::String)
        }),
        "timeadd" => two_strings(name, args, |text, duration| {
            let timestamp = Timestamp::parse(text)?;
            let nanos = parse_duration(duration)?;
            let total = i128::from(timestamp.seconds) * 1_000_000_000
                + i128::from(timestamp.nanos)
                + i128::from(nanos);
            let moved = Timestamp {
                seconds: i64::try_from(total.div_euclid(1_000_000_000))
                    .map_err(|_| String::from("the time is out of range"))?,
                nanos: total.rem_euclid(1_000_000_000) as u32,
                offset: timestamp.offset,
            };
            Ok(Value::String(moved.rfc3339()))
        }),
        "timecmp" => two_strings(name, args, |left, right| {
            let ordering = Timestamp::parse(left)?.compare(&Timestamp::parse(right)?);
            Ok(Value::Number(match ordering {
                Ordering::Less => -1.0,
                Ordering::Equal => 0.0,
                Ordering::Greater => 1.0,
            }))
        }),
        _ => return None,
    };
    Some(result)
}

fn two_strings(
    name: &str,
    args: &[Value],
    f: impl Fn(&str, &str) -> Result<Value, String>,
) -> Result<Value, String> {
    let [first, second] = fixed::<2>(name, args)?;
    let first = string_arg(name, first)?;
    let second = string_arg(name, second)?;
    let (Some(first), Some(second)) = (first, second) else {
        return Ok(Value::Unknown);
    };
    f(&first, &second).map_err(|detail| invalid(name, detail))
}

/// Terraform's date layout: runs of a letter are fields (`YYYY`, `MMM`, `hh`, ...), text in
/// single quotes is literal (`''` is a quote), anything else is copied.
fn format_date(layout: &str, timestamp: &Timestamp) -> Result<String, String> {
    let civil = timestamp.civil();
    let mut out = String::new();
    let mut chars = layout.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\'' {
            if chars.next_if_eq(&'\'').is_some() {
                out.push('\'');
                continue;
            }
            loop {
                match chars.next() {
                    Some('\'') if chars.next_if_eq(&'\'').is_some() => out.push('\''),
                    Some('\'') => break,
                    Some(other) => out.push(other),
                    None => {
                        return Err(String::from(
                            "the layout has an unterminated quoted literal",
                        ))
                    }
                }
            }
            continue;
        }
        if !c.is_ascii_alphabetic() {
            out.push(c);
            continue;
        }
        let mut count = 1;
        while chars.next_if_eq(&c).is_some() {
            count += 1;
        }
        let hour12 = match civil.hour % 12 {
            0 => 12,
            hour => hour,
        };
        let field = match (c, count) {
            ('Y', 2) => format!("{:02}", civil.year.rem_euclid(100)),
            ('Y', 4) => format!("{:04}", civil.year),
            ('M', 1) => format!("{}", civil.month),
            ('M', 2) => format!("{:02}", civil.month),
            ('M', 3 | 4) => {
                let full = MONTHS
                    .get(civil.month as usize - 1)
                    .copied()
                    .unwrap_or_default();
                if count == 3 {
                    full.chars().take(3).collect()
                } else {
                    String::from(full)
                }
            }
            ('D', 1) => format!("{}", civil.day),
            ('D', 2) => format!("{:02}", civil.day),
            ('E', 3 | 4) => {
                let full = WEEKDAYS
                    .get(civil.weekday as usize)
                    .copied()
                    .unwrap_or_default();
                if count == 3 {
                    full.chars().take(3).collect()
                } else {
                    String::from(full)
                }
            }
            ('h', 1) => format!("{}", civil.hour),
            ('h', 2) => format!("{:02}", civil.hour),
            ('H', 1) => format!("{hour12}"),
            ('H', 2) => format!("{hour12:02}"),
            ('A', 2) => String::from(if civil.hour < 12 { "AM" } else { "PM" }),
            ('a', 2) => String::from(if civil.hour < 12 { "am" } else { "pm" }),
            ('m', 1) => format!("{}", civil.minute),
            ('m', 2) => format!("{:02}", civil.minute),
            ('s', 1) => format!("{}", civil.second),
            ('s', 2) => format!("{:02}", civil.second),
            ('Z', 1) if timestamp.offset == 0 => String::from("Z"),
            ('Z', 1 | 5) => timestamp.offset_text(true),
            ('Z', 3) if timestamp.offset == 0 => String::from("UTC"),
            ('Z', 3 | 4) => timestamp.offset_text(false),
            _ => {
                let token: String = core::iter::repeat_n(c, count).collect();
                return Err(format!("invalid date format verb \"{token}\""));
            }
        };
        out.push_str(&field);
    }
    Ok(out)
}

/// Go's duration syntax: an optional sign, then number-unit pairs such as `1h30m` or `1.5h`
/// (units `ns`, `us`, `µs`, `ms`, `s`, `m`, `h`). Returns nanoseconds.
fn parse_duration(text: &str) -> Result<i64, String> {
    let bad = || format!("invalid duration \"{text}\"");
    let (negative, mut rest) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or_default()),
        Some(b'+') => (false, text.get(1..).unwrap_or_default()),
        _ => (false, text),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(bad());
    }
    let mut total: i128 = 0;
    while !rest.is_empty() {
        let number_length = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        let (number, after) = rest.split_at(number_length);
        let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
        if whole.is_empty() && fraction.is_empty() || fraction.contains('.') {
            return Err(bad());
        }
        let unit_length = after
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(after.len());
        let (unit, after) = after.split_at(unit_length);
        let scale: i128 = match unit {
            "ns" => 1,
            "us" | "µs" | "μs" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            "" => return Err(format!("missing unit in duration \"{text}\"")),
            _ => return Err(format!("unknown unit \"{unit}\" in duration \"{text}\"")),
        };
        let whole: i128 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| bad())?
        };
        // Digits past nanosecond precision do not change the result.
        let mut fraction_value: i128 = 0;
        let mut divisor: i128 = 1;
        for digit in fraction.bytes().take(18) {
            fraction_value = fraction_value * 10 + i128::from(digit - b'0');
            divisor *= 10;
        }
        total = total
            .checked_add(whole.checked_mul(scale).ok_or_else(bad)?)
            .and_then(|sum| sum.checked_add(fraction_value * scale / divisor))
            .ok_or_else(bad)?;
        rest = after;
    }
    let nanos = i64::try_from(total).map_err(|_| bad())?;
    Ok(if negative { -nanos } else { nanos })
}

/// A YAML timestamp as Terraform's `yamldecode` reads it, rewritten in RFC 3339
/// (`2001-12-14` becomes `2001-12-14T00:00:00Z`). Forms: a date; a date, `T` or `t`, a time
/// and `Z` or an offset; a date, a space and a time (UTC). Month, day and time fields may
/// have one digit. `None` for anything else.
pub(super) fn yaml_timestamp(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut at = 0;
    let year = digits(text, &mut at, 4)?;
    let expect = |at: usize, wanted: u8| bytes.get(at) == Some(&wanted);
    if at != 4 || !expect(at, b'-') {
        return None;
    }
    at += 1;
    let month = digits(text, &mut at, 2)?;
    if !expect(at, b'-') {
        return None;
    }
    at += 1;
    let day = digits(text, &mut at, 2)?;
    let year = i64::from(year);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let date_seconds = days_from_civil(year, month, day) * 86_400;
    if at == bytes.len() {
        let midnight = Timestamp {
            seconds: date_seconds,
            nanos: 0,
            offset: 0,
        };
        return Some(midnight.rfc3339());
    }

    let separator = *bytes.get(at)?;
    if !matches!(separator, b'T' | b't' | b' ') {
        return None;
    }
    at += 1;
    let hour = digits(text, &mut at, 2)?;
    if !expect(at, b':') {
        return None;
    }
    at += 1;
    let minute = digits(text, &mut at, 2)?;
    if !expect(at, b':') {
        return None;
    }
    at += 1;
    let second = digits(text, &mut at, 2)?;
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    if expect(at, b'.') {
        at += 1;
        digits(text, &mut at, 9)?;
    }
    let offset = if separator == b' ' {
        0
    } else {
        match (bytes.get(at), text.get(at..)) {
            (Some(b'Z'), Some("Z")) => 0,
            (Some(sign @ (b'+' | b'-')), Some(zone)) if zone.len() == 6 => {
                let hours: i32 = zone.get(1..3)?.parse().ok()?;
                let minutes: i32 = zone.get(4..6)?.parse().ok()?;
                if zone.get(3..4) != Some(":") || hours > 23 || minutes > 59 {
                    return None;
                }
                let offset = hours * 3600 + minutes * 60;
                if *sign == b'-' {
                    -offset
                } else {
                    offset
                }
            }
            _ => return None,
        }
    };
    if separator == b' ' && at != bytes.len() {
        return None;
    }
    let local = date_seconds + i64::from(hour * 3600 + minute * 60 + second);
    let timestamp = Timestamp {
        seconds: local - i64::from(offset),
        nanos: 0,
        offset,
    };
    Some(timestamp.rfc3339())
}

/// One to `max` decimal digits at `*at`, moving past them.
fn digits(text: &str, at: &mut usize, max: usize) -> Option<u32> {
    let start = *at;
    while *at - start < max && text.as_bytes().get(*at).is_some_and(u8::is_ascii_digit) {
        *at += 1;
    }
    if *at == start {
        return None;
    }
    text.get(start..*at)?.parse().ok()
}
