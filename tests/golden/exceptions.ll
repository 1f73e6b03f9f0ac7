# class BaseException(object): exception, instantiated
#   field $msg: Ptr(Str)
# class Error(Exception): exception
#   field $msg: Ptr(Str)
# class Bad(Error): exception, instantiated
#   field $msg: Ptr(Str)
#   field code: Signed

graph Bad.__init__(v0: Ptr(Instance(Bad)), v1: Signed) -> Void
  # v0 self: Ptr(Instance(Bad))
  # v1 code: Signed
  block0(v0: Ptr(Instance(Bad)), v1: Signed):
    setfield(v0, 'code', v1)
    return void

graph risky(v0: Ptr(List(Signed)), v1: Signed) -> Signed
  # v0 xs: Ptr(List(Signed)) immutable
  # v1 i: Signed
  # list Ptr(List(Signed)) immutable
  block0(v0: Ptr(List(Signed)), v1: Signed):
    v2 = list_getitem_nonneg(v0, v1)
    on exception [normal → block1(v2), BaseException as v3 → block2(v3)]
  block1(v4: Signed):
    direct_call(rpy_print_str, 'done\n')
    return v4
  block2(v5: Ptr(Instance(BaseException))):
    v6 = instanceof(v5, IndexError)
    if v6 → block1(-1) else → block3(v5)
  block3(v7: Ptr(Instance(BaseException))):
    v8 = instanceof(v7, KeyError)
    v9 = instanceof(v7, Bad)
    v10 = cast_bool_to_int(v8)
    v11 = cast_bool_to_int(v9)
    v12 = int_or(v10, v11)
    v13 = int_is_true(v12)
    if v13 → block4(v7) else → block4(v7)
  block4(v14: Ptr(Instance(BaseException))):
    direct_call(rpy_print_str, 'done\n')
    raise v14

graph loop(v0: Signed) -> Signed
  # v0 n: Signed
  block0(v0: Signed):
    goto block1(0, v0)
  block1(v1: Signed, v2: Signed):
    v3 = int_lt(v1, v2)
    if v3 → block2(v1, v2) else → block5(v1)
  block2(v4: Signed, v5: Signed):
    v6 = int_add(v4, 1)
    switch v6 [2 → block3(v6, v5), 4 → block4(v6), default → block6(v6, v5)]
  block3(v7: Signed, v8: Signed):
    direct_call(rpy_print_int, v7)
    direct_call(rpy_print_str, '\n')
    goto block1(v7, v8)
  block4(v9: Signed):
    direct_call(rpy_print_int, v9)
    direct_call(rpy_print_str, '\n')
    return v9
  block5(v10: Signed):
    return v10
  block6(v11: Signed, v12: Signed):
    v13 = int_lt(v11, 10)
    if v13 → block8(v11, v12) else → block7(v11)
  block7(v14: Signed):
    v15 = malloc(AssertionError)
    setfield(v15, '$msg', 'too big')
    v16 = cast_pointer(v15)
    direct_call(rpy_print_int, v14)
    direct_call(rpy_print_str, '\n')
    raise v16
  block8(v17: Signed, v18: Signed):
    direct_call(rpy_print_int, v17)
    direct_call(rpy_print_str, '\n')
    goto block1(v17, v18)

graph entry_point(v0: Ptr(List(Ptr(Str)))) -> Signed
  # v0 argv: Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Signed)) immutable
  block0(v0: Ptr(List(Ptr(Str)))):
    v1 = newlist(1)
    v2 = direct_call(risky, v1, 3)
    direct_call(rpy_print_int, v2)
    direct_call(rpy_print_str, '\n')
    v3 = malloc(Bad)
    setfield(v3, '$msg', '3')
    direct_call(Bad.__init__, v3, 3)
    on exception [normal → block4(v3), BaseException as v4 → block1(v4)]
  block1(v5: Ptr(Instance(BaseException))):
    v6 = instanceof(v5, Error)
    if v6 → block2 else → block3(v5)
  block2:
    direct_call(rpy_print_str, 'caught\n')
    goto block6(0, 5)
  block3(v7: Ptr(Instance(BaseException))):
    raise v7
  block4(v8: Ptr(Instance(Bad))):
    v9 = cast_pointer(v8)
    goto block1(v9)
  block5(v10: Signed):
    return v10
  block6(v11: Signed, v12: Signed):
    v13 = int_lt(v11, v12)
    if v13 → block7(v11, v12) else → block5(v11)
  block7(v14: Signed, v15: Signed):
    v16 = int_add(v14, 1)
    switch v16 [2 → block8(v16, v15), 4 → block9(v16), default → block10(v16, v15)]
  block8(v17: Signed, v18: Signed):
    direct_call(rpy_print_int, v17)
    direct_call(rpy_print_str, '\n')
    goto block6(v17, v18)
  block9(v19: Signed):
    direct_call(rpy_print_int, v19)
    direct_call(rpy_print_str, '\n')
    goto block5(v19)
  block10(v20: Signed, v21: Signed):
    v22 = int_lt(v20, 10)
    if v22 → block12(v20, v21) else → block11(v20)
  block11(v23: Signed):
    v24 = malloc(AssertionError)
    setfield(v24, '$msg', 'too big')
    v25 = cast_pointer(v24)
    direct_call(rpy_print_int, v23)
    direct_call(rpy_print_str, '\n')
    raise v25
  block12(v26: Signed, v27: Signed):
    direct_call(rpy_print_int, v26)
    direct_call(rpy_print_str, '\n')
    goto block6(v26, v27)
