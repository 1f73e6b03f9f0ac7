//! The toy interpreter (goal/toy.rpy) written the way generated code uses
//! the runtime: lists through the helpers, every op that can raise
//! followed by its exception branch (`_r` ops: a `match` on the result;
//! other helpers: `rpy_exc_occurred()`), `rpy_main` as the entry. Measures
//! what the helpers cost over bench/hand's `toy-hand`:
//! `cargo run --release -p rpy-runtime --example toy_rt -- 100000000`.

use rpy_runtime::*;

const SQUARE: [i64; 22] = [
    2, 0, 2, 1, 3, 0, 5, 2, 0, 3, 2, 4, 1, 2, 2, 3, 0, 1, 4, 3, 2, 6,
];

fn interpret(bytecode: *mut RList<i64>, mut a: i64) -> i64 {
    // SAFETY: every list here is live; indices are checked by the helpers.
    unsafe {
        let regs = rpy_list_repeat(rpy_newlist_from(&[0i64]), 256);
        let mut pc = 0;
        loop {
            let Ok(opcode) = rpy_list_getitem_r(bytecode, pc) else {
                return 0;
            };
            pc += 1;
            match opcode {
                1 => {
                    let Ok(target) = rpy_list_getitem_r(bytecode, pc) else {
                        return 0;
                    };
                    pc += 1;
                    if a != 0 {
                        pc = target;
                    }
                }
                2 => {
                    let Ok(n) = rpy_list_getitem_r(bytecode, pc) else {
                        return 0;
                    };
                    pc += 1;
                    if rpy_list_setitem_r(regs, n, a).is_err() {
                        return 0;
                    }
                }
                3 => {
                    let Ok(n) = rpy_list_getitem_r(bytecode, pc) else {
                        return 0;
                    };
                    pc += 1;
                    let Ok(r) = rpy_list_getitem_r(regs, n) else {
                        return 0;
                    };
                    a = r;
                }
                4 => {
                    let Ok(n) = rpy_list_getitem_r(bytecode, pc) else {
                        return 0;
                    };
                    pc += 1;
                    let Ok(r) = rpy_list_getitem_r(regs, n) else {
                        return 0;
                    };
                    a = a.wrapping_add(r);
                }
                5 => a -= 1,
                6 => return a,
                _ => {}
            }
        }
    }
}

fn entry_point(argv: *mut RList<*mut RStr>) -> i64 {
    // SAFETY: argv is a live list of live strings.
    unsafe {
        let Ok(arg) = rpy_list_getitem_r(argv, 1) else {
            return 0;
        };
        let n = rpy_str_to_int(arg);
        if rpy_exc_occurred() {
            return 0;
        }
        let bytecode = rpy_newlist_from(&SQUARE);
        let r = interpret(bytecode, n);
        if rpy_exc_occurred() {
            return 0;
        }
        rpy_print_int(r);
        rpy_print_char(b'\n');
    }
    0
}

fn main() {
    rpy_main(entry_point)
}
