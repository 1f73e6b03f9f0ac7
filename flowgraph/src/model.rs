//! The flow graph model (after PyPy's flow model): blocks with input
//! arguments, ops in SSA form, and links carrying values between blocks,
//! stored in a petgraph `StableDiGraph` behind typed ids.

use crate::ops::OpKind;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use petgraph::Direction;
use rpy_front::program::{ClassId, ConstValue, FuncId};
use rpy_front::Span;

/// A variable of one graph: defined once, as a block input argument, an
/// op result, or a link's caught exception.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarId(pub u32);

impl VarId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A block of one graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockId(pub NodeIndex);

/// A link (control-flow edge) of one graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkId(pub EdgeIndex);

/// An operand: a variable or a translation-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Var(VarId),
    Const(ConstValue),
}

impl Value {
    pub fn as_var(&self) -> Option<VarId> {
        match self {
            Value::Var(v) => Some(*v),
            Value::Const(_) => None,
        }
    }
    pub fn as_const(&self) -> Option<&ConstValue> {
        match self {
            Value::Const(c) => Some(c),
            Value::Var(_) => None,
        }
    }
}

impl From<VarId> for Value {
    fn from(v: VarId) -> Value {
        Value::Var(v)
    }
}

impl From<ConstValue> for Value {
    fn from(c: ConstValue) -> Value {
        Value::Const(c)
    }
}

/// One operation: `result = kind(args…)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Op {
    pub kind: OpKind,
    pub args: Vec<Value>,
    pub result: VarId,
    pub span: Span,
}

