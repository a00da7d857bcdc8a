"""Composition root of the GUI: open the profile, build the services, show the main window."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from chatplanner.cli.recovery_commands import damaged_profile_hint
from chatplanner.domain.clock import system_clock
from chatplanner.errors import ChatplannerError, ProfileDamagedError, ProfileLockedError
from chatplanner.profile import Profile, resolve_profile_dir
from chatplanner.services.auto_backup import latest_automatic_backup, recover_closed_profile
from chatplanner.services.workspace import Workspace


def _choose_profile_dir(args: argparse.Namespace) -> tuple[Path, bool, bool]:
    """The profile to open, whether to fill it with demo data, and whether it is temporary."""
    data_dir = getattr(args, "data_dir", None)
    if args.demo and not data_dir:
        return Path(tempfile.mkdtemp(prefix="chatplanner-demo-")), True, True
    directory = resolve_profile_dir(data_dir)
    # --demo on a chosen folder seeds it only when it holds no profile yet.
    return directory, bool(args.demo) and not Profile(directory).exists(), False


def run_gui(args: argparse.Namespace) -> int:
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # render without a screen

    from PySide6.QtWidgets import QApplication, QMessageBox

    from chatplanner import __version__
    from chatplanner.ui.error_handler import ErrorReporter, start_log
    from chatplanner.ui.first_paint import FirstPaintReporter, report_requested
    from chatplanner.ui.main_window import MainWindow, saved_theme, ui_state
    from chatplanner.ui.single_instance import RaiseRequests, ask_running_copy_to_raise
    from chatplanner.ui.theme import Theme, apply_theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("chatplanner")
    app.setApplicationDisplayName("chatplanner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("chatplanner")
    apply_theme(app, Theme.SYSTEM)

    directory, seed, temporary = _choose_profile_dir(args)
    try:
        workspace = _open_or_recover(args, directory)
        if workspace is None:
            return 2  # damaged, and the user chose not to restore: the dialog said it all
    except ProfileLockedError as error:
        raised = ask_running_copy_to_raise(directory)
        message = str(error)
        if raised:
            message += "\n\nThe running window has been brought forward."
        _report(args, "chatplanner is already running", message, QMessageBox.Icon.Information)
        return 1
    except ChatplannerError as error:
        _report(args, "chatplanner cannot open the profile", str(error), QMessageBox.Icon.Critical)
        return error.exit_status

    reporter = ErrorReporter(_start_log_quietly(start_log, workspace.profile.directory))
    reporter.install()
    try:
        if seed:
            workspace.seed_demo()
        apply_theme(app, saved_theme(ui_state(workspace)))
        window = MainWindow(workspace)
        window.show_page(args.view)
        if args.screenshot:
            return _screenshot(app, window, Path(args.screenshot))
        if report_requested():
            FirstPaintReporter(app, window, window.first_load_done)  # the startup benchmark's hook
        raise_requests = RaiseRequests(workspace.profile.directory, window)
        raise_requests.raise_requested.connect(window.bring_forward)
        window.show()
        status = app.exec()
        raise_requests.close()
        return int(status)
    finally:
        reporter.uninstall()
        workspace.close()
        if temporary:
            shutil.rmtree(directory, ignore_errors=True)


def _open_or_recover(args: argparse.Namespace, directory: Path) -> Workspace | None:
    """Open the profile; on a damaged database, offer the newest automatic backup.

    None: the database is damaged and was left as it is (the user said so, or there was no
    backup); the message has been shown.
    """
    try:
        return Workspace.open(directory)
    except ProfileDamagedError as error:
        print(f"chatplanner: {error}", file=sys.stderr)
        print(damaged_profile_hint(directory), file=sys.stderr)
        if args.screenshot:
            return None
        from chatplanner.ui.restore_backup import offer_recovery

        latest = latest_automatic_backup(Profile(directory))
        backups_dir = str(Profile(directory).backups_dir)
        if not offer_recovery(None, str(error), latest, backups_dir) or latest is None:
            return None
        recovery = recover_closed_profile(directory, system_clock(), latest.path)
        print(f"chatplanner: restored {recovery.restored.name}", file=sys.stderr)
        return Workspace.open(directory)


def _start_log_quietly(start: Callable[[Path], Path], directory: Path) -> Path | None:
    try:
        return start(directory / "logs")
    except OSError:
        return None  # a read-only profile still opens; errors then go to stderr only


def _screenshot(app: object, window: object, path: Path) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    assert isinstance(app, QApplication) and isinstance(window, QMainWindow)
    window.resize(1280, 800)
    window.show()
    for _ in range(5):
        app.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(path), "PNG"):
        print(f"chatplanner: could not write {path}", file=sys.stderr)
        return 2
    window.close()
    print(f"Wrote {path}")
    return 0


def _report(args: argparse.Namespace, title: str, message: str, kind: object) -> None:
    print(f"chatplanner: {message}", file=sys.stderr)
    if args.screenshot:
        return
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox()
    box.setIcon(kind)  # type: ignore[arg-type]
    box.setWindowTitle(title)
    box.setText(message)
    box.exec()
