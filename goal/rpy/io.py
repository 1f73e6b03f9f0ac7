"""I/O for rpy programs (CPython implementation)."""
import sys


def write(s):
    sys.stdout.write(s)


def write_err(s):
    sys.stderr.write(s)


def read_file(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        raise
    except Exception as e:
        raise OSError(str(e))
    return data.decode("latin-1")


def read_stdin(n):
    data = sys.stdin.buffer.read(n)
    if not data:
        return ""
    return data.decode("latin-1")


def flush():
    sys.stdout.flush()
