# rpy.io: write (no newline), write_err (stderr, not compared), flush,
# interleaved with print; read_file on a missing file raises OSError.
from rpy.io import write, write_err, flush, read_file


def write_line(s):
    write(s)
    write("\n")


def entry_point(argv):
    write("partial ")
    write("line")
    write("\n")
    print("printed after write")
    write_err("this goes to stderr\n")
    write_line("via helper")
    flush()
    print("a", end="")
    write("b")
    print("c")
    for i in range(3):
        write(str(i))
        write(",")
    write("\n")
    write("")
    try:
        data = read_file("/nonexistent/dir/rpy-test-file.txt")
        print("unexpected", len(data))
    except OSError:
        print("OSError for a missing file")
    write("multi\nline\nwrite\n")
    flush()
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
