//! A bad configuration file, reported on one line as `FILE:LINE: what is wrong`.

use std::fmt;
use std::ops::Range;

/// What is wrong with a configuration file, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file (a path, or a name for the built-in defaults).
    pub origin: String,
    /// 1-based line of the offending text, when known.
    pub line: Option<usize>,
    /// What is wrong, on one line.
    pub message: String,
}

impl ConfigError {
    /// An error about the text at byte range `span` of `text`.
    pub fn at(origin: &str, text: &str, span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            origin: origin.to_string(),
            line: Some(line_of(text, span.start)),
            message: message.into(),
        }
    }

    /// An error about the whole file (it cannot be read).
    pub fn file(origin: &str, message: impl Into<String>) -> Self {
        Self {
            origin: origin.to_string(),
            line: None,
            message: message.into(),
        }
    }

    /// A TOML syntax or shape error from the `toml` crate, reduced to one line.
    pub fn toml(origin: &str, text: &str, e: &toml::de::Error) -> Self {
        let message = e
            .message()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join("; ");
        Self {
            origin: origin.to_string(),
            line: e.span().map(|s| line_of(text, s.start)),
            message,
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The 1-based line holding byte `offset` of `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let t = "a\nb\nc";
        assert_eq!(line_of(t, 0), 1);
        assert_eq!(line_of(t, 2), 2);
        assert_eq!(line_of(t, 4), 3);
        assert_eq!(line_of(t, 99), 3);
        let e = ConfigError::at("k.toml", t, 2..3, "bad");
        assert_eq!(e.to_string(), "k.toml:2: bad");
        assert_eq!(
            ConfigError::file("k.toml", "gone").to_string(),
            "k.toml: gone"
        );
    }
}
