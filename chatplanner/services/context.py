"""What every service needs: the profile, its sessions (or a plain reader), the clock and the
user's zone."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, cast
from zoneinfo import ZoneInfo

from chatplanner.domain.clock import UTC_ZONE, Clock, system_clock, zone_named
from chatplanner.domain.moments import clock_time, full_date
from chatplanner.profile import Profile
from chatplanner.services.errors import storage_errors

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


# The settings key of the zone chosen in Preferences (absent: the computer's).
ZONE_SETTING = "user.timezone"


# Where Linux and macOS keep the computer's zone, usually a link into the zone files.
LOCALTIME = "/etc/localtime"


def system_zone_name() -> str:
    """The computer's IANA zone ("Europe/Paris") on Linux, macOS and Windows, or "UTC" when
    it cannot be told. As for the C library: `TZ` when it names a zone (older tzlocal releases
    only knew the names on their own list), else the zone `/etc/localtime` links to."""
    from_environment = zone_named(os.environ.get("TZ", "").removeprefix(":"))
    if from_environment is not None:
        return from_environment.key
    linked = _zone_linked_from(LOCALTIME)
    if linked is not None:
        return linked
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception as error:  # a broken system setting must not stop the app
        import logging  # only to say so: the start reads Today without it

        logging.getLogger(__name__).warning(
            "The computer's time zone cannot be read (%s); using UTC.", error
        )
        name = None
    zone = zone_named(name)
    copied = _zone_copied_into(LOCALTIME, zone.key if zone is not None else None)
    if copied is not None:
        return copied
    return zone.key if zone is not None else "UTC"


def _zone_linked_from(path: str) -> str | None:
    """The zone a link into the zone files names: `/usr/share/zoneinfo/Europe/Paris` (macOS:
    `/var/db/timezone/zoneinfo/...`). Read here first: tzlocal tries each tail of the path as a
    zone name, and each miss loads the `tzdata` package's index (some 10 ms at start-up)."""
    try:
        if not os.path.islink(path):
            return None
        target = os.path.realpath(path)
    except OSError:
        return None
    _, found, name = target.rpartition("/zoneinfo/")
    zone = zone_named(name) if found else None
    return zone.key if zone is not None else None


def _zone_copied_into(path: str, named: str | None) -> str | None:
    """The zone whose file `path` is a copy of, when it is one and is not `named`'s.

    A copied `/etc/localtime` is what the C library (and so every other program) goes by,
    whatever `/etc/timezone` still says after the zone was changed by copying a file in; and
    with no `/etc/timezone` tzlocal may find no name at all. The zone with the same bytes
    answers both: a canonical name first (`America/Toronto`, not its alias `Canada/Eastern`)."""
    try:
        if os.path.islink(path) or not os.path.isfile(path):
            return None
        with open(path, "rb") as file:
            copied = file.read(_LONGEST_ZONE_FILE)
    except OSError:
        return None
    if not copied.startswith(b"TZif"):
        return None
    if named is not None and _zone_file(named) == copied:
        return None  # the name the settings give is the file's: nothing to look for
    for name in _zone_names():
        if _zone_file(name) == copied:
            return name
    return None


# A zone file is a few kilobytes; a file larger than this is not one.
_LONGEST_ZONE_FILE = 1 << 20


def _zone_file(name: str) -> bytes | None:
    """The bytes of the zone file `zoneinfo` would read for `name`, or None."""
    import zoneinfo

    if not name or name.startswith(("/", ".")) or ".." in name.split("/"):
        return None
    for directory in zoneinfo.TZPATH:
        try:
            with open(os.path.join(directory, name), "rb") as file:
                return file.read(_LONGEST_ZONE_FILE)
        except OSError:
            continue
    try:  # no system zone files: the tzdata package's, as zoneinfo falls back to
        from importlib import resources

        package, _, leaf = f"tzdata.zoneinfo/{name}".rpartition("/")
        return resources.files(package.replace("/", ".")).joinpath(leaf).read_bytes()
    except (ImportError, OSError, ValueError):
        return None


def _zone_names() -> list[str]:
    """Every zone name, the canonical ones (the zone table's) first, each once."""
    import zoneinfo

    canonical: list[str] = []
    for directory in zoneinfo.TZPATH:
        try:
            with open(os.path.join(directory, "zone1970.tab"), encoding="utf-8") as table:
                for line in table:
                    if line.strip() and not line.startswith("#"):
                        fields = line.split("\t")
                        if len(fields) >= 3:  # code(s), coordinates, name, [comment]
                            canonical.append(fields[2].strip())
            break
        except OSError:
            continue
    others = sorted(zoneinfo.available_timezones() - set(canonical))
    return [*canonical, "UTC", *others]


