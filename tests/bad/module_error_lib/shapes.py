# A module whose function, reached from the main program's entry point,
# mixes an int and a str in one list.
def sizes(n):
    out = [n]
    out.append("big")
    return out
