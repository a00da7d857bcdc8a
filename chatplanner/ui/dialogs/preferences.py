"""Preferences: who you are (for drafts), your patience, your places, your archive, sync."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.cadence import keep_in_touch_label
from chatplanner.domain.clock import zone_name_or_none, zone_names
from chatplanner.domain.enums import ContactKind, TravelMode
from chatplanner.domain.moments import zone_time_name
from chatplanner.domain.pipeline import move_on_after_follow_up
from chatplanner.domain.text import email_parts
from chatplanner.services.onboarding import signature_without_name
from chatplanner.services.settings import Preferences, SettingsService
from chatplanner.ui.widgets.form_parts import error_label, muted_label, show_error

if TYPE_CHECKING:
    from chatplanner.services.sync_accounts import SyncAccountService
    from chatplanner.ui.sync.account_tab import SyncAccountTab


def _days(minimum: int, maximum: int) -> QSpinBox:
    box = QSpinBox()
    box.setRange(minimum, maximum)
    box.setSuffix(" days")
    return box


class PreferencesDialog(QDialog):
    """Reads every value on open and writes them all on OK: Cancel changes nothing."""

    def __init__(
        self,
        settings: SettingsService,
        parent: QWidget | None = None,
        *,
        sync_accounts: SyncAccountService | None = None,
    ) -> None:
        """`sync_accounts`: show the Sync tab (a profile open for writing)."""
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.setMinimumWidth(520)
        self._settings = settings
        tabs = QTabWidget()
        tabs.addTab(self._you_tab(), "You")
        tabs.addTab(self._outreach_tab(), "Outreach")
        tabs.addTab(self._places_tab(), "Places")
        tabs.addTab(self._archive_tab(), "Archive")
        self.sync_tab: SyncAccountTab | None = None
        if sync_accounts is not None:
            from chatplanner.ui.sync.account_tab import SyncAccountTab

            self.sync_tab = SyncAccountTab(sync_accounts)
            tabs.addTab(self.sync_tab, "Sync")
        self.tabs = tabs
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.load()

    # Tabs -----------------------------------------------------------------------------------
    def _you_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Your name, as you sign messages")
        self.title = QLineEdit()
        self.title.setPlaceholderText("e.g. Project engineer")
        self.title.setAccessibleName("Your title / what you do")
        self.title.setAccessibleDescription("Fills {my_title} in recruiter messages")
        self.email = QLineEdit()
        self.email.setPlaceholderText("you@example.com")
        self.signature = QPlainTextEdit()
        self.signature.setPlaceholderText("Title · phone · LinkedIn (your name is added above it)")
        self.signature.setFixedHeight(80)
        self.goal = QLineEdit()
        self.goal.setPlaceholderText("move from site engineering into project management")
        self.email_error = error_label()
        form.addRow("Name", self.name)
        form.addRow("Your title / what you do", self.title)
        form.addRow("Email", self.email)
        form.addRow("", self.email_error)
        form.addRow("Signature", self.signature)
        form.addRow("What you are working towards", self.goal)
        # The user's zone: what "today" and "your time" mean on every page.
        self.time_zone = QComboBox()
        self.time_zone.setAccessibleName("Your time zone")
        self.time_zone.addItem(f"The computer's ({self._settings.computer_zone()})", None)
        for name in zone_names():
            self.time_zone.addItem(name.replace("_", " "), name)
        form.addRow("Your time zone", self.time_zone)
        form.addRow("", self._base_zone_offer())
        hint = QLabel("Used in first messages and thank-you drafts. It never leaves this computer.")
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        form.addRow(hint)
        return page

    def _base_zone_offer(self) -> QLabel:
        """Offers the base city's zone while none is chosen and the computer keeps another (a
        computer left in UTC shows every time twice); hidden once a zone is chosen."""
        base = self._settings.get("user.base")
        zone = self._settings.zone_to_adopt(
            base.get("timezone") if isinstance(base, dict) else None
        )
        offer = muted_label(
            f"Your base keeps {zone_time_name(ZoneInfo(zone))}, not this computer's: choose "
            f"{zone.replace('_', ' ')} to see your times in it."
            if zone
            else ""
        )
        offer.setVisible(zone is not None)
        if zone is not None:
            self.time_zone.currentIndexChanged.connect(
                lambda _i: offer.setVisible(self.time_zone.currentData() is None)
            )
        return offer

    def _outreach_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.follow_up = _days(1, 90)
        self.move_on = _days(2, 180)
        form.addRow("Suggest a gentle follow-up after", self.follow_up)
        form.addRow("Suggest moving on after", self.move_on)
        hint = QLabel(
            "No reply is also an answer: after this long, Today suggests the next person."
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        form.addRow(hint)
        self.cadence: dict[ContactKind, QSpinBox] = {}
        for kind in ContactKind:
            box = _days(7, 730)
            self.cadence[kind] = box
            form.addRow(keep_in_touch_label(kind), box)
        return page

    def _places_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.in_person_km = QSpinBox()
        self.in_person_km.setRange(1, 1000)
        self.in_person_km.setSuffix(" km")
        self.allow_bars = QCheckBox("Suggest bars as venues")
        self.travel_mode = QComboBox()
        for mode in TravelMode:
            self.travel_mode.addItem(mode.value.capitalize(), mode.value)
        form.addRow("Meet in person within", self.in_person_km)
        form.addRow("", self.allow_bars)
        form.addRow("Usual way to travel", self.travel_mode)
        hint = QLabel("Your base (home or work) is set in Venues.")
        hint.setProperty("role", "muted")
        form.addRow(hint)
        return page

    def _archive_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        row = QHBoxLayout()
        self.archive_dir = QLineEdit()
        self.archive_dir.setPlaceholderText("The profile's archive folder")
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_archive_dir)
        row.addWidget(self.archive_dir, 1)
        row.addWidget(choose)
        form.addRow("Notes archive folder", row)
        return page

    def _choose_archive_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Notes Archive Folder")
        if folder:
            self.archive_dir.setText(folder)

    # Load and save --------------------------------------------------------------------------
    def load(self) -> None:
        shown = self._settings.preferences()
        self.name.setText(shown.name)
        self.title.setText(shown.title)
        self.email.setText(shown.email)
        self.signature.setPlainText(shown.signature)
        self.goal.setText(shown.goal)
        chosen = zone_name_or_none(shown.time_zone)
        self.time_zone.setCurrentIndex(max(self.time_zone.findData(chosen), 0) if chosen else 0)
        self.follow_up.setValue(shown.follow_up_after_days)
        self.move_on.setValue(shown.move_on_after_days)
        for kind, box in self.cadence.items():
            box.setValue(shown.cadence_days[kind])
        self.in_person_km.setValue(shown.in_person_km)
        self.allow_bars.setChecked(shown.allow_bars)
        self.travel_mode.setCurrentIndex(max(self.travel_mode.findData(shown.travel_mode), 0))
        self.archive_dir.setText(shown.archive_directory or "")
        if self.sync_tab is not None:
            self.sync_tab.every_minutes.setValue(shown.sync_every_minutes or 0)

    def preferences(self) -> Preferences:
        """What the form says, as the settings service takes it."""
        name = self.name.text().strip()
        return Preferences(
            name=name,
            email=self.email.text().strip(),
            # Drafts sign with the name, then the signature: it must not repeat the name.
            signature=signature_without_name(self.signature.toPlainText(), name),
            title=" ".join(self.title.text().split()),
            goal=self.goal.text().strip(),
            time_zone=self.time_zone.currentData(),
            follow_up_after_days=self.follow_up.value(),
            move_on_after_days=move_on_after_follow_up(
                self.follow_up.value(), self.move_on.value()
            ),
            cadence_days={kind: box.value() for kind, box in self.cadence.items()},
            in_person_km=self.in_person_km.value(),
            allow_bars=self.allow_bars.isChecked(),
            travel_mode=self.travel_mode.currentData(),
            archive_directory=self.archive_dir.text().strip() or None,
            sync_every_minutes=(
                self.sync_tab.every_minutes.value() if self.sync_tab is not None else None
            ),
        )

    def values(self) -> dict[str, Any]:
        """The settings OK writes, by key."""
        return self.preferences().as_settings()

    def accept(self) -> None:
        email = self.email.text().strip()
        if email and email_parts(email) is None:
            # The same check as a contact's address: a draft could not be sent from it.
            show_error(
                self.email_error, f"“{email}” is not an email address. Check it, or leave it empty."
            )
            self.email.setFocus()
            return
        if self.sync_tab is not None:
            problem = self.sync_tab.check()
            if problem is not None:
                self.tabs.setCurrentWidget(self.sync_tab)
                self.sync_tab.message.setText(problem)
                return
        self._settings.save_preferences(self.preferences())
        if self.sync_tab is not None:
            self.sync_tab.save()
        super().accept()

    def done(self, result: int) -> None:
        if self.sync_tab is not None:
            self.sync_tab.stop()  # a server still being asked is not waited for after closing
        super().done(result)
