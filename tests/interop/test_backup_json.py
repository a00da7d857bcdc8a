"""The JSON backup document: what is written, and what reading refuses (with which words)."""

from __future__ import annotations

import contextlib
import json
import re
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatplanner.db.models import Base
from chatplanner.interop.backup_json import (
    ENVELOPE_KEYS,
    FORMAT_VERSION,
    BackupDocument,
    BackupFormatError,
    dump_document,
    parse_document,
)
from chatplanner.interop.backup_schema import FieldKind, FieldSpec, record_types

HEAD = "0003"
OLDER = frozenset({"0001"})
DOCS = Path(__file__).resolve().parents[2] / "docs" / "backup-format.md"
MOMENT = datetime(2025, 6, 1, 14, 3, 22, 123456, tzinfo=UTC)


def contact(contact_id: int = 1, **changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {spec.name: None for spec in record_types()["contacts"].fields}
    row.update(
        id=contact_id,
        first_name="Zoë",
        last_name="",
        kind="mentor",
        online_activity="often",
        stage="met",
        notes="",
        archived=False,
        created_at=MOMENT,
        updated_at=MOMENT,
    )
    row.update(changes)
    return row


def group(group_id: int = 1, name: str = "Alumni") -> dict[str, Any]:
    return {
        "id": group_id,
        "name": name,
        "kind": "alumni",
        "description": "",
        "url": None,
        "keep_in_touch_days": None,
        "created_at": MOMENT,
    }


def document_text(**tables: list[dict[str, Any]]) -> str:
    return dump_document(tables, schema_revision=HEAD, app_version="0.1.0")


def parse(text: str) -> BackupDocument:
    return parse_document(text, current_revision=HEAD, older_revisions=OLDER)


def edited(text: str, change: Any) -> str:
    data = json.loads(text)
    change(data)
    return json.dumps(data)


def refused(text: str) -> str:
    with pytest.raises(BackupFormatError) as error:
        parse(text)
    return str(error.value)


@pytest.fixture
def one_contact() -> str:
    return document_text(contacts=[contact()])


# Writing


def test_dump_writes_every_table_with_sorted_keys_and_a_trailing_newline() -> None:
    text = document_text(contacts=[contact()])
    data = json.loads(text)

    assert sorted(data) == sorted(ENVELOPE_KEYS)
    assert data["format_version"] == FORMAT_VERSION
    assert sorted(data["tables"]) == sorted(record_types())
    assert list(data["tables"]["contacts"][0]) == sorted(data["tables"]["contacts"][0])
    assert text.endswith("\n")
    assert not text.endswith("\n\n")


def test_dump_writes_one_row_per_line() -> None:
    text = document_text(contacts=[contact(1), contact(2, notes="two\nlines")])
    row_lines = [line for line in text.splitlines() if line.startswith('   {"address"')]

    assert len(row_lines) == 2
    assert [json.loads(line.rstrip(","))["id"] for line in row_lines] == [1, 2]


def test_dump_writes_dates_and_naive_utc_times_in_iso_form() -> None:
    paris = timezone(timedelta(hours=2))
    row = contact(
        connected_on=date(2026, 2, 8),
        stage_changed_at=datetime(2025, 6, 1, 16, 0, tzinfo=paris),
        last_touch_at=datetime(2025, 6, 1, 9, 0, 0),  # noqa: DTZ001 (naive is UTC here)
    )
    written = json.loads(document_text(contacts=[row]))["tables"]["contacts"][0]

    assert written["connected_on"] == "2026-02-08"
    assert written["stage_changed_at"] == "2025-06-01T14:00:00"
    assert written["last_touch_at"] == "2025-06-01T09:00:00"
    assert written["created_at"] == "2025-06-01T14:03:22.123456"


def test_dump_keeps_unicode_readable_in_the_file() -> None:
    text = document_text(contacts=[contact(first_name="مريم ☕ <b>")])
    assert "مريم ☕ <b>" in text


def test_dump_refuses_rows_a_restore_would_refuse() -> None:
    with pytest.raises(BackupFormatError, match=r"no backup was made.*'kind' must be one of"):
        document_text(contacts=[contact(kind="friend")])
    with pytest.raises(BackupFormatError, match="'latitude' must be a finite number"):
        document_text(contacts=[contact(latitude=float("inf"))])


def test_the_same_rows_always_give_the_same_text() -> None:
    rows = [contact(1), contact(2, first_name="Ana")]
    assert document_text(contacts=rows) == document_text(contacts=list(rows))


# Reading what was written


def test_parse_gives_back_python_values(one_contact: str) -> None:
    document = parse(one_contact)

    row = document.tables["contacts"][0]
    assert row["created_at"] == MOMENT
    assert row["archived"] is False
    assert row["email"] is None
    assert document.schema_revision == HEAD
    assert document.row_counts["contacts"] == 1
    assert document.total_rows == 1
    assert list(document.tables) == list(record_types())  # parents before children


def test_parse_accepts_a_byte_order_mark(one_contact: str) -> None:
    assert parse("\ufeff" + one_contact).total_rows == 1


def test_parse_accepts_whole_numbers_for_coordinates(one_contact: str) -> None:
    def set_latitude(data: dict[str, Any]) -> None:
        data["tables"]["contacts"][0]["latitude"] = 48

    assert parse(edited(one_contact, set_latitude)).tables["contacts"][0]["latitude"] == 48.0


def test_rows_that_refer_to_each_other_are_accepted() -> None:
    text = document_text(
        contacts=[contact()],
        groups=[group()],
        contact_groups=[{"contact_id": 1, "group_id": 1}],
    )
    assert parse(text).row_counts["contact_groups"] == 1


# Refusing what is not a backup


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "This file is not a chatplanner backup: it is not valid JSON"),
        ("First Name,Last Name\n", "not valid JSON"),
        ("[1, 2]", "it holds a list, not a backup document"),
        ('"chatplanner-backup"', "it holds 'chatplanner-backup', not a backup document"),
        ("{}", "it has no 'format' field"),
        ('{"format": "vcard"}', "its format is 'vcard', not 'chatplanner-backup'"),
        ('{"format": "chatplanner-backup"}', "'format_version' must be a whole number"),
        ('{"format": "chatplanner-backup", "format_version": true}', "whole number"),
        ('{"format": "chatplanner-backup", "format_version": "1"}', "whole number"),
        (
            '{"format": "chatplanner-backup", "format_version": 3}',
            "This backup was written by a newer chatplanner (format 3); "
            "update chatplanner to restore it.",
        ),
        ('{"format": "chatplanner-backup", "format_version": 0}', "format version 0"),
        ('{"format": "chatplanner-backup", "format_version": 1}', "has no 'app_version' field"),
        ("[" * 100_000, "nested far too deeply"),
        ('{"format": "chatplanner-backup", "format": "x"}', "'format' appears twice"),
        ("NaN", "NaN, which is not a number JSON allows"),
        ("1" * 5000, "This file is not a chatplanner backup"),
    ],
)
def test_parse_refuses_what_is_not_a_backup(text: str, message: str) -> None:
    assert message in refused(text)


