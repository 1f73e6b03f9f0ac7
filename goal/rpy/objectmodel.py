"""rpython.rlib.objectmodel for rpy: we_are_translated, compute_hash and
the `specialize` decorators.

Written in the rpy dialect: rpy translates this file as the library module
`rpy.objectmodel` (also importable as `rpython.rlib.objectmodel`), and
CPython runs it as the shim's module. `specialize.*` decorators are
accepted and return the function unchanged (rpy makes no per-type copies
yet).
"""

try:
    from _rpy_internal import we_are_translated
except ImportError:
    def we_are_translated():
        return False


def compute_hash(x):
    return hash(x)


def _keep(func):
    return func


class _Specialize(object):
    def memo(self):
        return _keep

    def argtype(self, n, m=-1, o=-1):
        return _keep

    def arg(self, n, m=-1, o=-1):
        return _keep

    def call_location(self):
        return _keep

    def ll(self):
        return _keep


specialize = _Specialize()
