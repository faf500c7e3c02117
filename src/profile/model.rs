//! The validated, immutable in-memory profile: interned strings, ids resolved to indices,
//! samples stored column-wise; its tables shared with the profiles refined from it.

pub use super::label::{Label, StrId};
use super::sample_columns::SampleColumns;
use super::samples::Samples;
use super::shared::{HeapSize, Shared};

/// A sample or period type: what is measured and in which unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueType {
    /// e.g. "alloc_space", "cpu", "contentions".
    pub ty: String,
    /// e.g. "bytes", "nanoseconds", "count".
    pub unit: String,
}

/// A function, as named by the profile.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Function {
    /// Human-readable name.
    pub name: String,
    /// Mangled or system name.
    pub system_name: String,
    /// Source file as recorded.
    pub filename: String,
    /// First line of the function, or 0.
    pub start_line: i64,
}

/// A mapped object file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Start address.
    pub start: u64,
    /// Limit address.
    pub limit: u64,
    /// File offset.
    pub offset: u64,
    /// Object file name.
    pub file: String,
    /// Build id.
    pub build_id: String,
    /// The profile's claims about its locations in this mapping, kept so that a profile
    /// written back out says the same (pprof symbolizes a mapping that claims none of
    /// them when it finds the binary): every location has function names.
    pub has_functions: bool,
    /// … source file names.
    pub has_filenames: bool,
    /// … line numbers.
    pub has_line_numbers: bool,
    /// … inlined frames.
    pub has_inline_frames: bool,
}

/// One line of a location: a function and a line number in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Line {
    /// Index into [`Profile::functions`].
    pub function: u32,
    /// Line number, or 0.
    pub line: i64,
    /// Column number, or 0.
    pub column: i64,
}

/// A program location: address, mapping and its lines (innermost inlined frame first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Index into [`Profile::mappings`], if any.
    pub mapping: Option<u32>,
    /// Instruction address, or 0.
    pub address: u64,
    /// Range into [`Profile::lines`].
    pub lines: (u32, u32),
    /// Several symbols folded into this address.
    pub is_folded: bool,
}

/// A decoded, validated profile. Immutable once loaded.
///
/// Its tables and samples are [`Shared`]: a profile refined from another
/// ([`Profile::refined`], what the filters make) reads the same strings, functions,
/// mappings, comments, sample columns, and locations and lines unless the filters change
/// them, without a copy. Cloning a profile copies no table either.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    /// Interned strings used by labels (index 0 is "").
    pub strings: Shared<Vec<String>>,
    /// What each sample value measures.
    pub sample_types: Vec<ValueType>,
    /// The preferred sample type's name, or "".
    pub default_sample_type: String,
    /// The samples.
    pub samples: Samples,
    /// Locations, referenced by samples.
    pub locations: Shared<Vec<Location>>,
    /// Lines of locations (each location names its range; a refined profile's table may
    /// hold lines no location names).
    pub lines: Shared<Vec<Line>>,
    /// Functions, referenced by lines.
    pub functions: Shared<Vec<Function>>,
    /// Mappings; the first one is the main binary.
    pub mappings: Shared<Vec<Mapping>>,
    /// Regex of frames to drop (already applied at load).
    pub drop_frames: String,
    /// Regex of frames to keep (already applied at load).
    pub keep_frames: String,
    /// Collection time in nanoseconds since the epoch, or 0.
    pub time_nanos: i64,
    /// Collection duration in nanoseconds, or 0.
    pub duration_nanos: i64,
    /// Kind of events between samples.
    pub period_type: Option<ValueType>,
    /// Events between samples (for heap profiles: the sampling rate in bytes).
    pub period: i64,
    /// Free-form comments.
    pub comments: Shared<Vec<String>>,
    /// Documentation URL, or "".
    pub doc_url: String,
}

impl Profile {
    /// A small profile for tests and examples: one location (with one line) per function
    /// named in `names`, and one sample per stack (location indices, leaf first) with its
    /// values, one per sample type of `types` (name, unit).
    pub fn synthetic(
        names: &[String],
        stacks: &[(Vec<u32>, Vec<i64>)],
        types: &[(&str, &str)],
    ) -> Self {
        let mut samples = SampleColumns::new(types.len());
        for (s, v) in stacks {
            samples.push(s, v, &[]);
        }
        let n = names.len() as u32;
        Self {
            samples: samples.into(),
            locations: (0..n)
                .map(|i| Location {
                    mapping: None,
                    address: 0,
                    lines: (i, i + 1),
                    is_folded: false,
                })
                .collect(),
            lines: (0..n)
                .map(|i| Line {
                    function: i,
                    line: 1,
                    column: 0,
                })
                .collect(),
            functions: names
                .iter()
                .map(|name| Function {
                    name: name.clone(),
                    system_name: name.clone(),
                    filename: String::new(),
                    start_line: 0,
                })
                .collect(),
            ..Self::empty(
                types
                    .iter()
                    .map(|(ty, unit)| ValueType {
                        ty: (*ty).into(),
                        unit: (*unit).into(),
                    })
                    .collect(),
            )
        }
    }

