"""Composition root of the GUI: lock the profile, show the main window, then open the database.

The window (navigation, menus, the first page's frame) is painted before the database layer is
imported or the database opened (integrity check, migrations, the day's automatic backup): the
profile's lock is taken first, so "already running" is still said before any window appears,
and a database that cannot be opened is reported over the window, which then closes. An
up-to-date profile is read for Today through the plain reader (the sqlite3 module alone), and
the database is opened right after Today is painted with its data, before anything else runs.
Today's list itself is read meanwhile by a process forked at the start (services/today_ahead).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from chatplanner import APP_NAME, DESKTOP_FILE_NAME
from chatplanner.collection import (
    end_start_up_pause,
    freeze_long_lived_objects,
    pause_for_start_up,
)
from chatplanner.domain.clock import system_clock
from chatplanner.errors import ChatplannerError, ProfileDamagedError, ProfileLockedError
from chatplanner.profile import (
    Profile,
    ProfileLock,
    ensure_profile_dir,
    is_read_only,
    resolve_profile_dir,
)
from chatplanner.services.workspace import Workspace
from chatplanner.ui.literal_text import literal

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication, QMainWindow

    from chatplanner.services.today_ahead import ReadAhead
    from chatplanner.ui.main_window import MainWindow
    from chatplanner.ui.single_instance import RaiseRequests

# First pages whose construction reads nothing from the database (they read it in refresh()).
_BUILT_WITHOUT_DATABASE = frozenset({"today"})
# How long a launch waits for another copy holding the profile: a window just launched starts
# answering within a second; a command (an import, a backup) is usually done within a few.
_HOLDER_WAIT_SECONDS = 3.0


def _choose_profile_dir(args: argparse.Namespace) -> tuple[Path, bool, bool]:
    """The profile to open, whether to fill it with demo data, and whether it is temporary."""
    data_dir = getattr(args, "data_dir", None)
    if args.demo and not data_dir:
        return Path(tempfile.mkdtemp(prefix="chatplanner-demo-")), True, True
    directory = resolve_profile_dir(data_dir)
    # --demo on a chosen folder seeds it only when it holds no profile yet.
    return directory, bool(args.demo) and not Profile(directory).exists(), False


# Set by tests and tools that drive a window on the offscreen platform on purpose.
ALLOW_OFFSCREEN_ENV = "CHATPLANNER_ALLOW_OFFSCREEN"


def unseen_window_refusal(args: argparse.Namespace) -> str | None:
    """Why a window must not open here, or None: on the offscreen platform it would run
    where no one can see or close it (offscreen is for --screenshot and measuring hooks)."""
    from chatplanner.ui.qt_start import requested_platform

    if args.screenshot or requested_platform() != "offscreen":
        return None
    # ui.first_paint.REPORT_ENV, not imported from there: that module needs Qt, which may be
    # missing (run_gui reports that next).
    if os.environ.get("CHATPLANNER_REPORT_FIRST_PAINT") or os.environ.get(ALLOW_OFFSCREEN_ENV):
        return None
    return (
        "chatplanner: QT_QPA_PLATFORM=offscreen draws the window where no one can see it, so "
        "the app would run unseen. Offscreen is for pictures: add --screenshot FILE.png. To "
        "open the window, unset QT_QPA_PLATFORM."
    )


def run_gui(args: argparse.Namespace) -> int:
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # render without a screen
    refusal = unseen_window_refusal(args)
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return 2
    pause_for_start_up()  # begun by the entry point; ended once the window is wholly open
    # Forked before Qt loads (and any thread starts): it reads while the window is built.
    ahead = _read_today_ahead(args)
    try:
        if not _qt_importable():
            return 2
        app = _start_qt()
        opened = _open_profile(args)
        if isinstance(opened, int):
            return opened
        workspace, directory, seed, temporary = opened
        if not seed:
            workspace.pipeline.today_read_ahead = ahead
        try:
            return _run_window(
                args, app, workspace, seed=seed, temporary=temporary, on_opened=end_start_up_pause
            )
        finally:
            workspace.close()
            if temporary:
                shutil.rmtree(directory, ignore_errors=True)
    finally:
        if ahead is not None:
            ahead.close()  # not needed after all (another page first, an error): stopped
        end_start_up_pause()  # if the window did not open wholly


def _read_today_ahead(args: argparse.Namespace) -> ReadAhead | None:
    """Today's list read in a second process while the window is built (services/today_ahead),
    when the window opens on Today with an existing profile's data."""
    if args.demo or args.screenshot or args.view != "today":
        return None
    try:
        directory = resolve_profile_dir(getattr(args, "data_dir", None))
    except ChatplannerError:
        return None
    if not Profile(directory).exists():
        return None
    from chatplanner.services.today_ahead import start_read_ahead

    return start_read_ahead(directory, system_clock)


