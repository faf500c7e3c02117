//! Graph node identity at each granularity: pprof's NodeInfo, its printable name, and the
//! table mapping every location line to its node.

use std::collections::HashMap;
use std::fmt::Write;

use super::fast_hash::FastMap;
use super::granularity::Granularity;
use crate::profile::{Profile, gopath};

/// What identifies a node (pprof's graph.NodeInfo, after aggregation).
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NodeInfo {
    /// Function name ("" at file granularity).
    pub name: String,
    /// Mangled name (unused by these reports, kept for identity).
    pub orig_name: String,
    /// Instruction address (addresses granularity only).
    pub address: u64,
    /// Cleaned source file name ("" at function granularity).
    pub file: String,
    /// Function start line (only when the name is unknown).
    pub start_line: i64,
    /// Line number (lines and addresses granularity).
    pub lineno: i64,
    /// Object file (only when the name is unknown).
    pub objfile: String,
}

impl NodeInfo {
    /// pprof's PrintableName: address, name, then file:line, file, [objfile] or <unknown>.
    pub fn printable_name(&self) -> String {
        let mut parts: Vec<String> = Vec::with_capacity(3);
        if self.address != 0 {
            parts.push(format!("{:016x}", self.address));
        }
        if !self.name.is_empty() {
            parts.push(self.name.clone());
        }
        if self.lineno != 0 {
            parts.push(format!("{}:{}", self.file, self.lineno));
        } else if !self.file.is_empty() {
            parts.push(self.file.clone());
        } else if !self.name.is_empty() {
        } else if !self.objfile.is_empty() {
            parts.push(format!("[{}]", gopath::base(&self.objfile)));
        } else {
            parts.push("<unknown>".into());
        }
        parts.join(" ")
    }

    /// Go's `fmt.Sprint(info)`, pprof's last tie-breaker when sorting nodes.
    pub fn go_sprint(&self) -> String {
        let mut s = String::new();
        let _ = write!(
            s,
            "{{{} {} {} {} {} {} {}}}",
            self.name,
            self.orig_name,
            self.address,
            self.file,
            self.start_line,
            self.lineno,
            self.objfile
        );
        s
    }
}

/// pprof's trimPath: with no trim path configured, a source path's base name found in the
/// recorded path cuts everything up to it; then configured prefixes and /proc/self/cwd go.
pub fn trim_path(path: &str, trim: &str, search: &str) -> String {
    if trim.is_empty() {
        for dir in search.split(':').filter(|d| !d.is_empty()) {
            let want = format!("/{}/", gopath::base(dir));
            if let Some(found) = path.find(&want) {
                return path[found + want.len()..].to_string();
            }
        }
    }
    let mut prefixes: Vec<String> = trim
        .split(':')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect();
    prefixes.push("/proc/self/cwd/./".into());
    prefixes.push("/proc/self/cwd/".into());
    for mut p in prefixes {
        if !p.ends_with('/') {
            p.push('/');
        }
        if let Some(rest) = path.strip_prefix(p.as_str()) {
            return rest.to_string();
        }
    }
    path.to_string()
}

/// How a [`NodeTable`] names nodes: the granularity, how recorded source paths are
/// trimmed, and whether every node keeps its object file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeParams {
    /// The granularity.
    pub granularity: Granularity,
    /// pprof's -trim_path.
    pub trim: String,
    /// pprof's -source_path (its base names trim recorded paths too).
    pub search: String,
    /// Keep object file and start line on every node (pprof does for list and raw).
    pub obj_names: bool,
    /// File names as recorded (only cleaned): pprof's reports that make no graph
    /// (-traces) never trim them.
    pub raw_paths: bool,
}

/// Every node of a profile at one granularity, and which nodes each location's lines map to.
#[derive(Clone, Debug, Default)]
pub struct NodeTable {
    /// Node identities, indexed by node id.
    pub infos: Vec<NodeInfo>,
    /// Node ids of location `l`: `loc_nodes[loc_start[l]..loc_start[l+1]]`, innermost first.
    pub loc_nodes: Vec<u32>,
    /// Start of each location in `loc_nodes`, plus a final end.
    pub loc_start: Vec<u32>,
    /// The function node of each node (itself at function granularity).
    pub function_of: Vec<u32>,
    /// How the nodes were named.
    pub params: NodeParams,
}

impl NodeTable {
    /// The printable name of function `f` of a functions table (empty for an unknown id).
    pub fn func_name(&self, f: super::ids::FuncId) -> String {
        self.infos
            .get(f.index())
            .map(NodeInfo::printable_name)
            .unwrap_or_default()
    }

    /// Builds the table for `g`. `obj_names` keeps object file and start line on every
    /// node (pprof does so for list and raw reports).
    pub fn build(p: &Profile, g: Granularity, trim: &str, search: &str, obj_names: bool) -> Self {
        Self::build_with(
            p,
            NodeParams {
                granularity: g,
                trim: trim.to_string(),
                search: search.to_string(),
                obj_names,
                raw_paths: false,
            },
        )
    }

