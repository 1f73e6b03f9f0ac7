"""rpython.jit.backend.hlinfo for rpy: `highleveljitinfo`, the prebuilt
object where an RPython target stores its executable's name for the JIT
log tools (rpy keeps the field; nothing reads it)."""


class HighLevelJITInfo(object):
    sys_executable = None


highleveljitinfo = HighLevelJITInfo()
