"""Venues through the service: editing, visits counted from meetings, ranking and the base."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime, timedelta

import pytest

from chatplanner.db.models import Contact, Meeting, Visit
from chatplanner.domain.enums import MeetingMode, MeetingStatus, VenueKind
from chatplanner.domain.venue_ranking import RankingWeights
from chatplanner.domain.venues import UserBase, VenueDraft, VenueInputError
from chatplanner.services.venues import ContactNotFoundError, VenueNotFoundError
from chatplanner.services.workspace import Workspace
from tests.profiles import OpenWorkspace

NOW = datetime(2025, 3, 12, 15, 0, tzinfo=UTC)
TORONTO = UserBase("Home", "Toronto", 43.6532, -79.3832, "CA", "America/Toronto")


@pytest.fixture
def workspace(open_workspace: OpenWorkspace) -> Workspace:
    return open_workspace(clock=lambda: NOW)


def _contact(
    ws: Workspace, first: str, city: str | None, lat: float | None, lon: float | None
) -> int:
    with ws.context.sessions.begin() as session:
        row = Contact(
            first_name=first,
            last_name="Tester",
            city=city,
            country="Canada" if city else None,
            latitude=lat,
            longitude=lon,
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(row)
        session.flush()
        return row.id


def _meeting(
    ws: Workspace, contact_id: int, venue_id: int, status: MeetingStatus, mode: MeetingMode
) -> int:
    with ws.context.sessions.begin() as session:
        row = Meeting(
            contact_id=contact_id,
            venue_id=venue_id,
            mode=mode.value,
            status=status.value,
            starts_at=NOW - timedelta(days=3),
            created_at=NOW,
            updated_at=NOW,
        )
        session.add(row)
        session.flush()
        return row.id


def test_added_venue_is_listed_with_its_fields(workspace: Workspace) -> None:
    venue_id = workspace.planning.venues.add(
        VenueDraft(
            "  Lantern   & Leaf ",
            VenueKind.COFFEE_SHOP,
            address="612 Queen St W",
            city="Toronto",
            latitude=43.647,
            longitude=-79.403,
            quietness=4,
            knows_parking=True,
            notes="<b>back room</b> is calmer",
        )
    )
    [record] = workspace.planning.venues.list_venues()
    assert record.id == venue_id
    assert record.name == "Lantern & Leaf"
    assert record.quietness == 4
    assert record.known_things == ["parking"]
    assert record.notes == "<b>back room</b> is calmer"
    assert record.distance_km is None  # no base yet


def test_editing_and_removing_a_venue_and_restoring_it(workspace: Workspace) -> None:
    venue_id = workspace.planning.venues.add(VenueDraft("Old name"))
    workspace.planning.venues.update(
        venue_id, VenueDraft("New name", VenueKind.RESTAURANT, quietness=9)
    )
    record = workspace.planning.venues.get(venue_id)
    assert (record.name, record.kind, record.quietness) == ("New name", VenueKind.RESTAURANT, 5)
    workspace.planning.venues.remove(venue_id)
    assert workspace.planning.venues.list_venues() == []
    workspace.planning.venues.restore(venue_id)
    assert [v.id for v in workspace.planning.venues.list_venues()] == [venue_id]


def test_a_venue_without_a_name_or_with_half_coordinates_is_refused(workspace: Workspace) -> None:
    with pytest.raises(VenueInputError, match="name"):
        workspace.planning.venues.add(VenueDraft("   "))
    with pytest.raises(VenueInputError, match="both"):
        workspace.planning.venues.add(VenueDraft("Café", latitude=43.0))
    with pytest.raises(VenueInputError, match="Latitude"):
        workspace.planning.venues.add(VenueDraft("Café", latitude=143.0, longitude=1.0))


def test_unknown_venue_gives_a_clear_error(workspace: Workspace) -> None:
    with pytest.raises(VenueNotFoundError, match="no venue number 99"):
        workspace.planning.venues.update(99, VenueDraft("X"))


def test_been_here_and_past_in_person_meetings_count_as_visits(workspace: Workspace) -> None:
    venue_id = workspace.planning.venues.add(
        VenueDraft("Annex Roasters", latitude=43.66, longitude=-79.41)
    )
    other_id = workspace.planning.venues.add(
        VenueDraft("Somewhere", latitude=43.66, longitude=-79.41)
    )
    person = _contact(workspace, "Jessica", "Toronto", 43.65, -79.38)
    visit_id = workspace.planning.venues.record_visit(venue_id)
    workspace.planning.venues.record_visit(venue_id, on=date(2024, 12, 1))
    done = _meeting(workspace, person, venue_id, MeetingStatus.DONE, MeetingMode.IN_PERSON)
    _meeting(workspace, person, venue_id, MeetingStatus.PLANNED, MeetingMode.IN_PERSON)
    _meeting(workspace, person, venue_id, MeetingStatus.DONE, MeetingMode.ONLINE)
    _meeting(workspace, person, other_id, MeetingStatus.CANCELLED, MeetingMode.IN_PERSON)
    # A visit created for the done meeting (as the demo does) is not counted a second time.
    with workspace.context.sessions.begin() as session:
        session.add(Visit(venue_id=venue_id, visited_on=date(2025, 3, 9), meeting_id=done))

    counts = {v.id: v.visit_count for v in workspace.planning.venues.list_venues()}
    assert counts == {venue_id: 3, other_id: 0}
    # "I've been here" counts today where the user is (13 March already in Auckland).
    today = NOW.astimezone(workspace.context.zone()).date()
    assert workspace.planning.venues.get(venue_id).last_visit == today

    workspace.planning.venues.remove_visit(visit_id)  # the undo of "I've been here"
    assert workspace.planning.venues.get(venue_id).visit_count == 2
    [top] = workspace.planning.venues.rank_for(person, limit=1)
    assert top.id == venue_id
    assert top.reasons[0] == "been here twice"


def test_ranking_prefers_familiar_quiet_places_and_names_the_contact(workspace: Workspace) -> None:
    workspace.planning.venues.set_base(TORONTO)
    familiar = workspace.planning.venues.add(
        VenueDraft(
            "Reading Room",
            latitude=43.6719,
            longitude=-79.3868,
            quietness=5,
            knows_commute=True,
            knows_parking=True,
        )
    )
    workspace.planning.venues.add(
        VenueDraft("Unknown Spot", latitude=43.6532, longitude=-79.3832, quietness=2)
    )
    bar = workspace.planning.venues.add(
        VenueDraft("Taproom", VenueKind.BAR, latitude=43.65, longitude=-79.38)
    )
    for _ in range(6):
        workspace.planning.venues.record_visit(familiar)
    person = _contact(workspace, "Jessica", "Toronto", 43.70, -79.41)

    suggestions = workspace.planning.venues.suggest(person)
    assert suggestions.venues[0].id == familiar
    assert bar not in [v.id for v in suggestions.venues]
    reasons = suggestions.venues[0].reasons
    assert "been here 6 times" in reasons
    assert "commute and parking known" in reasons
    assert "very quiet" in reasons
    assert any(r.endswith("km from you") for r in reasons)
    assert any(r.endswith("from Jessica") for r in reasons)
    assert suggestions.base is not None
    assert suggestions.contact is not None
    assert suggestions.points[familiar] == (43.6719, -79.3868)

    workspace.planning.venues.set_weights(RankingWeights(allow_bars=True))
    assert bar in [v.id for v in workspace.planning.venues.rank_for(person)]


def test_contact_without_coordinates_is_placed_by_their_city(workspace: Workspace) -> None:
    workspace.planning.venues.add(VenueDraft("Café", latitude=45.42, longitude=-75.70))
    person = _contact(workspace, "Chloé", "Ottawa", None, None)
    [ranked] = workspace.planning.venues.rank_for(person)
    assert ranked.contact_distance_km is not None
    assert ranked.contact_distance_km < 5


def test_ranking_near_a_point_and_for_a_missing_contact(workspace: Workspace) -> None:
    workspace.planning.venues.add(VenueDraft("Café", latitude=43.70, longitude=-79.40))
    [ranked] = workspace.planning.venues.rank_for(near=(43.70, -79.40))
    assert ranked.contact_distance_km == pytest.approx(0.0, abs=0.01)
    with pytest.raises(ContactNotFoundError):
        workspace.planning.venues.rank_for(contact_id=404)


def test_base_round_trips_and_fills_country_and_zone_from_the_city(workspace: Workspace) -> None:
    assert workspace.planning.venues.base() is None
    workspace.settings.set(
        "user.base", {"label": "Work", "city": "Toronto", "latitude": 43.65, "longitude": -79.38}
    )
    base = workspace.planning.venues.base()
    assert base is not None
    assert (base.country, base.timezone, base.caption) == (
        "CA",
        "America/Toronto",
        "Work — Toronto",
    )
    workspace.planning.venues.set_base(None)
    assert workspace.planning.venues.base() is None


def test_a_base_stored_without_its_centre_flag_is_found_to_be_its_citys_centre(
    workspace: Workspace,
) -> None:
    toronto = workspace.planning.venues.places.city("Toronto", "CA")
    assert toronto is not None
    stored = {"city": "Toronto", "latitude": toronto.latitude, "longitude": toronto.longitude}
    workspace.settings.set("user.base", stored)  # as the first-run sheet stored it once
    assert workspace.planning.venues.base() is not None
    assert workspace.planning.venues.base().city_centre  # type: ignore[union-attr]
    workspace.planning.venues.add(
        VenueDraft("Café", latitude=toronto.latitude, longitude=toronto.longitude)
    )
    [ranked] = workspace.planning.venues.rank_for(near=(43.70, -79.40))
    assert "in your city" in ranked.reasons
    # A flag stored says it: a geocoded point the user gave stays a point, even a few metres
    # from the centre. (A point exactly at the city list's centre with the flag off is what an
    # earlier first-run sheet stored for a city, and is read as the city.)
    geocoded = {
        "latitude": toronto.latitude + 0.0000312,
        "longitude": toronto.longitude - 0.0000271,
    }
    workspace.settings.set(
        "user.base", {**stored, **geocoded, "country": "CA", "city_centre": False}
    )
    assert not workspace.planning.venues.base().city_centre  # type: ignore[union-attr]
    [ranked] = workspace.planning.venues.rank_for(near=(43.70, -79.40))
    assert "in your city" not in ranked.reasons


def test_damaged_weights_setting_falls_back_to_defaults(workspace: Workspace) -> None:
    workspace.settings.set("places.weights", {"familiarity": -3, "quiet": "loud"})
    weights = workspace.planning.venues.weights()
    assert weights.quiet == RankingWeights().quiet
    workspace.settings.set(
        "places.weights", {"familiarity": 0, "quiet": 0, "convenience": 0, "kind": 0}
    )
    assert workspace.planning.venues.weights() == RankingWeights()


def test_ranking_again_sees_each_change_made_here_or_by_another_program(
    workspace: Workspace,
) -> None:
    """The ranking keeps what it read while nothing changed; any change is read again."""
    workspace.planning.venues.set_base(TORONTO)
    quiet = workspace.planning.venues.add(
        VenueDraft("Quiet", latitude=43.65, longitude=-79.38, quietness=5)
    )
    loud = workspace.planning.venues.add(
        VenueDraft("Loud", latitude=43.65, longitude=-79.38, quietness=1)
    )
    assert [v.id for v in workspace.planning.venues.rank_for(near=(43.65, -79.38))] == [quiet, loud]
    assert [v.id for v in workspace.planning.venues.rank_for(near=(43.65, -79.38))] == [quiet, loud]

    # Through the service.
    workspace.planning.venues.update(
        loud, VenueDraft("Loud", latitude=43.65, longitude=-79.38, quietness=5)
    )
    workspace.planning.venues.update(
        quiet, VenueDraft("Quiet", latitude=43.65, longitude=-79.38, quietness=1)
    )
    assert [v.id for v in workspace.planning.venues.rank_for(near=(43.65, -79.38))] == [loud, quiet]

    # By another program on the same file (the CLI while the window is open, say).
    other = sqlite3.connect(workspace.profile.database_path)
    with other:
        other.execute("UPDATE venues SET quietness = 5 WHERE id = ?", (quiet,))
        other.execute("UPDATE venues SET quietness = 1 WHERE id = ?", (loud,))
    other.close()
    assert [v.id for v in workspace.planning.venues.rank_for(near=(43.65, -79.38))] == [quiet, loud]

    # A visit recorded elsewhere changes familiarity.
    other = sqlite3.connect(workspace.profile.database_path)
    with other:
        for _ in range(6):
            other.execute(
                "INSERT INTO visits (venue_id, visited_on, note) VALUES (?, '2025-01-01', '')",
                (loud,),
            )
    other.close()
    reasons = {v.id: v.reasons for v in workspace.planning.venues.rank_for(near=(43.65, -79.38))}
    assert "been here 6 times" in reasons[loud]


def test_a_base_with_its_flag_off_is_read_as_its_city_only_at_the_city_lists_centre(
    workspace: Workspace,
) -> None:
    toronto = workspace.planning.venues.places.city("Toronto", "CA")
    assert toronto is not None
    known = {"city": "Toronto", "country": "CA", "timezone": "America/Toronto"}
    at_centre = {"latitude": toronto.latitude, "longitude": toronto.longitude}
    # Four decimals, as a centre would be written, but no city of the list is centred there.
    downtown = {"latitude": 43.6532, "longitude": -79.3832}
    workspace.planning.venues.add(VenueDraft("Café", latitude=43.65, longitude=-79.38))
    for point, is_centre in ((at_centre, True), (downtown, False)):
        workspace.settings.set("user.base", {**known, **point, "city_centre": False})
        base = workspace.planning.venues.base(resolve=False)
        assert base is not None
        assert base.city_centre is is_centre
        [ranked] = workspace.planning.venues.rank_for(near=(43.70, -79.40))
        assert ("in your city" in ranked.reasons) is is_centre


def test_a_base_is_settled_as_its_city_or_not_when_stored_and_never_looked_up_again(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A point that looks like a city's centre (four decimals) is looked up in the city list
    once, when stored: the first ranking after a start does not wait for the list."""
    venues = workspace.planning.venues
    toronto = venues.places.city("Toronto", "CA")
    assert toronto is not None
    at_centre = UserBase("Toronto", "Toronto", toronto.latitude, toronto.longitude, "CA", "")
    venues.add(VenueDraft("Café", latitude=43.65, longitude=-79.38))
    for base, is_centre in ((at_centre, True), (TORONTO, False)):
        venues.set_base(base)
        stored = workspace.settings.get("user.base")
        assert stored["city_centre"] is is_centre
        with monkeypatch.context() as no_list:
            no_list.setattr(venues.places, "gazetteer", lambda: pytest.fail("list read"))
            read = venues.base(resolve=False)
            assert read is not None
            assert read.city_centre is is_centre
            [ranked] = venues.rank_for(near=(43.70, -79.40))
        assert ("in your city" in ranked.reasons) is is_centre


def test_a_base_stored_without_the_city_list_is_settled_at_a_later_reading(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    venues = workspace.planning.venues
    with monkeypatch.context() as no_list:
        no_list.setattr(venues.places, "gazetteer", lambda: None)
        venues.set_base(TORONTO)
    assert "city_centre_settled" not in workspace.settings.get("user.base")
    read = venues.base(resolve=False)
    assert read is not None
    assert not read.city_centre
