"""Reading a backup file piece by piece gives what reading it whole gives: the same rows, the
same refusals in the same words, wherever the pieces are cut."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatplanner.interop import backup_stream
from chatplanner.interop.backup_json import BackupDocument, BackupFormatError
from chatplanner.interop.backup_rows import FirstRows, Row
from chatplanner.interop.backup_schema import record_types
from chatplanner.interop.backup_stream import BackupHeader, NotUtf8Error, read_backup_stream
from tests.interop import test_backup_json as whole
from tests.interop.test_backup_json import (
    HEAD,
    OLDER,
    contact,
    document_text,
    documents,
    edited,
    group,
    json_values,
    parse,
    refused,
)


@contextmanager
def pieces_of(characters: int) -> Iterator[None]:
    """The reader's window made `characters` long, so values are cut at every place."""
    with mock.patch.object(backup_stream, "_CHUNK", characters):
        yield


def read(text: str | bytes, rows: dict[str, list[Row]] | None = None) -> BackupHeader:
    data = text.encode("utf-8") if isinstance(text, str) else text

    def keep(name: str, batch: list[Row]) -> None:
        if rows is not None:
            rows.setdefault(name, []).extend(batch)

    return read_backup_stream(
        lambda: io.BytesIO(data), keep, current_revision=HEAD, older_revisions=OLDER
    )


def stream_refused(text: str) -> str:
    with pytest.raises(BackupFormatError) as error:
        read(text)
    return str(error.value)


def assert_same_as_whole(text: str) -> None:
    """The streamed reading of `text` agrees with parse_document's."""
    try:
        document = parse(text)
    except BackupFormatError:
        with pytest.raises(BackupFormatError):
            read(text)
        return
    rows: dict[str, list[Row]] = {}
    header = read(text, rows)
    assert_same_document(header, rows, document)


def assert_same_document(
    header: BackupHeader, rows: dict[str, list[Row]], document: BackupDocument
) -> None:
    assert header.schema_revision == document.schema_revision
    assert header.app_version == document.app_version
    assert header.row_counts == document.row_counts
    assert list(header.row_counts) == list(record_types())  # parents first, as restored
    assert {name: found for name, found in rows.items() if found} == {
        name: found for name, found in document.tables.items() if found
    }


@pytest.fixture
def two_contacts() -> str:
    return document_text(
        contacts=[contact(1, email="zoe@example.org"), contact(2, first_name="Ann")],
        groups=[group()],
        contact_groups=[{"contact_id": 2, "group_id": 1}],
    )


@pytest.mark.parametrize("characters", [1, 2, 3, 7, 64, 1 << 20])
def test_rows_cut_anywhere_are_read_as_a_whole_reading_reads_them(
    two_contacts: str, characters: int
) -> None:
    with pieces_of(characters):
        assert_same_as_whole(two_contacts)
        assert_same_as_whole(json.dumps(json.loads(two_contacts)))  # on one line
        assert_same_as_whole(json.dumps(json.loads(two_contacts), indent=4))
        assert_same_as_whole("\ufeff" + two_contacts)


@pytest.mark.parametrize("characters", [1, 5, 1 << 20])
def test_tables_before_the_other_fields_are_read_once_these_are_known(
    two_contacts: str, characters: int
) -> None:
    data = json.loads(two_contacts)
    tables_first = json.dumps({"tables": data.pop("tables"), **data})
    with pieces_of(characters):
        assert_same_as_whole(tables_first)


def test_rows_come_in_batches_of_one_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_stream, "_BATCH", 2)
    text = document_text(contacts=[contact(i) for i in range(1, 6)])
    batches: list[tuple[str, int]] = []
    read_backup_stream(
        lambda: io.BytesIO(text.encode()),
        lambda name, rows: batches.append((name, len(rows))),
        current_revision=HEAD,
        older_revisions=OLDER,
    )
    assert batches == [("contacts", 2), ("contacts", 2), ("contacts", 1)]


def _cases(test: Any) -> list[Any]:
    """The cases a test of the whole reading is parametrised with."""
    return list(test.pytestmark[0].args[1])


@pytest.mark.parametrize(("text", "message"), _cases(whole.test_parse_refuses_what_is_not_a_backup))
def test_what_is_not_a_backup_is_refused_in_the_same_words(text: str, message: str) -> None:
    with pieces_of(3):
        assert message in stream_refused(text)


