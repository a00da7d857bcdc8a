from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.safe_names import (
    ARCHIVE_NAME_MAX_BYTES,
    archive_file_meeting_id,
    archive_file_name,
    is_reserved_windows_name,
    safe_path_component,
    truncate_utf8,
)

DAY = date(2026, 3, 5)
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def assert_safe_component(name: str) -> None:
    assert name
    assert name not in (".", "..")
    assert ".." not in name
    assert "/" not in name
    assert "\\" not in name
    assert not any(ch in '<>:"|?*' for ch in name)
    assert not any(unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") for ch in name)
    assert not any(ch in _LINE_BREAKS for ch in name)
    assert "\u202e" not in name
    assert not name.endswith((".", " "))
    assert not name.startswith(" ")
    assert not is_reserved_windows_name(name)
    assert len(name.encode("utf-8")) <= ARCHIVE_NAME_MAX_BYTES
    assert unicodedata.is_normalized("NFC", name)


def test_plain_name_reads_naturally() -> None:
    assert archive_file_name(42, "Ada Lovelace", DAY) == "2026-03-05 Ada Lovelace (42).md"


def test_names_in_other_scripts_stay_readable_and_composed() -> None:
    decomposed = "Zoe\u0308 Ünal"  # e + combining diaeresis
    assert archive_file_name(7, decomposed, DAY) == "2026-03-05 Zoë Ünal (7).md"
    assert archive_file_name(8, "山田 太郎", DAY) == "2026-03-05 山田 太郎 (8).md"
    assert archive_file_name(9, "محمد علي", DAY) == "2026-03-05 محمد علي (9).md"


def test_path_separators_and_traversal_are_neutralised() -> None:
    name = archive_file_name(1, "../../etc/passwd", DAY)
    assert_safe_component(name)
    assert "/" not in name
    assert ".." not in name


def test_windows_forbidden_characters_are_replaced() -> None:
    name = archive_file_name(1, 'a<b>c:d"e|f?g*h\\i', DAY)
    assert name == "2026-03-05 a-b-c-d-e-f-g-h-i (1).md"


def test_control_and_bidi_characters_are_removed() -> None:
    name = archive_file_name(1, "Eve\u202egnp.exe\x00\x07 Smith\r\nBcc", DAY)
    assert_safe_component(name)
    assert "Eve" in name
    assert "Smith Bcc" in name


def test_empty_or_junk_name_falls_back_to_a_word() -> None:
    assert archive_file_name(3, "", DAY) == "2026-03-05 meeting (3).md"
    assert archive_file_name(3, " ..\x00/ ", DAY) == "2026-03-05 - (3).md"


@pytest.mark.parametrize(
    "reserved", ["CON", "prn", "Aux.txt", "nul.md", "COM1", "lpt9.tar.gz", "COM¹"]
)
def test_reserved_device_names_are_prefixed(reserved: str) -> None:
    assert is_reserved_windows_name(reserved)
    safe = safe_path_component(reserved)
    assert not is_reserved_windows_name(safe)
    assert safe.startswith("_")


def test_ordinary_names_resembling_device_names_are_kept() -> None:
    assert safe_path_component("Connie") == "Connie"
    assert safe_path_component("COM10") == "COM10"


def test_trailing_dots_and_spaces_are_trimmed() -> None:
    assert safe_path_component("report. . ") == "report"


def test_long_names_are_cut_by_bytes_between_characters() -> None:
    name = archive_file_name(12345, "😀" * 200, DAY)
    assert len(name.encode("utf-8")) <= ARCHIVE_NAME_MAX_BYTES
    assert name.endswith(" (12345).md")
    name.encode("utf-8").decode("utf-8")  # no half characters


def test_truncation_keeps_accents_and_emoji_sequences_whole() -> None:
    text = "ab" + "e\u0301" * 3  # a letter with a combining accent that has a precomposed form
    assert truncate_utf8("xy" + "\u0915\u094d\u0937", 5) == "xy"  # never split a conjunct's marks
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert truncate_utf8("a" + family, 9) == "a"
    assert truncate_utf8(text, 4) == "ab"


def test_name_is_stable_and_unique_per_meeting() -> None:
    assert archive_file_name(1, "Ada", DAY) == archive_file_name(1, "Ada", DAY)
    assert archive_file_name(1, "Ada", DAY) != archive_file_name(2, "Ada", DAY)


def test_out_of_range_ids_are_refused() -> None:
    with pytest.raises(ValueError):
        archive_file_name(2**70, "Ada", DAY)


@settings(max_examples=300, deadline=None)
@given(
    meeting_id=st.integers(min_value=-(2**63), max_value=2**63 - 1),
    name=st.text(),
    met_on=st.dates(),
)
def test_any_name_gives_one_safe_component_inside_the_directory(
    meeting_id: int, name: str, met_on: date
) -> None:
    result = archive_file_name(meeting_id, name, met_on)
    assert_safe_component(result)
    assert result.endswith(f" ({meeting_id}).md")
    archive_dir = Path("/tmp/archive-root-for-resolution").resolve()
    resolved = (archive_dir / result).resolve()
    assert resolved.parent == archive_dir
    assert Path(result).name == result


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(codec="utf-8")), max_bytes=st.integers(16, 255))
def test_any_text_gives_a_safe_component_within_the_byte_budget(text: str, max_bytes: int) -> None:
    result = safe_path_component(text, max_bytes=max_bytes)
    assert result
    assert len(result.encode("utf-8")) <= max_bytes
    assert "/" not in result
    assert "\\" not in result
    assert ".." not in result
    assert not result.endswith((".", " "))
    assert not result.startswith((".", " "))
    assert not is_reserved_windows_name(result)


@settings(max_examples=300)
@given(
    st.integers(min_value=1, max_value=2**63 - 1),
    st.text(max_size=300),
    st.dates(min_value=date(1000, 1, 1)),
)
def test_an_archive_file_name_gives_back_its_meeting_id(
    meeting_id: int, name: str, day: date
) -> None:
    assert archive_file_meeting_id(archive_file_name(meeting_id, name, day)) == meeting_id


@pytest.mark.parametrize(
    "name",
    [
        "index.md",
        "My own notes.md",
        "2026-03-05 Ada (42).txt",
        "2026-03-05 Ada (42).md.bak",
        "2026-03-05 Ada (x).md",
        "2026-03-05 (42).md",
        ".2026-03-05 Ada (42).md.123.tmp",
        "2026-03-05 Ada (99999999999999999999).md",
    ],
)
def test_names_the_archive_does_not_write_give_no_meeting_id(name: str) -> None:
    assert archive_file_meeting_id(name) is None


def test_a_name_with_parentheses_gives_the_last_number() -> None:
    assert archive_file_meeting_id("2026-03-05 Bob (12) (42).md") == 42
