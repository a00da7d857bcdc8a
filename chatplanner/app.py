"""Composition root of the GUI: lock the profile, show the main window, then open the database.

The window (navigation, menus, the first page's frame) is painted before the database layer is
imported or the database opened (integrity check, migrations, the day's automatic backup): the
profile's lock is taken first, so "already running" is still said before any window appears,
and a database that cannot be opened is reported over the window, which then closes.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from chatplanner.domain.clock import system_clock
from chatplanner.errors import ChatplannerError, ProfileDamagedError, ProfileLockedError
from chatplanner.profile import Profile, ProfileLock, ensure_profile_dir, resolve_profile_dir
from chatplanner.services.workspace import Workspace

# First pages whose construction reads nothing from the database (they read it in refresh()).
_BUILT_WITHOUT_DATABASE = frozenset({"today"})


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
    from chatplanner.ui.error_handler import ErrorReporter
    from chatplanner.ui.first_paint import FirstPaintReporter, report_requested
    from chatplanner.ui.main_window import MainWindow, saved_theme, ui_state
    from chatplanner.ui.theme import Theme, apply_theme, new_application

    app = QApplication.instance() or new_application(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("chatplanner")
    app.setApplicationDisplayName("chatplanner")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("chatplanner")
    apply_theme(app, Theme.SYSTEM)

    directory, seed, temporary = _choose_profile_dir(args)
    try:
        # A screenshot has no one waiting: open everything first, as the CLI does. So too for a
        # first page other than Today, whose construction reads the database.
        if args.screenshot or args.view not in _BUILT_WITHOUT_DATABASE:
            opened = _open_or_recover(args, directory)
            if opened is None:
                return 2  # damaged, and not restored: the message said it all
            workspace = opened
        else:
            workspace = _lock_profile(directory)
    except ProfileLockedError as error:
        from chatplanner.ui.single_instance import ask_running_copy_to_raise

        raised = ask_running_copy_to_raise(directory)
        message = str(error)
        if raised:
            message += "\n\nThe running window has been brought forward."
        _report(args, "chatplanner is already running", message, QMessageBox.Icon.Information)
        return 1
    except ChatplannerError as error:
        _report(args, "chatplanner cannot open the profile", str(error), QMessageBox.Icon.Critical)
        return error.exit_status

    # The log file is opened right after the first paint; until then errors go to stderr.
    reporter = ErrorReporter(None)
    reporter.install()
    try:
        if seed and workspace.database_open:
            workspace.seed_demo()
        apply_theme(app, saved_theme(ui_state(workspace)))
        window: MainWindow | None = None

        def open_database() -> bool:
            # Right after the first paint, before the visible page reads its data.
            assert window is not None
            _freeze_long_lived_objects()  # the window's
            status = _open_database_over(args, workspace, window)
            if status is not None:
                app.exit(status)
                return False
            _freeze_long_lived_objects()  # the database layer's modules and mappings
            if seed:
                workspace.seed_demo()
            return True

        window = MainWindow(
            workspace,
            before_first_load=None if workspace.database_open else open_database,
            # The demo is filled already, and a screenshot has no one to answer.
            offer_first_run=not args.demo and not args.screenshot,
        )

        def start_log() -> None:
            # After the first paint (the logging handlers' import is not needed to draw), before
            # the database is opened.
            reporter.log_path = _start_log_quietly(workspace.profile.directory)

        window.first_painted.connect(start_log)
        window.show_page(args.view)
        if args.screenshot:
            return _screenshot(app, window, Path(args.screenshot))
        if report_requested():
            FirstPaintReporter(app, window, window.first_load_done)  # the startup benchmark's hook
        listeners: list[object] = []

        def listen_for_other_launches() -> None:
            # After the first paint: the local socket is not needed to draw the window.
            from chatplanner.ui.single_instance import RaiseRequests

            requests = RaiseRequests(workspace.profile.directory, window)
            requests.raise_requested.connect(window.bring_forward)
            listeners.append(requests)

        window.first_painted.connect(listen_for_other_launches)
        window.show()
        status = app.exec()
        for requests in listeners:
            requests.close()  # type: ignore[attr-defined]
        return int(status)
    finally:
        reporter.uninstall()
        workspace.close()
        if temporary:
            shutil.rmtree(directory, ignore_errors=True)


def _freeze_long_lived_objects() -> None:
    """Keep the objects made so far (modules, classes, the window) out of later collections.

    They live as long as the app, yet each full collection walks all of them again: on a large
    profile, the first read of the visible page (tens of thousands of rows) set off full
    collections that cost tens of milliseconds while the user waited for its content.
    """
    import gc

    gc.freeze()


def _lock_profile(directory: Path) -> Workspace:
    """The profile's lock taken (ProfileLockedError when another copy has it), its database
    not opened yet."""
    profile = ensure_profile_dir(directory)
    lock = ProfileLock(profile)
    lock.acquire()
    return Workspace.with_lock(lock, profile)


def _open_database_over(
    args: argparse.Namespace, workspace: Workspace, window: object
) -> int | None:
    """Open the locked workspace's database, the window already shown: None when it is open;
    else the exit status, the problem said over the window (a damaged database: the offer to
    restore the newest automatic backup, as at a start without a window)."""
    from PySide6.QtWidgets import QMessageBox, QWidget

    assert isinstance(window, QWidget)
    directory = workspace.profile.directory
    try:
        try:
            workspace.open_database()
        except ProfileDamagedError as error:
            if not _restore_damaged(args, directory, error, window, lock_held=True):
                return 2
            workspace.open_database()
    except ChatplannerError as error:
        print(f"chatplanner: {error}", file=sys.stderr)
        _show_message(
            window, "chatplanner cannot open the profile", str(error), QMessageBox.Icon.Critical
        )
        return error.exit_status
    return None


def _restore_damaged(
    args: argparse.Namespace,
    directory: Path,
    error: ProfileDamagedError,
    parent: object | None,
    *,
    lock_held: bool,
) -> bool:
    """Say the database is damaged and offer its newest automatic backup; True once restored."""
    from chatplanner.cli.recovery_commands import damaged_profile_hint
    from chatplanner.services.auto_backup import latest_automatic_backup, recover_closed_profile

    print(f"chatplanner: {error}", file=sys.stderr)
    print(damaged_profile_hint(directory), file=sys.stderr)
    if args.screenshot:
        return False
    from chatplanner.ui.restore_backup import offer_recovery

    latest = latest_automatic_backup(Profile(directory))
    backups_dir = str(Profile(directory).backups_dir)
    if not offer_recovery(parent, str(error), latest, backups_dir) or latest is None:  # type: ignore[arg-type]
        return False
    recovery = recover_closed_profile(directory, system_clock(), latest.path, lock_held=lock_held)
    print(f"chatplanner: restored {recovery.restored.name}", file=sys.stderr)
    return True


def _open_or_recover(args: argparse.Namespace, directory: Path) -> Workspace | None:
    """Open the profile; on a damaged database, offer the newest automatic backup.

    None: the database is damaged and was left as it is (the user said so, or there was no
    backup); the message has been shown.
    """
    try:
        return Workspace.open(directory)
    except ProfileDamagedError as error:
        if not _restore_damaged(args, directory, error, None, lock_held=False):
            return None
        return Workspace.open(directory)


def _start_log_quietly(directory: Path) -> Path | None:
    from chatplanner.ui.error_handler import start_log

    try:
        return start_log(directory / "logs")
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
    _show_message(None, title, message, kind)


def _show_message(parent: object | None, title: str, message: str, kind: object) -> None:
    from PySide6.QtWidgets import QMessageBox, QWidget

    box = QMessageBox(parent if isinstance(parent, QWidget) else None)
    box.setIcon(kind)  # type: ignore[arg-type]
    box.setWindowTitle(title)
    box.setText(message)
    box.exec()
