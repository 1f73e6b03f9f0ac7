# A package of the multi_module test program: its body runs once, before
# the submodules' names are used.
VERSION = 3
