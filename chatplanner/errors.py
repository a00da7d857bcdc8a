"""Errors a person sees: each message says what happened and what to do."""

from __future__ import annotations


class ChatplannerError(Exception):
    """An expected failure with a message fit to show to the user as it is."""

    exit_status = 2


class ProfileLockedError(ChatplannerError):
    def __init__(self, profile_dir: str, holder_pid: int | None) -> None:
        who = f" (process {holder_pid})" if holder_pid else ""
        super().__init__(
            f"Another copy of chatplanner is already running on the profile {profile_dir}{who}. "
            "Close it first, or choose another profile with --data-dir."
        )
        self.holder_pid = holder_pid


class ProfileUnusableError(ChatplannerError):
    """The profile directory or its database cannot be opened (permissions, disk, corruption)."""


class ProfileDamagedError(ProfileUnusableError):
    """The database file is damaged: SQLite cannot read it, or its integrity check failed."""

    def __init__(self, message: str, database_path: str) -> None:
        super().__init__(message)
        self.database_path = database_path
