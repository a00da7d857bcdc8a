"""Freed memory handed back to the system."""

from __future__ import annotations

import sys

import pytest

from chatplanner.memory import _malloc_trim, give_back_freed_memory


def _resident_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_memory_freed_after_a_large_passing_read_leaves_the_process() -> None:
    assert _malloc_trim() is not None
    # Many small blocks from the C heap (bytearrays over Python's small-object size), then all
    # freed but the last: glibc keeps their pages until they are trimmed.
    kept = [bytearray(2048) for _ in range(40_000)]
    last = kept[-1]
    del kept
    before = _resident_kib()
    give_back_freed_memory()
    assert _resident_kib() < before - 20_000  # most of the 80 MB handed back
    assert len(last) == 2048
