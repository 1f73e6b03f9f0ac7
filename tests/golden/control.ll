# class BaseException(object): exception, instantiated
#   field $msg: Ptr(Str)

graph classify(v0: Signed) -> Ptr(Str)
  # v0 n: Signed
  block0(v0: Signed):
    switch v0 [0 → block1('zero'), 1 → block1('one'), 2 → block1('two'), default → block1('many')]
  block1(v1: Ptr(Str)):
    return v1

graph count(v0: Ptr(List(Signed)), v1: Signed) -> Signed
  # v0 xs: Ptr(List(Signed)) immutable
  # v1 limit: Signed
  # list Ptr(List(Signed)) immutable
  block0(v0: Ptr(List(Signed)), v1: Signed):
    v2 = list_len(v0)
    goto block1(0, v2, v1, 0, v0)
  block1(v3: Signed, v4: Signed, v5: Signed, v6: Signed, v7: Ptr(List(Signed))):
    v8 = int_lt(v3, v4)
    if v8 → block2(v3, v7, v5, v4, v6) else → block6(-1)
  block2(v9: Signed, v10: Ptr(List(Signed)), v11: Signed, v12: Signed, v13: Signed):
    v14 = int_add(v9, 1)
    v15 = list_getitem_nonneg(v10, v9)
    v16 = int_gt(v15, v11)
    if v16 → block3(v9, v14, v12, v11, v13, v10) else → block4(v10, v9, v11, v14, v13, v12)
  block3(v17: Signed, v18: Signed, v19: Signed, v20: Signed, v21: Signed, v22: Ptr(List(Signed))):
    v23 = int_mod(v17, 2)
    v24 = int_eq(v23, 0)
    if v24 → block1(v18, v19, v20, v21, v22) else → block4(v22, v17, v20, v18, v21, v19)
  block4(v25: Ptr(List(Signed)), v26: Signed, v27: Signed, v28: Signed, v29: Signed, v30: Signed):
    v31 = list_getitem_nonneg(v25, v26)
    v32 = int_lt(v31, 0)
    if v32 → block6(v29) else → block5(v25, v26, v27, v28, v29, v30)
  block5(v33: Ptr(List(Signed)), v34: Signed, v35: Signed, v36: Signed, v37: Signed, v38: Signed):
    v39 = list_getitem_nonneg(v33, v34)
    v40 = int_eq(v39, v35)
    if v40 → block6(v37) else → block7(v33, v34, v37, v36, v38, v35)
  block6(v41: Signed):
    return v41
  block7(v42: Ptr(List(Signed)), v43: Signed, v44: Signed, v45: Signed, v46: Signed, v47: Signed):
    v48 = list_getitem_nonneg(v42, v43)
    v49 = int_add(v44, v48)
    goto block1(v45, v46, v47, v49, v42)

graph pairs(v0: Ptr(Dict(Signed, Signed))) -> Signed
  # v0 d: Ptr(Dict(Signed, Signed))
  # list Ptr(List(Signed)) mutable
  # list Ptr(List(Ptr(Tuple(Signed, Signed)))) immutable
  block0(v0: Ptr(Dict(Signed, Signed))):
    v1 = newlist()
    v2 = direct_call(rpy_dict_items, v0)
    v3 = direct_call(rpy_list_iter, v2)
    goto block1(v3, v1)
  block1(v4: Ptr(Iter(List(Ptr(Tuple(Signed, Signed))))), v5: Ptr(List(Signed))):
    v6 = direct_call(rpy_list_iter_next, v4)
    on exception [normal → block2(v6, v4, v5), StopIteration as v7 → block4(v5)]
  block2(v8: Ptr(Tuple(Signed, Signed)), v9: Ptr(Iter(List(Ptr(Tuple(Signed, Signed))))), v10: Ptr(List(Signed))):
    v11 = tuple_getitem(v8, 0)
    v12 = tuple_getitem(v8, 1)
    v13 = int_gt(v12, 0)
    if v13 → block3(v11, v12, v10, v9) else → block1(v9, v10)
  block3(v14: Signed, v15: Signed, v16: Ptr(List(Signed)), v17: Ptr(Iter(List(Ptr(Tuple(Signed, Signed)))))):
    v18 = int_add(v14, v15)
    direct_call(rpy_list_append, v16, v18)
    goto block1(v17, v16)
  block4(v19: Ptr(List(Signed))):
    v20 = direct_call(rpy_list_iter, v19)
    goto block5(v20, 0)
  block5(v21: Ptr(Iter(List(Signed))), v22: Signed):
    v23 = direct_call(rpy_list_iter_next, v21)
    on exception [normal → block6(v22, v23, v21), StopIteration as v24 → block7(0)]
  block6(v25: Signed, v26: Signed, v27: Ptr(Iter(List(Signed)))):
    v28 = int_add(v25, 1)
    direct_call(rpy_print_int, v25)
    direct_call(rpy_print_str, ' ')
    direct_call(rpy_print_int, v26)
    direct_call(rpy_print_str, '\n')
    goto block5(v27, v28)
  block7(v29: Signed):
    v30 = int_lt(v29, 3)
    if v30 → block8(v29) else → block9(v29)
  block8(v31: Signed):
    v32 = int_add(v31, 1)
    goto block7(v32)
  block9(v33: Signed):
    v34 = int_gt(v33, 2)
    if v34 → block10(v33) else → block10(0)
  block10(v35: Signed):
    return v35

