# error: 4:14: cannot iterate over int (only lists, strs and
def entry_point(argv):
    total = 0
    for x in len(argv):
        total += x
    print(total)
    return 0
