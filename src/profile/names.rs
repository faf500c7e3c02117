//! Function names as pprof shows them by default: mangled C++ and Rust symbols demangled,
//! and C++-looking names simplified (argument lists and template arguments dropped).
//!
//! pprof's symbolizer runs on every profile it loads (after merging, before drop_frames)
//! with its default demangling mode, "no parameters, no template parameters":
//!
//! - a function whose name is set and differs from its system name is left alone (it was
//!   demangled by the producer);
//! - otherwise the system name is demangled when it is a mangled `_Z…` (C++, or legacy Rust
//!   `_ZN…17h<hash>E`) or `_R…` (Rust v0) symbol;
//! - failing that, a system name that looks like demangled C++ (it contains `::`, `<`,
//!   `>`, `[` or `]`, but neither `.<` as in Java's `Foo.<init>` nor `]).` as in Go's
//!   `pkg.(*T[...]).M`) loses every balanced `(…)` and then every balanced `<…>` group;
//! - the result becomes the function's name (so an empty name takes the system name).

use super::model::Profile;

/// Renames every function of `p` the way pprof's default demangling does.
pub fn demangle_names(p: &mut Profile) {
    for f in p.functions.iter_mut() {
        if !f.name.is_empty() && f.name != f.system_name {
            continue;
        }
        f.name = display_name(&f.system_name);
    }
}

/// The name pprof shows for a function whose system name is `system`.
pub fn display_name(system: &str) -> String {
    if let Some(d) = demangle(system)
        && d != system
    {
        return d;
    }
    if looks_like_demangled_cpp(system) {
        let no_params = remove_matching(system, b'(', b')');
        return remove_matching(&no_params, b'<', b'>');
    }
    system.to_string()
}

/// Demangles a `_R` (Rust v0) or `_Z` (legacy Rust, else C++) symbol, without parameters
/// or template arguments; `None` when it is not a symbol these schemes can read.
fn demangle(name: &str) -> Option<String> {
    if name.starts_with("_R") {
        // Rust v0 names keep their generic arguments (pprof's demangler has no option for
        // them); the alternate form leaves out crate hashes.
        let d = rustc_demangle::try_demangle(name.split('.').next()?).ok()?;
        return Some(format!("{d:#}"));
    }
    if !name.starts_with("_Z") && !name.starts_with("___Z") {
        return None;
    }
    if let Some(rust) = legacy_rust(name) {
        return Some(rust);
    }
    cpp(name)
}

/// A legacy Rust symbol: `_ZN` … `17h` + 16 hex digits + `E` (an optional `.suffix`
/// after it ignored), with at least five distinct hex digits in the hash.
fn legacy_rust(name: &str) -> Option<String> {
    let core = match name.rfind("E.") {
        Some(i) if i > 0 => &name[..=i],
        _ => name,
    };
    let b = core.as_bytes();
    if !core.starts_with("_ZN") || !core.ends_with('E') || b.len() <= 23 {
        return None;
    }
    let hash = &b[b.len() - 17..b.len() - 1];
    if &b[b.len() - 20..b.len() - 17] != b"17h" {
        return None;
    }
    let mut digits = [false; 16];
    for &c in hash {
        let v = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => return None,
        };
        digits[v as usize] = true;
    }
    if digits.iter().filter(|&&d| d).count() < 5 {
        return None;
    }
    let d = rustc_demangle::try_demangle(core).ok()?;
    Some(format!("{d:#}"))
}

/// A C++ symbol without parameters, return type, clone suffix or template arguments.
/// Characters after the mangled name are ignored, as pprof does in this mode. Special
/// names read as pprof's demangler writes them: thunks keep their target's parameters,
/// vtables and VTTs say so in words, blocks name the function they are in.
fn cpp(name: &str) -> Option<String> {
    if let Some((prefix, target)) = thunk(name) {
        let full = cpp_demangle::DemangleOptions::new().no_return_type();
        return Some(format!("{prefix}{}", cpp_text(&target, &full)?));
    }
    if let Some(rest) = name.strip_prefix("___Z") {
        // A clang block: ___Z<encoding>_block_invoke[_N][.suffix].
        let at = rest.rfind("_block_invoke")?;
        let tail = rest[at + "_block_invoke".len()..].trim_start_matches('_');
        let tail = tail.trim_start_matches(|c: char| c.is_ascii_digit());
        if !(tail.is_empty() || tail.starts_with('.')) {
            return None;
        }
        let inner = cpp(&format!("_Z{}", &rest[..at]))?;
        return Some(format!("invocation function for block in {inner}"));
    }
    let options = cpp_demangle::DemangleOptions::new()
        .no_params()
        .no_return_type();
    let text = cpp_text(name, &options)?;
    let text = text.strip_suffix(" const").unwrap_or(&text);
    for (form, words) in [("{vtable(", "vtable for "), ("{vtt(", "VTT for ")] {
        if let Some(inner) = text.strip_prefix(form).and_then(|t| t.strip_suffix(")}")) {
            return Some(format!("{words}{inner}"));
        }
    }
    Some(full_stream_constructor(text))
}

/// Demangles with `options`, without clone suffixes and template arguments.
fn cpp_text(name: &str, options: &cpp_demangle::DemangleOptions) -> Option<String> {
    let (sym, _tail) = cpp_demangle::BorrowedSymbol::with_tail(name.as_bytes()).ok()?;
    let text = sym.demangle_with_options(options).ok()?;
    let text = match text.find(" [clone") {
        Some(i) => &text[..i],
        None => &text,
    };
    Some(strip_template_args(text))
}

