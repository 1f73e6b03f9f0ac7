# class BaseException(object): exception, instantiated
#   field $msg: Ptr(Str)
# class Shape(object): 
# class Square(Shape): instantiated
#   field name: Ptr(Str)
#   field side: Signed
# driver driver: greens [pc: Signed], reds [acc: Signed, n: Signed], portal run

graph Shape.__init__(v0: Ptr(Instance(Square)), v1: Ptr(Str)) -> Void
  # v0 self: Ptr(Instance(Square))
  # v1 name: Ptr(Str)
  block0(v0: Ptr(Instance(Square)), v1: Ptr(Str)):
    setfield(v0, 'name', v1)
    return void

graph Shape.describe(v0: Ptr(Instance(Square)), v1: Ptr(Str)) -> Ptr(Str)
  # v0 self: Ptr(Instance(Square))
  # v1 prefix: Ptr(Str)
  block0(v0: Ptr(Instance(Square)), v1: Ptr(Str)):
    v2 = direct_call(rpy_str_concat, v1, ' ')
    v3 = getfield(v0, 'name')
    v4 = direct_call(rpy_str_concat, v2, v3)
    return v4

graph Square.__init__(v0: Ptr(Instance(Square)), v1: Signed) -> Void
  # v0 self: Ptr(Instance(Square))
  # v1 side: Signed
  block0(v0: Ptr(Instance(Square)), v1: Signed):
    setfield(v0, 'name', 'square')
    setfield(v0, 'side', v1)
    return void

graph Square.area(v0: Ptr(Instance(Square))) -> Signed
  # v0 self: Ptr(Instance(Square))
  block0(v0: Ptr(Instance(Square))):
    v1 = getfield(v0, 'side')
    v2 = getfield(v0, 'side')
    v3 = int_mul(v1, v2)
    return v3

graph Square.describe(v0: Ptr(Instance(Square)), v1: Ptr(Str)) -> Ptr(Str)
  # v0 self: Ptr(Instance(Square))
  # v1 prefix: Ptr(Str)
  block0(v0: Ptr(Instance(Square)), v1: Ptr(Str)):
    v2 = direct_call(rpy_str_concat, v1, ' ')
    v3 = getfield(v0, 'name')
    v4 = direct_call(rpy_str_concat, v2, v3)
    return v4

graph double(v0: Signed) -> Signed
  # v0 x: Signed
  block0(v0: Signed):
    v1 = int_mul(v0, 2)
    return v1

graph run(v0: Signed) -> Signed
  # v0 n: Signed
  block0(v0: Signed):
    goto block1(0, v0, 0)
  block1(v1: Signed, v2: Signed, v3: Signed):
    v4 = int_lt(v3, v2)
    if v4 → block2(v3, v1, v2) else → block3(v1)
  block2(v5: Signed, v6: Signed, v7: Signed):
    jit_merge_point(driver, v5, v6, v7)
    v8 = jit_promote(v5)
    v9 = direct_call(double, v8)
    v10 = int_add(v6, v9)
    v11 = int_add(v5, 1)
    goto block1(v10, v7, v11)
  block3(v12: Signed):
    return v12

graph entry_point(v0: Ptr(List(Ptr(Str)))) -> Signed
  # v0 argv: Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Ptr(Str))) immutable
  block0(v0: Ptr(List(Ptr(Str)))):
    v1 = malloc(Square)
    direct_call(Square.__init__, v1, 3)
    v2 = getfield(v1, 'side')
    v3 = getfield(v1, 'side')
    v4 = int_mul(v2, v3)
    v5 = direct_call(Square.describe, v1, 'it is a')
    direct_call(rpy_print_int, v4)
    direct_call(rpy_print_str, ' ')
    direct_call(rpy_print_int, 4)
    direct_call(rpy_print_str, ' ')
    direct_call(rpy_print_str, v5)
    direct_call(rpy_print_str, '\n')
    v6 = direct_call(run, 4)
    direct_call(rpy_print_int, v6)
    direct_call(rpy_print_str, '\n')
    return 0
