"""Where a save dialog for an export opens: one rule for every export.

The folder the user last exported to (kept in the profile's settings), else their Documents
folder, else their home folder: never the working directory the app was started from.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from chatplanner.errors import ChatplannerError

LAST_EXPORT_FOLDER = "exports.last_folder"


class SettingsStore(Protocol):
    def get(self, key: str, default: object = None) -> object: ...

    def set(self, key: str, value: object) -> None: ...


def export_folder(settings: SettingsStore | None) -> Path:
    """The folder an export's save dialog starts in."""
    stored = settings.get(LAST_EXPORT_FOLDER) if settings is not None else None
    if isinstance(stored, str) and stored and Path(stored).is_dir():
        return Path(stored)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def ask_export_path(
    parent: QWidget | None,
    settings: SettingsStore | None,
    title: str,
    file_name: str,
    file_filter: str,
) -> Path | None:
    """The file the user chose to export to (None when they cancelled); its folder is
    remembered for the next export."""
    start = export_folder(settings) / file_name
    path, _ = QFileDialog.getSaveFileName(parent, title, str(start), file_filter)
    if not path:
        return None
    chosen = Path(path)
    if settings is not None:
        # A read-only profile does not remember it: the export itself still goes ahead.
        with suppress(ChatplannerError):
            settings.set(LAST_EXPORT_FOLDER, str(chosen.parent))
    return chosen