def _qt_importable() -> bool:
    """Qt and the window's modules import; if Qt cannot, the cause and its fix are printed."""
    from chatplanner.ui.qt_support_cache import support_code_cached

    try:
        with support_code_cached():  # PySide's own support modules, compiled at an earlier start
            from PySide6.QtWidgets import QApplication  # noqa: F401
        from chatplanner.ui.qt_start import skip_feature_source_scan

        skip_feature_source_scan()  # before the window's modules and the database layer load
        from chatplanner.ui.error_handler import ErrorReporter  # noqa: F401
        from chatplanner.ui.first_paint import FirstPaintReporter  # noqa: F401
        from chatplanner.ui.main_window import MainWindow  # noqa: F401
        from chatplanner.ui.theme import Theme  # noqa: F401
    except ImportError as error:
        from chatplanner.ui.qt_start import import_failure_message, is_qt_import_failure

        if not is_qt_import_failure(error):
            raise
        print(import_failure_message(error), file=sys.stderr)
        return False
    return True


def _start_qt() -> QApplication:
    from PySide6.QtWidgets import QApplication

    from chatplanner.ui.icons import app_icon
    from chatplanner.ui.qt_start import start_application
    from chatplanner.ui.theme import Theme, apply_theme, new_application

    # Named before the application is made: Qt reads the names as it connects to the display
    # (WM_CLASS on X11, the app id on Wayland), so the desktop groups the windows under the
    # menu entry that --install-desktop writes.
    QApplication.setApplicationName(APP_NAME)
    QApplication.setApplicationDisplayName(APP_NAME)
    QApplication.setOrganizationName(APP_NAME)
    QApplication.setDesktopFileName(DESKTOP_FILE_NAME)
    app = QApplication.instance() or start_application(lambda: new_application(sys.argv[:1]))
    assert isinstance(app, QApplication)
    app.setWindowIcon(app_icon())
    apply_theme(app, Theme.SYSTEM)
    return app


def _open_profile(args: argparse.Namespace) -> tuple[Workspace, Path, bool, bool] | int:
    """The workspace, its folder, whether to seed the demo and whether the folder is temporary;
    or the exit status once the user has been told why the profile cannot be opened."""
    try:
        directory, seed, temporary = _choose_profile_dir(args)
    except ChatplannerError as error:
        from PySide6.QtWidgets import QMessageBox  # only to say why: not at every start

        _report(args, "Cannot open the profile", str(error), QMessageBox.Icon.Critical)
        return error.exit_status
    # A screenshot does not wait: it says at once that the profile is taken.
    deadline = time.monotonic() + (0.0 if args.screenshot else _HOLDER_WAIT_SECONDS)
    opened: list[Workspace | None] = []
    while not opened:
        try:
            opened.append(_open_workspace(args, directory))
        except ProfileLockedError as error:
            # Another copy holds the profile. A window (perhaps launched a moment ago, not yet
            # listening) is brought forward; a command (an import, a backup) is waited for:
            # a few seconds quietly, then with the user (ui/held_profile.py).
            if _raise_running_window(args, directory) or args.screenshot:
                return _already_running(args, directory, error)
            if time.monotonic() < deadline:
                time.sleep(0.1)
            elif not _waited_for_holder(args, directory, opened):
                # The user cancelled, knowing why: no second message to dismiss.
                print(f"chatplanner: not opened, {error}", file=sys.stderr)
                return 1
        except ChatplannerError as error:
            from PySide6.QtWidgets import QMessageBox

            title = "Cannot open the profile"
            _report(args, title, str(error), QMessageBox.Icon.Critical)
            return error.exit_status
    if opened[0] is None:
        return 2  # damaged, and not restored: the message said it all
    return opened[0], directory, seed, temporary


