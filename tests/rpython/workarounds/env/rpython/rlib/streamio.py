# Stand-in, in the rpy dialect, for a module rpy lacks: only what the ports use,
# so that their later blockers can be found (tests/rpython/workarounds/apply.py).
# Not an implementation of the module.
from rpy.io import read_file
class Stream(object):
    def __init__(self, data):
        self.data = data
    def readall(self):
        return self.data
    def close(self):
        pass
def open_file_as_stream(path, mode="r", buffering=-1, signal_checker=None):
    return Stream(read_file(path))