graph entry_point(v0: Ptr(List(Ptr(Str)))) -> Signed
  # v0 argv: Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Signed)) immutable
  block0(v0: Ptr(List(Ptr(Str)))):
    v1 = list_len(v0)
    switch v1 [0 → block1('zero'), 1 → block1('one'), 2 → block1('two'), default → block1('many')]
  block1(v2: Ptr(Str)):
    direct_call(rpy_print_str, v2)
    direct_call(rpy_print_str, '\n')
    v3 = newlist(1, 2, 3)
    v4 = list_len(v3)
    goto block3(0, v4, 2, 0, v3)
  block2(v5: Signed):
    direct_call(rpy_print_int, v5)
    direct_call(rpy_print_str, '\n')
    v6 = direct_call(rpy_dict_new)
    direct_call(rpy_dict_setitem, v6, 1, 2)
    direct_call(rpy_dict_setitem, v6, 3, -4)
    v7 = direct_call(pairs, v6)
    direct_call(rpy_print_int, v7)
    direct_call(rpy_print_str, '\n')
    return 0
  block3(v8: Signed, v9: Signed, v10: Signed, v11: Signed, v12: Ptr(List(Signed))):
    v13 = int_lt(v8, v9)
    if v13 → block4(v8, v12, v10, v9, v11) else → block2(-1)
  block4(v14: Signed, v15: Ptr(List(Signed)), v16: Signed, v17: Signed, v18: Signed):
    v19 = int_add(v14, 1)
    v20 = list_getitem_nonneg(v15, v14)
    v21 = int_gt(v20, v16)
    if v21 → block5(v14, v19, v17, v16, v18, v15) else → block6(v15, v14, v16, v19, v18, v17)
  block5(v22: Signed, v23: Signed, v24: Signed, v25: Signed, v26: Signed, v27: Ptr(List(Signed))):
    v28 = int_mod(v22, 2)
    v29 = int_eq(v28, 0)
    if v29 → block3(v23, v24, v25, v26, v27) else → block6(v27, v22, v25, v23, v26, v24)
  block6(v30: Ptr(List(Signed)), v31: Signed, v32: Signed, v33: Signed, v34: Signed, v35: Signed):
    v36 = list_getitem_nonneg(v30, v31)
    v37 = int_lt(v36, 0)
    if v37 → block2(v34) else → block7(v30, v31, v32, v33, v34, v35)
  block7(v38: Ptr(List(Signed)), v39: Signed, v40: Signed, v41: Signed, v42: Signed, v43: Signed):
    v44 = list_getitem_nonneg(v38, v39)
    v45 = int_eq(v44, v40)
    if v45 → block2(v42) else → block8(v38, v39, v42, v41, v43, v40)
  block8(v46: Ptr(List(Signed)), v47: Signed, v48: Signed, v49: Signed, v50: Signed, v51: Signed):
    v52 = list_getitem_nonneg(v46, v47)
    v53 = int_add(v48, v52)
    goto block3(v49, v50, v51, v53, v46)
