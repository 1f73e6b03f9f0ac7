# class BaseException(object): exception, instantiated
#   field $msg: Ptr(Str)
# class W_Root(object): instantiated
#   method kind: Func((Ptr(Instance(W_Root))) -> Signed) = W_Root.kind
# class W_Nil(W_Root): instantiated
#   method kind: Func((Ptr(Instance(W_Root))) -> Signed) = W_Nil.kind
# class Node(object): instantiated
#   field label: Char
#   field other: Ptr(Instance(Node))
# class Holder(object): instantiated
#   classattr nil: Ptr(Instance(W_Nil)) = null
# class Special(Holder): instantiated
#   classattr nil: Ptr(Instance(W_Nil)) = prebuilt0
# prebuilt0: Ptr(Instance(W_Nil)) {}
# prebuilt1: Ptr(Instance(Node)) {label = c'a', other = prebuilt2}
# prebuilt2: Ptr(Instance(Node)) {label = c'?', other = prebuilt1}

graph W_Root.kind(v0: Ptr(Instance(W_Root))) -> Signed
  # v0 self: Ptr(Instance(W_Root))
  block0(v0: Ptr(Instance(W_Root))):
    return 0

graph W_Nil.kind(v0: Ptr(Instance(W_Nil))) -> Signed
  # v0 self: Ptr(Instance(W_Nil))
  block0(v0: Ptr(Instance(W_Nil))):
    return 1

graph entry_point(v0: Ptr(List(Ptr(Str)))) -> Signed
  # v0 argv: Ptr(List(Ptr(Str))) immutable
  # list Ptr(List(Ptr(Str))) immutable
  block0(v0: Ptr(List(Ptr(Str)))):
    v1 = malloc(W_Root)
    v2 = malloc(Holder)
    v3 = list_len(v0)
    v4 = int_gt(v3, 1)
    if v4 → block1 else → block2(v2, v1)
  block1:
    v5 = malloc(Special)
    v6 = cast_pointer(v5)
    goto block2(v6, prebuilt0)
  block2(v7: Ptr(Instance(Holder)), v8: Ptr(Instance(W_Root))):
    v9 = getfield(prebuilt1, 'other')
    v10 = vtable_method(v8, 'kind')
    v11 = indirect_call(v10, v8)
    v12 = ptr_eq(v8, prebuilt0)
    v13 = getfield(v9, 'label')
    v14 = getfield(v9, 'other')
    v15 = ptr_eq(v14, prebuilt1)
    v16 = getclassattr(v7, 'nil')
    v17 = ptr_eq(v16, prebuilt0)
    direct_call(rpy_print_int, v11)
    direct_call(rpy_print_str, ' ')
    direct_call(rpy_print_bool, v12)
    direct_call(rpy_print_str, ' ')
    direct_call(rpy_print_char, v13)
    direct_call(rpy_print_str, ' ')
    direct_call(rpy_print_bool, v15)
    direct_call(rpy_print_str, ' ')
    direct_call(rpy_print_bool, v17)
    direct_call(rpy_print_str, '\n')
    return 0
