"""Deciding a file's text encoding from the evidence of its lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.interop.source_file import decode_text_with_evidence

NAMES = ["Zoë Lefèvre", "José Müller", "Siobhán Ó Briain", "Ngozi Okafor", "Françoise Bäcker"]


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(
        st.tuples(st.sampled_from(NAMES), st.sampled_from(["utf-8", "latin-1"])),
        min_size=1,
        max_size=12,
    )
)
def test_every_line_reads_right_whatever_mix_of_utf8_and_latin1_it_is_in(
    lines: list[tuple[str, str]],
) -> None:
    data = b"".join(f"{name},x\n".encode(encoding) for name, encoding in lines)
    text, evidence = decode_text_with_evidence(data, "c.csv", "a CSV file")
    assert text.splitlines() == [f"{name},x" for name, _ in lines]
    non_ascii = [(name, enc) for name, enc in lines if not name.isascii()]
    utf8 = sum(1 for _, enc in non_ascii if enc == "utf-8")
    latin = len(non_ascii) - utf8
    if latin == 0:
        assert evidence.reading == "utf-8"
        assert not evidence.mixed
    elif utf8 == 0:
        assert evidence.reading == "cp1252"
        assert not evidence.mixed
    else:
        assert evidence.reading == "mixed"
        assert evidence.mixed
        assert (evidence.utf8_lines, evidence.other_lines) == (utf8, latin)
        assert "mixes two text encodings" in evidence.sentence()


def test_a_chosen_reading_is_followed() -> None:
    data = "Zoë\n".encode() + "José\n".encode("latin-1")
    assert decode_text_with_evidence(data, "c", "x", "cp1252")[0] == "ZoÃ«\nJosé\n"
    assert decode_text_with_evidence(data, "c", "x", "utf-8")[0] == "Zoë\nJos\ufffd\n"
    assert decode_text_with_evidence(data, "c", "x", "mixed")[0] == "Zoë\nJosé\n"
