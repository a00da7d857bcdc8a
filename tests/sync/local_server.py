"""What the local CalDAV/CardDAV servers of the sync tests share: a child process on
127.0.0.1 at a free port, started again on another port when it does not answer (a port taken
between choosing it and binding it), stopped when the `with` block ends."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Self


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LocalServer:
    """`with Server(folder) as server:` starts it; leaving the block stops it. A subclass
    names its log file and says how to start the server and whether it answers yet."""

    name = "server"  # in the log file's name and the failure's message
    poll_seconds = 0.1  # between two checks that it answers

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        """The running server's process id (a benchmark reads its CPU time)."""
        return None if self._process is None else self._process.pid

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def _prepare(self) -> None:
        """Files the server reads on every start (in self.folder)."""

    def _command(self) -> list[str]:
        """The command that starts the server on self.port."""
        raise NotImplementedError

    def _answers(self) -> bool:
        """Whether the started server answers yet."""
        raise NotImplementedError

    def start(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self._prepare()
        log_path = self.folder / f"{self.name.lower()}.log"
        log = log_path.open("ab")
        for _attempt in range(5):
            self.port = free_port()
            self._process = subprocess.Popen(self._command(), stdout=log, stderr=log)
            if self._wait_until_answering():
                return
            self.stop()
        raise RuntimeError(f"{self.name} did not start; see {log_path}")

    def _wait_until_answering(self) -> bool:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                return False
            if self._answers():
                return True
            time.sleep(self.poll_seconds)
        return False

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        self._process = None

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.stop()
