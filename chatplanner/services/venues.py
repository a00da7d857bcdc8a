"""The user's venues: add, edit, remove, "I've been here", the base, and ranked suggestions."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from chatplanner.db.stored_moments import stored_day
from chatplanner.domain.enums import MeetingMode, MeetingStatus, VenueKind
from chatplanner.domain.person_names import called_name
from chatplanner.domain.places import (
    Location,
    different_cities,
    haversine_km,
    one_line_name,
    same_city,
)
from chatplanner.domain.venue_ranking import (
    DEFAULT_LIMIT,
    RankedVenue,
    RankingWeights,
    VenueFacts,
    VenueTable,
    rank_venues,
)
from chatplanner.domain.venues import UserBase, VenueDraft, VenueRecord, VenueSuggestions
from chatplanner.errors import ChatplannerError
from chatplanner.services.context import ServiceContext
from chatplanner.services.locating import PlaceResolver, settled_base_setting
from chatplanner.services.settings import DEFAULTS, SettingsService
from chatplanner.services.stored_settings import stored_settings

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from chatplanner.db.models import Venue


class VenueNotFoundError(ChatplannerError):
    def __init__(self, venue_id: int) -> None:
        super().__init__(
            f"There is no venue number {venue_id}. List them with `chatplanner venues`."
        )


class ContactNotFoundError(ChatplannerError):
    def __init__(self, contact_id: int) -> None:
        super().__init__(
            f"There is no contact number {contact_id}. Check the number and try again."
        )


_VENUE_FACTS_SQL = (
    "SELECT id, name, kind, latitude, longitude, quietness, knows_commute, knows_parking, "
    "knows_menu FROM venues WHERE archived = 0 ORDER BY id"
)
# Visits the user recorded; a visit linked to a meeting is counted through the meeting. Read
# in the venue index's order (`+` keeps SQLite from taking the meeting index, whose rows it
# would then sort for the grouping: a third slower).
_OWN_VISITS_SQL = (
    "SELECT venue_id, count(*) FROM visits WHERE +meeting_id IS NULL GROUP BY venue_id"
)
_PAST_MEETINGS_SQL = (
    "SELECT venue_id, count(*) FROM meetings WHERE venue_id IS NOT NULL AND status = ? "
    "AND mode = ? GROUP BY venue_id"
)


_KINDS = {kind.value: kind for kind in VenueKind}

# What a venue's record shows, in the order `_record` reads it.
_VENUE_RECORD_SQL = (
    "SELECT id, name, kind, address, city, latitude, longitude, quietness, knows_commute, "
    "knows_parking, knows_menu, notes FROM venues"
)
# Visits per venue, and the last: "I've been here" rows plus every past in-person meeting there.
# A visit linked to a meeting is counted through the meeting, so no meeting counts twice; a
# visit whose meeting was deleted (its link set to null) still counts as a visit.
_VISIT_TALLIES_SQL = (
    "SELECT venue_id, count(*), max(day) FROM ("
    "SELECT venue_id, visited_on AS day FROM visits WHERE meeting_id IS NULL "
    "UNION ALL SELECT venue_id, date(starts_at) FROM meetings "
    "WHERE venue_id IS NOT NULL AND status = ? AND mode = ?) {where}GROUP BY venue_id"
)


@dataclass(frozen=True, slots=True)
class VisitTally:
    count: int
    last: date | None


def _visit_tallies(
    connection: sqlite3.Connection, venue_id: int | None = None
) -> dict[int, VisitTally]:
    """Visits per venue (one venue's, given its id)."""
    values: tuple[object, ...] = (MeetingStatus.DONE.value, MeetingMode.IN_PERSON.value)
    where = ""
    if venue_id is not None:
        where, values = "WHERE venue_id = ? ", (*values, venue_id)
    tallies: dict[int, VisitTally] = {}
    for key, count, last in connection.execute(_VISIT_TALLIES_SQL.format(where=where), values):
        tallies[int(key)] = VisitTally(int(count), stored_day(last))
    return tallies


def _record(row: tuple[Any, ...], tally: VisitTally | None, base: UserBase | None) -> VenueRecord:
    """A venue's record from its `_VENUE_RECORD_SQL` row."""
    (venue_id, name, kind, address, city, lat, lon, quietness, commute, parking, menu, notes) = row
    distance = None
    if base is not None and lat is not None and lon is not None:
        distance = haversine_km(base.latitude, base.longitude, lat, lon)
    return VenueRecord(
        id=venue_id,
        name=name,
        kind=_KINDS.get(kind, VenueKind.OTHER),
        address=address or "",
        city=city or "",
        latitude=lat,
        longitude=lon,
        quietness=quietness if quietness is not None else 3,
        knows_commute=bool(commute),
        knows_parking=bool(parking),
        knows_menu=bool(menu),
        notes=notes or "",
        visit_count=tally.count if tally else 0,
        last_visit=tally.last if tally else None,
        distance_km=distance,
        distance_from_city=base is not None and base.city_centre,
    )


def _facts_of(key: tuple[Any, ...]) -> VenueFacts:
    """A venue's facts from its row (and visit count): the values SQLite gives, as they are
    where they already have the right type (thousands are read for every new ranking)."""
    venue_id, name, kind, lat, lon, quietness, commute, parking, menu, visits = key
    return VenueFacts(
        venue_id,
        str(name),
        _KINDS.get(kind, VenueKind.OTHER),
        lat if lat is None or type(lat) is float else float(lat),
        lon if lon is None or type(lon) is float else float(lon),
        3 if quietness is None else quietness if type(quietness) is int else int(quietness),
        bool(commute),
        bool(parking),
        bool(menu),
        visits,
    )


def _weights(stored: Any, allow_bars: Any) -> RankingWeights:
    """The ranking weights from their stored settings (the defaults where they are unusable)."""
    defaults = DEFAULTS["places.weights"]
    values = dict(defaults)
    if isinstance(stored, dict):
        for key in values:
            if isinstance(stored.get(key), int | float):
                values[key] = float(stored[key])
    try:
        return RankingWeights(**values, allow_bars=bool(allow_bars))
    except ValueError:
        return RankingWeights(**defaults, allow_bars=bool(allow_bars))


def _ranking_settings(connection: sqlite3.Connection) -> dict[str, Any]:
    """The settings a ranking reads, as SettingsService.get gives them (the app's default where a
    value is missing or unreadable), in one query."""
    stored = stored_settings(connection, _RANKING_SETTINGS)
    return {key: stored.get(key, DEFAULTS.get(key)) for key in _RANKING_SETTINGS}


_RANKING_SETTINGS = ("user.base", "places.weights", "places.allow_bars")
_CONTACT_PLACE_SQL = (
    "SELECT first_name, last_name, city, country, latitude, longitude FROM contacts WHERE id = ?"
)


class VenueService:
    def __init__(
        self,
        context: ServiceContext,
        settings: SettingsService,
        places: PlaceResolver | None = None,
    ) -> None:
        self._context = context
        self._settings = settings
        self.places = places or PlaceResolver()
        # The last ranking's rows and the table made from them, reused while they are the same.
        self._table_keys: list[tuple[object, ...]] = []
        self._table: VenueTable | None = None
        # The connection the table was last read on, with what SQLite said of changes then.
        self._table_read_on: tuple[object, int, int] | None = None

    # The user's base -----------------------------------------------------------------------
    def base(self, *, resolve: bool = True) -> UserBase | None:
        """The user's base; `resolve=False` skips the city list (enough for distances)."""
        return self.places.base_from_setting(self._settings.get("user.base"), resolve=resolve)

    def set_base(self, base: UserBase | None) -> None:
        self._settings.set("user.base", settled_base_setting(self.places, base))

    # Ranking weights ---------------------------------------------------------------------------
    def weights(self) -> RankingWeights:
        return _weights(
            self._settings.get("places.weights"), self._settings.get("places.allow_bars")
        )

    def set_weights(self, weights: RankingWeights) -> None:
        self._settings.set(
            "places.weights",
            {
                "familiarity": weights.familiarity,
                "quiet": weights.quiet,
                "convenience": weights.convenience,
                "kind": weights.kind,
            },
        )
        self._settings.set("places.allow_bars", weights.allow_bars)

    # Venues ------------------------------------------------------------------------------------
    def list_venues(self) -> list[VenueRecord]:
        """Every venue the user has not removed, by name, with visits and distance from the base."""
        base = self.base(resolve=False)
        # Plain SQL: through the ORM, reading 5,000 rows' columns by name took as long again
        # as making the records.
        with self._context.reading() as connection:
            rows = connection.execute(
                f"{_VENUE_RECORD_SQL} WHERE archived = 0 ORDER BY lower(name)"
            ).fetchall()
            tallies = _visit_tallies(connection)
        return [_record(row, tallies.get(row[0]), base) for row in rows]

    def get(self, venue_id: int) -> VenueRecord:
        base = self.base(resolve=False)
        with self._context.reading() as connection:
            row = connection.execute(f"{_VENUE_RECORD_SQL} WHERE id = ?", (venue_id,)).fetchone()
            if row is None:
                raise VenueNotFoundError(venue_id)
            tally = _visit_tallies(connection, venue_id).get(venue_id)
        return _record(row, tally, base)

    def add(self, draft: VenueDraft) -> int:
        from chatplanner.db.models import Venue
        from chatplanner.services.venue_records import apply_draft

        clean = draft.checked()
        with self._context.sessions.begin() as session:
            row = Venue(created_at=self._context.now(), archived=False)
            apply_draft(row, clean)
            session.add(row)
            session.flush()
            return int(row.id)

    def update(self, venue_id: int, draft: VenueDraft) -> None:
        from chatplanner.services.venue_records import apply_draft

        clean = draft.checked()
        with self._context.sessions.begin() as session:
            apply_draft(self._row(session, venue_id), clean)

    def remove(self, venue_id: int) -> None:
        """Hide the venue; its past meetings keep it, and `restore` brings it back (undo)."""
        with self._context.sessions.begin() as session:
            self._row(session, venue_id).archived = True

    def restore(self, venue_id: int) -> None:
        with self._context.sessions.begin() as session:
            self._row(session, venue_id).archived = False

    def record_visit(self, venue_id: int, on: date | None = None, note: str = "") -> int:
        """ "I've been here": one visit, today unless `on` says otherwise; returns its id."""
        from chatplanner.db.models import Visit

        day = on or self._context.now().astimezone(self._context.zone()).date()
        with self._context.sessions.begin() as session:
            self._row(session, venue_id)
            visit = Visit(venue_id=venue_id, visited_on=day, meeting_id=None, note=note)
            session.add(visit)
            session.flush()
            return int(visit.id)

    def remove_visit(self, visit_id: int) -> None:
        from chatplanner.db.models import Visit

        with self._context.sessions.begin() as session:
            visit = session.get(Visit, visit_id)
            if visit is not None:
                session.delete(visit)

    # Suggestions ------------------------------------------------------------------------------
    def facts(self) -> list[VenueFacts]:
        """What the ranking needs, for every venue not removed."""
        with self._context.reading() as connection:
            return list(self._venue_table(connection).venues)

    # Long: the reads, the two places and the ranking in the one order a fast call needs.
    def suggest(
        self,
        contact_id: int | None = None,
        near: tuple[float, float] | None = None,
        weights: RankingWeights | None = None,
        limit: int | None = DEFAULT_LIMIT,
        *,
        name_places: bool = True,
    ) -> VenueSuggestions:
        """Venues ranked for a chat with a contact (or near a point), best first, with the map's points.

        `name_places=False`: the contact's place is not named from the city list (its own
        coordinates are enough to rank; reading the list costs the first call 300 ms), nor is
        the base's country and zone looked up unless the words need them."""
        contact: Location | None = None
        name: str | None = None
        # Plain SQL: a ranking asked for again and again (the list re-ranked as weights move)
        # pays no ORM round trips, and a first one (the CLI's) does not load SQLAlchemy.
        with self._context.reading() as connection:
            stored = _ranking_settings(connection)
            row = None
            if contact_id is not None:
                row = connection.execute(_CONTACT_PLACE_SQL, (contact_id,)).fetchone()
                if row is None:
                    raise ContactNotFoundError(contact_id)
            table = self._venue_table(connection)
        stored_base = stored["user.base"]
        base = self.places.base_from_setting(stored_base, names=name_places)
        if row is not None:
            first_name, last_name, city, country, latitude, longitude = row
            name = one_line_name(called_name(first_name, last_name), fallback="them")
            where = self.places.contact_location if name_places else self.places.contact_point
            contact = where(city, country, latitude, longitude)
        if near is not None:
            contact = Location(near[0], near[1], label="that point")
            name = name or "that point"
        both_cities = contact is not None and contact.city_centre
        if base is not None and base.city_centre and not base.country and both_cities:
            # Both known only as cities: the same one, in the same country? (The contact's
            # city was read from the city list just now.)
            base = self.places.base_from_setting(stored_base)
        weights = weights or _weights(stored["places.weights"], stored["places.allow_bars"])
        ranked = rank_venues(
            table,
            None if base is None else (base.latitude, base.longitude),
            None if contact is None else (contact.latitude, contact.longitude),
            weights,
            name,
            limit=limit,
            base_is_city=base is not None and base.city_centre,
            contact_is_city=contact is not None and contact.city_centre,
            same_city=same_city(None if base is None else base.location, contact),
            different_cities=different_cities(None if base is None else base.location, contact),
        )
        bars = 0 if weights.allow_bars else table.bars
        points = {
            venue.id: (fact.latitude, fact.longitude)
            for venue in ranked
            if (fact := table.fact(table.position[venue.id])).latitude is not None
            and fact.longitude is not None
        }
        return VenueSuggestions(
            ranked, None if base is None else base.location, contact, name, points, bars
        )

    def rank_for(
        self,
        contact_id: int | None = None,
        near: tuple[float, float] | None = None,
        weights: RankingWeights | None = None,
        limit: int | None = DEFAULT_LIMIT,
    ) -> list[RankedVenue]:
        return self.suggest(contact_id, near, weights, limit, name_places=False).venues

    # Helpers ----------------------------------------------------------------------------------
    def _row(self, session: Session, venue_id: int) -> Venue:
        from chatplanner.db.models import Venue

        row = session.get(Venue, venue_id)
        if row is None:
            raise VenueNotFoundError(venue_id)
        return row

    def _venue_table(self, raw: sqlite3.Connection) -> VenueTable:
        # The hot path of every ranking: plain SQL (the ORM's row handling costs more than the
        # query here), and the table (with the order venues are tried in) reused while the
        # rows it was made from are the same.
        cursor = raw.cursor()
        try:
            # Nothing was committed by another connection (data_version) and nothing was
            # changed through this one (total_changes) since the table was read here: it is
            # still the profile's, and reading 5,000 rows again would only find them the same.
            version = int(cursor.execute("PRAGMA data_version").fetchone()[0])
            read_on = (raw, version, int(raw.total_changes))
            if self._table is not None and self._table_read_on == read_on:
                return self._table
            counts: dict[int, int] = dict(cursor.execute(_OWN_VISITS_SQL).fetchall())
            past = cursor.execute(
                _PAST_MEETINGS_SQL, (MeetingStatus.DONE.value, MeetingMode.IN_PERSON.value)
            ).fetchall()
            rows = cursor.execute(_VENUE_FACTS_SQL).fetchall()
        finally:
            cursor.close()
        for venue_id, count in past:
            counts[venue_id] = counts.get(venue_id, 0) + count
        keys = [(*row, counts.get(row[0], 0)) for row in rows]
        self._table_read_on = read_on
        if self._table is not None and keys == self._table_keys:
            return self._table  # nothing the ranking reads has changed
        self._table = VenueTable(keys, _facts_of)
        self._table_keys = keys
        return self._table
