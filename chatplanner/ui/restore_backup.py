"""Restoring the database from an automatic backup: the chooser, and the offer at a damaged start.

Both say what will happen before anything does: which backup (its date), and that the current
file is kept aside in the backups folder as replaced-<date>.sqlite3, so nothing is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from chatplanner.services.context import backup_time_words
from chatplanner.ui.literal_text import literal
from chatplanner.ui.widgets.modal import run_modal

# Imported when a dialog needs it: the main window imports this module before its first paint,
# and the automatic backups' module brings the database layer.
if TYPE_CHECKING:
    from chatplanner.services.auto_backup import AutomaticBackup

_ROLE = Qt.ItemDataRole.UserRole


def describe_backup(backup: AutomaticBackup) -> str:
    """When it was taken, its size, and how many contacts and chats it holds."""
    from chatplanner.services.auto_backup import backup_contents

    size = backup.size_bytes / 1_000_000
    contents = backup_contents(backup)
    holds = "contents unreadable" if contents is None else contents.describe()
    return f"{backup_time_words(backup.taken_at)}  ·  {holds}  ·  {size:.1f} MB"


def _plain_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)  # paths may hold any character
    label.setWordWrap(True)
    return label


class RestoreBackupDialog(QDialog):
    """Lists the automatic backups, newest first; `chosen()` is the one picked."""

    def __init__(
        self, backups: list[AutomaticBackup], backups_dir: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Restore from Automatic Backup")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(
            _plain_label(
                "chatplanner copies your database once a day when it starts, and before each "
                "import into a profile that holds anyone; it keeps a week of daily copies and "
                "the newest seven. Restoring one replaces everything with the data as it was "
                f"then; the current database is kept aside in {backups_dir}, so nothing is lost."
            )
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Automatic backups")
        for backup in backups:
            item = QListWidgetItem(describe_backup(backup))
            item.setData(_ROLE, backup)
            item.setToolTip(literal(str(backup.path)))
            self.list.addItem(item)
        self.list.setMinimumWidth(self._entries_width(parent))
        # No sideways scrolling: an entry too wide for the screen wraps instead.
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setWordWrap(True)
        layout.addWidget(self.list, 1)
        if not backups:
            self.list.setEnabled(False)
            layout.addWidget(_plain_label("There is no automatic backup yet."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = buttons.addButton("Restore…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setProperty("role", "primary")
        self.restore_button.setEnabled(bool(backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(buttons)
        if backups:
            self.list.setCurrentRow(0)

    def _entries_width(self, parent: QWidget | None) -> int:
        """The list's width that shows its widest entry whole, within the screen's width."""
        widest = max(0, self.list.sizeHintForColumn(0))
        needed = (
            widest
            + 2 * self.list.frameWidth()
            + self.list.verticalScrollBar().sizeHint().width()  # room for one, when it shows
            + 2 * self.list.spacing()
            + 8
        )
        screen = (parent or self).screen()
        if screen is None:
            return needed
        layout = self.layout()
        sides = 0 if layout is None else layout.contentsMargins().left() * 2
        room = screen.availableGeometry().width() - sides - 40
        return max(0, min(needed, room))

    def chosen(self) -> AutomaticBackup | None:
        from chatplanner.services.auto_backup import AutomaticBackup

        item = self.list.currentItem()
        if item is None:
            return None
        backup = item.data(_ROLE)
        return backup if isinstance(backup, AutomaticBackup) else None


def confirm_restore(parent: QWidget | None, backup: AutomaticBackup, backups_dir: str) -> bool:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Restore this backup?")
    box.setText(literal(f"Replace your data with the backup of {describe_backup(backup)}?"))
    box.setInformativeText(
        literal(
            "Changes made since then will no longer show. The current database is kept in "
            f"{backups_dir} as a replaced-… file, so you can go back to it."
        )
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    run_modal(box)
    return box.clickedButton() is restore


def offer_recovery(
    parent: QWidget | None, message: str, latest: AutomaticBackup | None, backups_dir: str
) -> bool:
    """At start, on a damaged database: True when the user chose to restore `latest`."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("The database is damaged")
    box.setText(literal(message))
    if latest is None:
        box.setInformativeText(
            "There is no automatic backup to restore. If you have a JSON backup, restore it "
            "into a new profile (chatplanner restore FILE.json --data-dir NEW-FOLDER)."
        )
        box.setStandardButtons(QMessageBox.StandardButton.Close)
        run_modal(box)
        return False
    from chatplanner.services.auto_backup import backup_contents

    contents = backup_contents(latest)
    if contents is not None and not contents.holds_data:
        # Every backup is empty: an empty profile in place of a damaged one that may hold the
        # user's work is offered, but never as the default (Enter quits).
        box.setInformativeText(
            literal(
                "The automatic backups hold no contacts and no chats (the newest was taken "
                f"{backup_time_words(latest.taken_at)}): restoring one gives an empty profile. "
                "If you have "
                "a JSON backup, restore it into a new profile instead (chatplanner restore "
                "FILE.json --data-dir NEW-FOLDER). The damaged file would be kept aside in "
                f"{backups_dir}."
            )
        )
        restore = box.addButton("Restore Empty Backup", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(box.addButton("Quit", QMessageBox.ButtonRole.RejectRole))
        run_modal(box)
        return box.clickedButton() is restore
    box.setInformativeText(
        literal(
            f"chatplanner can restore the automatic backup of {describe_backup(latest)}. "
            "Changes made after it will be missing. The damaged file is kept aside in "
            f"{backups_dir} (as replaced-….sqlite3), so nothing is deleted."
        )
    )
    restore = box.addButton("Restore Backup", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    run_modal(box)
    return box.clickedButton() is restore
