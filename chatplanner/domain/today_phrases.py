"""Short English phrases for the Today view. Days, times and spans are in `moments.py`."""

from __future__ import annotations


def snippet(text: str, limit: int = 80) -> str:
    """User text on one line, cut at a word boundary with an ellipsis when too long."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:.-") + "…"