    /// Builds the table named by `params`.
    pub fn build_with(p: &Profile, params: NodeParams) -> Self {
        let mut t = Self {
            params,
            ..Self::default()
        };
        t.loc_start.push(0);
        t.add_locations(p, 0, &mut HashMap::new());
        t
    }

    /// Adds the nodes of `p`'s locations from `first` on (a profile that has more
    /// locations, or more functions, than the one the table was built for: a transformed
    /// one), keeping every id the table has; new nodes get new ids.
    pub fn extend(&mut self, p: &Profile, first: usize) {
        let mut index: HashMap<NodeInfo, u32> = self
            .infos
            .iter()
            .enumerate()
            .map(|(i, info)| (info.clone(), i as u32))
            .collect();
        self.add_locations(p, first, &mut index);
    }

    fn add_locations(&mut self, p: &Profile, first: usize, index: &mut HashMap<NodeInfo, u32>) {
        let (keep_fn, keep_file, keep_line, keep_addr) = match self.params.granularity {
            Granularity::Functions => (true, false, false, false),
            Granularity::FileFunctions => (true, true, false, false),
            Granularity::Files => (false, true, false, false),
            Granularity::Lines => (true, true, true, false),
            Granularity::Addresses => (true, true, true, true),
        };
        let params = &self.params;
        let files: Vec<String> = p
            .functions
            .iter()
            .map(|f| {
                if !keep_file || f.filename.is_empty() {
                    return String::new();
                }
                if params.raw_paths {
                    return gopath::clean(&f.filename);
                }
                let t = trim_path(&f.filename, &params.trim, &params.search);
                if t.is_empty() { t } else { gopath::clean(&t) }
            })
            .collect();
        let obj_names = params.obj_names;
        // A node is decided by (function, mapping, kept line, kept address): nodes already
        // made are found by these integers, without building and hashing their strings.
        let mut known: FastMap<(u32, u32, i64, u64), u32> = FastMap::default();
        for (li, loc) in p.locations.iter().enumerate().skip(first) {
            let objfile = || {
                loc.mapping
                    .map(|m| p.mappings[m as usize].file.clone())
                    .unwrap_or_default()
            };
            let mapping = loc.mapping.unwrap_or(u32::MAX);
            let address = if keep_addr { loc.address } else { 0 };
            let lines = p.location_lines(li as u32);
            if lines.is_empty() {
                let id = *known
                    .entry((u32::MAX, mapping, 0, address))
                    .or_insert_with(|| {
                        let info = NodeInfo {
                            address,
                            objfile: objfile(),
                            ..NodeInfo::default()
                        };
                        self.intern(index, info)
                    });
                self.loc_nodes.push(id);
            }
            for ln in lines {
                let lineno = if keep_line { ln.line } else { 0 };
                let key = (ln.function, mapping, lineno, address);
                let id = *known.entry(key).or_insert_with(|| {
                    let f = &p.functions[ln.function as usize];
                    let mut info = NodeInfo {
                        name: if keep_fn {
                            f.name.clone()
                        } else {
                            String::new()
                        },
                        address,
                        file: files[ln.function as usize].clone(),
                        lineno,
                        ..NodeInfo::default()
                    };
                    if obj_names || info.name.is_empty() {
                        info.objfile = objfile();
                        info.start_line = f.start_line;
                    }
                    self.intern(index, info)
                });
                self.loc_nodes.push(id);
            }
            self.loc_start.push(self.loc_nodes.len() as u32);
        }
    }

    fn intern(&mut self, index: &mut HashMap<NodeInfo, u32>, info: NodeInfo) -> u32 {
        if let Some(&id) = index.get(&info) {
            return id;
        }
        let id = self.infos.len() as u32;
        // pprof links each node to its function node (address and line cleared).
        let func_info = NodeInfo {
            address: 0,
            lineno: 0,
            ..info.clone()
        };
        index.insert(info.clone(), id);
        self.infos.push(info);
        self.function_of.push(id);
        if func_info != self.infos[id as usize] {
            let f = self.intern(index, func_info);
            self.function_of[id as usize] = f;
        }
        id
    }

    /// Nodes that appear as an inlined frame (not the outermost line) in some location:
    /// the only nodes an edge can mark "(inline)".
    pub fn inline_targets(&self) -> Vec<bool> {
        let mut t = vec![false; self.infos.len()];
        for w in self.loc_start.windows(2) {
            let nodes = &self.loc_nodes[w[0] as usize..w[1] as usize];
            for &n in nodes.iter().take(nodes.len().saturating_sub(1)) {
                t[n as usize] = true;
            }
        }
        t
    }

    /// Node ids of location `loc`, innermost inlined frame first.
    pub fn nodes_of(&self, loc: u32) -> &[u32] {
        &self.loc_nodes
            [self.loc_start[loc as usize] as usize..self.loc_start[loc as usize + 1] as usize]
    }
}
