"""Recycled heap memory carries no bytes of what was freed (the deleted event's faces)."""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

import pytest

from eventlens.storage.freed_memory import scrub_freed_memory

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="glibc's mallopt")


def test_memory_handed_out_again_holds_none_of_the_freed_bytes() -> None:
    assert scrub_freed_memory()
    libc = ctypes.CDLL(ctypes.util.find_library("c"))
    libc.malloc.restype = ctypes.c_void_p
    libc.malloc.argtypes = [ctypes.c_size_t]
    libc.free.argtypes = [ctypes.c_void_p]
    size = 100_000  # under glibc's mmap threshold: a heap block, recycled as is
    secret = b"\xab" * size
    block = libc.malloc(size)
    ctypes.memmove(block, secret, size)
    libc.free(block)
    again = libc.malloc(size)
    try:
        assert b"\xab" * 64 not in ctypes.string_at(again, size)
    finally:
        libc.free(again)