def _waited_for_holder(
    args: argparse.Namespace, directory: Path, opened: list[Workspace | None]
) -> bool:
    """Wait, showing it, until the profile opens (into `opened`) or a window on it answers
    (leaving `opened` empty, to say so); False when the user cancelled."""
    from chatplanner.ui.held_profile import wait_for_profile

    def free() -> bool:
        try:
            opened.append(_open_workspace(args, directory))
        except ProfileLockedError:
            return _raise_running_window(args, directory)
        except ChatplannerError:
            return True  # opened again after the wait, to say what is wrong
        return True

    return wait_for_profile(str(directory), free)


def _open_workspace(args: argparse.Namespace, directory: Path) -> Workspace | None:
    """The profile's workspace, opened as the first page needs it; None when its database is
    damaged and was left as it is."""
    # A screenshot has no one waiting: open everything first, as the CLI does. So too for a
    # first page other than Today, whose construction reads the database.
    if is_read_only(directory):
        # A backup disk or a mounted image: shown as it is, without the lock.
        return Workspace.open_read_only(directory)
    if args.screenshot or args.view not in _BUILT_WITHOUT_DATABASE:
        return _open_or_recover(args, directory)
    return _lock_profile(directory)


def _raise_running_window(args: argparse.Namespace, directory: Path) -> bool:
    """Whether a running window on the profile answered, and was asked to come forward (a
    screenshot asks nothing: it says the profile is taken)."""
    from chatplanner.ui.single_instance import ask_running_copy_to_raise

    return not args.screenshot and ask_running_copy_to_raise(directory, timeout_ms=200)


def _already_running(args: argparse.Namespace, directory: Path, error: ProfileLockedError) -> int:
    from PySide6.QtWidgets import QMessageBox

    from chatplanner.ui.single_instance import ask_running_copy_to_raise

    raised = ask_running_copy_to_raise(directory)
    if raised and not args.screenshot:
        # A second launch (from the menu or the dock) only brings the running window
        # forward, as the user meant: no message box to dismiss.
        print(
            f"chatplanner: already running on the profile {directory}; "
            "its window has been brought forward.",
            file=sys.stderr,
        )
        return 0
    message = str(error)
    if raised:
        message += "\n\nThe running window has been brought forward."
    _report(args, "Already running", message, QMessageBox.Icon.Information)
    return 1


def _run_window(
    args: argparse.Namespace,
    app: QApplication,
    workspace: Workspace,
    *,
    seed: bool,
    temporary: bool = False,
    on_opened: Callable[[], None] | None = None,
) -> int:
    """Show the window (the database opened after its first paint: after Today is painted
    with its data, on an up-to-date profile) and run the app; `on_opened` once it is wholly
    open."""
    from chatplanner.ui.error_handler import ErrorReporter
    from chatplanner.ui.first_paint import FirstPaintReporter, report_requested
    from chatplanner.ui.main_window import MainWindow, saved_theme, ui_state
    from chatplanner.ui.theme import apply_theme

    # The log file is opened once the profile is open, after the first page is painted with its
    # data; until then errors go to stderr.
    reporter = ErrorReporter(None)
    reporter.install()
    try:
        if seed and workspace.database_open:
            workspace.seed_demo()
        apply_theme(app, saved_theme(ui_state(workspace)))
        opening = _Opening(args, app, workspace, seed=seed)
        window = opening.window = MainWindow(
            workspace,
            before_first_load=None if workspace.database_open else opening.for_first_page,
            after_first_load=None if workspace.database_open else opening.wholly,
            load_ahead=None if workspace.database_open else opening.load_ahead,
            # The demo is filled already, and a screenshot has no one to answer.
            offer_first_run=not args.demo and not args.screenshot,
            temporary_profile=temporary,
        )
        if on_opened is not None:
            window.opened.connect(on_opened)
        # The logging handlers' import is not needed to draw the page.
        window.opened.connect(
            lambda: setattr(reporter, "log_path", _start_log_quietly(workspace.profile.directory))
        )
        window.show_page(args.view)
        _say_slow_opening(window, workspace, seed=seed)
        if args.screenshot:
            return _screenshot(app, window, Path(args.screenshot))
        if report_requested():
            # The startup benchmark's hook.
            FirstPaintReporter(
                app,
                window,
                window.first_load_done,
                opened=window.opened,
                details=lambda: {"today_read_ahead": workspace.pipeline.today.read_ahead_used},
            )
        return _exec_with_raise_requests(app, window, workspace)
    finally:
        reporter.uninstall()


