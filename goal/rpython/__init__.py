"""RPython's names for the rpy shim's modules, so that programs written for
RPython (`from rpython.rlib.jit import JitDriver`) run on CPython too."""
