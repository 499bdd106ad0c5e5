//! Lenient dates. Feeds write dates in RFC 822 (with every kind of
//! deviation: wrong weekday, two-digit years, named zones, missing seconds),
//! W3C-DTF / ISO 8601, and asctime. chrono's strict parsers reject most real
//! variants and no maintained crate covers feedparser's range, so this is a
//! small tokenizing parser of our own.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};

/// Parses a date as feeds write them. Returns None for anything it cannot
/// read with confidence; a date is never invented.
pub fn parse_date(input: &str) -> Option<DateTime<Utc>> {
    let s = input.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(d.with_timezone(&Utc));
    }
    if s.as_bytes()[0].is_ascii_digit() {
        if let Some(d) = parse_iso(s) {
            return Some(d);
        }
    }
    parse_words(s)
}

/// W3C-DTF and its relatives: `2024-05-23`, `2024-05-23T10:00`,
/// `2024-05-23 10:00:00.123+0800`, `20240523T100000Z`, `2024-05`.
fn parse_iso(s: &str) -> Option<DateTime<Utc>> {
    let b = s.as_bytes();
    let mut i = 0;
    let year = take_digits(b, &mut i, 4, 4)?;
    let basic = b.get(i).is_some_and(u8::is_ascii_digit);
    let sep = |i: &mut usize| {
        if !basic && b.get(*i) == Some(&b'-') {
            *i += 1;
        }
    };
    sep(&mut i);
    let month = take_digits(b, &mut i, 1, 2).unwrap_or(1);
    sep(&mut i);
    let day = take_digits(b, &mut i, 1, 2).unwrap_or(1);
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)?;
    let rest = &s[i..];
    // The date-time separator, with the spaces some feeds put around it.
    let rest = rest.trim_start();
    let rest = rest.strip_prefix(['T', 't']).unwrap_or(rest).trim_start();
    if rest.is_empty() {
        return Some(Utc.from_utc_datetime(&date.and_time(NaiveTime::MIN)));
    }
    let (time, zone) = split_time_zone(rest);
    let time = parse_clock(time)?;
    let offset = if zone.trim().is_empty() { Some(0) } else { zone_offset(zone.trim()) }?;
    to_utc(date.and_time(time), offset)
}

fn split_time_zone(rest: &str) -> (&str, &str) {
    let cut = rest
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == '+' || c == '-' || c == 'Z' || c == 'z' || c == ' ' || c.is_ascii_alphabetic())
        .map_or(rest.len(), |(i, _)| i);
    (&rest[..cut], &rest[cut..])
}

/// `10:00`, `10:00:05`, `10:00:05.123`, `100005`.
fn parse_clock(t: &str) -> Option<NaiveTime> {
    let t = t.trim();
    let (main, _frac) = t.split_once(['.', ',']).unwrap_or((t, ""));
    let parts: Vec<&str> = if main.contains(':') {
        main.split(':').collect()
    } else if main.len() == 6 || main.len() == 4 {
        main.as_bytes().chunks(2).map(|c| std::str::from_utf8(c).unwrap_or("x")).collect()
    } else {
        return None;
    };
    let num = |p: Option<&&str>| -> Option<u32> {
        match p {
            None | Some(&"") => Some(0),
            Some(p) => p.parse().ok(),
        }
    };
    let h = num(parts.first())?;
    let m = num(parts.get(1))?;
    let sec = num(parts.get(2))?;
    if h == 24 && m == 0 && sec == 0 {
        return Some(NaiveTime::MIN);
    }
    // A leap second (…:60) becomes the last whole second of the minute.
    NaiveTime::from_hms_opt(h, m, sec.min(59))
}

