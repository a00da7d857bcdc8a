"""No network unless the user asks to geocode: the test session blocks it, the app never tries."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from PySide6.QtNetwork import QAbstractSocket, QNetworkAccessManager
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from chatplanner.ui.main_window import MainWindow

from .hostile_profile import hostile_workspace


def test_the_test_session_blocks_internet_connections() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(RuntimeError):
        sock.connect(("93.184.216.34", 80))
    with pytest.raises(RuntimeError):
        socket.create_connection(("example.com", 443), timeout=1)
    with pytest.raises(RuntimeError):
        socket.getaddrinfo("example.com", 443)


def test_opening_the_app_and_every_page_makes_no_connection(
    qtbot: QtBot, demo_profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[object] = []
    real_connect = socket.socket.connect

    def record(self: socket.socket, address: socket._Address) -> None:
        if self.family == socket.AF_UNIX:  # the single-copy check's local socket
            real_connect(self, address)
            return
        attempts.append(address)
        raise OSError("network refused in this test")

    def record_lookup(*args: object, **_kwargs: object) -> None:
        attempts.append(args)
        raise OSError("network refused in this test")

    monkeypatch.setattr(socket.socket, "connect", record)
    monkeypatch.setattr(socket.socket, "connect_ex", record)
    monkeypatch.setattr(socket, "create_connection", record_lookup)
    monkeypatch.setattr(socket, "getaddrinfo", record_lookup)

    with hostile_workspace(demo_profile) as workspace:
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        window.show()
        for page in window.pages:
            window.show_page(page.key)
            page.refresh()
            QApplication.processEvents()
        # Qt's own network classes would not go through Python's socket module.
        assert window.findChildren(QNetworkAccessManager) == []
        assert window.findChildren(QAbstractSocket) == []
        window.close()
    assert attempts == []