def _set(path: str, value: Any) -> Any:
    """An edit of a document: `path` like "tables.contacts.0.kind"."""

    def change(data: Any) -> None:
        *parents, last = path.split(".")
        for part in parents:
            data = data[int(part)] if isinstance(data, list) else data[part]
        if value is _DELETE:
            del data[int(last) if isinstance(data, list) else last]
        elif isinstance(data, list):
            data[int(last)] = value
        else:
            data[last] = value

    return change


_DELETE = object()
ROW = "tables.contacts.0"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (_set("exported_at", "2025"), "a field chatplanner does not know: 'exported_at'"),
        (_set("schema_revision", ""), "'schema_revision' must be a non-empty string"),
        (_set("app_version", 1), "'app_version' must be a string"),
        (_set("tables", []), "'tables' must be an object; it is a list"),
        (_set("tables.reminders", []), "records of a kind chatplanner does not know: 'reminders'"),
        (_set("tables.venues", _DELETE), "it has no 'venues' table"),
        (_set("tables.contacts", {}), "The 'contacts' table must be a list of rows"),
        (_set(ROW, [1]), "Row 1 of contacts must be an object of fields; it is a list"),
        (_set(f"{ROW}.email", _DELETE), "Row 1 of contacts (id 1) has no 'email' field."),
        (_set(f"{ROW}.rank", 1), "Row 1 of contacts (id 1) has a field chatplanner does not know"),
        (_set(f"{ROW}.kind", None), "'kind' is required and cannot be null"),
        (
            _set(f"{ROW}.kind", "friend"),
            "Row 1 of contacts (id 1): 'kind' must be one of mentor, peer, recruiter, other; "
            "it is 'friend'.",
        ),
        (_set(f"{ROW}.goal", "money"), "'goal' must be one of professional_development"),
        (_set(f"{ROW}.years_in_role", True), "'years_in_role' must be a whole number; it is true"),
        (_set(f"{ROW}.years_in_role", 3.0), "'years_in_role' must be a whole number; it is 3.0"),
        (_set(f"{ROW}.years_in_role", 2**70), "'years_in_role' is too large"),
        (_set(f"{ROW}.archived", 0), "'archived' must be true or false; it is 0"),
        (_set(f"{ROW}.latitude", "48.8"), "'latitude' must be a finite number"),
        (_set(f"{ROW}.latitude", False), "'latitude' must be a finite number"),
        (_set(f"{ROW}.first_name", 7), "'first_name' must be a string; it is 7"),
        (_set(f"{ROW}.first_name", ["Zoë"]), "'first_name' must be a string; it is a list"),
        (_set(f"{ROW}.first_name", {"a": 1}), "'first_name' must be a string; it is an object"),
        (_set(f"{ROW}.connected_on", "2025-6-1"), "'connected_on' must be a date like 2025-06-01"),
        (_set(f"{ROW}.connected_on", "2025-02-30"), "must be a date like"),
        (_set(f"{ROW}.connected_on", "٢٠٢٥-٠٦-٠١"), "must be a date like"),
        (_set(f"{ROW}.created_at", "2025-06-01T14:03:22Z"), "without a zone"),
        (_set(f"{ROW}.created_at", "2025-06-01T14:03:22+02:00"), "without a zone"),
        (_set(f"{ROW}.created_at", "2025-06-01 14:03:22"), "without a zone"),
        (_set(f"{ROW}.created_at", "2025-06-01T25:03:22"), "without a zone"),
        (_set(f"{ROW}.created_at", "2025-06-01"), "without a zone"),
        (_set(f"{ROW}.id", "1"), "'id' must be a whole number"),
    ],
)
def test_parse_refuses_a_document_that_breaks_the_shape(
    one_contact: str, change: Any, message: str
) -> None:
    assert message in refused(edited(one_contact, change))


