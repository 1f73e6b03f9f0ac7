"""rpython.rlib.objectmodel: the rpy shim's rpy.objectmodel."""
from rpy.objectmodel import *  # noqa: F401,F403
