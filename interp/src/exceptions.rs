//! Raising builtin exceptions: an exception is an `Instance` of an exception
//! class that records its constructor arguments, as CPython's `BaseException`.

use super::value::{Instance, Value};
use rpy_front::program::builtin_class as bc;
use rpy_front::program::ClassId;
use std::rc::Rc;

/// A raised exception: an instance of an exception class.
pub type Exc = Rc<Instance>;
/// The result of anything that may raise.
pub type R<T> = Result<T, Exc>;

/// A new instance of a builtin exception class with one str argument
/// (none when `msg` is empty).
pub fn exc(class: ClassId, msg: impl AsRef<[u8]>) -> Exc {
    let msg = msg.as_ref();
    let args: Rc<[Value]> = if msg.is_empty() {
        Rc::from(Vec::new())
    } else {
        Rc::from(vec![Value::str(msg)])
    };
    Instance::new(class, Some(args))
}

/// The exception of an operation's error (the semantics' class and
/// message).
pub fn raised(e: rpy_semantics::Error) -> Exc {
    exc(ClassId(e.class()), e.message())
}

/// An exception with arbitrary constructor arguments.
pub fn exc_args(class: ClassId, args: Vec<Value>) -> Exc {
    Instance::new(class, Some(Rc::from(args)))
}

pub fn type_error(msg: impl AsRef<[u8]>) -> Exc {
    exc(bc::TYPE_ERROR, msg)
}
pub fn value_error(msg: impl AsRef<[u8]>) -> Exc {
    exc(bc::VALUE_ERROR, msg)
}
pub fn index_error(msg: impl AsRef<[u8]>) -> Exc {
    exc(bc::INDEX_ERROR, msg)
}
pub fn zero_division(msg: impl AsRef<[u8]>) -> Exc {
    exc(bc::ZERO_DIVISION_ERROR, msg)
}
pub fn runtime_error(msg: impl AsRef<[u8]>) -> Exc {
    exc(bc::RUNTIME_ERROR, msg)
}
pub fn attribute_error(msg: impl AsRef<[u8]>) -> Exc {
    exc(bc::ATTRIBUTE_ERROR, msg)
}
/// `KeyError(key)`: its str is the repr of the key.
pub fn key_error(key: &Value) -> Exc {
    exc_args(bc::KEY_ERROR, vec![key.clone()])
}
pub fn stop_iteration() -> Exc {
    exc(bc::STOP_ITERATION, "")
}

/// The TypeError of a binary operator on unsupported operands.
pub fn unsupported(op: &str, a: &Value, b: &Value) -> Exc {
    type_error(format!(
        "unsupported operand type(s) for {}: '{}' and '{}'",
        op,
        a.type_name(),
        b.type_name()
    ))
}