/// Offset in seconds east of UTC.
fn zone_offset(z: &str) -> Option<i32> {
    let z = z.trim().trim_end_matches([')', '.']);
    let upper = z.to_ascii_uppercase();
    if let Some(named) = named_zone(&upper) {
        return Some(named);
    }
    let (sign, digits) = match z.as_bytes().first()? {
        b'+' => (1, &z[1..]),
        b'-' => (-1, &z[1..]),
        _ => {
            // "GMT+0800", "UTC-5"
            for prefix in ["GMT", "UTC", "UT"] {
                if let Some(rest) = upper.strip_prefix(prefix) {
                    if rest.starts_with(['+', '-']) {
                        return zone_offset(rest);
                    }
                }
            }
            return None;
        }
    };
    let digits: String = digits.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        3 => (digits[..1].parse::<i32>().ok()?, digits[1..].parse::<i32>().ok()?),
        4 => (digits[..2].parse::<i32>().ok()?, digits[2..].parse::<i32>().ok()?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

fn named_zone(z: &str) -> Option<i32> {
    let h = match z {
        "Z" | "UT" | "UTC" | "GMT" | "WET" => 0,
        "EST" => -5,
        "EDT" => -4,
        "CST" => -6,
        "CDT" => -5,
        "MST" => -7,
        "MDT" => -6,
        "PST" => -8,
        "PDT" => -7,
        "AKST" => -9,
        "AKDT" => -8,
        "HST" => -10,
        "AST" => -4,
        "ADT" => -3,
        "NST" => return Some(-(3 * 3600 + 1800)),
        "BST" | "CET" | "WEST" => 1,
        "CEST" | "EET" => 2,
        "EEST" | "MSK" => 3,
        "IST" => return Some(5 * 3600 + 1800),
        "JST" | "KST" => 9,
        "HKT" | "SGT" | "AWST" => 8,
        "AEST" => 10,
        "AEDT" => 11,
        "NZST" => 12,
        "NZDT" => 13,
        // Military zones: RFC 822 got their signs backwards, so RFC 5322
        // says to read them as UTC, as feedparser does.
        _ if z.len() == 1 && z.as_bytes()[0].is_ascii_uppercase() && z != "J" => 0,
        _ => return None,
    };
    Some(h * 3600)
}

fn take_digits(b: &[u8], i: &mut usize, min: usize, max: usize) -> Option<u32> {
    let start = *i;
    while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
        *i += 1;
    }
    if *i - start < min {
        *i = start;
        return None;
    }
    std::str::from_utf8(&b[start..*i]).ok()?.parse().ok()
}

fn to_utc(local: NaiveDateTime, offset: i32) -> Option<DateTime<Utc>> {
    let tz = FixedOffset::east_opt(offset)?;
    Some(tz.from_local_datetime(&local).single()?.with_timezone(&Utc))
}

fn month_number(word: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS.iter().position(|m| w.starts_with(m)).map(|i| i as u32 + 1)
}

/// RFC 822 and asctime with all their variants: the order of day, month
/// and year is read from the tokens, not assumed.
fn parse_words(s: &str) -> Option<DateTime<Utc>> {
    let mut day = None;
    let mut month = None;
    let mut year = None;
    let mut time = None;
    let mut offset = None;
    let mut numbers = Vec::new();

    let cleaned: String = s.chars().map(|c| if c == ',' { ' ' } else { c }).collect();
    for tok in cleaned.split_whitespace() {
        if tok.starts_with('(') {
            break; // "(PST)" style comments end the useful part
        }
        if tok.contains(':') && tok.as_bytes()[0].is_ascii_digit() {
            let (clock, zone) = split_time_zone(tok);
            time = Some(parse_clock(clock)?);
            if !zone.is_empty() {
                offset = zone_offset(zone);
            }
            continue;
        }
        if tok.starts_with(['+', '-']) && offset.is_none() && !numbers.is_empty() {
            offset = zone_offset(tok);
            continue;
        }
        if let Some(m) = month_number(tok.trim_end_matches('.')) {
            month = Some(m);
            continue;
        }
        if let Ok(n) = tok.trim_end_matches('.').parse::<u32>() {
            numbers.push((n, tok.len()));
            continue;
        }
        if tok.contains('-') && tok.split('-').count() == 3 && tok.as_bytes()[0].is_ascii_digit() {
            // "23-May-2024"
            let mut p = tok.split('-');
            let (d, m, y) = (p.next()?, p.next()?, p.next()?);
            day = d.parse().ok();
            month = month_number(m).or_else(|| m.parse().ok());
            numbers.push((y.parse().ok()?, y.len()));
            continue;
        }
        if offset.is_none() && !numbers.is_empty() {
            if let Some(o) = zone_offset(tok).filter(|_| tok.len() > 1 || time.is_some()) {
                offset = Some(o);
                continue;
            }
        }
        // Weekday names and other words are ignored.
    }
    // "03 Apr 02 1500 GMT": a clock without a colon after the year.
    if time.is_none() && numbers.len() == 3 && numbers[2].1 == 4 && numbers[1].1 <= 2 {
        let (hhmm, _) = numbers.pop().unwrap_or_default();
        time = NaiveTime::from_hms_opt(hhmm / 100, hhmm % 100, 0);
    }
    for (n, len) in numbers {
        if len == 4 || n > 31 {
            year.get_or_insert(n);
        } else if day.is_none() {
            day = Some(n);
        } else if year.is_none() {
            year = Some(n);
        }
    }
    let mut year = year? as i32;
    if year < 100 {
        year += if year < 70 { 2000 } else { 1900 };
    }
    let date = NaiveDate::from_ymd_opt(year, month?, day?)?;
    to_utc(date.and_time(time.unwrap_or(NaiveTime::MIN)), offset.unwrap_or(0))
}

/// RFC 3339 in UTC with a `Z`, the form of every date Tidings prints.
pub fn format_rfc3339(d: &DateTime<Utc>) -> String {
    d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        assert_eq!(parse_date(input).map(|d| format_rfc3339(&d)).as_deref(), expected, "{input}");
    }

    #[test]
    fn spaces_around_the_time_separator() {
        for s in ["2011-03-04 T 05:06:07+02:00", "2011-03-04 T05:06:07+02:00", "2011-03-04T 05:06:07+02:00"] {
            assert_eq!(parse_date(s).map(|d| d.to_rfc3339()).as_deref(), Some("2011-03-04T03:06:07+00:00"), "{s}");
        }
    }

    #[test]
    fn rfc822_and_variants() {
        check("Thu, 23 May 2024 10:00:00 GMT", Some("2024-05-23T10:00:00Z"));
        check("Thu, 23 May 2024 10:00:00 +0800", Some("2024-05-23T02:00:00Z"));
        check("Mon, 23 May 2024 10:00 EST", Some("2024-05-23T15:00:00Z"));
        check("23 May 24 10:00:00 Z", Some("2024-05-23T10:00:00Z"));
        check("Thu, 1 January 2004 8:05:06 PDT", Some("2004-01-01T15:05:06Z"));
        check("Sun Jan  4 16:29:06 PST 2004", Some("2004-01-05T00:29:06Z"));
        check("Wed, 02 Oct 2002 08:00:00 -05:00", Some("2002-10-02T13:00:00Z"));
        check("Tue, 10 Jun 2003 04:00:00 GMT+0100", Some("2003-06-10T03:00:00Z"));
        check("23-May-2024 10:00", Some("2024-05-23T10:00:00Z"));
        check("03 Apr 02 1500 GMT", Some("2002-04-03T15:00:00Z"));
        check("Wed, 02 Oct 2002 08:00:00 G", Some("2002-10-02T08:00:00Z"));
    }

    #[test]
    fn iso8601_and_variants() {
        check("2024-05-23T10:00:00Z", Some("2024-05-23T10:00:00Z"));
        check("2024-05-23T10:00:00.123+08:00", Some("2024-05-23T02:00:00Z"));
        check("2024-05-23 10:00:00", Some("2024-05-23T10:00:00Z"));
        check("2024-05-23T10:00+0200", Some("2024-05-23T08:00:00Z"));
        check("2024-05-23", Some("2024-05-23T00:00:00Z"));
        check("2003-12", Some("2003-12-01T00:00:00Z"));
        check("20240523T100000Z", Some("2024-05-23T10:00:00Z"));
    }

    #[test]
    fn nonsense_is_not_a_date() {
        check("", None);
        check("yesterday", None);
        check("2024-13-45", None);
        check("Thu, 45 Foo 2024", None);
    }
}
