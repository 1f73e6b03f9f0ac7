//! The trace optimizer: a chain of passes, one file each, run in order.
