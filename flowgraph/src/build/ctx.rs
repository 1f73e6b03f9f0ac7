//! Control contexts of the builder: loops (break/continue targets),
//! try/except (where exceptions go) and try/finally (which intercepts every
//! way out of its body to run the finally code first).

use super::Pending;

/// A way out of a `try ... finally` body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ExitKind {
    Raise,
    Return,
    Break,
    Continue,
}

pub(crate) enum Ctx {
    Loop {
        breaks: Vec<Pending>,
        continues: Vec<Pending>,
    },
    /// The body of a `try` with `except` clauses: exceptions go to the
    /// handlers; `exc` is the hidden local that carries the exception.
    Except { exc: String, raises: Vec<Pending> },
    /// The body (and handlers) of a `try` with `finally`.
    Finally {
        exc: String,
        exits: Vec<(ExitKind, Pending)>,
    },
}

impl Ctx {
    pub fn catches(&self) -> bool {
        matches!(self, Ctx::Except { .. } | Ctx::Finally { .. })
    }

    /// The hidden local that carries a raised exception into this context.
    pub fn exc_name(&self) -> &str {
        match self {
            Ctx::Except { exc, .. } | Ctx::Finally { exc, .. } => exc,
            Ctx::Loop { .. } => "$exc",
        }
    }

    pub fn push_exit(&mut self, kind: ExitKind, ps: Vec<Pending>) {
        match self {
            Ctx::Loop { breaks, continues } => match kind {
                ExitKind::Break => breaks.extend(ps),
                ExitKind::Continue => continues.extend(ps),
                _ => unreachable!("loops take only break and continue"),
            },
            Ctx::Except { raises, .. } => {
                debug_assert_eq!(kind, ExitKind::Raise);
                raises.extend(ps)
            }
            Ctx::Finally { exits, .. } => exits.extend(ps.into_iter().map(|p| (kind, p))),
        }
    }
}
