"""rpython.jit for rpy: only the modules RPython targets import."""
