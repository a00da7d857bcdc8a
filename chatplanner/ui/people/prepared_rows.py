"""The People rows with what the table derives from them before it shows them.

Plain Python, with no Qt: the worker thread that reads the list (`list_read.py`) prepares them
there while the window goes on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from chatplanner.domain.contacts import ContactSummary

# A table keeps its rows' own search texts while it reads them in its name order with at most
# one jump per this many rows (a few people edited or added since the list was read in it);
# past that, a copy of each made in name order: a scan of copies in memory order is faster.
_BREAKS_PER_COPY = 100
_COPY_SEPARATOR = "\x00"


@dataclass(frozen=True)
class PreparedRows:
    """The rows with what the table derives from them before it shows them, made by
    `prepare_rows`: plain Python, so a worker thread makes them while the window goes on."""

    rows: list[ContactSummary]
    by_name: tuple[list[int], int]  # rows by name (nameless last), how many have a name
    texts: list[str]
    archived: list[bool]
    row_of_id: dict[int, int]


def prepare_rows(rows: Iterable[ContactSummary]) -> PreparedRows:
    listed = list(rows)
    in_order = _order_if_by_name(listed)
    by_name = in_order or order_by_name(name_keys(listed))
    if in_order or _breaks(by_name[0]) <= len(listed) // _BREAKS_PER_COPY:
        # Made in (nearly) the order a search reads them: `load_summaries(in_list_order=True)`,
        # then perhaps a few people edited or added. Their own texts, not a second copy each.
        texts = [s.search_text for s in listed]
    else:
        texts = _texts_in_name_order(listed, by_name[0])
    return PreparedRows(
        rows=listed,
        by_name=by_name,
        texts=texts,
        archived=[s.archived for s in listed],
        # The row numbers of by_name, not an equal number each: 30,000 fewer objects.
        row_of_id=dict(zip((s.id for s in listed), _by_row(by_name[0]), strict=True)),
    )


def _order_if_by_name(rows: list[ContactSummary]) -> tuple[list[int], int] | None:
    """The rows' name order when they are in it already (what `order_by_name` would give),
    else None; checked a key at a time, without a list of 30,000 keys."""
    named = 0
    previous: str | None = ""
    for summary in rows:
        key = summary.search_text.partition("\n")[0]
        if key:
            if previous is None or key < previous:
                return None
            previous = key
            named += 1
        else:
            previous = None  # nameless people come last, after everyone named
    return list(range(len(rows))), named


def _breaks(order: list[int]) -> int:
    """How many times `order` leaves the rows' own order (0 when it is 0, 1, 2, ...)."""
    return sum(1 for i, row in enumerate(order) if row != i and (i == 0 or row != order[i - 1] + 1))


def _by_row(by_name: list[int]) -> list[int]:
    """The row numbers 0, 1, ... as the int objects that `by_name` holds."""
    rows = [0] * len(by_name)
    for i in by_name:
        rows[i] = i
    return rows


def name_keys(rows: list[ContactSummary]) -> list[str | None]:
    # The name key opens every search text ("" for nameless people, who sort last).
    return [s.search_text.partition("\n")[0] or None for s in rows]


def order_by_name(names: list[Any]) -> tuple[list[int], int]:
    everyone = range(len(names))
    named = [i for i in everyone if names[i] is not None]
    named.sort(key=names.__getitem__)
    return named + [i for i in everyone if names[i] is None], len(named)


def _texts_in_name_order(rows: list[ContactSummary], by_name: list[int]) -> list[str]:
    """Each row's search text (by row number), copied in the list's name order: the copies lie
    in memory in the order a search reads them, which makes a scan of 30,000 of them about
    twice as fast as reading the texts as the database gave them (in last name order)."""
    ordered = [rows[i].search_text for i in by_name]
    joined = _COPY_SEPARATOR.join(ordered)
    if joined.count(_COPY_SEPARATOR) == max(len(ordered) - 1, 0):
        copies = joined.split(_COPY_SEPARATOR) if ordered else []  # made one after the other
    else:  # a text holds the separator itself: copy them one at a time
        copies = [(text + " ")[:-1] for text in ordered]
    texts: list[str] = [""] * len(rows)
    for i, copy in zip(by_name, copies, strict=True):
        texts[i] = copy
    return texts
