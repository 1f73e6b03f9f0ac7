# A helper module found through --path: a word table built at import time
# and a small tokenizer used at run time.
KEYWORDS = {}
for _i, _w in enumerate("print push add halt".split()):
    KEYWORDS[_w] = _i
del _i, _w


def tokens(line):
    out = []
    for word in line.split():
        if word in KEYWORDS:
            out.append(KEYWORDS[word])
        else:
            out.append(-int(word))
    return out
