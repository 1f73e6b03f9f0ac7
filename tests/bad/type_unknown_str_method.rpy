# error: 3:11: str has no method 'capitalize' in
def entry_point(argv):
    print(argv[0].capitalize())
    return 0
