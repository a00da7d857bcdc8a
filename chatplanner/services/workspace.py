"""An open profile: its life (lock, database, automatic backups, closing), what concerns the
whole profile (settings, overview, first run, the JSON backup, the demo), and, one attribute per
area, the services over it (`service_areas.py`: `workspace.people`, `.pipeline`, `.planning`,
`.chats`, `.syncing`).

The GUI and the CLI both start here, so a feature exists once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner.domain.clock import Clock, system_clock
from chatplanner.errors import ChatplannerError, ProfileLockedError
from chatplanner.profile import (
    Profile,
    ProfileLock,
    ProfileReadOnlyError,
    ensure_profile_dir,
    is_read_only,
)
from chatplanner.services.context import (
    ServiceContext,
    UserZone,
    system_zone_name,
)
from chatplanner.services.service_areas import (
    ChatServices,
    PeopleServices,
    PipelineServices,
    PlanningServices,
    SyncServices,
)

# Each service module is imported when its attribute is first used (see service_areas.py).
# The database layer (SQLAlchemy) too is imported only when a database is opened, so the GUI can
# paint its window first.
if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from chatplanner.db.database import Database
    from chatplanner.services.auto_backup import AutomaticBackupService
    from chatplanner.services.backup import BackupService
    from chatplanner.services.demo import DemoSummary
    from chatplanner.services.onboarding import OnboardingService
    from chatplanner.services.overview import OverviewService
    from chatplanner.services.settings import SettingsService


class Workspace:
    def __init__(
        self,
        profile: Profile,
        database: Database | None,
        lock: ProfileLock | None,
        clock: Clock,
        system_zone: Callable[[], str] = system_zone_name,
        *,
        read_only: bool = False,
    ) -> None:
        """`database` None: opened later by `open_database()` (the GUI paints its window first);
        until then the services' session factory is bound to nothing. `read_only`: the
        profile cannot be written (a backup disk, a mounted image): it is only read."""
        self.profile = profile
        self._database = database
        self._lock = lock
        self._clock = clock
        self.read_only = read_only
        self._user_zone = UserZone(system_zone)
        self._context: ServiceContext | None = None
        self._plain_reader: sqlite3.Connection | None = None
        # A command that writes in plain SQL (`context.writing`) before the database is opened:
        # its plain reader may write, once prepared for it.
        self._plain_writes = False
        self._plain_writes_ready = False
        # The services, by area; each is built on first use.
        self.people = PeopleServices(self)
        self.pipeline = PipelineServices(self)
        self.planning = PlanningServices(self)
        self.chats = ChatServices(self)
        self.syncing = SyncServices(self)

    @property
    def context(self) -> ServiceContext:
        """What the services share. Built on first use: before the database is open its session
        factory is bound to nothing, and `open_database()` binds it."""
        if self._context is None:
            self._context = ServiceContext(
                self.profile,
                self._session_factory,
                self._clock,
                self._user_zone,
                lambda: self._plain_reader,
                self._offered_plain_writer,
            )
        return self._context

    def _session_factory(self) -> sessionmaker[Session]:
        if self._database is None and self._plain_reader is not None:
            # What the plain reader cannot do (a write, a read not yet in plain SQL) opens the
            # database there and then.
            self.open_database()
        if self._database is not None:
            return self._database.sessions
        from sqlalchemy.orm import sessionmaker

        # The database layer's factory settings (make_session_factory), unbound.
        return sessionmaker(expire_on_commit=False)

    @classmethod
    def open(
        cls,
        directory: Path,
        *,
        for_writing: bool = True,
        plain_reads: bool = False,
        plain_writes: bool = False,
        clock: Clock = system_clock,
        system_zone: Callable[[], str] = system_zone_name,
    ) -> Workspace:
        """Open (creating if needed) the profile in `directory`.

        Writing needs the profile's lock: a second writer gets ProfileLockedError. A reader
        takes the lock when it is free, and otherwise reads alongside the owner (WAL allows it).
        A read-only profile is only read, without the lock (a writer gets
        ProfileReadOnlyError). `plain_reads`: an up-to-date database is not opened (nor
        checked, upgraded or backed up) until a service needs more than its plain reader
        (`open_plain_reader`): a command that only reads never loads SQLAlchemy.
        `plain_writes` (with `plain_reads` and the lock): what writes through `context.writing`
        (an import) writes with the sqlite3 module alone too, after the day's automatic
        backup and the integrity check the full opening makes.
        """
        if is_read_only(directory):
            if for_writing:
                raise ProfileReadOnlyError(str(directory))
            return cls.open_read_only(directory, clock=clock, plain_reads=plain_reads)
        profile = ensure_profile_dir(directory)
        lock: ProfileLock | None = ProfileLock(profile)
        try:
            lock.acquire()  # type: ignore[union-attr]
        except ProfileLockedError:
            if for_writing:
                raise
            lock = None
        workspace = cls(profile, None, lock, clock, system_zone)
        workspace._plain_writes = plain_writes and lock is not None
        return workspace._opened(plain_reads=plain_reads)

    @classmethod
    def open_read_only(
        cls, directory: Path, *, clock: Clock = system_clock, plain_reads: bool = False
    ) -> Workspace:
        """Open a profile that cannot be written, changing nothing in its folder."""
        workspace = cls(Profile(directory), None, None, clock, read_only=True)
        return workspace._opened(plain_reads=plain_reads)

    def _opened(self, *, plain_reads: bool) -> Workspace:
        try:
            if not (plain_reads and self.open_plain_reader()):
                self.open_database()
        except BaseException:
            self.close()
            raise
        return self

    @classmethod
    def with_lock(
        cls,
        lock: ProfileLock,
        profile: Profile,
        clock: Clock = system_clock,
        system_zone: Callable[[], str] = system_zone_name,
    ) -> Workspace:
        """A workspace on `profile` whose lock the caller has taken (and hands over: `close()`
        releases it), its database not opened yet: call `open_database()` before any service."""
        return cls(profile, None, lock, clock, system_zone)

    @property
    def database_open(self) -> bool:
        return self._database is not None

    def open_plain_reader(self) -> bool:
        """Until `open_database()`, let the services that read through `context.reading` read
        the profile with the sqlite3 module alone: the first page is shown before SQLAlchemy is
        loaded. False (nothing changed) when the file first needs the full opening: no
        database yet, a schema to upgrade, one from a newer version, a file that cannot be read.
        """
        if self._database is not None or self._plain_reader is not None:
            return True
        from chatplanner.db.plain_reader import open_plain_reader

        self._plain_reader = open_plain_reader(
            self.profile.database_path, writable=self._plain_writes
        )
        if self._plain_reader is None:
            return False
        try:
            self.context.apply_stored_zone()  # before any day is worked out, as when opened
        except ChatplannerError:
            # A file that fails this first read (damaged) is for the full opening to report.
            self._close_plain_reader()
            return False
        return True

    def _close_plain_reader(self) -> None:
        if self._plain_reader is not None:
            self._plain_reader.close()
            self._plain_reader = None

    def _offered_plain_writer(self) -> sqlite3.Connection | None:
        """The connection `context.writing` writes on while the database is not open, when
        the workspace was opened with `plain_writes`: its plain reader, which may write, once
        the day's backup is taken and the file is checked, as the full opening does first.
        Else None (a session's connection)."""
        reader = self._plain_reader
        if not self._plain_writes or self._database is not None or reader is None:
            return None
        if not self._plain_writes_ready:
            from chatplanner.db.database_file import check_integrity, make_database_private
            from chatplanner.services.errors import storage_errors

            _take_automatic_backup(self.profile, self._clock)
            with storage_errors(self.profile.database_path):
                check_integrity(self.profile.database_path, reader)
            make_database_private(self.profile.database_path)
            self._plain_writes_ready = True
        return reader

    @staticmethod
    def load_database_layer() -> None:
        """What `open_database` loads before it touches the file: SQLAlchemy, the schema's
        mappings and the translation of storage errors. Half a second on a slow machine, most
        of the opening, and plain imports: the window runs this on a worker thread and keeps
        answering meanwhile, then opens the database on its own thread."""
        import chatplanner.services.errors  # noqa: F401
        from chatplanner.db.database import load_mappings

        load_mappings()

    def open_database(self) -> None:
        """Open (creating or upgrading with the lock) the database and take the day's automatic
        backup. Raises ProfileDamagedError / ProfileUnusableError as `open` does; the workspace
        then stays unopened, its lock still held until `close()`."""
        if self._database is not None:
            return
        from chatplanner.db.database import open_database
        from chatplanner.services.errors import install_storage_error_translation

        profile = self.profile
        database = open_database(
            profile.database_path,
            profile.backups_dir,
            migrate=self._lock is not None,
            read_only=self.read_only,
        )
        install_storage_error_translation(database.engine, profile.database_path)
        self._database = database
        self._close_plain_reader()  # the sessions read from here on
        if self._context is not None:  # services made before the opening use this factory
            self._context.sessions.configure(bind=database.engine)
        self.context.apply_stored_zone()
        if self._lock is not None:
            _take_automatic_backup(profile, self._clock)

    @property
    def writable(self) -> bool:
        return self._lock is not None

    @property
    def pre_upgrade_copy(self) -> Path | None:
        return None if self._database is None else self._database.pre_upgrade_copy

    def take_automatic_backup_if_due(self) -> None:
        """For a long-running app: the daily backup also happens while the profile stays open."""
        if self._lock is not None:
            _take_automatic_backup(self.profile, self.context.clock)

    def restore_automatic_backup(self, backup: Path) -> Path | None:
        """Replace the database by `backup` while open; return where the old file was kept.

        Nothing is lost: the current file is moved to backups/replaced-<stamp>.sqlite3 first,
        and if the backup cannot be opened the current file is put back. No other work may be
        running on this workspace meanwhile (its connections are closed for the swap).
        """
        if self._lock is None:
            raise ProfileLockedError(str(self.profile.directory), None)
        from chatplanner.db.database import open_database
        from chatplanner.services.auto_backup import replace_database_with
        from chatplanner.services.errors import install_storage_error_translation

        profile, old = self.profile, self._database
        assert old is not None, "open_database() first"
        old.engine.dispose()
        kept = replace_database_with(profile, backup, self.context.now())
        try:
            database = open_database(profile.database_path, profile.backups_dir)
        except ChatplannerError:
            if kept is not None:  # the backup is unusable: put the replaced file back
                replace_database_with(profile, kept, self.context.now())
            raise
        install_storage_error_translation(database.engine, profile.database_path)
        # Services hold the session factory: rebinding it moves them all to the new file.
        self.context.sessions.configure(bind=database.engine)
        if old.sessions is not self.context.sessions:
            old.sessions.configure(bind=database.engine)
        old.engine = database.engine
        self.context.apply_stored_zone()
        return kept

    def close(self) -> None:
        self._close_plain_reader()
        if self._database is not None:
            self._database.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # What concerns the whole profile; each is built on first use.
    @cached_property
    def settings(self) -> SettingsService:
        from chatplanner.services.settings import SettingsService

        return SettingsService(self.context)

    @cached_property
    def overview(self) -> OverviewService:
        from chatplanner.services.overview import OverviewService

        return OverviewService(self.context)

    @cached_property
    def onboarding(self) -> OnboardingService:
        from chatplanner.services.onboarding import OnboardingService

        return OnboardingService(self.settings, self.planning.venues, self.overview)

    @cached_property
    def backup(self) -> BackupService:
        from chatplanner.services.backup import BackupService

        return BackupService(self.context.sessions)

    @cached_property
    def automatic_backups(self) -> AutomaticBackupService:
        from chatplanner.services.auto_backup import AutomaticBackupService

        return AutomaticBackupService(self.profile)

    def seed_demo(self) -> DemoSummary:
        """Fill the profile with sample data (used by --demo on a new profile)."""
        from chatplanner.services.demo import seed_demo

        with self.context.sessions.begin() as session:
            return seed_demo(session, self.context.now())


def _take_automatic_backup(profile: Profile, clock: Clock) -> None:
    import logging  # here: the start reads Today without it (services/today_ahead)

    from chatplanner.services.auto_backup import take_automatic_backup_if_due

    log = logging.getLogger(__name__)
    # A backup that cannot be taken (disk full, say) must not keep the user out of the app.
    try:
        taken = take_automatic_backup_if_due(profile, clock())
    except (ChatplannerError, OSError) as error:
        log.warning("No automatic backup was taken: %s", error)
        return
    if taken is not None:
        log.info("Automatic backup %s (%d bytes)", taken.path, taken.size_bytes)
