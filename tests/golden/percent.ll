# class BaseException(object): exception, instantiated
#   field $msg: Ptr(Str)
# driver driver: greens [], reds [i: Signed, n: Signed, out: Ptr(Str)], portal run

graph row(v0: Char, v1: Float, v2: Signed) -> Ptr(Str)
  # v0 name: Char
  # v1 x: Float
  # v2 i: Signed
  block0(v0: Char, v1: Float, v2: Signed):
    v3 = direct_call(rpy_char_to_str, v0)
    v4 = direct_call(rpy_format_float, '%6.2f', v1)
    v5 = direct_call(rpy_format_int, '%x', v2)
    v6 = direct_call(rpy_str_concat, v3, ': ')
    v7 = direct_call(rpy_str_concat, v6, v4)
    v8 = direct_call(rpy_str_concat, v7, ' [')
    v9 = direct_call(rpy_str_concat, v8, v5)
    v10 = direct_call(rpy_str_concat, v9, '] 7%')
    return v10

graph run(v0: Signed) -> Ptr(Str)
  # v0 n: Signed
  block0(v0: Signed):
    goto block1(0, v0, '')
  block1(v1: Signed, v2: Signed, v3: Ptr(Str)):
    v4 = int_lt(v1, v2)
    if v4 → block2(v1, v2, v3) else → block3(v3)
  block2(v5: Signed, v6: Signed, v7: Ptr(Str)):
    jit_merge_point(driver, v5, v6, v7)
    v8 = cast_int_to_float(v5)
    v9 = float_truediv(v8, 4.0)
    v10 = direct_call(rpy_char_to_str, c'r')
    v11 = direct_call(rpy_format_float, '%6.2f', v9)
    v12 = direct_call(rpy_format_int, '%x', v5)
    v13 = direct_call(rpy_str_concat, v10, ': ')
    v14 = direct_call(rpy_str_concat, v13, v11)
    v15 = direct_call(rpy_str_concat, v14, ' [')
    v16 = direct_call(rpy_str_concat, v15, v12)
    v17 = direct_call(rpy_str_concat, v16, '] 7%')
    v18 = direct_call(rpy_str_slice, v7, 0, 1)
    v19 = direct_call(rpy_str_slice, v7, -1, 9223372036854775807)
    v20 = direct_call(rpy_format_text, '%c', v18)
    v21 = direct_call(rpy_str_repr, v19)
    v22 = direct_call(rpy_str_concat, v20, v21)
    v23 = direct_call(rpy_str_concat, v17, v22)
    v24 = int_add(v5, 1)
    goto block1(v24, v6, v23)
  block3(v25: Ptr(Str)):
    return v25

graph entry_point(v0: Ptr(List(Ptr(Str)))) -> Signed
  # v0 argv: Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Ptr(Str))) immutable
  block0(v0: Ptr(List(Ptr(Str)))):
    v1 = list_len(v0)
    v2 = int_add(v1, 3)
    v3 = direct_call(run, v2)
    direct_call(rpy_print_str, v3)
    direct_call(rpy_print_str, '\n')
    return 0
