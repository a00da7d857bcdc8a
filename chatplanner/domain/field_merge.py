"""Three-way merge of a record's fields against the state both sides last agreed on."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Value = str | None
Side = Literal["app", "server"]
Prefer = Side | None


@dataclass
class MergeResult:
    merged: dict[str, Value]  # what both sides should hold now (conflicts: the base kept)
    to_app: dict[str, Value] = field(default_factory=dict)  # fields the app must take
    to_server: dict[str, Value] = field(default_factory=dict)  # fields the server must take
    conflicts: dict[str, dict[str, Value]] = field(default_factory=dict)  # field -> app/server


def _same(a: Value, b: Value) -> bool:
    return (a or None) == (b or None)


def merge_fields(
    names: tuple[str, ...],
    base: Mapping[str, Value] | None,
    app: Mapping[str, Value],
    server: Mapping[str, Value],
    prefer: Prefer = None,
    choices: Mapping[str, Side] | None = None,
) -> MergeResult:
    """A field changed on one side goes to the other; changed on both to different values is a
    conflict, left as it is on each side unless the user chose that field's side (`choices`)
    or `prefer` names the side that wins for all. Without a base (first meeting of two
    records), or for a field the base does not hold, an empty side takes the other's value."""
    result = MergeResult(merged={})
    for name in names:
        a, s = app.get(name) or None, server.get(name) or None
        if _same(a, s):
            result.merged[name] = a
            continue
        if base is not None and name in base:  # a field missing from the base: first met
            b = base.get(name) or None
            if _same(a, b):
                result.merged[name] = s
                result.to_app[name] = s
                continue
            if _same(s, b):
                result.merged[name] = a
                result.to_server[name] = a
                continue
        else:
            b = None
            if a is None:
                result.merged[name] = s
                result.to_app[name] = s
                continue
            if s is None:
                result.merged[name] = a
                result.to_server[name] = a
                continue
        side = (choices or {}).get(name) or prefer
        if side == "app":
            result.merged[name] = a
            result.to_server[name] = a
        elif side == "server":
            result.merged[name] = s
            result.to_app[name] = s
        else:
            result.merged[name] = b
            result.conflicts[name] = {"app": a, "server": s}
    return result