def test_parse_refuses_infinity_written_as_a_huge_number(one_contact: str) -> None:
    text = one_contact.replace('"latitude": null', '"latitude": 1e999')
    assert "'latitude' must be a finite number; it is inf" in refused(text)


def test_parse_refuses_a_broken_unicode_character(one_contact: str) -> None:
    text = one_contact.replace('"first_name": "Zoë"', '"first_name": "\\ud800"')
    assert "'first_name' holds a broken character" in refused(text)


def test_parse_refuses_repeated_primary_keys() -> None:
    text = document_text(contacts=[contact(1), contact(2)])
    text = text.replace('"id": 2', '"id": 1')
    assert "Rows 1 and 2 of contacts have the same id 1; each row needs its own." in refused(text)


def test_parse_refuses_repeated_unique_names() -> None:
    text = document_text(groups=[group(1, "Alumni"), group(2, "Chess")]).replace("Chess", "Alumni")
    assert "Rows 1 and 2 of groups have the same name 'Alumni'" in refused(text)


def test_parse_refuses_a_reference_to_a_missing_row() -> None:
    text = document_text(contacts=[contact()], groups=[group()])
    text = edited(text, _set("tables.contact_groups", [{"contact_id": 1, "group_id": 9}]))
    assert (
        "Row 1 of contact_groups refers to a missing record: no row of groups has id 9."
        in refused(text)
    )


def test_messages_about_huge_or_strange_values_stay_short(one_contact: str) -> None:
    message = refused(edited(one_contact, _set(f"{ROW}.kind", "x\n" * 10_000)))
    assert len(message) < 300
    assert "\n" not in message


# Schema revisions


def test_a_backup_from_an_older_schema_fills_fields_and_tables_added_since(
    one_contact: str,
) -> None:
    def make_older(data: dict[str, Any]) -> None:
        data["schema_revision"] = "0001"
        del data["tables"]["archive_files"]
        del data["tables"]["contacts"][0]["kind"]  # has a default
        del data["tables"]["contacts"][0]["goal"]  # may be null

    document = parse(edited(one_contact, make_older))

    assert document.schema_revision == "0001"
    assert document.tables["archive_files"] == []
    assert document.tables["contacts"][0]["kind"] == "other"
    assert document.tables["contacts"][0]["goal"] is None


def test_a_backup_from_an_older_schema_still_needs_fields_without_a_default(
    one_contact: str,
) -> None:
    def make_older(data: dict[str, Any]) -> None:
        data["schema_revision"] = "0001"
        del data["tables"]["contacts"][0]["created_at"]

    assert "has no 'created_at' field" in refused(edited(one_contact, make_older))


def test_a_backup_from_an_unknown_schema_is_restored_when_its_shape_matches(
    one_contact: str,
) -> None:
    text = edited(one_contact, _set("schema_revision", "9999"))
    assert parse(text).schema_revision == "9999"


def test_a_backup_from_an_unknown_schema_that_does_not_match_suggests_updating(
    one_contact: str,
) -> None:
    def make_newer(data: dict[str, Any]) -> None:
        data["schema_revision"] = "9999"
        data["tables"]["contacts"][0]["pronouns"] = "she/her"

    message = refused(edited(one_contact, make_newer))
    assert "'pronouns'" in message
    assert "updating chatplanner may let you restore it" in message


def test_parse_defaults_to_this_builds_migration_head() -> None:
    text = dump_document({})
    assert parse_document(text).total_rows == 0


