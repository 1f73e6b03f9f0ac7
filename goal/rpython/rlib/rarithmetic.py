"""rpython.rlib.rarithmetic: the rpy shim's rpy.rarithmetic."""
from rpy.rarithmetic import *  # noqa: F401,F403
