# A module whose body fails at import time.
TABLE = []
for i in range(3):
    TABLE.append(6 // (1 - i))
