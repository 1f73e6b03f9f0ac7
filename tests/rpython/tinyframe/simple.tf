main:
LOAD 0 => r1
LOAD 2 => r2
ADD r1 r2 => r3
PRINT r3
RETURN r3
