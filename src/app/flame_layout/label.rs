//! Flame-graph labels: a frame's name shortened so the function's own name stays
//! readable — the import path, then the package, then the type go first
//! (`pkg.(*T).Method` → `(*T).Method` → `Method`), then the own name is cut from the end
//! with "…" (never only its trailing digits). Go, C++/Rust (`ns::Class::fn`), Java
//! (`pkg.Class.method`) and the file:line of finer granularities. The layout asks how
//! narrow a frame may be and still carry a readable label; the renderer asks the label.

use crate::sanitize::sanitize;
use crate::text_width::{cut, width};

/// Columns of an own name kept before "…" when it has to be cut: `Meth…`.
pub const CUT_KEEPS: usize = 4;

/// Splits `s` at top-level occurrences of `sep` (outside (), [], {} and, for `::`
/// names, <>). A C++ `operator…` segment runs to the end (`operator<` opens nothing).
fn segments<'a>(s: &'a str, sep: &str) -> Vec<&'a str> {
    let angles = sep == "::";
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    let mut i = 0;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        if depth == 0 && i == start && bytes[i..].starts_with(b"operator") {
            break;
        }
        match bytes[i] {
            b'(' | b'[' | b'{' => depth += 1,
            b'<' if angles => depth += 1,
            b')' | b']' | b'}' => depth -= 1,
            b'>' if angles && depth > 0 => depth -= 1,
            _ => {}
        }
        // Byte comparisons: `sep` is ASCII, so a match is on a character boundary.
        if depth == 0 && bytes[i..].starts_with(sep.as_bytes()) {
            out.push(&s[start..i]);
            i += sep.len();
            start = i;
            continue;
        }
        i += 1;
    }
    out.push(&s[start..]);
    out
}

/// Whether a name segment only says which closure or wrapper of the segment before it
/// this is (`func1`, `2`, `gowrap1`, `{{closure}}`, an empty segment of `glob..func1`):
/// it stays glued to that segment.
fn is_suffix_segment(seg: &str) -> bool {
    let digits_after = |p: &str| {
        seg.strip_prefix(p)
            .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
    };
    seg.is_empty()
        || seg.bytes().all(|b| b.is_ascii_digit())
        || digits_after("func")
        || digits_after("gowrap")
        || digits_after("deferwrap")
        || seg == "{{closure}}"
        || (seg.starts_with("{closure#") && seg.ends_with('}'))
}

/// The last `/` outside brackets: where a Go import path ends.
fn path_end(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut last = None;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            '/' if depth == 0 => last = Some(i),
            _ => {}
        }
    }
    last
}

/// Where a function name's forms start (byte offsets, ascending): the whole name, after
/// the import path, then one leading segment fewer at a time down to the own name
/// (closures keep the function they belong to: `Serve.func1`). Each form is the rest of
/// the name from its offset, so a hostile name with a million dots costs a million
/// offsets, not a million strings.
fn function_starts(func: &str) -> Vec<usize> {
    let mut out = vec![0];
    let cpp = func.contains("::");
    let rest_at = match path_end(func) {
        Some(i) if !cpp => i + 1,
        _ => 0,
    };
    let rest = &func[rest_at..];
    if rest.is_empty() {
        return out;
    }
    out.push(rest_at);
    let sep = if cpp { "::" } else { "." };
    let segs = segments(rest, sep);
    let own = segs
        .iter()
        .rposition(|s| !is_suffix_segment(s))
        .unwrap_or(0);
    let base = func.as_ptr() as usize;
    out.extend(segs[1..=own].iter().map(|s| s.as_ptr() as usize - base));
    out.dedup();
    out
}

/// A name taken apart once: its forms, longest first, with their widths; the last is the
/// shortest readable one (the own name, with its line when the name has one).
struct Forms<'a> {
    whole: &'a str,
    func: &'a str,
    /// Offsets into `func` and the width of the rest of `func` from each.
    starts: Vec<(usize, usize)>,
    /// The location's short form (`main.go:21`, or a file at files granularity).
    loc: Option<String>,
}

/// One form: the whole name, the location alone, the function from an offset (with the
/// location), or the own name with the line.
#[derive(Clone, Copy)]
enum Form {
    Whole,
    Loc,
    From(usize),
    OwnLine,
}

impl<'a> Forms<'a> {
    fn new(clean: &'a str) -> Self {
        let (func, loc) = parts(clean);
        let offsets = if func.is_empty() {
            Vec::new()
        } else {
            function_starts(func)
        };
        let mut starts = vec![(0, 0); offsets.len()];
        let mut w = 0;
        for k in (0..offsets.len()).rev() {
            let end = offsets.get(k + 1).copied().unwrap_or(func.len());
            w += width(&func[offsets[k]..end]);
            starts[k] = (offsets[k], w);
        }
        Self {
            whole: clean,
            func,
            starts,
            loc,
        }
    }

