# finally: on normal exit, on return, on break and continue, on exception
# (caught here, caught by a caller, re-raised), nested finally ordering.

TRACE = []


def log(s):
    TRACE.append(s)
    print(" ", s)


def normal():
    try:
        log("normal body")
    finally:
        log("normal finally")
    log("normal after")


def early_return(x):
    try:
        if x > 0:
            log("returning early")
            return "early"
        log("not early")
    finally:
        log("return finally")
    return "late"


def loop_break_continue():
    total = 0
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            total += i
        finally:
            log("loop finally " + str(i))
    return total


def while_break():
    n = 0
    while True:
        try:
            n += 1
            if n == 2:
                break
        finally:
            log("while finally " + str(n))
    return n


def raising(x):
    try:
        log("raising body")
        if x:
            raise ValueError("boom")
        log("not raised")
    finally:
        log("raising finally")
    log("raising after")


def catch_here():
    try:
        raise KeyError("k")
    except KeyError:
        log("caught here")
    finally:
        log("catch_here finally")
    return "done"


def reraise():
    try:
        try:
            raise IndexError("i")
        except IndexError:
            log("inner except, re-raising")
            raise
        finally:
            log("inner finally")
    finally:
        log("outer finally")


def uncaught_type():
    try:
        raise RuntimeError("not caught by ValueError")
    except ValueError:
        log("wrong handler")
    finally:
        log("uncaught_type finally")


def entry_point(argv):
    normal()
    print(early_return(1))
    print(early_return(0))
    print(loop_break_continue())
    print(while_break())
    raising(False)
    try:
        raising(True)
    except ValueError:
        log("caller caught ValueError")
    print(catch_here())
    try:
        reraise()
    except IndexError:
        log("top caught IndexError")
    try:
        uncaught_type()
    except RuntimeError:
        log("top caught RuntimeError")
    print(len(TRACE))
    return 0


def target(*args):
    return entry_point, None


if __name__ == '__main__':
    import sys
    sys.exit(entry_point(sys.argv))
