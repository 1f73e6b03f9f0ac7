"""rpython.rlib.jit: the rpy shim's rpy.jit."""
from rpy.jit import *  # noqa: F401,F403
