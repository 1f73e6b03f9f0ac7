//! The checks of the JIT hints that need the jitcode: every variable
//! live at a `jit_merge_point` is a green or a red.

use super::*;

/// Every variable live at a `jit_merge_point` is one of its greens or
/// reds (the user's error otherwise, named with the variable).
pub(super) fn check_merge_points(c: &Code, live: &[Vec<Reg>]) -> Result<(), Diagnostic> {
    let g = c.g;
    for &(at, span) in &c.merge_points {
        let Insn::MergePoint(args) = &c.insns[at] else {
            continue;
        };
        let declared: Vec<Reg> = args
            .iter()
            .filter_map(|a| match a {
                Src::Reg(r) => Some(*r),
                _ => None,
            })
            .collect();
        if let Some(r) = live[at].iter().find(|r| !declared.contains(r)) {
            let name = c
                .regs
                .iter()
                .position(|x| *x == Some(*r))
                .and_then(|v| g.vars[v].name.clone())
                .unwrap_or_else(|| "a value".into());
            return Err(Diagnostic::error(
                    span,
                    format!("'{name}' is live at jit_merge_point but is neither a green nor a red"),
                )
                .with_label("the loop goes on using it")
                .with_note("every variable the loop reads after the merge point must be listed in the JitDriver's greens or reds"));
        }
    }
    Ok(())
}
