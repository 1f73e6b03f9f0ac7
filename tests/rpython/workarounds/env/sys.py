# Stand-in, in the rpy dialect, for a module rpy lacks: only what the ports use,
# so that their later blockers can be found (tests/rpython/workarounds/apply.py).
# Not an implementation of the module.
argv = []
