//! testdata/profiles/synthetic/names.pb: one sample per function name that pprof's default
//! demangling changes or keeps (mangled C++ and Rust symbols, names that look demangled,
//! Go generics, Java), as profile.proto. Written by `cargo run --example gen_names_profile`;
//! `tests/other_producers.rs` checks the committed file still matches.

#![allow(dead_code)]

use memprof_tui::profile::wire;
use prost::Message;

/// `(name, system_name)` of each function; most set both to the same symbol, as Go and
/// unsymbolized native profiles do.
pub const NAMES: &[(&str, &str)] = &[
    ("_ZN3foo3barEv", "_ZN3foo3barEv"),
    ("_ZN3foo3barIiEEvT_", "_ZN3foo3barIiEEvT_"),
    ("_Z3addii.constprop.0", "_Z3addii.constprop.0"),
    (
        "_ZNSt6vectorIiSaIiEE9push_backERKi",
        "_ZNSt6vectorIiSaIiEE9push_backERKi",
    ),
    (
        "_ZN12_GLOBAL__N_14impl3runEv",
        "_ZN12_GLOBAL__N_14impl3runEv",
    ),
    ("_ZNK3Foo3getEv", "_ZNK3Foo3getEv"),
    ("_ZN3FooC2Ev", "_ZN3FooC2Ev"),
    ("_ZN3FooD0Ev", "_ZN3FooD0Ev"),
    ("_ZN3FoolsERKS_", "_ZN3FoolsERKS_"),
    ("_ZN3FooltERKS_", "_ZN3FooltERKS_"),
    ("_Z3maxIiET_S0_S0_", "_Z3maxIiET_S0_S0_"),
    (
        "_ZSt4endlIcSt11char_traitsIcEERSt13basic_ostreamIT_T0_ES6_",
        "_ZSt4endlIcSt11char_traitsIcEERSt13basic_ostreamIT_T0_ES6_",
    ),
    ("_ZNKSt8functionIFvvEEclEv", "_ZNKSt8functionIFvvEEclEv"),
    (
        "_ZN5boost6detail17sp_counted_impl_pIN3foo3BarEE7disposeEv",
        "_ZN5boost6detail17sp_counted_impl_pIN3foo3BarEE7disposeEv",
    ),
    (
        "_ZN4core3ptr13drop_in_place17h0123456789abcdefE",
        "_ZN4core3ptr13drop_in_place17h0123456789abcdefE",
    ),
    (
        "_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h9f8e7d6c5b4a3921E",
        "_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h9f8e7d6c5b4a3921E",
    ),
    ("_RNvCs1234_7mycrate3foo", "_RNvCs1234_7mycrate3foo"),
    (
        "_RNvMsr_NtCs3ssYzQotkvD_3std4pathNtB5_7PathBuf3new",
        "_RNvMsr_NtCs3ssYzQotkvD_3std4pathNtB5_7PathBuf3new",
    ),
    (
        "_RINvNtC3std3mem8align_ofjEC3foo",
        "_RINvNtC3std3mem8align_ofjEC3foo",
    ),
    ("_ZERO", "_ZERO"),
    (
        "std::vector<int>::push_back(int const&)",
        "std::vector<int>::push_back(int const&)",
    ),
    ("Foo.<init>(int)", "Foo.<init>(int)"),
    (
        "go-loser.New[go.shape.uint64,go.shape.interface { At() int; Seek(int) bool }]",
        "go-loser.New[go.shape.uint64,go.shape.interface { At() int; Seek(int) bool }]",
    ),
    ("main.(*Cache[...]).Put", "main.(*Cache[...]).Put"),
    ("", "_ZN3foo3bazEv"),
    ("pretty::qux", "_ZN3foo3quxEv"),
    ("ns::a(b)c)d(e)", "ns::a(b)c)d(e)"),
    ("ns::f<int>(x<y)", "ns::f<int>(x<y)"),
    ("ns::g(unclosed", "ns::g(unclosed"),
    ("[kernel.kallsyms]", "[kernel.kallsyms]"),
    (
        "_ZN9__gnu_cxx13new_allocatorIcE8allocateEmPKv",
        "_ZN9__gnu_cxx13new_allocatorIcE8allocateEmPKv",
    ),
    ("_ZNSsC1ERKSs", "_ZNSsC1ERKSs"),
    (
        "_ZNSt3__112basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEC1Ev",
        "_ZNSt3__112basic_stringIcNS_11char_traitsIcEENS_9allocatorIcEEEC1Ev",
    ),
    ("_ZZ4mainENKUlvE_clEv", "_ZZ4mainENKUlvE_clEv"),
    ("_ZN3foo4coldEv.cold", "_ZN3foo4coldEv.cold"),
    ("_ZThn8_N3Foo3bazEv", "_ZThn8_N3Foo3bazEv"),
    ("_ZTv0_n24_N3Foo3bazEv", "_ZTv0_n24_N3Foo3bazEv"),
    ("_ZN3FooclEv", "_ZN3FooclEv"),
    ("_ZN3FoocvbEv", "_ZN3FoocvbEv"),
    ("_ZN3FooixEi", "_ZN3FooixEi"),
    ("_ZN3FooptEv", "_ZN3FooptEv"),
    ("_ZN3FoossERKS_", "_ZN3FoossERKS_"),
    ("_ZN3FoolSERKS_", "_ZN3FoolSERKS_"),
    ("_ZN3FooneERKS_", "_ZN3FooneERKS_"),
    (
        "_ZSt4moveIRiEONSt16remove_referenceIT_E4typeEOS2_",
        "_ZSt4moveIRiEONSt16remove_referenceIT_E4typeEOS2_",
    ),
    ("_ZN2ns1AIiE1fIcEEvT_", "_ZN2ns1AIiE1fIcEEvT_"),
    ("_GLOBAL__sub_I_main.cc", "_GLOBAL__sub_I_main.cc"),
    ("___Z3foov_block_invoke", "___Z3foov_block_invoke"),
    (
        "_ZN3foo3BarIXadL_Z3quxvEEE3runEv",
        "_ZN3foo3BarIXadL_Z3quxvEEE3runEv",
    ),
    (
        "_ZNK3foo3BarIiE3getILi3EEEiv",
        "_ZNK3foo3BarIiE3getILi3EEEiv",
    ),
    ("_ZNSiD0Ev", "_ZNSiD0Ev"),
    ("_ZNSoC1Ev", "_ZNSoC1Ev"),
    ("_ZNSs6appendEPKc", "_ZNSs6appendEPKc"),
    ("_ZNSdD1Ev", "_ZNSdD1Ev"),
    ("_ZThn8_N3Foo3bazEi", "_ZThn8_N3Foo3bazEi"),
    ("_ZTcv0_n12_v0_n16_N1B1fEv", "_ZTcv0_n12_v0_n16_N1B1fEv"),
    ("_ZTV3Foo", "_ZTV3Foo"),
    ("_ZTI3Foo", "_ZTI3Foo"),
    ("_ZTS3Foo", "_ZTS3Foo"),
    ("_ZGVZ3foovE1x", "_ZGVZ3foovE1x"),
    ("_ZTT3Foo", "_ZTT3Foo"),
    ("_ZZ4mainENUlvE_clEv", "_ZZ4mainENUlvE_clEv"),
    (
        "_ZNKSt6vectorIiSaIiEE4sizeEv",
        "_ZNKSt6vectorIiSaIiEE4sizeEv",
    ),
    ("_ZN3foo3barB5cxx11Ev", "_ZN3foo3barB5cxx11Ev"),
    ("_ZN3FooC1IiEET_", "_ZN3FooC1IiEET_"),
    ("_ZNSaIcED2Ev", "_ZNSaIcED2Ev"),
    (
        "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE7reserveEm",
        "_ZNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEE7reserveEm",
    ),
    ("_ZZN3foo3barEvE1x", "_ZZN3foo3barEvE1x"),
    ("_ZL5localv", "_ZL5localv"),
    ("_ZN3foo3barEv.part.0.isra.0", "_ZN3foo3barEv.part.0.isra.0"),
    ("", ""),
];

