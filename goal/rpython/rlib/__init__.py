"""rpython.rlib: the rpy shim under RPython's names."""