def _say_slow_opening(window: MainWindow, workspace: Workspace, *, seed: bool) -> None:
    """What the first frame says while the opening after it takes a while: the demo being
    filled, a new profile's tables being made."""
    if workspace.database_open:
        return
    if seed:
        window.note_opening("Filling the demo with sample people and chats…")
    elif not workspace.profile.database_path.exists():
        window.note_opening("Setting up your new profile…")


class _Opening:
    """How the window opens its profile: `for_first_page` right after the first paint, before
    the visible page reads its data (through the plain reader when the file is up to date; the
    demo is filled first, by the ORM), and `wholly` once the page is painted with it (or at
    once, when the plain reader cannot read the file): the problems of the file are said over
    the window."""

    def __init__(
        self, args: argparse.Namespace, app: QApplication, workspace: Workspace, *, seed: bool
    ) -> None:
        self._args = args
        self._app = app
        self._workspace = workspace
        self._seed = seed
        self.window: MainWindow | None = None
        self._loading: QObject | None = None  # the database layer's, on a worker thread

    def for_first_page(self) -> bool:
        freeze_long_lived_objects()  # the window's
        if not self._seed and self._workspace.open_plain_reader():
            return True
        return self.wholly()

    def load_ahead(self, then: Callable[[], object]) -> None:
        """`then`, once the database layer's modules are loaded on a worker thread: the window
        answers clicks and keys meanwhile (a click that needs the database waits there for the
        rest of the loading). A loading that fails is passed over: the opening says why."""
        if self._workspace.database_open:
            then()
            return
        from chatplanner.ui.background import BackgroundTask

        task = self._loading = BackgroundTask(self.window, name="database-layer")
        task.succeeded.connect(lambda _loaded: then())
        task.failed.connect(lambda _message: then())
        task.call(Workspace.load_database_layer)

    def wholly(self) -> bool:
        assert self.window is not None
        if self._workspace.database_open:
            return True
        status = _open_database_over(self._args, self._workspace, self.window)
        if status is not None:
            self._app.exit(status)
            return False
        freeze_long_lived_objects()  # the database layer's modules and mappings
        if self._seed:
            self._workspace.seed_demo()
        return True


def _exec_with_raise_requests(app: QApplication, window: MainWindow, workspace: Workspace) -> int:
    """Run the event loop; a second launch on this profile brings the window forward."""
    from PySide6.QtCore import Qt

    listeners: list[RaiseRequests] = []

    def listen_for_other_launches() -> None:
        # Once the profile is open, after the first page is painted with its data: the local
        # socket (and QtNetwork) is not needed to show it.
        from chatplanner.ui.single_instance import RaiseRequests

        requests = RaiseRequests(workspace.profile.directory, window)
        requests.raise_requested.connect(window.bring_forward)
        listeners.append(requests)

    if not workspace.read_only:  # without the lock, the socket is not ours to take
        window.opened.connect(listen_for_other_launches, Qt.ConnectionType.QueuedConnection)
    restores: list[Callable[[], None]] = []

    def close_when_asked_to_stop() -> None:
        # Once the window is wholly open: before the first paint, setting it up cost 2 ms.
        from chatplanner.ui.termination import close_on_termination

        restores.append(close_on_termination(window))

    window.opened.connect(close_when_asked_to_stop, Qt.ConnectionType.QueuedConnection)
    window.show()
    status = app.exec()
    for restore in restores:
        restore()
    for requests in listeners:
        requests.close()
    return int(status)


