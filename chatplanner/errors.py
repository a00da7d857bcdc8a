"""Errors a person sees: each message says what happened and what to do."""

from __future__ import annotations


class ChatplannerError(Exception):
    """An expected failure with a message fit to show to the user as it is."""

    exit_status = 2


class WorkCancelledError(ChatplannerError):
    """Work stopped because it was asked to, and undid what it had done."""


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

    def __init__(self, message: str, database_path: str, hint: str = "") -> None:
        """`message`: what is wrong; `hint`: what to do, said after it (the command line says
        it its own way, knowing what the backups hold)."""
        super().__init__(f"{message} {hint}".strip())
        self.database_path = database_path
        self.what = message


class ProfileFromNewerVersionError(ProfileUnusableError):
    """The database was written by a newer chatplanner: its schema is one this copy does not
    know, so it is neither opened nor upgraded nor replaced."""

    def __init__(self, profile_dir: str, revision: str) -> None:
        super().__init__(
            f"The profile {profile_dir} was written by a newer version of chatplanner (its "
            f"schema is {revision[:40]!r}, which this version does not know). Update chatplanner "
            "to open it; nothing was changed."
        )
        self.revision = revision