@pytest.mark.parametrize(
    ("change", "message"), _cases(whole.test_parse_refuses_a_document_that_breaks_the_shape)
)
def test_a_document_that_breaks_the_shape_is_refused_in_the_same_words(
    two_contacts: str, change: Any, message: str
) -> None:
    text = edited(two_contacts, change)
    with pieces_of(5):
        assert stream_refused(text) == refused(text)
        assert message in stream_refused(text)


def test_repeats_and_missing_records_are_refused_in_the_same_words(two_contacts: str) -> None:
    repeated = two_contacts.replace('"id": 2', '"id": 1')
    dangling = two_contacts.replace('"contact_id": 2', '"contact_id": 9')
    twice = two_contacts.replace('"groups": [', '"groups": [], "groups": [')
    for text in (repeated, dangling, twice):
        assert stream_refused(text) == refused(text)


def test_a_document_cut_short_is_not_valid_json(two_contacts: str) -> None:
    for end in range(0, len(two_contacts) - 2, 7):
        with pieces_of(4):
            assert "not valid JSON" in stream_refused(two_contacts[:end])


def test_a_backup_cut_inside_a_string_says_so_in_a_whole_sentence(two_contacts: str) -> None:
    cut = two_contacts[: two_contacts.index('"Ann"') + 3]
    line = cut.count("\n") + 1
    column = len(cut) - cut.rfind("\n") - 3  # where the string's opening quote is
    expected = (
        "This file is not a chatplanner backup: it is not valid JSON: an unterminated string "
        f"starting at line {line}, column {column}."
    )
    with pieces_of(16):
        assert stream_refused(cut) == expected
    assert whole.refused(cut) == expected


def test_every_cut_ends_its_sentence_with_the_place(two_contacts: str) -> None:
    for end in range(1, len(two_contacts) - 2, 5):
        with pieces_of(8):
            message = stream_refused(two_contacts[:end])
        assert re.search(r"it is not valid JSON: [a-z].* at line \d+, column \d+\.$", message), (
            message
        )
        assert "(" not in message
        assert message == whole.refused(two_contacts[:end])


def test_the_place_of_a_syntax_error_is_its_line_and_column(two_contacts: str) -> None:
    broken = two_contacts.replace('"first_name": "Ann"', '"first_name" "Ann"')
    line = next(n for n, text in enumerate(broken.splitlines(), 1) if '"first_name" "Ann"' in text)
    with pieces_of(16):
        assert f"line {line}, column" in stream_refused(broken)


def test_bytes_that_are_not_utf8_are_said_to_be(two_contacts: str) -> None:
    with pytest.raises(NotUtf8Error):
        read(b"\xff\xfe{\x00}\x00")
    with pytest.raises(NotUtf8Error), pieces_of(3):
        read(two_contacts.encode("utf-8")[:-20] + b"\xc3(" + b"}" * 20)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents, st.sampled_from([1, 3, 9, 1 << 20]))
def test_any_backup_shaped_document_reads_as_the_whole_reading_reads_it(
    data: dict[str, Any], characters: int
) -> None:
    with pieces_of(characters):
        assert_same_as_whole(json.dumps(data))


@settings(max_examples=100, deadline=None)
@given(json_values)
def test_any_json_value_reads_as_the_whole_reading_reads_it(value: Any) -> None:
    with pieces_of(2):
        assert_same_as_whole(json.dumps(value))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(min_value=-(2**63), max_value=2**63 - 1),
            st.integers(min_value=0, max_value=6),
            st.booleans(),
            st.text(max_size=2),
            st.tuples(st.integers(0, 3), st.integers(0, 3)),
        ),
        max_size=30,
    ),
    st.lists(st.integers(0, 40), max_size=30),
)
def test_keys_kept_packed_behave_as_a_dictionary(keys: list[Any], ascending: list[int]) -> None:
    for sequence in (keys, sorted(ascending), [*sorted(ascending), *keys]):
        packed, plain = FirstRows(), dict[Any, int]()
        for index, key in enumerate(sequence, start=1):
            assert packed.setdefault(key, index) == plain.setdefault(key, index)
        assert dict(packed.items()) == plain
        for probe in [*sequence, -1, 41, "x", (9, 9), True, False, 1.0, 2.5]:
            assert (probe in packed) == (probe in plain)
