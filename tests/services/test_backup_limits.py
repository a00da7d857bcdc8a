"""Every number and date a restore accepts is one every page and command can handle: values
outside the ranges of domain.limits are refused with the documented message, and a profile
holding values at the very ends of those ranges works everywhere."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chatplanner.cli.main import main
from chatplanner.domain.contacts import ContactDraft
from chatplanner.domain.enums import MeetingMode
from chatplanner.domain.limits import day_in_range, number_range
from chatplanner.domain.venues import VenueDraft
from chatplanner.interop.backup_json import BackupFormatError, parse_document
from chatplanner.interop.backup_schema import FieldKind, record_types
from chatplanner.services.backup import RestoreRefusedError
from chatplanner.services.workspace import Workspace

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _small_profile(directory: Path) -> dict[str, Any]:
    """A profile with a contact, a venue and a planned chat; its backup as JSON data."""
    with Workspace.open(directory, clock=lambda: NOW) as workspace:
        contact = workspace.people.contact_edits.create(
            ContactDraft(first_name="Zoë", last_name="Tremblay", email="zoe@example.com")
        )
        venue = workspace.planning.venues.add(
            VenueDraft(name="Lantern & Leaf", latitude=43.65, longitude=-79.38)
        )
        workspace.planning.scheduling.plan_chat(
            contact.id, MeetingMode.IN_PERSON, datetime(2026, 3, 5, 15, 0, tzinfo=UTC), 45, venue
        )
        data: dict[str, Any] = json.loads(workspace.backup.export_document())
    return data


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    return _small_profile(tmp_path_factory.mktemp("limits") / "p")


# Every (table, field) of a number or a date that the small profile has a row for.
def _fields(document: dict[str, Any]) -> list[tuple[str, str, FieldKind]]:
    found: list[tuple[str, str, FieldKind]] = []
    for name, rtype in record_types().items():
        if not document["tables"].get(name):
            continue
        for spec in rtype.fields:
            if spec.name == "id" or spec.name.endswith("_id"):
                continue  # keys: their checks are the references'
            if spec.kind in (
                FieldKind.INTEGER,
                FieldKind.NUMBER,
                FieldKind.DATE,
                FieldKind.DATETIME,
            ):
                found.append((name, spec.name, spec.kind))
    return found


_numbers = (
    st.integers()
    | st.sampled_from([2**62, -5, 0, -1, 2**63 - 1, 10**6])
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from([1e308, -1e308, 90.0000001, -180.5])
)
_days = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)) | st.sampled_from(
    [date(9999, 12, 31), date(1, 1, 1), date(1899, 12, 31), date(3000, 1, 1)]
)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_a_restore_accepts_a_number_or_date_only_within_its_range(
    document: dict[str, Any], data: st.DataObject
) -> None:
    table, field, kind = data.draw(st.sampled_from(_fields(document)))
    if kind in (FieldKind.INTEGER, FieldKind.NUMBER):
        value: Any = data.draw(_numbers)
        if kind is FieldKind.INTEGER and isinstance(value, float):
            value = int(value) if value.is_integer() and abs(value) < 2**63 else 7
    else:
        day = data.draw(_days)
        value = day.isoformat() if kind is FieldKind.DATE else f"{day.isoformat()}T23:59:59"
    changed = json.loads(json.dumps(document))
    changed["tables"][table][0][field] = value
    try:
        parsed = parse_document(json.dumps(changed))
    except BackupFormatError as error:
        assert f"'{field}'" in str(error)
        return
    stored = parsed.tables[table][0][field]
    if kind in (FieldKind.INTEGER, FieldKind.NUMBER):
        bounds = number_range(field)
        assert bounds is None or bounds[0] <= stored <= bounds[1]
    else:
        assert day_in_range(stored)


@pytest.mark.parametrize(
    ("table", "field", "value", "message"),
    [
        ("meetings", "duration_minutes", 2**62, "'duration_minutes' must be between 1 and 1440"),
        (
            "meetings",
            "duration_minutes",
            -5,
            "'duration_minutes' must be between 1 and 1440; it is -5",
        ),
        ("meetings", "starts_at", "9999-12-31T23:00:00", "'starts_at' must be between 1900-01-01"),
        ("meetings", "starts_at", "0001-01-01T00:00:00", "'starts_at' must be between 1900-01-01"),
        ("venues", "latitude", 1e308, "'latitude' must be between -90 and 90"),
    ],
)
def test_a_restore_refuses_the_values_that_broke_later_commands(
    document: dict[str, Any], tmp_path: Path, table: str, field: str, value: Any, message: str
) -> None:
    changed = json.loads(json.dumps(document))
    changed["tables"][table][0][field] = value
    path = tmp_path / "b.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    with Workspace.open(tmp_path / "target") as workspace:
        with pytest.raises(RestoreRefusedError, match=message.replace("(", r"\(")):
            workspace.backup.restore_from(path)
        assert workspace.overview.overview().is_empty


def test_values_at_the_ends_of_the_ranges_work_in_every_command(
    document: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    changed = json.loads(json.dumps(document))
    meeting = changed["tables"]["meetings"][0]
    meeting["starts_at"], meeting["duration_minutes"] = "2999-12-31T23:59:59", 1440
    venue = changed["tables"]["venues"][0]
    venue["latitude"], venue["longitude"] = 90.0, -180.0
    contact = changed["tables"]["contacts"][0]
    contact["connected_on"], contact["keep_in_touch_days"] = "1900-01-01", 36600
    path = tmp_path / "b.json"
    path.write_text(json.dumps(changed), encoding="utf-8")
    profile = str(tmp_path / "target")
    assert main(["restore", str(path), "--data-dir", profile]) == 0
    meeting_id = str(meeting["id"])
    for argv in (
        ["today", "--json"],
        ["contacts", "--json"],
        ["venues", "--contact", str(contact["id"]), "--json"],
        ["ics", meeting_id, str(tmp_path / "chat.ics")],
        ["draft", meeting_id],
        ["archive", str(tmp_path / "archive")],
        ["search", "Zoë"],
        ["backup", str(tmp_path / "again.json")],
    ):
        status = main([*argv, "--data-dir", profile])
        assert status == 0, (argv, capsys.readouterr().err)