/// The profile's bytes (raw profile.proto).
pub fn bytes() -> Vec<u8> {
    let mut strings: Vec<Vec<u8>> = vec![Vec::new()];
    let mut s = |text: &str| -> i64 {
        let b = text.as_bytes().to_vec();
        if let Some(i) = strings.iter().position(|x| *x == b) {
            return i as i64;
        }
        strings.push(b);
        strings.len() as i64 - 1
    };
    let sample_type = vec![wire::ValueType {
        r#type: s("samples"),
        unit: s("count"),
    }];
    let file = s("names.cc");
    let mut function = Vec::new();
    let mut location = Vec::new();
    let mut sample = Vec::new();
    for (i, &(name, system)) in NAMES.iter().enumerate() {
        let id = i as u64 + 1;
        function.push(wire::Function {
            id,
            name: s(name),
            system_name: s(system),
            filename: file,
            start_line: 10 * id as i64,
        });
        location.push(wire::Location {
            id,
            mapping_id: 1,
            address: 0x1000 + 16 * id,
            line: vec![wire::Line {
                function_id: id,
                line: 10 * id as i64 + 1,
                column: 0,
            }],
            is_folded: false,
        });
        // Distinct values: the table's order does not depend on ties.
        sample.push(wire::Sample {
            location_id: vec![id],
            value: vec![1000 - 7 * i as i64],
            label: Vec::new(),
        });
    }
    let mapping = vec![wire::Mapping {
        id: 1,
        memory_start: 0x1000,
        memory_limit: 0x9000,
        file_offset: 0,
        filename: s("/opt/names/bin"),
        build_id: 0,
        has_functions: true,
        has_filenames: true,
        has_line_numbers: true,
        has_inline_frames: false,
    }];
    let period_type = Some(wire::ValueType {
        r#type: s("samples"),
        unit: s("count"),
    });
    let p = wire::Profile {
        sample_type,
        sample,
        mapping,
        location,
        function,
        string_table: strings,
        period_type,
        period: 1,
        ..Default::default()
    };
    p.encode_to_vec()
}