/// `_ZTh`, `_ZTv`, `_ZTc` thunks: the words pprof puts first and the target as a `_Z` symbol.
fn thunk(name: &str) -> Option<(&'static str, String)> {
    let rest = name.strip_prefix("_ZT")?;
    let (words, target) = match rest.as_bytes().first()? {
        b'h' => ("non-virtual thunk to ", call_offset(rest)?),
        b'v' => ("virtual thunk to ", call_offset(rest)?),
        b'c' => (
            "covariant return thunk to ",
            call_offset(call_offset(&rest[1..])?)?,
        ),
        _ => return None,
    };
    Some((words, format!("_Z{target}")))
}

/// Skips one call offset: `h` <number> `_` or `v` <number> `_` <number> `_`.
fn call_offset(s: &str) -> Option<&str> {
    let number = |s: &str| -> Option<usize> {
        let digits = s.strip_prefix('n').unwrap_or(s);
        let n = digits.bytes().take_while(u8::is_ascii_digit).count();
        (n > 0 && digits.as_bytes().get(n) == Some(&b'_')).then_some(s.len() - digits.len() + n + 1)
    };
    match s.as_bytes().first()? {
        b'h' => Some(&s[1 + number(&s[1..])?..]),
        b'v' => {
            let first = 1 + number(&s[1..])?;
            Some(&s[first + number(&s[first..])?..])
        }
        _ => None,
    }
}

/// Constructors of the abbreviated standard types (`Ss`, `Si`, `So`, `Sd`) are named by
/// their full template (`std::basic_string::basic_string`), as pprof's demangler does.
fn full_stream_constructor(text: &str) -> String {
    for t in ["string", "istream", "ostream", "iostream"] {
        if text == format!("std::{t}::{t}") {
            return format!("std::basic_{t}::basic_{t}");
        }
    }
    text.to_string()
}

/// Removes every balanced `<…>` group that is not part of an operator's name
/// (`operator<`, `operator<<=`, `operator->`, …).
fn strip_template_args(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if depth == 0 && rest.starts_with("operator") {
            let op_len = "operator".len()
                + rest["operator".len()..]
                    .bytes()
                    .take_while(|b| b"<>=-".contains(b))
                    .count();
            out.push_str(&rest[..op_len]);
            rest = &rest[op_len..];
            continue;
        }
        match c {
            '<' => depth += 1,
            '>' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// pprof's test for a name that was already demangled from C++.
fn looks_like_demangled_cpp(name: &str) -> bool {
    if name.contains(".<") || name.contains("]).") {
        return false;
    }
    name.contains(['<', '>', '[', ']']) || name.contains("::")
}

/// Removes the balanced `open … close` groups of `name`, outermost first. An unmatched
/// `close` stops the removal there (the rest is kept as it is); an unclosed group is kept.
fn remove_matching(name: &str, open: u8, close: u8) -> String {
    let bytes = name.as_bytes();
    let mut out = String::with_capacity(name.len());
    let mut depth = 0usize;
    let mut group_start = 0;
    let mut kept_from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == open {
            if depth == 0 {
                out.push_str(&name[kept_from..i]);
                group_start = i;
            }
            depth += 1;
        } else if b == close {
            if depth == 0 {
                out.push_str(&name[kept_from..]);
                return out;
            }
            depth -= 1;
            if depth == 0 {
                kept_from = i + 1;
            }
        }
    }
    out.push_str(&name[if depth > 0 { group_start } else { kept_from }..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_balanced_groups_like_pprof() {
        assert_eq!(remove_matching("a(b(c))d(e)f", b'(', b')'), "adf");
        assert_eq!(remove_matching("a(b)c)d(e)", b'(', b')'), "ac)d(e)");
        assert_eq!(remove_matching("a(b)c(d", b'(', b')'), "ac(d");
        assert_eq!(remove_matching("x<y<z>>::w", b'<', b'>'), "x::w");
    }

    #[test]
    fn go_generic_shapes_lose_method_signatures() {
        let n = "go-loser.New[go.shape.uint64,go.shape.interface { At() T; Seek(T) bool }]";
        assert_eq!(
            display_name(n),
            "go-loser.New[go.shape.uint64,go.shape.interface { At T; Seek bool }]"
        );
        // Go methods of generic types and Java's <init> are left alone.
        assert_eq!(
            display_name("main.(*Cache[...]).Put"),
            "main.(*Cache[...]).Put"
        );
        assert_eq!(display_name("Foo.<init>(int)"), "Foo.<init>(int)");
        assert_eq!(display_name("sync.(*Mutex).Lock"), "sync.(*Mutex).Lock");
    }

    #[test]
    fn demangles_cpp_and_rust() {
        assert_eq!(display_name("_ZN3foo3barEv"), "foo::bar");
        assert_eq!(display_name("_ZN3foo3barIiEEvT_"), "foo::bar");
        assert_eq!(display_name("_Z3addii.constprop.0"), "add");
        assert_eq!(
            display_name("_ZN4core3ptr13drop_in_place17h0123456789abcdefE"),
            "core::ptr::drop_in_place"
        );
        assert_eq!(display_name("_RNvCs1234_7mycrate3foo"), "mycrate::foo");
        assert_eq!(display_name("_ZERO"), "_ZERO");
        assert_eq!(
            display_name("std::vector<int>::push_back(int)"),
            "std::vector::push_back"
        );
    }
}
