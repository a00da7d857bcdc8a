"""`chatplanner venues` and `chatplanner ics` on a demo profile."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from icalendar import Calendar

from chatplanner.cli.main import main
from chatplanner.services.workspace import Workspace
from tests.profiles import ProfileTemplates


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory, profile_templates: ProfileTemplates) -> Path:
    return profile_templates.copy_to(tmp_path_factory.mktemp("demo") / "p", demo=True)


def _jessica(directory: Path) -> int:
    with Workspace.open(directory, for_writing=False) as workspace:
        return next(
            c.id
            for c in workspace.planning.scheduling.contact_choices()
            if c.name.startswith("Jessica")
        )


def test_venues_json_is_ranked_best_first_with_reasons(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    contact = _jessica(demo_dir)
    assert main(["venues", "--contact", str(contact), "--json", "--data-dir", str(demo_dir)]) == 0
    venues = json.loads(capsys.readouterr().out)
    assert venues
    for venue in venues:
        assert {"id", "name", "kind", "score", "distance_km", "reasons"} <= venue.keys()
        assert isinstance(venue["id"], int)
        assert isinstance(venue["score"], float)
        assert venue["kind"] in {"coffee_shop", "restaurant", "other"}  # bars not allowed
        assert all(isinstance(reason, str) for reason in venue["reasons"])
    scores = [venue["score"] for venue in venues]
    assert scores == sorted(scores, reverse=True)
    # Jessica is known only by her city: the venue is in it, at no distance from its centre.
    assert "in Jessica's city" in venues[0]["reasons"]


def test_venues_near_a_point_and_as_text(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["venues", "--near=43.6655,-79.41", "--limit", "3", "--data-dir", str(demo_dir)]) == 0
    )
    out = capsys.readouterr().out
    assert out.startswith(" 1. ")
    assert "from that point" in out
    assert out.count("\n") == 6


def test_venues_near_something_that_is_not_a_point_fails_clearly(
    demo_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["venues", "--near", "<b>home</b>", "--data-dir", str(demo_dir)]) == 2
    assert "is not a point" in capsys.readouterr().err


def test_venues_on_an_empty_profile_gives_an_empty_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["venues", "--json", "--data-dir", str(tmp_path / "empty")]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_ics_writes_a_calendar_file(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "chat.ics"
    assert main(["ics", "1", str(target), "--data-dir", str(demo_dir)]) == 0
    assert "Wrote the invite" in capsys.readouterr().out
    [event] = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["SUMMARY"]).startswith("Coffee chat with ")
    assert event.walk("VALARM")


def test_ics_for_a_missing_meeting_fails_with_status_2(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ics", "9999", str(tmp_path / "x.ics"), "--data-dir", str(demo_dir)]) == 2
    assert "no meeting number 9999" in capsys.readouterr().err
    assert not (tmp_path / "x.ics").exists()


def test_ics_to_a_pipe_fails_clearly_and_leaves_the_pipe(
    demo_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    assert main(["ics", "1", str(pipe), "--data-dir", str(demo_dir)]) == 2
    assert "it is a device, pipe or socket, not a file" in capsys.readouterr().err
    assert stat.S_ISFIFO(pipe.lstat().st_mode)


def test_venues_as_text_give_no_distance_from_a_base_known_only_as_a_city(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from chatplanner.domain.venues import UserBase, VenueDraft

    directory = tmp_path / "p"
    with Workspace.open(directory) as workspace:
        toronto = workspace.planning.venues.places.city("Toronto", "CA")
        assert toronto is not None
        workspace.planning.venues.set_base(
            UserBase("Home", "Toronto", toronto.latitude, toronto.longitude, city_centre=True)
        )
        workspace.planning.venues.add(
            VenueDraft("Library Café", city="Toronto", latitude=43.6719, longitude=-79.3866)
        )
    assert main(["venues", "--data-dir", str(directory)]) == 0
    out = capsys.readouterr().out
    assert "Library Café" in out
    assert "km" not in out, out
    assert "in your city" in out
