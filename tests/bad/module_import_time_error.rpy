# error: 4:18: ZeroDivisionError
# error-in: module_error_lib/table.py
import module_error_lib.table as table


def entry_point(argv):
    print(table.TABLE[0])
    return 0
