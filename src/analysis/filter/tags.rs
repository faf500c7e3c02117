//! pprof's -tagfocus/-tagignore: a numeric range with units (`bytes=1kb:`, `64b:1kb`,
//! `bytes=704512b`) or comma-separated regular expressions on string labels
//! (`key=re1,re2`, or `re` matched against "key:value"), as pprof's compileTagFilter and
//! parseTagFilterRange read them.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::Regex;

use super::go_regex;
use crate::analysis::units;
use crate::profile::{Label, Profile};

/// pprof's tagFilterRangeRx.
static RANGE_RX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new("([+-]?[[:digit:]]+)([[:alpha:]]+)?").expect("valid range regex"));

/// How a numeric value is compared with the bound(s), after scaling to the range's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum RangeBounds {
    /// `32kb`: equal.
    Exactly(f64),
    /// `4mb:`: at least.
    AtLeast(f64),
    /// `:64kb`: at most.
    AtMost(f64),
    /// `12kb:64mb`: between, both included.
    Between(f64, f64),
}

/// A numeric tag range: bounds in `unit` (pprof's canonical unit name, such as "kB", or
/// "" for a number without a unit, which matches only labels of unknown units).
#[derive(Clone, Debug, PartialEq)]
pub struct NumRange {
    /// The bounds, in `unit`.
    pub bounds: RangeBounds,
    /// The unit the bounds are in.
    pub unit: String,
}

impl NumRange {
    /// pprof's parseTagFilterRange: `Ok(None)` when `filter` is not a range (it is then a
    /// regular expression); an error for a number that does not fit in 64 bits (where
    /// pprof panics).
    pub fn parse(filter: &str) -> Result<Option<Self>, String> {
        let ranges: Vec<regex::Captures> = RANGE_RX.captures_iter(filter).take(2).collect();
        if ranges.is_empty() {
            return Ok(None);
        }
        let num = |c: &regex::Captures| -> Result<i64, String> {
            let s = &c[1];
            s.parse::<i64>()
                .map_err(|_| format!("failed to parse int {s}: value out of range"))
        };
        let unit_of = |c: &regex::Captures| c.get(2).map_or("", |m| m.as_str()).to_string();
        let first = &ranges[0];
        let (value, unit) = {
            let u = unit_of(first);
            units::scale(num(first)?, &u, &u)
        };
        let m = &first[0];
        if ranges.len() == 1 {
            let bounds = if filter == m {
                RangeBounds::Exactly(value)
            } else if filter.strip_suffix(':') == Some(m) {
                RangeBounds::AtLeast(value)
            } else if filter.strip_prefix(':') == Some(m) {
                RangeBounds::AtMost(value)
            } else {
                return Ok(None);
            };
            return Ok(Some(Self { bounds, unit }));
        }
        let second = &ranges[1];
        if filter != format!("{}:{}", m, &second[0]) {
            return Ok(None);
        }
        let (value2, unit2) = units::scale(num(second)?, &unit_of(second), &unit);
        if unit2 != unit {
            return Ok(None);
        }
        Ok(Some(Self {
            bounds: RangeBounds::Between(value, value2),
            unit,
        }))
    }

    /// Whether value `v` in unit `u` lies in the range.
    pub fn contains(&self, v: i64, u: &str) -> bool {
        let (sv, su) = units::scale(v, u, &self.unit);
        if su != self.unit {
            return false;
        }
        match self.bounds {
            RangeBounds::Exactly(x) => sv == x,
            RangeBounds::AtLeast(x) => sv >= x,
            RangeBounds::AtMost(x) => sv <= x,
            RangeBounds::Between(lo, hi) => sv >= lo && sv <= hi,
        }
    }
}

#[derive(Clone, Debug)]
enum Matcher {
    Range(NumRange),
    Regexes(Vec<Regex>),
}

/// A compiled -tagfocus/-tagignore value.
#[derive(Clone, Debug)]
pub struct TagFilter {
    text: String,
    key: String,
    value: String,
    matcher: Matcher,
}

impl PartialEq for TagFilter {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl TagFilter {
    /// Compiles `text` as pprof's compileTagFilter does; `name` ("tagfocus") prefixes
    /// errors.
    pub fn parse(name: &str, text: &str) -> Result<Self, String> {
        let (key, value) = match text.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (String::new(), text.to_string()),
        };
        let matcher = match NumRange::parse(&value).map_err(|e| format!("{name}: {e}"))? {
            Some(r) => Matcher::Range(r),
            None => Matcher::Regexes(
                value
                    .split(',')
                    .map(|re| {
                        go_regex::compile(re).map_err(|e| format!("parsing {name} regexp: {e}"))
                    })
                    .collect::<Result<_, _>>()?,
            ),
        };
        Ok(Self {
            text: text.to_string(),
            key,
            value,
            matcher,
        })
    }