def backup_time_words(moment: datetime) -> str:
    """When a backup file was taken, on the computer's clock: "Thursday 5 March 2026, 14:05".
    A damaged profile's backups are listed before its chosen zone can be read."""
    zone = zone_named(system_zone_name()) or UTC_ZONE
    return f"{full_date(moment.astimezone(zone).date())}, {clock_time(moment, zone)}"


class UserZone:
    """The user's time zone: the one chosen in Preferences, else the computer's, read once
    per launch (a user who travels gets the new zone at the next start)."""

    def __init__(self, system: Callable[[], str] = system_zone_name) -> None:
        self._system = system
        self._system_name: str | None = None
        self._chosen: ZoneInfo | None = None

    @property
    def system_name(self) -> str:
        if self._system_name is None:
            self._system_name = self._system()
        return self._system_name

    @property
    def chosen(self) -> str | None:
        return self._chosen.key if self._chosen is not None else None

    def choose(self, name: str | None) -> None:
        """Use this zone instead of the computer's (None or an unknown name: the computer's)."""
        self._chosen = zone_named(name)

    def zone(self) -> ZoneInfo:
        if self._chosen is not None:
            return self._chosen
        return zone_named(self.system_name) or UTC_ZONE


def session_connection(session: Session) -> sqlite3.Connection:
    """The sqlite3 connection under a session: plain SQL read on it sees what the session's
    transaction has written so far."""
    return cast(sqlite3.Connection, session.connection().connection.driver_connection)


def _no_plain_connection() -> sqlite3.Connection | None:
    return None


@dataclass(frozen=True)
class ServiceContext:
    profile: Profile
    # Makes the session factory on first use (see `sessions`).
    session_factory: Callable[[], sessionmaker[Session]]
    clock: Clock = system_clock
    user_zone: UserZone = field(default_factory=UserZone)
    # The plain reader of a workspace whose database is not open yet (see `reading`).
    plain_reader: Callable[[], sqlite3.Connection | None] = _no_plain_connection
    # Its plain writer, when it offers one (see `writing`).
    plain_writer: Callable[[], sqlite3.Connection | None] = _no_plain_connection

    def apply_stored_zone(self) -> None:
        """Take the zone chosen in Preferences (if any) from the profile, before any day is worked
        out: plain SQL, so the first page's read does not wait for the settings service."""
        from chatplanner.services.stored_settings import stored_settings

        with self.reading() as connection:
            self.user_zone.choose(stored_settings(connection, (ZONE_SETTING,)).get(ZONE_SETTING))

    @cached_property
    def sessions(self) -> sessionmaker[Session]:
        """Made when first used: a page read through `reading` before the database is open
        does not load SQLAlchemy."""
        return self.session_factory()

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """A sqlite3 connection to read with plain SQL: the plain reader of a workspace whose
        database is not open yet (the first page, read before SQLAlchemy is loaded), else the
        connection of a session of its own. Read only: nothing written through it is kept."""
        plain = self.plain_reader()
        if plain is not None:
            # Storage errors in the same plain words as through the engine (services/errors.py).
            with storage_errors(self.profile.database_path):
                yield plain
            return
        with self.sessions() as session:
            yield session_connection(session)

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A sqlite3 connection in a transaction of its own, to write with plain SQL: committed
        when the block ends, rolled back when it raises. The plain writer of a workspace opened
        with `plain_writes` whose database is not open (the import command loads no
        SQLAlchemy), else the connection of a session of its own. Storage errors are said in
        the same plain words either way."""
        with storage_errors(self.profile.database_path):
            plain = self.plain_writer()
            if plain is None:
                with self.sessions.begin() as session:
                    yield session_connection(session)
                return
            plain.execute("BEGIN IMMEDIATE")
            try:
                yield plain
            except BaseException:
                if plain.in_transaction:  # SQLite ends it itself on some errors (a full disk)
                    plain.execute("ROLLBACK")
                raise
            plain.execute("COMMIT")

    def now(self) -> datetime:
        return self.clock()

    def zone(self) -> ZoneInfo:
        """Where the user is: what "today" and "your time" mean."""
        return self.user_zone.zone()