def change_desktop_entry(args: argparse.Namespace) -> int:
    """--install-desktop / --uninstall-desktop: the app in the desktop's menu, or out of it."""
    from chatplanner.ui import desktop_entry

    if sys.platform in ("win32", "darwin"):
        print(
            "chatplanner: --install-desktop writes a freedesktop menu entry, for Linux and "
            "other desktops that follow freedesktop.org; this system has none.",
            file=sys.stderr,
        )
        return 2
    try:
        files = desktop_entry.DesktopFiles(desktop_entry.user_data_home())
    except RuntimeError as error:  # no HOME and no entry in the user database
        print(f"chatplanner: cannot find your home folder ({error}); set HOME.", file=sys.stderr)
        return 2
    if args.uninstall_desktop:
        removed = desktop_entry.uninstall(files)
        print(
            f"Removed chatplanner from the menu ({len(removed)} files)."
            if removed
            else "chatplanner was not in the menu: nothing to remove."
        )
        return 0
    data_dir = resolve_profile_dir(args.data_dir) if getattr(args, "data_dir", None) else None
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # the icons are drawn without a window
    from PySide6.QtWidgets import QApplication

    # Alive while the icons are drawn; a QApplication, as the rest of the process expects.
    _application = QApplication.instance() or QApplication(sys.argv[:1])
    try:
        desktop_entry.install(files, desktop_entry.launch_command(data_dir))
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        print(
            f"chatplanner: cannot add the menu entry in {files.data_home}: {reason}. "
            "Check that the folder is writable, or set XDG_DATA_HOME to one that is.",
            file=sys.stderr,
        )
        return 2
    print(f"Added chatplanner to the menu: {files.entry}")
    print(f"Its icon: {files.svg_icon.parent.parent.parent} (SVG and PNG)")
    # The command as it was run here (a venv's script need not be on PATH).
    uninstall = shlex.join([*desktop_entry.launch_command(None), "--uninstall-desktop"])
    print(f"{uninstall} removes them.")
    return 0


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
        _show_message(window, "Cannot open the profile", str(error), QMessageBox.Icon.Critical)
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
    from chatplanner.services.auto_backup import (
        list_automatic_backups,
        preferred_backup,
        recover_closed_profile,
    )

    print(f"chatplanner: {error.what}", file=sys.stderr)
    print(damaged_profile_hint(directory), file=sys.stderr)
    if args.screenshot:
        return False
    from chatplanner.ui.restore_backup import offer_recovery

    latest = preferred_backup(list_automatic_backups(Profile(directory)))
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


def write_brief_pdf(brief: object, path: Path) -> Path:
    """Write a chat's brief as a one-page PDF from the command line: Qt's PDF writer needs an
    application object, made here without a screen when there is none."""
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication

    from chatplanner.domain.brief import Brief
    from chatplanner.ui.brief.pdf import write_brief_pdf as write
    from chatplanner.ui.theme import Theme, apply_theme, new_application

    assert isinstance(brief, Brief)
    app = QApplication.instance() or new_application(sys.argv[:1])
    assert isinstance(app, QApplication)
    apply_theme(app, Theme.LIGHT)  # paper is white
    return write(brief, path)


def _screenshot(app: object, window: object, path: Path) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    assert isinstance(app, QApplication) and isinstance(window, QMainWindow)
    window.resize(1280, 800)
    window.show()
    for _ in range(5):
        app.processEvents()
    _settle_background_work(app, window)
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from chatplanner.interop.safe_files import write_private_file

    png = QByteArray()
    buffer = QBuffer(png)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    try:
        if not window.grab().save(buffer, "PNG"):
            raise OSError("the window could not be rendered")
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private_file(path, bytes(png.data()))
    except OSError as error:
        print(f"chatplanner: could not write {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    window.close()
    print(f"Wrote {path}")
    return 0


# How long a picture waits for the work the page started off the GUI thread.
_SCREENSHOT_SETTLE_SECONDS = 10.0


def _settle_background_work(app: QApplication, window: QMainWindow) -> None:
    """Until the work the window's pages started off the GUI thread has reported (the city
    list that gives Today the other person's clock on a call, the rest of a long list), at most
    `_SCREENSHOT_SETTLE_SECONDS`: the picture is the same every time, not a race with it."""
    import time

    from chatplanner.ui.background import BackgroundTask

    deadline = time.monotonic() + _SCREENSHOT_SETTLE_SECONDS
    while time.monotonic() < deadline and any(
        task.running for task in window.findChildren(BackgroundTask)
    ):
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):  # what the results set off (a page built again with them)
        app.processEvents()


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
    box.setText(literal(message))
    box.exec()
