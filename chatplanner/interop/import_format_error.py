"""The one error an import raises when a file cannot be read as the format the user chose."""

from __future__ import annotations

from typing import Literal

from chatplanner.errors import ChatplannerError

ImportProblem = Literal["unreadable", "empty", "wrong_kind", "malformed", "too_large"]


class ImportFormatError(ChatplannerError):
    """A file that cannot be imported; str(error) is a plain sentence saying what to do."""

    def __init__(self, message: str, problem: ImportProblem = "malformed") -> None:
        super().__init__(message)
        self.message = message
        self.problem: ImportProblem = problem

    @classmethod
    def unreadable(cls, name: str, why: str) -> ImportFormatError:
        return cls(
            f"“{name}” could not be opened ({why}). Check that the file exists and that you may "
            "read it, then try again.",
            "unreadable",
        )

    @classmethod
    def empty(cls, name: str) -> ImportFormatError:
        return cls(
            f"“{name}” is empty. Choose the file your contacts were exported to.",
            "empty",
        )

    @classmethod
    def wrong_kind(cls, name: str, expected: str, found: str | None = None) -> ImportFormatError:
        seen = f"It looks like {found}. " if found else ""
        return cls(
            f"“{name}” is not {expected}. {seen}Choose {expected}, or pick the import that "
            "matches this file.",
            "wrong_kind",
        )

    @classmethod
    def malformed(cls, name: str, detail: str) -> ImportFormatError:
        return cls(
            f"“{name}” is damaged and could not be read: {detail}. Export the file again and "
            "import the new copy.",
            "malformed",
        )

    @classmethod
    def too_large(cls, name: str, limit_bytes: int) -> ImportFormatError:
        megabytes = limit_bytes // (1024 * 1024)
        return cls(
            f"“{name}” is larger than {megabytes} MB, which is far more than a contact export "
            "should be. Check that you chose the right file.",
            "too_large",
        )