    /// A profile with these sample types and nothing else (no samples, locations, …).
    pub fn empty(sample_types: Vec<ValueType>) -> Self {
        Self {
            strings: vec![String::new()].into(),
            samples: Samples::new(sample_types.len()),
            sample_types,
            default_sample_type: String::new(),
            locations: Shared::default(),
            lines: Shared::default(),
            functions: Shared::default(),
            mappings: Shared::default(),
            drop_frames: String::new(),
            keep_frames: String::new(),
            time_nanos: 0,
            duration_nanos: 0,
            period_type: None,
            period: 0,
            comments: Shared::default(),
            doc_url: String::new(),
        }
    }

    /// A profile with `samples` (a selection of this one's, see [`Samples::select`]) and
    /// every table of this one, shared.
    pub fn refined(&self, samples: Samples) -> Self {
        Self {
            strings: self.strings.share(),
            sample_types: self.sample_types.clone(),
            default_sample_type: self.default_sample_type.clone(),
            samples,
            locations: self.locations.share(),
            lines: self.lines.share(),
            functions: self.functions.share(),
            mappings: self.mappings.share(),
            drop_frames: self.drop_frames.clone(),
            keep_frames: self.keep_frames.clone(),
            time_nanos: self.time_nanos,
            duration_nanos: self.duration_nanos,
            period_type: self.period_type.clone(),
            period: self.period,
            comments: self.comments.share(),
            doc_url: self.doc_url.clone(),
        }
    }

    /// The heap bytes this profile owns and shares with no profile it was refined from:
    /// everything for a loaded profile; for a refined one, what its filters wrote (its
    /// rows, ranges, written stacks, and the location and line tables when they changed).
    pub fn owned_bytes(&self) -> usize {
        size_of::<Self>()
            + self.strings.owned_bytes()
            + self.sample_types.heap_bytes()
            + self.default_sample_type.heap_bytes()
            + self.samples.owned_bytes()
            + self.locations.owned_bytes()
            + self.lines.owned_bytes()
            + self.functions.owned_bytes()
            + self.mappings.owned_bytes()
            + self.drop_frames.heap_bytes()
            + self.keep_frames.heap_bytes()
            + self.period_type.heap_bytes()
            + self.comments.owned_bytes()
            + self.doc_url.heap_bytes()
    }

    /// Whether this profile's locations and lines are `other`'s (the same tables in
    /// memory): then every location has the same lines in both.
    pub fn shares_locations(&self, other: &Self) -> bool {
        Shared::ptr_eq(&self.locations, &other.locations)
            && Shared::ptr_eq(&self.lines, &other.lines)
    }

    /// The lines of location `loc`, innermost inlined frame first.
    pub fn location_lines(&self, loc: u32) -> &[Line] {
        let (a, b) = self.locations[loc as usize].lines;
        &self.lines[a as usize..b as usize]
    }

    /// String with id `id` ("" when out of range).
    pub fn str(&self, id: StrId) -> &str {
        self.strings.get(id as usize).map_or("", String::as_str)
    }

    /// The index of the sample type pprof shows by default: `default_sample_type` when it
    /// names one, else the last.
    pub fn default_sample_index(&self) -> usize {
        if !self.default_sample_type.is_empty()
            && let Some(i) = self
                .sample_types
                .iter()
                .position(|t| t.ty == self.default_sample_type)
        {
            return i;
        }
        self.sample_types.len().saturating_sub(1)
    }

    /// Resolves a `-sample_index` argument like pprof: a number, a type name, or a name
    /// with an `inuse_` prefix that the profile lacks; "" means the default.
    pub fn sample_index_by_name(&self, name: &str) -> Result<usize, String> {
        if name.is_empty() {
            return Ok(self.default_sample_index());
        }
        if let Ok(i) = name.parse::<i64>() {
            if i < 0 || i as usize >= self.sample_types.len() {
                return Err(format!(
                    "sample_index {name} is outside the range [0..{}]",
                    self.sample_types.len() as i64 - 1
                ));
            }
            return Ok(i as usize);
        }
        let no_inuse = name.strip_prefix("inuse_").unwrap_or(name);
        if let Some(i) = self
            .sample_types
            .iter()
            .position(|t| t.ty == name || t.ty == no_inuse)
        {
            return Ok(i);
        }
        let names: Vec<&str> = self.sample_types.iter().map(|t| t.ty.as_str()).collect();
        Err(format!(
            "sample_index {name:?} must be one of: [{}]",
            names.join(" ")
        ))
    }

    /// The file name pprof prints in its "File:" header: the main mapping's base name.
    pub fn main_binary(&self) -> Option<&str> {
        let m = self.mappings.first()?;
        if m.file.is_empty() {
            return None;
        }
        Some(super::gopath::base(&m.file))
    }
}

impl HeapSize for Line {
    fn heap_bytes(&self) -> usize {
        0
    }
}

impl HeapSize for Location {
    fn heap_bytes(&self) -> usize {
        0
    }
}

impl HeapSize for Function {
    fn heap_bytes(&self) -> usize {
        self.name.heap_bytes() + self.system_name.heap_bytes() + self.filename.heap_bytes()
    }
}

impl HeapSize for Mapping {
    fn heap_bytes(&self) -> usize {
        self.file.heap_bytes() + self.build_id.heap_bytes()
    }
}

impl HeapSize for ValueType {
    fn heap_bytes(&self) -> usize {
        self.ty.heap_bytes() + self.unit.heap_bytes()
    }
}
