//! The tlr toy register machine of goal/toy.rpy written directly in Rust:
//! the same opcodes and SQUARE program, a `match` loop over a `Vec<i64>`
//! bytecode and 256 registers. `toy-hand N` prints N*N computed by
//! interpretation — the speed a hand-written interpreter reaches.

const JUMP_IF_A: i64 = 1;
const MOV_A_R: i64 = 2;
const MOV_R_A: i64 = 3;
const ADD_R_TO_A: i64 = 4;
const DECR_A: i64 = 5;
const RETURN_A: i64 = 6;

/// Computes a * a: r0 = counter, r1 = a, r2 = accumulator.
#[rustfmt::skip]
const SQUARE: [i64; 22] = [
    MOV_A_R, 0,     // 0: r0 = a (counter)
    MOV_A_R, 1,     // 2: r1 = a
    // loop head (index 4):
    MOV_R_A, 0,     // 4: a = r0
    DECR_A,         // 6: a -= 1
    MOV_A_R, 0,     // 7: r0 = a
    MOV_R_A, 2,     // 9: a = r2
    ADD_R_TO_A, 1,  // 11: a += r1
    MOV_A_R, 2,     // 13: r2 = a
    MOV_R_A, 0,     // 15: a = r0
    JUMP_IF_A, 4,   // 17: if a != 0: goto 4
    MOV_R_A, 2,     // 19: a = r2
    RETURN_A,       // 21: return a
];

fn interpret(bytecode: &[i64], mut a: i64) -> i64 {
    let mut regs = vec![0i64; 256];
    let mut pc = 0usize;
    loop {
        let opcode = bytecode[pc];
        pc += 1;
        match opcode {
            JUMP_IF_A => {
                let target = bytecode[pc];
                pc += 1;
                if a != 0 {
                    pc = target as usize;
                }
            }
            MOV_A_R => {
                let n = bytecode[pc] as usize;
                pc += 1;
                regs[n] = a;
            }
            MOV_R_A => {
                let n = bytecode[pc] as usize;
                pc += 1;
                a = regs[n];
            }
            ADD_R_TO_A => {
                let n = bytecode[pc] as usize;
                pc += 1;
                a = a.wrapping_add(regs[n]);
            }
            DECR_A => a = a.wrapping_sub(1),
            RETURN_A => return a,
            _ => panic!("bad opcode {opcode} at {}", pc - 1),
        }
    }
}

fn main() {
    let n: i64 = match std::env::args().nth(1).map(|s| s.trim().parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: toy-hand N");
            std::process::exit(2);
        }
    };
    // a run-time vector, as the translated interpreter sees its bytecode
    let bytecode: Vec<i64> = std::hint::black_box(SQUARE.to_vec());
    println!("{}", interpret(&bytecode, n));
}