# Untrusted input never raises anything but BackupFormatError

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


def _likely_value(spec: FieldSpec) -> st.SearchStrategy[Any]:
    """Mostly values the field accepts (small ids, so references and repeats happen)."""
    if spec.choices is not None:
        valid: st.SearchStrategy[Any] = st.sampled_from(spec.choices)
    else:
        valid = {
            FieldKind.INTEGER: st.integers(min_value=1, max_value=3),
            FieldKind.NUMBER: st.floats(allow_nan=False, allow_infinity=False),
            FieldKind.STRING: st.text(max_size=8),
            FieldKind.BOOLEAN: st.booleans(),
            FieldKind.DATE: st.dates().map(date.isoformat),
            FieldKind.DATETIME: st.datetimes().map(datetime.isoformat),
        }[spec.kind]
    return (valid | st.none()) if spec.nullable else valid


_DROP = object()


def _spoil(row: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    spoiled = dict(row)
    if value is _DROP:
        spoiled.pop(field, None)
    else:
        spoiled[field] = value
    return spoiled


def _row_strategy(table: str) -> st.SearchStrategy[Any]:
    """A plausible row of `table`, now and then with one field missing, extra or wrong."""
    fields = record_types()[table].fields
    rows = st.fixed_dictionaries({spec.name: _likely_value(spec) for spec in fields})
    spoiled = st.builds(
        _spoil,
        rows,
        st.sampled_from([*(spec.name for spec in fields), "extra"]),
        json_values | st.just(_DROP),
    )
    return rows | spoiled | json_values


documents = st.fixed_dictionaries(
    {
        "format": st.just("chatplanner-backup"),
        "format_version": st.sampled_from([1, 1, 1, 1, 1, 1, 2, True]),
        "schema_revision": st.sampled_from([HEAD, HEAD, HEAD, "0001", "zz"]),
        "app_version": st.just("0.1.0"),
        "tables": st.fixed_dictionaries(
            {name: st.lists(_row_strategy(name), max_size=3) for name in record_types()},
            optional={"unknown": st.lists(json_values, max_size=2)},
        ),
    }
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_any_text_gives_a_document_or_a_format_error(text: str) -> None:
    with contextlib.suppress(BackupFormatError):
        assert isinstance(parse(text), BackupDocument)


@settings(max_examples=200)
@given(json_values)
def test_any_json_value_gives_a_document_or_a_format_error(value: Any) -> None:
    with contextlib.suppress(BackupFormatError):
        assert isinstance(parse(json.dumps(value)), BackupDocument)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_backup_shaped_document_gives_a_document_or_a_format_error(
    data: dict[str, Any],
) -> None:
    try:
        document = parse(json.dumps(data))
    except BackupFormatError:
        return
    assert set(document.tables) == set(record_types())


# The format document cannot fall behind the schema

_HEADING = re.compile(r"^### `(\w+)`")
_FIELD_ROW = re.compile(r"^\| `(\w+)` \| ([^|]+?) \| (yes|no) \|")


def documented_fields() -> dict[str, dict[str, tuple[str, str]]]:
    """Table -> field -> (type, nullable) as the format document states them."""
    tables: dict[str, dict[str, tuple[str, str]]] = {}
    current: dict[str, tuple[str, str]] | None = None
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        heading = _HEADING.match(line)
        if heading:
            current = tables.setdefault(heading.group(1), {})
        elif line.startswith("## "):
            current = None
        elif current is not None and (row := _FIELD_ROW.match(line)):
            current[row.group(1)] = (row.group(2), row.group(3))
    return tables


def expected_type_cell(kind: FieldKind, choices: tuple[str, ...] | None) -> str:
    if choices is not None:
        return "string, one of " + ", ".join(f"`{choice}`" for choice in choices)
    return kind.value


def test_the_format_document_describes_every_table_and_field_of_the_schema() -> None:
    documented = documented_fields()

    assert sorted(documented) == sorted(table.name for table in Base.metadata.sorted_tables)
    for name, rtype in record_types().items():
        assert sorted(documented[name]) == sorted(rtype.field_names), name
        for spec in rtype.fields:
            type_cell, nullable_cell = documented[name][spec.name]
            assert type_cell == expected_type_cell(spec.kind, spec.choices), (name, spec.name)
            assert nullable_cell == ("yes" if spec.nullable else "no"), (name, spec.name)


def test_every_column_type_of_the_schema_has_a_json_form() -> None:
    kinds = {spec.kind for rtype in record_types().values() for spec in rtype.fields}
    assert kinds == set(FieldKind)


def test_aware_and_naive_utc_give_the_same_text() -> None:
    naive = document_text(contacts=[contact(created_at=MOMENT.replace(tzinfo=None))])
    assert naive == document_text(contacts=[contact()])
