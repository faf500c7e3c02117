//! Value formatting exactly as pprof's `measurement` package: unit scaling (B/kB/MB…,
//! ns/us/ms/s/hrs, GCU), `%.2f` labels with ".00" trimmed, and its percentage format.

struct Unit {
    name: &'static str,
    aliases: &'static [&'static str],
    factor: f64,
}

struct UnitType {
    units: &'static [Unit],
    default: (&'static str, f64),
}

const NS: f64 = 1.0;
static UNIT_TYPES: [UnitType; 3] = [
    UnitType {
        units: &[
            Unit {
                name: "B",
                aliases: &["b", "byte"],
                factor: 1.0,
            },
            Unit {
                name: "kB",
                aliases: &["kb", "kbyte", "kilobyte"],
                factor: 1024.0,
            },
            Unit {
                name: "MB",
                aliases: &["mb", "mbyte", "megabyte"],
                factor: 1048576.0,
            },
            Unit {
                name: "GB",
                aliases: &["gb", "gbyte", "gigabyte"],
                factor: 1073741824.0,
            },
            Unit {
                name: "TB",
                aliases: &["tb", "tbyte", "terabyte"],
                factor: 1099511627776.0,
            },
            Unit {
                name: "PB",
                aliases: &["pb", "pbyte", "petabyte"],
                factor: 1125899906842624.0,
            },
        ],
        default: ("B", 1.0),
    },
    UnitType {
        units: &[
            Unit {
                name: "ns",
                aliases: &["ns", "nanosecond"],
                factor: NS,
            },
            Unit {
                name: "us",
                aliases: &["μs", "us", "microsecond"],
                factor: 1e3 * NS,
            },
            Unit {
                name: "ms",
                aliases: &["ms", "millisecond"],
                factor: 1e6 * NS,
            },
            Unit {
                name: "s",
                aliases: &["s", "sec", "second"],
                factor: 1e9 * NS,
            },
            Unit {
                name: "hrs",
                aliases: &["hour", "hr"],
                factor: 3600e9 * NS,
            },
        ],
        default: ("s", 1e9),
    },
    UnitType {
        units: &[
            Unit {
                name: "n*GCU",
                aliases: &["nanogcu"],
                factor: 1e-9,
            },
            Unit {
                name: "u*GCU",
                aliases: &["microgcu"],
                factor: 1e-6,
            },
            Unit {
                name: "m*GCU",
                aliases: &["milligcu"],
                factor: 1e-3,
            },
            Unit {
                name: "GCU",
                aliases: &["gcu"],
                factor: 1.0,
            },
            Unit {
                name: "k*GCU",
                aliases: &["kilogcu"],
                factor: 1e3,
            },
            Unit {
                name: "M*GCU",
                aliases: &["megagcu"],
                factor: 1e6,
            },
            Unit {
                name: "G*GCU",
                aliases: &["gigagcu"],
                factor: 1e9,
            },
            Unit {
                name: "T*GCU",
                aliases: &["teragcu"],
                factor: 1e12,
            },
            Unit {
                name: "P*GCU",
                aliases: &["petagcu"],
                factor: 1e15,
            },
        ],
        default: ("GCU", 1.0),
    },
];

impl UnitType {
    fn sniff(&self, unit: &str) -> Option<&Unit> {
        let mut u = unit.to_lowercase();
        if u.len() > 2 && u.ends_with('s') {
            u.pop();
        }
        self.units.iter().find(|x| x.aliases.contains(&u.as_str()))
    }

    fn auto_scale(&self, value: f64) -> Option<(f64, &'static str)> {
        let mut f = 0.0;
        let mut name = "";
        for u in self.units {
            if u.factor >= f && value / u.factor >= 1.0 {
                f = u.factor;
                name = u.name;
            }
        }
        (f != 0.0).then(|| (value / f, name))
    }