    fn line(&self) -> Option<&str> {
        let (_, line) = self.loc.as_deref()?.rsplit_once(':')?;
        Some(line)
    }

    /// The forms in order, each with its width.
    fn list(&self) -> Vec<(Form, usize)> {
        let loc_w = self.loc.as_deref().map_or(0, |l| width(l) + 1);
        let mut out = vec![(Form::Whole, width(self.whole))];
        if self.func.is_empty() {
            if let Some(l) = &self.loc {
                out.push((Form::Loc, width(l)));
            }
            return out;
        }
        out.extend(
            self.starts
                .iter()
                .map(|&(at, w)| (Form::From(at), w + loc_w)),
        );
        if let (Some(line), Some(&(_, own_w))) = (self.line(), self.starts.last()) {
            out.push((Form::OwnLine, own_w + 1 + width(line)));
        }
        out
    }

    fn text(&self, f: Form) -> String {
        let own = self.starts.last().map_or("", |&(at, _)| &self.func[at..]);
        match f {
            Form::Whole => self.whole.to_string(),
            Form::Loc => self.loc.clone().unwrap_or_default(),
            Form::From(at) => match &self.loc {
                Some(l) => format!("{} {l}", &self.func[at..]),
                None => self.func[at..].to_string(),
            },
            Form::OwnLine => format!("{own}:{}", self.line().unwrap_or("")),
        }
    }

    fn shortest(&self) -> (Form, usize) {
        self.list().pop().unwrap_or((Form::Whole, 0))
    }
}

/// Splits a printable node name (pprof's `[address] [function] [file:line | file]`)
/// into its function and its location's short form (base name and line).
fn parts(name: &str) -> (&str, Option<String>) {
    let mut s = name;
    if let Some((first, rest)) = s.split_once(' ')
        && first.len() == 16
        && first.bytes().all(|b| b.is_ascii_hexdigit())
    {
        s = rest;
    }
    let base = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let (head, last) = match s.rsplit_once(' ') {
        Some((h, l)) => (h, l),
        None => ("", s),
    };
    if let Some((file, line)) = last.rsplit_once(':')
        && !line.is_empty()
        && line.bytes().all(|b| b.is_ascii_digit())
        && !file.is_empty()
        && !file.ends_with(':')
    {
        return (head, Some(format!("{}:{line}", base(file))));
    }
    if is_source_file(last) {
        return (head, Some(base(last)));
    }
    (s, None)
}

/// Whether `s` names a source file (files granularity), not a function.
fn is_source_file(s: &str) -> bool {
    const EXT: [&str; 16] = [
        "go", "c", "cc", "cpp", "cxx", "h", "hh", "hpp", "rs", "java", "kt", "py", "s", "S", "js",
        "swift",
    ];
    s.rsplit_once('.').is_some_and(|(stem, ext)| {
        !stem.is_empty() && EXT.contains(&ext) && !stem.ends_with(')') && !stem.contains("::")
    })
}

/// Every form of `name` (sanitized), longest first; the last is the shortest readable one
/// (the own name, with its line when the name has one).
pub fn forms(name: &str) -> Vec<String> {
    let clean = sanitize(name);
    let f = Forms::new(&clean);
    let mut out: Vec<String> = f.list().into_iter().map(|(x, _)| f.text(x)).collect();
    out.dedup();
    out
}

/// The label of `name` in at most `max` columns: its longest form that fits, else its
/// shortest form cut from the end with "…".
pub fn label(name: &str, max: usize) -> String {
    let clean = sanitize(name);
    let f = Forms::new(&clean);
    let list = f.list();
    if let Some(&(form, _)) = list.iter().find(|(_, w)| *w <= max) {
        return f.text(form);
    }
    cut(&f.text(f.shortest().0), max)
}

/// The fewest columns in which `name`'s label still reads: its shortest form whole, or
/// the first four columns of it and "…".
pub fn min_room(name: &str) -> usize {
    let clean = sanitize(name);
    Forms::new(&clean).shortest().1.min(CUT_KEEPS + 1)
}

