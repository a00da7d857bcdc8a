"""An open profile: its lock, its database and the services over it.

The GUI and the CLI both start here, so a feature exists once.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from chatplanner.db.database import Database, open_database
from chatplanner.domain.clock import Clock, system_clock
from chatplanner.errors import ProfileLockedError
from chatplanner.profile import Profile, ProfileLock, ensure_profile_dir
from chatplanner.services.archive import ArchiveService
from chatplanner.services.backup import BackupService
from chatplanner.services.chat_templates import ChatTemplateService
from chatplanner.services.context import ServiceContext
from chatplanner.services.demo import DemoSummary, seed_demo
from chatplanner.services.meetings import MeetingService
from chatplanner.services.overview import OverviewService
from chatplanner.services.settings import SettingsService
from chatplanner.services.thank_you import ThankYouService


class Workspace:
    def __init__(
        self, profile: Profile, database: Database, lock: ProfileLock | None, clock: Clock
    ) -> None:
        self.profile = profile
        self._database = database
        self._lock = lock
        self.context = ServiceContext(profile, database.sessions, clock)

    @classmethod
    def open(
        cls, directory: Path, *, for_writing: bool = True, clock: Clock = system_clock
    ) -> Workspace:
        """Open (creating if needed) the profile in `directory`.

        Writing needs the profile's lock: a second writer gets ProfileLockedError. A reader
        takes the lock when it is free, and otherwise reads alongside the owner (WAL allows it).
        """
        profile = ensure_profile_dir(directory)
        lock: ProfileLock | None = ProfileLock(profile)
        try:
            lock.acquire()  # type: ignore[union-attr]
        except ProfileLockedError:
            if for_writing:
                raise
            lock = None
        try:
            database = open_database(
                profile.database_path, profile.backups_dir, migrate=lock is not None
            )
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(profile, database, lock, clock)

    @property
    def writable(self) -> bool:
        return self._lock is not None

    @property
    def pre_upgrade_copy(self) -> Path | None:
        return self._database.pre_upgrade_copy

    def close(self) -> None:
        self._database.close()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # One attribute per service; each is built on first use.
    @cached_property
    def settings(self) -> SettingsService:
        return SettingsService(self.context)

    @cached_property
    def overview(self) -> OverviewService:
        return OverviewService(self.context)

    @cached_property
    def backup(self) -> BackupService:
        return BackupService(self.context.sessions)

    @cached_property
    def meetings(self) -> MeetingService:
        return MeetingService(self.context)

    @cached_property
    def chat_templates(self) -> ChatTemplateService:
        return ChatTemplateService(self.context)

    @cached_property
    def thank_you(self) -> ThankYouService:
        return ThankYouService(self.context, self.settings, self.chat_templates)

    @cached_property
    def archive(self) -> ArchiveService:
        return ArchiveService(self.context, self.settings)

    def seed_demo(self) -> DemoSummary:
        """Fill the profile with sample data (used by --demo on a new profile)."""
        with self.context.sessions.begin() as session:
            return seed_demo(session, self.context.now())
