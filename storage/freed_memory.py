"""Freed heap memory is overwritten, so no face vector lives on in another event's index file.

Chroma's HNSW files hold the whole capacity of their buffer, and glibc hands out
recycled heap memory uninitialised: one event's index file then carries bytes of
vectors freed earlier in the process (another event's faces), and they stay on
disk after that event is deleted. With M_PERTURB set, glibc fills every freed
block, and every block it hands out, with a fixed byte instead. Elsewhere
(musl, macOS) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_PERTURB = -6
# Freed bytes become 0x00 and fresh ones 0xff (the complement): never a face's bytes.
PERTURB_BYTE = 0xFF


@functools.cache
def scrub_freed_memory() -> bool:
    """Ask glibc to overwrite memory on free; False where the C library has no mallopt."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_PERTURB, PERTURB_BYTE))
