"""A right-to-left override (or any bidi embedding or isolate) in a name or a note never
reaches the archive's Markdown: it would reverse headings and the lines after them."""

from __future__ import annotations

import re
from datetime import date

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.enums import MeetingMode
from chatplanner.interop.archive_markdown import (
    MeetingArchiveEntry,
    render_index,
    render_meeting,
)

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
_hostile_text = st.lists(
    st.sampled_from(list(BIDI_CONTROLS)) | st.text(max_size=8), max_size=8
).map("".join)


def _entry(name: str, notes: str = "") -> MeetingArchiveEntry:
    return MeetingArchiveEntry(
        7, name, date(2026, 3, 5), MeetingMode.IN_PERSON, venue=notes, free_notes=notes
    )


def test_an_override_in_a_name_does_not_reach_the_heading_or_the_index() -> None:
    entry = _entry("\u202eevil.exe Ada")
    text = render_meeting(entry)
    heading = next(line for line in text.splitlines() if line.startswith("# "))
    assert heading == "# evil.exe Ada, 2026-03-05"
    assert "\u202e" not in render_index([entry])


@settings(max_examples=150, deadline=None)
@given(name=_hostile_text, notes=_hostile_text)
def test_no_bidi_control_reaches_the_markdown_and_the_front_matter_keeps_the_name(
    name: str, notes: str
) -> None:
    text = render_meeting(_entry(name, notes))
    head, _, body = text[4:].partition("\n---\n")
    assert _BIDI.search(body) is None
    assert _BIDI.search(render_index([_entry(name, notes)])) is None
    # The front matter keeps the exact name, written as escapes rather than raw.
    assert _BIDI.search(head) is None
    assert yaml.safe_load(head)["contact"] == name
