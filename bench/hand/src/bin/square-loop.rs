//! The ideal SQUARE: `square-loop N` adds N to an accumulator N times,
//! the accumulator in a register (`black_box` on the addend keeps rustc
//! from turning the loop into a multiplication) — the floor a JIT can
//! approach on the toy benchmark.

fn main() {
    let n: i64 = match std::env::args().nth(1).map(|s| s.trim().parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("usage: square-loop N");
            std::process::exit(2);
        }
    };
    let mut acc: i64 = 0;
    let mut i = n;
    while i > 0 {
        acc = acc.wrapping_add(std::hint::black_box(n));
        i -= 1;
    }
    println!("{acc}");
}