/// The own name of `name` (its shortest form), for naming frames in few words.
pub fn own_name(name: &str) -> String {
    let clean = sanitize(name);
    let f = Forms::new(&clean);
    f.text(f.shortest().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_names_lose_path_package_and_type_first() {
        let n = "github.com/acme/platform/internal/queue.(*T65).Method3072";
        assert_eq!(
            forms(n),
            vec![
                n,
                "queue.(*T65).Method3072",
                "(*T65).Method3072",
                "Method3072"
            ]
        );
        assert_eq!(label(n, 100), n);
        assert_eq!(label(n, 24), "queue.(*T65).Method3072");
        assert_eq!(label(n, 17), "(*T65).Method3072");
        assert_eq!(label(n, 12), "Method3072");
        // Cut from the end: the start of the function stays, never only its digits.
        assert_eq!(label(n, 5), "Meth…");
        assert_eq!(label("main.main", 5), "main");
        assert_eq!(label("runtime.mallocgc", 8), "mallocgc");
        assert_eq!(min_room(n), 5);
        assert_eq!(min_room("main.main"), 4);
        assert_eq!(
            label("gopkg.in/yaml.v3.(*Decoder).Decode", 17),
            "(*Decoder).Decode"
        );
    }

    #[test]
    fn closures_keep_their_function() {
        assert_eq!(own_name("net/http.(*Server).Serve.func1"), "Serve.func1");
        assert_eq!(own_name("main.run.func1.2"), "run.func1.2");
        assert_eq!(own_name("main.init.0"), "init.0");
        assert_eq!(own_name("pkg.glob..func1"), "glob..func1");
        assert_eq!(own_name("main.worker.gowrap1"), "worker.gowrap1");
        assert_eq!(label("main.run.func1.2", 6), "run.f…");
        assert_eq!(
            own_name("crate::server::run::{{closure}}"),
            "run::{{closure}}"
        );
    }

    #[test]
    fn generics_cpp_rust_and_java() {
        assert_eq!(own_name("pkg.Map[go.shape.int,go.shape.string].Get"), "Get");
        assert_eq!(
            forms("pkg.(*List[...]).Push"),
            vec!["pkg.(*List[...]).Push", "(*List[...]).Push", "Push"]
        );
        assert_eq!(
            forms("std::vector<std::string>::push_back"),
            vec![
                "std::vector<std::string>::push_back",
                "vector<std::string>::push_back",
                "push_back"
            ]
        );
        assert_eq!(own_name("ns::Class::operator<<"), "operator<<");
        assert_eq!(own_name("ns::Class::operator()"), "operator()");
        assert_eq!(own_name("(anonymous namespace)::helper"), "helper");
        assert_eq!(
            own_name("<alloc::vec::Vec<T> as core::ops::Drop>::drop"),
            "drop"
        );
        assert_eq!(own_name("tokio::runtime::task::raw::poll"), "poll");
        assert_eq!(
            label("com.example.cache.LruCache.evict", 14),
            "LruCache.evict"
        );
        assert_eq!(
            own_name("java.util.HashMap$TreeNode.putTreeVal"),
            "putTreeVal"
        );
        assert_eq!(own_name("malloc"), "malloc");
    }

    #[test]
    fn locations_keep_their_line() {
        let n = "main.alloc /home/me/src/seed/main.go:21";
        assert_eq!(label(n, 100), n);
        assert_eq!(label(n, 21), "main.alloc main.go:21");
        assert_eq!(label(n, 20), "alloc main.go:21");
        assert_eq!(label(n, 16), "alloc main.go:21");
        assert_eq!(label(n, 10), "alloc:21");
        assert_eq!(
            label("0000000000401234 main.alloc main.go:21", 16),
            "alloc main.go:21"
        );
        assert_eq!(label("/usr/lib/go/src/runtime/malloc.go", 12), "malloc.go");
        assert_eq!(label("<unknown>", 20), "<unknown>");
        assert_eq!(label("[libc.so.6]", 20), "[libc.so.6]");
    }

    #[test]
    fn a_name_with_a_million_dots_costs_no_more_than_its_length() {
        let n = "a.".repeat(1_000_000) + "Fn";
        assert_eq!(label(&n, 10), "a.a.a.a.Fn");
        assert_eq!(label(&n, 3), "Fn");
        assert_eq!(min_room(&n), 2);
        let d = "x".repeat(3_000_000);
        assert_eq!(label(&d, 6), "xxxxx…");
    }

    #[test]
    fn hostile_names_are_sanitized_and_never_too_wide() {
        for n in [
            "a\x1bb.c",
            "\u{202e}x.y",
            "",
            "...",
            "a::",
            "::",
            "((((",
            "x.)))",
            "é::ü.ö",
            "日本::語.関数",
            "opérator::x",
        ] {
            for w in 0..12 {
                let l = label(n, w);
                assert!(width(&l) <= w, "{n:?} {w} {l:?}");
                assert!(!l.contains('\x1b'), "{l:?}");
            }
        }
    }
}
