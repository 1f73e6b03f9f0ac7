"""rpython.rlib.streamio: the rpy shim's rpy.streamio."""
from rpy.streamio import *  # noqa: F401,F403
