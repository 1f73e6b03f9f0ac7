"""Pure-Python shim for the rpy dialect: lets CPython run rpy programs.

`rpy.jit` provides no-op JIT hints, `rpy.io` simple unbuffered-ish I/O.
"""