    /// The text it was parsed from.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The label key it is restricted to ("" = any).
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The numeric range, when the value is one.
    pub fn range(&self) -> Option<&NumRange> {
        match &self.matcher {
            Matcher::Range(r) => Some(r),
            Matcher::Regexes(_) => None,
        }
    }

    /// What pprof says on stderr when it reads the value as a range:
    /// "tagfocus:Interpreted '1kb:' as range, not regexp".
    pub fn note(&self, name: &str) -> Option<String> {
        self.range()
            .map(|_| format!("{name}:Interpreted '{}' as range, not regexp", self.value))
    }

    /// Whether a sample with `labels` matches. `units` gives each numeric key's unit.
    pub fn matches(&self, p: &Profile, labels: &[Label], units: &NumLabelUnits) -> bool {
        let want = |l: &Label| self.key.is_empty() || p.str(l.key) == self.key;
        match &self.matcher {
            Matcher::Range(r) => labels
                .iter()
                .filter(|l| is_numeric(l) && want(l))
                .any(|l| r.contains(l.num, units.unit(p.str(l.key)))),
            Matcher::Regexes(rxs) if self.key.is_empty() => rxs.iter().all(|rx| {
                labels
                    .iter()
                    .filter(|l| l.str != 0)
                    .any(|l| rx.is_match(&format!("{}:{}", p.str(l.key), p.str(l.str))))
            }),
            Matcher::Regexes(rxs) => labels
                .iter()
                .filter(|l| l.str != 0 && want(l))
                .any(|l| rxs.iter().any(|rx| rx.is_match(p.str(l.str)))),
        }
    }
}

/// A numeric label, as pprof's decoder keeps it: no string value, and a number or a unit.
fn is_numeric(l: &Label) -> bool {
    l.str == 0 && (l.num != 0 || l.unit != 0)
}

/// The unit of each numeric label key (pprof's NumLabelUnits): the first unit recorded
/// for the key, else "bytes" for "alignment" and "request", else the key itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NumLabelUnits {
    units: HashMap<String, String>,
    /// Keys recorded with more than one unit: key, the unit used, the others (sorted).
    pub conflicts: Vec<(String, String, Vec<String>)>,
}

impl NumLabelUnits {
    /// Collects the units of `p`'s numeric labels.
    pub fn of(p: &Profile) -> Self {
        let mut units: HashMap<String, String> = HashMap::new();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut ignored: HashMap<String, Vec<String>> = HashMap::new();
        for i in 0..p.samples.len() {
            for l in p.samples.labels(i).iter().filter(|l| is_numeric(l)) {
                let key = p.str(l.key);
                seen.insert(key);
                let unit = p.str(l.unit);
                if unit.is_empty() {
                    continue;
                }
                match units.get(key) {
                    None => {
                        units.insert(key.to_string(), unit.to_string());
                    }
                    Some(w) if w != unit => {
                        let v = ignored.entry(key.to_string()).or_default();
                        if !v.iter().any(|u| u == unit) {
                            v.push(unit.to_string());
                        }
                    }
                    Some(_) => {}
                }
            }
        }
        for key in seen {
            if !units.contains_key(key) {
                let inferred = match key {
                    "alignment" | "request" => "bytes",
                    _ => key,
                };
                units.insert(key.to_string(), inferred.to_string());
            }
        }
        let mut conflicts: Vec<(String, String, Vec<String>)> = ignored
            .into_iter()
            .map(|(k, mut v)| {
                v.sort();
                let used = units.get(&k).cloned().unwrap_or_default();
                (k, used, v)
            })
            .collect();
        conflicts.sort();
        Self { units, conflicts }
    }

    /// pprof's warnings for keys with several units: "For tag bytes used unit B, also
    /// encountered unit(s) kB".
    pub fn conflict_messages(&self) -> Vec<String> {
        self.conflicts
            .iter()
            .map(|(k, used, others)| {
                format!(
                    "For tag {k} used unit {used}, also encountered unit(s) {}",
                    others.join(", ")
                )
            })
            .collect()
    }

    /// The unit of numeric key `key` ("" when never seen).
    pub fn unit(&self, key: &str) -> &str {
        self.units.get(key).map_or("", String::as_str)
    }
}