    fn convert(&self, value: i64, from: &str, to: &str) -> Option<(f64, String)> {
        let from = self.sniff(from)?;
        let v = value as f64 * from.factor;
        if to == "minimum" || to == "auto" {
            if let Some((v, u)) = self.auto_scale(v) {
                return Some((v, u.to_string()));
            }
            return Some((v / self.default.1, self.default.0.to_string()));
        }
        match self.sniff(to) {
            Some(t) => Some((v / t.factor, t.name.to_string())),
            None => Some((v / self.default.1, self.default.0.to_string())),
        }
    }
}

/// pprof's `measurement.Scale`: `value` in `from` expressed in `to` ("auto"/"minimum"
/// choose the largest unit that keeps the value ≥ 1), with the unit's name.
pub fn scale(value: i64, from: &str, to: &str) -> (f64, String) {
    if value < 0 && value != i64::MIN {
        let (v, u) = scale(-value, from, to);
        return (-v, u);
    }
    for ut in &UNIT_TYPES {
        if let Some(r) = ut.convert(value, from, to) {
            return r;
        }
    }
    match to {
        "count" | "sample" | "unit" | "minimum" | "auto" => (value as f64, String::new()),
        _ => (value as f64, to.to_string()),
    }
}

/// pprof's `measurement.ScaledLabel`: "12.50MB", "3s", "0".
pub fn scaled_label(value: i64, from: &str, to: &str) -> String {
    let (v, u) = scale(value, from, to);
    let s = format!("{v:.2}");
    let s = s.strip_suffix(".00").unwrap_or(&s);
    if s == "0" || s == "-0" {
        return "0".into();
    }
    format!("{s}{u}")
}

/// pprof's `measurement.Label`: a value in its automatically chosen unit.
pub fn label(value: i64, unit: &str) -> String {
    scaled_label(value, unit, "auto")
}

/// pprof's `measurement.Percentage`: "  100%", "12.34%", " 0.82%", "0.0089%".
pub fn percentage(value: i64, total: i64) -> String {
    let ratio = if total != 0 {
        (value as f64 / total as f64).abs() * 100.0
    } else {
        0.0
    };
    if (99.95..=100.05).contains(&ratio) {
        "  100%".into()
    } else if ratio >= 1.0 {
        format!("{ratio:5.2}%")
    } else {
        format!("{:>5}%", go_g2(ratio))
    }
}

/// Go's `strconv.FormatFloat(v, 'g', 2, 64)` for non-negative finite `v`.
pub fn go_g2(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return if v.is_nan() {
            "NaN".into()
        } else {
            "+Inf".into()
        };
    }
    // Correctly rounded to two significant digits: "d.de±x".
    let e = format!("{v:.1e}");
    let (mant, exp) = e.split_once('e').unwrap_or((&e, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let nd = digits.len() as i32;
    let dp = exp + 1;
    let mut eprec = 2;
    if eprec > nd && nd >= dp {
        eprec = nd;
    }
    if exp < -4 || exp >= eprec {
        let mut s = digits[..1].to_string();
        if nd > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{s}e{sign}{:02}", exp.abs());
    }
    let prec = if 2 > dp { nd } else { 2 };
    let decimals = (prec - dp).max(0) as usize;
    format!("{v:.decimals$}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_match_pprof() {
        assert_eq!(percentage(100, 100), "  100%");
        assert_eq!(percentage(0, 100), "    0%");
        assert_eq!(percentage(9680, 10000), "96.80%");
        assert_eq!(
            percentage(89, 10000),
            "0.89%".to_string().replace("0.89", " 0.89")
        );
        assert_eq!(percentage(12759, 142699671), "0.0089%");
        assert_eq!(percentage(8615, 142699671), "0.006%");
        assert_eq!(percentage(1, 1_000_000_000), "1e-07%");
        assert_eq!(percentage(5, 0), "    0%");
    }

    #[test]
    fn labels_match_pprof() {
        assert_eq!(scaled_label(86293262, "bytes", "B"), "86293262B");
        assert_eq!(scaled_label(0, "bytes", "B"), "0");
        assert_eq!(scaled_label(142699671, "bytes", "kB"), "139355.15kB");
        assert_eq!(label(1_500_000_000, "nanoseconds"), "1.50s");
        assert_eq!(label(10_000_000, "nanoseconds"), "10ms");
        assert_eq!(label(7, "count"), "7");
        assert_eq!(scaled_label(-2048, "bytes", "auto"), "-2kB");
        assert_eq!(scale(7_200_000_000_000, "ns", "auto").1, "hrs");
    }
}
