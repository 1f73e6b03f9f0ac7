# class BaseException(object): exception, instantiated
#   field $msg: Ptr(Str)
# prebuilt0: Ptr(List(Signed)) immutable
# driver driver: greens [pc: Signed, bytecode: Ptr(List(Signed)) immutable], reds [a: Signed, regs: Ptr(List(Signed)) fixed], portal interpret

graph interpret(v0: Ptr(List(Signed)), v1: Signed) -> Signed
  # v0 bytecode: Ptr(List(Signed)) immutable
  # v1 a: Signed
  # list Ptr(List(Signed)) immutable
  # list Ptr(List(Signed)) fixed
  block0(v0: Ptr(List(Signed)), v1: Signed):
    v2 = newlist(0)
    v3 = direct_call(rpy_list_repeat, v2, 256)
    goto block1(v1, v0, 0, v3)
  block1(v4: Signed, v5: Ptr(List(Signed)), v6: Signed, v7: Ptr(List(Signed))):
    jit_merge_point(driver, v6, v5, v4, v7)
    v8 = list_getitem_nonneg(v5, v6)
    v9 = int_add(v6, 1)
    switch v8 [1 → block2(v5, v9, v4, v7), 2 → block5(v5, v9, v7, v4), 3 → block6(v5, v9, v7), 4 → block7(v5, v9, v7, v4), 5 → block8(v4, v9, v5, v7), 6 → block9(v4), default → block1(v4, v5, v9, v7)]
  block2(v10: Ptr(List(Signed)), v11: Signed, v12: Signed, v13: Ptr(List(Signed))):
    v14 = list_getitem_nonneg(v10, v11)
    v15 = int_add(v11, 1)
    v16 = int_is_true(v12)
    if v16 → block3(v14, v15, v10, v12, v13) else → block1(v12, v10, v15, v13)
  block3(v17: Signed, v18: Signed, v19: Ptr(List(Signed)), v20: Signed, v21: Ptr(List(Signed))):
    v22 = int_lt(v17, v18)
    if v22 → block4(v17, v19, v20, v21) else → block1(v20, v19, v17, v21)
  block4(v23: Signed, v24: Ptr(List(Signed)), v25: Signed, v26: Ptr(List(Signed))):
    can_enter_jit(driver, v23, v24, v25, v26)
    goto block1(v25, v24, v23, v26)
  block5(v27: Ptr(List(Signed)), v28: Signed, v29: Ptr(List(Signed)), v30: Signed):
    v31 = list_getitem_nonneg(v27, v28)
    v32 = int_add(v28, 1)
    list_setitem_nonneg(v29, v31, v30)
    goto block1(v30, v27, v32, v29)
  block6(v33: Ptr(List(Signed)), v34: Signed, v35: Ptr(List(Signed))):
    v36 = list_getitem_nonneg(v33, v34)
    v37 = int_add(v34, 1)
    v38 = list_getitem_nonneg(v35, v36)
    goto block1(v38, v33, v37, v35)
  block7(v39: Ptr(List(Signed)), v40: Signed, v41: Ptr(List(Signed)), v42: Signed):
    v43 = list_getitem_nonneg(v39, v40)
    v44 = int_add(v40, 1)
    v45 = list_getitem_nonneg(v41, v43)
    v46 = int_add(v42, v45)
    goto block1(v46, v39, v44, v41)
  block8(v47: Signed, v48: Signed, v49: Ptr(List(Signed)), v50: Ptr(List(Signed))):
    v51 = int_sub(v47, 1)
    goto block1(v51, v49, v48, v50)
  block9(v52: Signed):
    return v52

graph entry_point(v0: Ptr(List(Ptr(Str)))) -> Signed
  # v0 argv: Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Ptr(Str))) immutable
  block0(v0: Ptr(List(Ptr(Str)))):
    v1 = list_getitem_nonneg(v0, 1)
    v2 = direct_call(rpy_str_to_int, v1)
    v3 = direct_call(interpret, prebuilt0, v2)
    direct_call(rpy_print_int, v3)
    direct_call(rpy_print_str, '\n')
    return 0
