"""Bring the running window forward when a second copy is launched on the same profile.

The profile lock decides who runs; this local socket only carries the "raise" request.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_RAISE = b"raise\n"


def server_name(profile_dir: Path) -> str:
    digest = hashlib.sha256(f"{getpass.getuser()}|{profile_dir}".encode()).hexdigest()[:20]
    return f"chatplanner-{digest}"


def ask_running_copy_to_raise(profile_dir: Path, timeout_ms: int = 500) -> bool:
    socket = QLocalSocket()
    socket.connectToServer(server_name(profile_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(_RAISE)
    delivered = socket.waitForBytesWritten(timeout_ms)
    socket.disconnectFromServer()
    return delivered


class RaiseRequests(QObject):
    """Listens for other launches on this profile; emits `raise_requested`."""

    raise_requested = Signal()

    def __init__(self, profile_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._server = QLocalServer(self)
        name = server_name(profile_dir)
        # We hold the profile lock, so a socket left by a crashed run is safe to remove.
        QLocalServer.removeServer(name)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self._server.newConnection.connect(self._on_connection)
        self.listening = self._server.listen(name)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            connection = self._server.nextPendingConnection()
            connection.readyRead.connect(lambda c=connection: self._read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _read(self, connection: QLocalSocket) -> None:
        if bytes(connection.readAll().data()).startswith(_RAISE.strip()):
            self.raise_requested.emit()

    def close(self) -> None:
        self._server.close()
