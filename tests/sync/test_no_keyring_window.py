"""Without a system keyring, the window still syncs: Add Account keeps the password for the
session and says so, and Sync Now asks for it when it is not known; it is never written to the
profile (a real Radicale)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from tests.journey.user import User

from .radicale_server import PASSWORD, Phone, card
from .test_sync_window import _add_account_in_preferences

SYNC_KEYS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    with Workspace.open(tmp_path / "profile") as opened:
        yield opened


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    yield
    keyring.set_keyring(previous)


def _profile_bytes(folder: Path) -> bytes:
    return b"".join(path.read_bytes() for path in folder.rglob("*") if path.is_file())


def test_without_a_keyring_the_window_keeps_the_password_for_the_session_and_asks_next_time(
    user: User,
    workspace: Workspace,
    phone: Phone,
    monkeypatch: pytest.MonkeyPatch,
    no_keyring: None,
    tmp_path: Path,
) -> None:
    phone.put_card(phone.collection_url("people"), card("p-1", "Grace", "Hopper", "g@navy.mil"))
    window = user.window
    assert isinstance(window, MainWindow)
    _add_account_in_preferences(user.qtbot, window, phone, monkeypatch)
    user.shortcut(Qt.Key.Key_Y, SYNC_KEYS)  # the password given in Preferences: not asked
    line = user.named("Sync status", QLabel)
    user.qtbot.waitUntil(lambda: "1 new in the app" in line.text(), timeout=60_000)

    # The next session: nothing kept, so Sync Now asks, and says why.
    workspace.syncing.sync_accounts.forget_for_session(workspace.syncing.sync_accounts.require())
    asked: list[str] = []

    def give_password(dialog: QWidget) -> None:
        asked.extend(user.texts(dialog))
        (field,) = user.all_visible(QLineEdit, dialog)
        assert field.echoMode() == QLineEdit.EchoMode.Password
        user.type_into(field, PASSWORD)
        user.click_button("OK", dialog)

    with user.in_next_dialog(give_password):
        user.shortcut(Qt.Key.Key_Y, SYNC_KEYS)
    user.qtbot.waitUntil(lambda: "no changes" in line.text(), timeout=60_000)

    said = " ".join(asked)
    assert "No keyring is available on this computer" in said
    assert "asked again next time" in said
    assert "--password-env" not in said + line.text()
    user.shortcut(Qt.Key.Key_Y, SYNC_KEYS)  # known for the rest of the session: not asked
    user.qtbot.waitUntil(lambda: "Syncing" not in line.text(), timeout=60_000)
    assert user.stray_dialogs == []
    assert PASSWORD.encode() not in _profile_bytes(tmp_path / "profile")
