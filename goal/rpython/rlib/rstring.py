"""rpython.rlib.rstring: the rpy shim's rpy.rstring."""
from rpy.rstring import *  # noqa: F401,F403
