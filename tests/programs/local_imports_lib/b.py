def name_of(i):
    from local_imports_lib.a import NAMES
    return NAMES[i]


def make_pair(x):
    from local_imports_lib import a
    return a.Pair(x, x * 2)
