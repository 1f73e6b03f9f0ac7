"""rpython.rlib.rfile: the rpy shim's rpy.rfile."""
from rpy.rfile import *  # noqa: F401,F403
