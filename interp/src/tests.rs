//! End-to-end tests of the interpreter on small programs (parsed, built
//! and simplified as `translate --interp` does).

use super::{run_captured, Captured};
use rpy_front::SourceFile;

fn run(body: &str, args: &[&str]) -> Captured {
    let body = body.to_string();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    std::thread::Builder::new()
        .stack_size(super::STACK_SIZE)
        .spawn(move || run_here(&body, &args))
        .expect("spawn")
        .join()
        .expect("interpreter thread")
}

fn run_here(body: &str, args: &[String]) -> Captured {
    let src = format!(
        "{}\n\ndef target(*args):\n    return entry_point, None\n",
        body
    );
    let file = SourceFile::new("test.rpy", src);
    let module = rpy_front::parse_module(&file).expect("parse");
    let program = rpy_front::load::load(file.clone(), &module, &[]).expect("load");
    let mut fp = flowgraph::build::build_program(program).expect("build");
    flowgraph::simplify::simplify_program(&mut fp);
    let mut argv = vec!["test.rpy".to_string()];
    argv.extend(args.iter().cloned());
    run_captured(&fp, argv)
}

fn stdout(body: &str, args: &[&str]) -> String {
    let c = run(body, args);
    assert_eq!(c.uncaught, None, "unexpected exception");
    String::from_utf8_lossy(&c.stdout).into_owned()
}

#[test]
fn parallel_moves_swap_values() {
    let out = stdout(
        "def entry_point(argv):
    a, b = 0, 1
    i = 0
    while i < 10:
        a, b = b, a + b
        i += 1
    x, y, z = 1, 2, 3
    j = 0
    while j < 4:
        x, y, z = z, x, y
        j += 1
    print(a, b, x, y, z)
    return 0",
        &[],
    );
    assert_eq!(out, "55 89 3 1 2\n");
}

#[test]
fn exceptions_are_caught_by_class() {
    let out = stdout(
        "class MyError(Exception):
    def __init__(self, code):
        self.code = code

def f(n):
    if n == 0:
        raise MyError(42)
    if n == 1:
        return {'a': 1}['b']
    return [1][n]

def entry_point(argv):
    for i in range(3):
        try:
            f(i)
        except MyError as e:
            print('my', e.code, str(e))
        except KeyError as e:
            print('key', str(e))
        except IndexError as e:
            print('index', str(e))
    return 0",
        &[],
    );
    assert_eq!(out, "my 42 42\nkey 'b'\nindex list index out of range\n");
}

#[test]
fn uncaught_exception_exits_with_1() {
    let c = run(
        "def entry_point(argv):
    print('before')
    return int(argv[1]) // 0",
        &["7"],
    );
    assert_eq!(c.status, 1);
    assert_eq!(String::from_utf8_lossy(&c.stdout), "before\n");
    assert_eq!(
        c.uncaught.as_deref(),
        Some("ZeroDivisionError: integer division or modulo by zero")
    );
}

#[test]
fn deep_recursion_raises_runtime_error() {
    let out = stdout(
        "def down(n):
    return down(n + 1)

def entry_point(argv):
    try:
        down(0)
    except RuntimeError as e:
        print(str(e))
    return 0",
        &[],
    );
    assert_eq!(out, "maximum recursion depth exceeded\n");
}

#[test]
fn dict_size_change_during_iteration() {
    let out = stdout(
        "def entry_point(argv):
    d = {'a': 1}
    try:
        for k in d:
            d[k + 'x'] = 2
    except RuntimeError as e:
        print(str(e))
    return 0",
        &[],
    );
    assert_eq!(out, "dictionary changed size during iteration\n");
}

#[test]
fn printing_and_conversions() {
    let out = stdout(
        "def entry_point(argv):
    print(1e16, 0.1, 2.5e-5, 3.0, -0.0, int(' -12 '), float('1.5'), [1, 'a'], (1,), {1: 'x'})
    print(7 // -2, -7 % 3, 2 ** 62 * 4, 'ab' * 2, [0] * 3, True + 1, 1 << 70)
    print('a', 'b', sep='-', end='!\\n')
    return int(argv[1])",
        &["3"],
    );
    assert_eq!(
        out,
        "1e+16 0.1 2.5e-05 3.0 -0.0 -12 1.5 [1, 'a'] (1,) {1: 'x'}\n\
         -4 2 0 abab [0, 0, 0] 2 0\na-b!\n"
    );
}
