//! The program as the JIT sees it at run time: the decoded jitcodes, plus
//! the numbers only the compiled target knows (field offsets, instance
//! sizes, call wrapper addresses, constant addresses), turned into descrs.

use crate::ir::{Descr, DescrId, Descrs, Kind};
use crate::jitcode::{JitCodes, Reg};
use crate::mem::JitFn;

/// The printable location of a green key (a driver's
/// `get_printable_location`).
pub type LocationFn = fn(&[u64]) -> String;

/// What a `-jit` target hands the JIT at start-up (index for index with
/// the codewriter's tables).
pub struct Target {
    /// The encoded jitcodes.
    pub jitcodes: &'static [u8],
    /// Per call descr: the wrapper running the op natively.
    pub calls: Vec<JitFn>,
    /// Per field descr: its offset (for array items: the offset of item 0).
    pub field_offsets: Vec<i64>,
    /// Per size descr: (size, type id, vtable address, vtable offset).
    pub sizes: Vec<(u64, u32, u64, i64)>,
    /// Per `Src::Addr`: the address (read after prebuilt objects exist).
    pub addrs: Vec<u64>,
    /// Per driver: the printable location of a green key, if the driver
    /// has `get_printable_location`.
    pub locations: Vec<Option<LocationFn>>,
}

#[derive(Default)]
pub struct Program {
    pub codes: JitCodes,
    pub descrs: Descrs,
    pub field_descr: Vec<DescrId>,
    pub size_descr: Vec<DescrId>,
    pub call_descr: Vec<DescrId>,
    pub addrs: Vec<u64>,
    pub locations: Vec<Option<LocationFn>>,
    /// Function address → (its jitcode, whether it may re-enter the
    /// portal): what an indirect call may inline.
    pub funcs: std::collections::HashMap<u64, (u32, bool)>,
}

impl Program {
    pub fn new(t: Target) -> Program {
        let codes = JitCodes::decode(t.jitcodes);
        let mut descrs = Descrs::default();
        let field_descr = codes
            .fields
            .iter()
            .zip(&t.field_offsets)
            .map(|(f, &off)| {
                descrs.add(if f.array {
                    Descr::Array {
                        name: f.name.clone(),
                        base: off as i32,
                        item_size: f.size,
                        kind: f.kind,
                        immutable: f.immutable,
                    }
                } else {
                    Descr::Field {
                        name: f.name.clone(),
                        offset: off as i32,
                        size: f.size,
                        kind: f.kind,
                        immutable: f.immutable,
                    }
                })
            })
            .collect();
        let size_descr = codes
            .sizes
            .iter()
            .zip(&t.sizes)
            .map(|(s, &(size, tid, vtable, vt_off))| {
                descrs.add(Descr::Size {
                    name: s.name.clone(),
                    size: size as u32,
                    tid,
                    vtable,
                    vtable_offset: vt_off as i32,
                })
            })
            .collect();
        let call_descr = codes
            .calls
            .iter()
            .zip(&t.calls)
            .map(|(c, f)| {
                descrs.add(Descr::Call {
                    name: c.name.clone(),
                    func: *f as usize as u64,
                    args: c.args.clone(),
                    result: c.result,
                    effect: c.effect,
                    can_raise: c.can_raise,
                })
            })
            .collect();
        let funcs = codes
            .funcs
            .iter()
            .map(|&(addr, code, reenters)| (t.addrs[addr as usize], (code, reenters)))
            .collect();
        Program {
            funcs,
            codes,
            descrs,
            field_descr,
            size_descr,
            call_descr,
            addrs: t.addrs,
            locations: t.locations,
        }
    }

    pub fn reg_kind(&self, code: u32, r: Reg) -> Kind {
        self.codes.codes[code as usize].kinds[r as usize]
    }

    /// The text of a green key for logs.
    pub fn location(&self, driver: usize, greens: &[u64]) -> String {
        match self.locations.get(driver).copied().flatten() {
            Some(f) => f(greens),
            None => {
                // refs (a bytecode list, say) by kind only: addresses change from run to run
                let kinds = &self.codes.drivers[driver].greens;
                let g: Vec<String> = greens
                    .iter()
                    .zip(kinds)
                    .map(|(x, k)| match k {
                        Kind::Ref => "ptr".to_string(),
                        Kind::Float => f64::from_bits(*x).to_string(),
                        Kind::Int => (*x as i64).to_string(),
                    })
                    .collect();
                format!("{} {}", self.codes.drivers[driver].name, g.join(", "))
            }
        }
    }
}