/// How a block chooses among its exits.
#[derive(Clone, Debug, PartialEq)]
pub enum ExitSwitch {
    /// Zero exits (return/except blocks) or exactly one unconditional exit.
    None,
    /// Exits chosen by comparing this value with each link's `ExitCase`
    /// (`Bool` cases for an if, `Int`/`Str` cases plus `Default` for a switch).
    Value(Value),
    /// The block's last op can raise: exit 0 is the normal path, the others
    /// are `ExitCase::Exception` links tried in order.
    LastException,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExitCase {
    /// The only exit of an `ExitSwitch::None` block, or the normal exit of
    /// a `LastException` block.
    Always,
    /// Taken when the switch value equals this constant.
    Const(ConstValue),
    /// Taken when no `Const` case matched.
    Default,
    /// Taken when the last op raised an instance of this class (or a subclass).
    Exception(ClassId),
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Block {
    pub inputargs: Vec<VarId>,
    pub ops: Vec<Op>,
    pub exitswitch: Option<ExitSwitch>,
    /// The exits in order (the petgraph edges, kept ordered here).
    pub exits: Vec<LinkId>,
}

impl Block {
    pub fn switch(&self) -> &ExitSwitch {
        self.exitswitch.as_ref().unwrap_or(&ExitSwitch::None)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// One value per input argument of the target block.
    pub args: Vec<Value>,
    pub exitcase: ExitCase,
    /// On an `Exception` link: the variable holding the caught exception,
    /// usable in `args`.
    pub last_exc_value: Option<VarId>,
    /// The statement that makes this jump (where values passed on it come from).
    pub span: Span,
}

/// Debug information about a variable.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct VarData {
    /// The source-level name it holds, when it holds one.
    pub name: Option<String>,
}

/// The flow graph of one function.
#[derive(Clone, Debug)]
pub struct FunctionGraph {
    pub name: String,
    pub func: FuncId,
    pub startblock: BlockId,
    /// One input argument: the returned value; no ops, no exits.
    pub returnblock: BlockId,
    /// One input argument: the exception instance; no ops, no exits.
    pub exceptblock: BlockId,
    pub graph: StableDiGraph<Block, Link>,
    pub vars: Vec<VarData>,
    pub span: Span,
}

impl FunctionGraph {
    /// A graph with an empty start block taking `nparams` arguments.
    pub fn new(name: impl Into<String>, func: FuncId, param_names: &[String], span: Span) -> Self {
        let mut g = FunctionGraph {
            name: name.into(),
            func,
            startblock: BlockId(NodeIndex::new(0)),
            returnblock: BlockId(NodeIndex::new(0)),
            exceptblock: BlockId(NodeIndex::new(0)),
            graph: StableDiGraph::new(),
            vars: Vec::new(),
            span,
        };
        let params: Vec<VarId> = param_names.iter().map(|n| g.new_var(Some(n))).collect();
        g.startblock = g.add_block(params);
        let rv = g.new_var(None);
        g.returnblock = g.add_block(vec![rv]);
        let ev = g.new_var(None);
        g.exceptblock = g.add_block(vec![ev]);
        g
    }

    pub fn new_var(&mut self, name: Option<&str>) -> VarId {
        self.vars.push(VarData {
            name: name.map(str::to_string),
        });
        VarId(self.vars.len() as u32 - 1)
    }

    pub fn add_block(&mut self, inputargs: Vec<VarId>) -> BlockId {
        BlockId(self.graph.add_node(Block {
            inputargs,
            ..Block::default()
        }))
    }

    pub fn block(&self, b: BlockId) -> &Block {
        &self.graph[b.0]
    }

    pub fn block_mut(&mut self, b: BlockId) -> &mut Block {
        &mut self.graph[b.0]
    }

    pub fn link(&self, l: LinkId) -> &Link {
        &self.graph[l.0]
    }

    pub fn link_mut(&mut self, l: LinkId) -> &mut Link {
        &mut self.graph[l.0]
    }

    /// The target block of a link.
    pub fn link_target(&self, l: LinkId) -> BlockId {
        BlockId(self.graph.edge_endpoints(l.0).expect("dangling link").1)
    }

    /// The source block of a link.
    pub fn link_source(&self, l: LinkId) -> BlockId {
        BlockId(self.graph.edge_endpoints(l.0).expect("dangling link").0)
    }

    /// Append an exit from `from` to `to` (exits keep their order).
    pub fn add_link(&mut self, from: BlockId, to: BlockId, link: Link) -> LinkId {
        let id = LinkId(self.graph.add_edge(from.0, to.0, link));
        self.graph[from.0].exits.push(id);
        id
    }

    /// Remove a link from the graph and from its source's exit list.
    pub fn remove_link(&mut self, l: LinkId) {
        let from = self.link_source(l);
        self.graph[from.0].exits.retain(|&e| e != l);
        self.graph.remove_edge(l.0);
    }

    /// Point an existing link at another block (keeps its place in the
    /// source's exit list).
    pub fn retarget_link(&mut self, l: LinkId, to: BlockId) -> LinkId {
        let from = self.link_source(l);
        let data = self.graph.remove_edge(l.0).expect("dangling link");
        let new = LinkId(self.graph.add_edge(from.0, to.0, data));
        for e in &mut self.graph[from.0].exits {
            if *e == l {
                *e = new;
            }
        }
        new
    }

    pub fn remove_block(&mut self, b: BlockId) {
        let incoming: Vec<LinkId> = self
            .graph
            .edges_directed(b.0, Direction::Incoming)
            .map(|e| LinkId(e.id()))
            .collect();
        for l in incoming {
            self.remove_link(l);
        }
        self.graph.remove_node(b.0);
    }

    /// Links entering `b`.
    pub fn incoming(&self, b: BlockId) -> Vec<LinkId> {
        let mut v: Vec<LinkId> = self
            .graph
            .edges_directed(b.0, Direction::Incoming)
            .map(|e| LinkId(e.id()))
            .collect();
        v.sort();
        v
    }

    /// Blocks reachable from the start block, in depth-first preorder
    /// following exits in order: the stable order used by the printer.
    pub fn blocks_in_order(&self) -> Vec<BlockId> {
        let mut seen = std::collections::HashSet::new();
        let mut order = Vec::new();
        let mut stack = vec![self.startblock];
        while let Some(b) = stack.pop() {
            if !seen.insert(b) {
                continue;
            }
            order.push(b);
            for &l in self.block(b).exits.iter().rev() {
                let t = self.link_target(l);
                if !seen.contains(&t) {
                    stack.push(t);
                }
            }
        }
        order
    }

    /// All block ids, reachable or not.
    pub fn all_blocks(&self) -> Vec<BlockId> {
        self.graph.node_indices().map(BlockId).collect()
    }
}
