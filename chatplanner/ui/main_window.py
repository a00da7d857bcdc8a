"""The main window: navigation on the left, one page at a time on the right, menus on top."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from chatplanner.errors import ChatplannerError
from chatplanner.ui.giving_way import window_opens_a_page
from chatplanner.ui.icons import app_icon, icon, icon_pixmap
from chatplanner.ui.literal_text import literal
from chatplanner.ui.sidebar import Sidebar
from chatplanner.ui.theme import Theme, apply_theme, current_palette_colors
from chatplanner.ui.views.base import Page
from chatplanner.ui.views.registry import PAGES, PageEntry
from chatplanner.ui.widgets.modal import run_modal

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QCloseEvent, QMoveEvent, QResizeEvent, QShowEvent

    from chatplanner.services.workspace import Workspace
    from chatplanner.ui.dialogs.first_run import FirstRunDialog
    from chatplanner.ui.dialogs.import_contacts import ImportContactsDialog
    from chatplanner.ui.idle_imports import IdleImports
    from chatplanner.ui.sync.controller import SyncController

# Dialogs, pages other than the visible one, the forms' shared behaviour and the Qt classes
# only the menus' actions use (file and message boxes, the desktop's file browser) are imported
# when first used, or for the pages once the window is open and idle: the window's first paint
# waits for none of them (PySide builds each class on first use).


# The pages made once the window is open and idle: their modules imported a module a turn,
# then the page built, which reads its data (a large network's list in the background). People:
# building it and reading a large network were what a click on it waited for. The others would
# add 4 MiB for their modules alone (Meetings 2.3), taking a large network's People past
# 150 MiB, and their opening waits mostly for their data.
_MADE_AHEAD = ("people",)


def _shortcut(standard: QKeySequence.StandardKey, fallback: str) -> list[QKeySequence]:
    # Some platforms define no key for Quit or Preferences: keep a fallback that always works.
    keys = QKeySequence.keyBindings(standard)
    return keys if keys else [QKeySequence(fallback)]


def ui_state(workspace: Workspace) -> QSettings:
    workspace.profile.protect_ui_state()
    return QSettings(str(workspace.profile.ui_state_path), QSettings.Format.IniFormat)


def saved_theme(state: QSettings) -> Theme:
    try:
        return Theme(str(state.value("theme", Theme.SYSTEM.value)))
    except ValueError:
        return Theme.SYSTEM


def _install_form_behaviour() -> None:
    # Imported here: at the app's start, after Today is painted (its Qt classes, some 5 ms).
    from chatplanner.ui.widgets.form_behaviour import install_form_behaviour

    app = QApplication.instance()
    if app is not None:
        install_form_behaviour(app)


# The smallest window every page and dialog is laid out for (tests render them at this size).
MINIMUM_WIDTH, MINIMUM_HEIGHT = 1024, 700
# What the first size leaves for a window manager's title bar and frame.
TITLE_BAR_ALLOWANCE = 40

PAGE_ROWS = {entry.key: row for row, entry in enumerate(PAGES)}
# The status bar's standing note on the demo's own folder: someone trying the app must not
# type in their real network there unwarned.
TEMPORARY_PROFILE_NOTE = "Demo profile: everything here is deleted when you quit"


class MainWindow(QMainWindow):
    # Right after the first paint, before `before_first_load` runs: the app starts there what
    # drawing the window need not wait for.
    first_painted = Signal()
    # After the first paint, once the visible page has read its data (startup measurements).
    first_load_done = Signal()
    # On a later turn of the event loop, once the profile is wholly open (`after_first_load`
    # done): what writes, or needs more than the first page's reads, starts here.
    opened = Signal()

    # Long: the window's parts and how it opens its profile, in the order they are made.
    def __init__(
        self,
        workspace: Workspace,
        parent: QWidget | None = None,
        *,
        before_first_load: Callable[[], bool] | None = None,
        after_first_load: Callable[[], bool] | None = None,
        load_ahead: Callable[[Callable[[], object]], None] | None = None,
        offer_first_run: bool = False,
        temporary_profile: bool = False,
    ) -> None:
        """`before_first_load`: run right after the first paint, before the visible page reads
        (the app opens the database, or its plain reader); False leaves the page unread.
        `after_first_load`: run once the page is painted with its data, or before another page
        is shown (the app opens the database); False: the app is closing. `load_ahead(then)`:
        loads what that opening needs (off this thread, the window answering), then `then`.
        `offer_first_run`: once open, ask the first-run questions if the profile has not been
        through them. `temporary_profile`: deleted on quitting (the demo's)."""
        super().__init__(parent)
        if before_first_load is None:
            _install_form_behaviour()  # before any form exists: every one of them is covered
        self.workspace = workspace
        self._before_first_load = before_first_load
        self._after_first_load = after_first_load
        self._load_ahead = load_ahead
        self._unprepared = False
        self._said_opened = False
        self.undo_stack = QUndoStack(self)
        self._ui_state = ui_state(workspace)
        self.setWindowTitle("chatplanner")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(MINIMUM_WIDTH, MINIMUM_HEIGHT))

        # Pages are built when first shown; until then the stack holds an empty stand-in.
        self._built: dict[str, Page] = {}
        # The first page's data loads right after the window's first paint.
        self._painted = False
        self._deferred_refresh: Page | None = None
        self._planned_chat: int | None = None  # planned on another page: Meetings shows it next
        self._importer: ImportContactsDialog | None = None  # the import dialog while open
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Pages")
        self.navigation.setIconSize(QSize(20, 20))
        self.stack = QStackedWidget()
        self._build_layout()
        self._build_menus()
        self.navigation.currentRowChanged.connect(self._show_page)
        self.installEventFilter(self)
        self.navigation.setCurrentRow(0)
        self._show_profile_note(temporary=temporary_profile)
        self._restore_geometry()
        # The daily automatic backup also happens when the app stays open for days.
        self._backup_timer = QTimer(self)
        self._backup_timer.setInterval(60 * 60 * 1000)
        self._backup_timer.timeout.connect(workspace.take_automatic_backup_if_due)
        self._backup_timer.start()
        self._sync: SyncController | None = None
        self.idle_imports: IdleImports | None = None  # once open: the other pages' modules
        self.opened.connect(self._start_periodic_sync)
        self.opened.connect(self._import_pages_ahead, Qt.ConnectionType.QueuedConnection)
        if offer_first_run:
            self.opened.connect(self._offer_first_run, Qt.ConnectionType.QueuedConnection)

    # Layout ---------------------------------------------------------------------------------
    def _show_profile_note(self, *, temporary: bool) -> None:
        """Which profile is open: the status bar's standing message, under every other one
        (and the title, when it is read-only). The sync line does not step aside for it (a long
        path would hide it for good)."""
        from chatplanner.ui.widgets.status_messages import messages_first

        workspace = self.workspace
        if workspace.read_only:
            self.setWindowTitle("chatplanner (read-only)")
        if temporary:
            note = TEMPORARY_PROFILE_NOTE
        else:
            note = f"Profile: {workspace.profile.directory}" + (
                " (read-only)" if workspace.read_only else ""
            )
        messages_first(self.statusBar()).standing = note
        self.statusBar().showMessage(note)

    def _build_layout(self) -> None:
        logo = QLabel()
        logo.setPixmap(icon_pixmap("logo", 28, current_palette_colors().accent))
        for index, entry in enumerate(PAGES):
            item = QListWidgetItem(icon(entry.icon_name), entry.label)
            item.setToolTip(literal(f"{entry.label} (Ctrl+{index + 1})"))
            self.navigation.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the page when it is first shown
        self.sidebar = side = Sidebar(logo, self.navigation)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        # A profile that cannot be written (a backup disk, a mounted image) is shown, and says so.
        self.read_only_banner = QLabel(
            f"Read-only: the profile {self.workspace.profile.directory} cannot be written. "
            "You can look, search and back it up; changes are not saved."
        )
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setProperty("role", "error")
        self.read_only_banner.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setContentsMargins(16, 8, 16, 8)
        self.read_only_banner.setVisible(self.workspace.read_only)
        content.addWidget(self.read_only_banner)
        content.addWidget(self.stack, 1)
        layout.addLayout(content, 1)
        # A screen with less room than the window is laid out for (a 1280x720 laptop under its
        # panel, a large text setting) scrolls the window's content instead of pushing its
        # bottom and right edge off the screen; at the usual sizes no scroll bar shows.
        window_content = QScrollArea()
        window_content.setObjectName("windowContent")
        window_content.setWidgetResizable(True)
        window_content.setFrameShape(QFrame.Shape.NoFrame)
        window_content.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        window_content.setWidget(central)
        self.setCentralWidget(window_content)

    def _build_menus(self) -> None:  # noqa: PLR0915 - the whole menu bar, in the order the user sees it
        menu_bar = self.menuBar()

        file_menu = menu_bar.addMenu("&File")
        plan = QAction(icon("calendar"), "&Plan a Chat…", self)
        plan.setShortcut(QKeySequence("Ctrl+Shift+N"))
        plan.triggered.connect(lambda: self._plan_chat(self._person_in_view()))
        file_menu.addAction(plan)
        import_contacts = QAction(icon("import"), "&Import Contacts…", self)
        import_contacts.setShortcut(QKeySequence("Ctrl+I"))
        import_contacts.triggered.connect(lambda: self.import_contacts())
        file_menu.addAction(import_contacts)
        file_menu.addSeparator()
        backup = QAction(icon("export"), "&Back Up Profile…", self)
        backup.setShortcut(QKeySequence("Ctrl+Shift+B"))
        backup.triggered.connect(self._back_up)
        file_menu.addAction(backup)
        restore = QAction("&Restore from Automatic Backup…", self)
        restore.triggered.connect(self.restore_automatic_backup)
        restore.setEnabled(self.workspace.writable)
        file_menu.addAction(restore)
        sync_now = QAction("S&ync Now", self)
        sync_now.setShortcut(QKeySequence("Ctrl+Shift+Y"))
        sync_now.triggered.connect(lambda: self.sync_controller().sync_now())
        sync_now.setEnabled(self.workspace.writable)
        file_menu.addAction(sync_now)
        conflicts = QAction("Sync &Conflicts…", self)
        conflicts.triggered.connect(lambda: self.sync_controller().resolve_conflicts())
        conflicts.setEnabled(self.workspace.writable)
        file_menu.addAction(conflicts)
        open_folder = QAction("Open &Data Folder", self)
        open_folder.triggered.connect(self._open_data_folder)
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcuts(_shortcut(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = menu_bar.addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        # Ctrl+Y too, wherever the platform's redo is another key: many people expect it.
        redo_keys = _shortcut(QKeySequence.StandardKey.Redo, "Ctrl+Shift+Z")
        also = QKeySequence("Ctrl+Y")
        redo.setShortcuts(redo_keys if also in redo_keys else [*redo_keys, also])
        # Each step says in the status bar what it took back or did again.
        undo.triggered.disconnect()
        undo.triggered.connect(lambda: self._step_back_or_forth(undo=True))
        redo.triggered.disconnect()
        redo.triggered.connect(lambda: self._step_back_or_forth(undo=False))
        edit_menu.addAction(undo)
        edit_menu.addAction(redo)
        edit_menu.addSeparator()
        preferences = QAction(icon("settings"), "&Preferences…", self)
        preferences.setShortcuts(_shortcut(QKeySequence.StandardKey.Preferences, "Ctrl+,"))
        preferences.setMenuRole(QAction.MenuRole.PreferencesRole)
        preferences.triggered.connect(self._edit_preferences)
        edit_menu.addAction(preferences)
        edit_menu.addSeparator()
        find = QAction(icon("search"), "&Find", self)
        find.setShortcuts(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        edit_menu.addAction(find)
        edit_menu.addSeparator()
        templates = QAction(icon("edit"), "Message &Templates…", self)
        templates.triggered.connect(self._edit_templates)
        edit_menu.addAction(templates)

        view_menu = menu_bar.addMenu("&View")
        for index, entry in enumerate(PAGES):
            go = QAction(icon(entry.icon_name), entry.label, self)
            go.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            go.triggered.connect(lambda _=False, i=index: self.navigation.setCurrentRow(i))
            view_menu.addAction(go)
        view_menu.addSeparator()
        theme_menu = view_menu.addMenu("&Appearance")
        themes = QActionGroup(self)
        current = self._saved_theme()
        for theme, label in (
            (Theme.SYSTEM, "Follow System"),
            (Theme.LIGHT, "Light"),
            (Theme.DARK, "Dark"),
        ):
            action = QAction(label, self, checkable=True)
            action.setChecked(theme is current)
            action.triggered.connect(lambda _=False, t=theme: self._set_theme(t))
            themes.addAction(action)
            theme_menu.addAction(action)

        help_menu = menu_bar.addMenu("&Help")
        about = QAction(icon("info"), "&About chatplanner", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._show_about)
        help_menu.addAction(about)

    # Pages ----------------------------------------------------------------------------------
    @property
    def pages(self) -> list[Page]:
        """Every page in navigation order, building those not shown yet."""
        return [self.page(entry.key) for entry in PAGES]

    def _flushed(self, key: str) -> bool:
        """Whether the page's work in flight is saved (or it has none, or is not built)."""
        flush = getattr(self._built.get(key), "flush", None)
        return not callable(flush) or flush() is not False

    def _close_losing_changes(self, pages: list[PageEntry]) -> bool:
        """Asked on closing with changes that could not be saved, shown on their page (which
        says why): True to close without them."""
        from PySide6.QtWidgets import QMessageBox

        self.show_page(pages[0].key)
        where = " and ".join(entry.label for entry in pages)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Close without these changes?")
        box.setText(
            literal(
                f"Some changes on {where} could not be saved: the page says why. Close anyway, "
                "and lose them?"
            )
        )
        keep = box.addButton("Keep editing", QMessageBox.ButtonRole.RejectRole)
        close = box.addButton("Close without saving", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(keep)
        run_modal(box)
        return box.clickedButton() is close

    def built_pages(self) -> list[Page]:
        """The pages built so far (shown at least once, or asked for)."""
        return [self._built[entry.key] for entry in PAGES if entry.key in self._built]

    def page(self, key: str) -> Page:
        """The page for `key`, built (and wired to the window) on first use."""
        page = self._built.get(key)
        if page is not None:
            return page
        row = PAGE_ROWS[key]  # KeyError for an unknown key
        page = PAGES[row].build(self.workspace, self.undo_stack, self.stack)
        self._built[key] = page
        page.open_contact.connect(self.open_contact)
        page.open_meeting.connect(self.open_meeting)
        page.plan_chat.connect(self._plan_chat)
        page.data_changed.connect(self._refresh_others)
        page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        open_brief = getattr(page, "open_brief", None)
        if open_brief is not None:  # Today offers the brief of a chat coming up
            open_brief.connect(self.open_brief)
        open_thank_you = getattr(page, "open_thank_you", None)
        if open_thank_you is not None:  # and the thank-you owed for a chat done
            open_thank_you.connect(self.open_thank_you)
        open_notes = getattr(page, "open_meeting_notes", None)
        if open_notes is not None:  # the Archive opens a chat at what was found
            open_notes.connect(self.open_meeting_notes)
        remember_layout = getattr(page, "remember_layout", None)
        if remember_layout is not None:  # People keeps where its divider was dragged
            remember_layout(self._ui_state)
        import_requested = getattr(page, "import_requested", None)
        if import_requested is not None:  # People offers imports
            import_requested.connect(self.import_contacts)
        stand_in = self.stack.widget(row)
        current = self.stack.currentIndex()
        self.stack.insertWidget(row, page)
        if stand_in is not None:
            self.stack.removeWidget(stand_in)
            stand_in.deleteLater()
        self.stack.setCurrentIndex(current)
        return page

    def _import_pages_ahead(self) -> None:
        """People's modules, if not built yet, are imported while the user reads this page, a
        module at a time (a key or a click waits for one at most); then the page is built."""
        from chatplanner.ui.idle_imports import IdleImports

        pending = [
            entry.module
            for entry in PAGES
            if entry.key in _MADE_AHEAD and entry.key not in self._built
        ]
        self.idle_imports = IdleImports(pending, self)
        self.idle_imports.finished.connect(self._build_pages_ahead)
        self.idle_imports.start()

    def _build_pages_ahead(self) -> None:
        """People built while the user reads this page, its list read in the background: a
        click on it then waits for its paint alone. One turn of the event loop (a key or a click
        that comes meanwhile waits for it), once, and not for a window on its way out."""
        if not self.isVisible() or self._unprepared:
            return
        for key in _MADE_AHEAD:
            # A page that cannot be made says why when it is chosen, as before.
            with contextlib.suppress(ChatplannerError):
                self.page(key)

    def show_page(self, key: str) -> None:
        row = PAGE_ROWS[key]
        if row == self.navigation.currentRow() and self._deferred_refresh is not None:
            self._show_page(row)  # already chosen, its data not read yet: read it now if shown
        else:
            self.navigation.setCurrentRow(row)

    def _prepared(self) -> bool:
        """Runs `before_first_load` once; False for good when it failed (the app is closing)."""
        prepare, self._before_first_load = self._before_first_load, None
        if prepare is not None and not prepare():
            self._unprepared = True
        return not self._unprepared

    def _open_wholly(self) -> bool:
        """Runs `after_first_load` once, then says `opened` (once); False for good when the
        opening failed (the app is closing)."""
        finish, self._after_first_load = self._after_first_load, None
        # The page's data on screen first (Qt paints only after the events already queued),
        # then the forms' behaviour: a filter on the whole application runs Python for every
        # event of every object, and makes PySide build a Python type for each of Qt's own
        # classes it sees (some 25 ms before the paint). Nothing on the frame or Today needs it
        # sooner (no value box, date box or text field).
        if finish is not None and not self._unprepared:
            self.repaint()
        _install_form_behaviour()
        if finish is not None and not self._unprepared and not finish():
            self._unprepared = True
        if not self._unprepared and not self._said_opened:
            self._said_opened = True
            self.opened.emit()
        return not self._unprepared

    def _step_back_or_forth(self, *, undo: bool) -> None:
        """Undo or redo the stack's next entry, and say which in the status bar (a step that
        failed is dropped from the stack, and its page has said why)."""
        stack = self.undo_stack
        if not (stack.canUndo() if undo else stack.canRedo()):
            return
        text = stack.undoText() if undo else stack.redoText()
        count = stack.count()
        if undo:
            stack.undo()
        else:
            stack.redo()
        if stack.count() == count and text:
            self.statusBar().showMessage(f"{'Undone' if undo else 'Redone'}: {text}", 6000)

    def _show_page(self, row: int) -> None:
        # A page chosen after the paint but before the deferred read, or before the profile
        # is wholly open: open it first.
        if self._painted and not (self._prepared() and self._open_wholly()):
            return
        if 0 <= row < len(PAGES):
            window_opens_a_page(PAGES[row].key)  # other pages' background work waits
            page = self.page(PAGES[row].key)
            self.stack.setCurrentIndex(row)
            if self._painted or self.isVisible():
                self._deferred_refresh = None
                page.refresh()
                page.settle_layout()
                if PAGES[row].key == "meetings" and self._planned_chat is not None:
                    chat, self._planned_chat = self._planned_chat, None
                    self.page("meetings").show_meeting(chat)
            else:  # not on screen yet: paint the window first, then read the data
                self._deferred_refresh = page

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_minimum_to_screen()
        handle = self.windowHandle()
        if handle is not None and not self.property("fitsScreen"):
            handle.screenChanged.connect(lambda _screen: self._fit_minimum_to_screen())
            self.setProperty("fitsScreen", True)

    def _fit_minimum_to_screen(self) -> None:
        """The smallest window is 1024x700, or the screen's room, title bar included, if less.
        Asked again when the window manager has put its frame on (a move), as the title bar's
        height is known only then."""
        smallest = QSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)
        screen = self.screen()
        if screen is not None:
            frame = self.frameGeometry().size() - self.geometry().size()
            if frame.height() <= 0:
                # No frame yet (as the window is first shown): room for a title bar all the
                # same, as `_restore_geometry` leaves. Else, on a screen 700 high, the smallest
                # window grew the window past the screen's bottom edge, under its status bar.
                frame = QSize(max(frame.width(), 0), TITLE_BAR_ALLOWANCE)
            room = screen.availableGeometry().size() - frame
            if room.isValid() and not room.isEmpty():
                smallest = smallest.boundedTo(room)
        if self.minimumSize() != smallest:
            self.setMinimumSize(smallest)

    def moveEvent(self, event: QMoveEvent) -> None:
        super().moveEvent(event)
        if self.isVisible():
            self._fit_minimum_to_screen()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.sidebar.fit(event.size().width())  # a rail of icons in a narrow window
        super().resizeEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self and not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            self.removeEventFilter(self)
            QTimer.singleShot(0, self._refresh_deferred)
        return False

    def note_opening(self, words: str) -> None:
        """Shown under the first page's title until it has read its data: what the opening
        after the first paint is doing, when that takes a while."""
        page = self.stack.currentWidget()
        if isinstance(page, Page) and page is self._deferred_refresh:
            page.header.set_subtitle(words)

    def _refresh_deferred(self) -> None:
        self.first_painted.emit()
        if not self._prepared():
            self._deferred_refresh = None
            return
        page, self._deferred_refresh = self._deferred_refresh, None
        if page is not None and page is self.stack.currentWidget():
            page.refresh()
            page.settle_layout()
        self.first_load_done.emit()
        if self._after_first_load is None:
            self._open_wholly()  # nothing more to open: at once, the page's data being in
        else:
            # Queued after the paint of the page's data, which its refresh has asked for.
            QTimer.singleShot(0, self._load_then_open)

    def _load_then_open(self) -> None:
        load, self._load_ahead = self._load_ahead, None
        if load is None or self._after_first_load is None:
            self._open_wholly()  # nothing to load first, or opened already (a page chosen)
        else:
            load(self._open_wholly)

    def _offer_first_run(self) -> None:
        if self._unprepared:
            return
        try:
            needed = self.workspace.onboarding.needed()
        except ChatplannerError:
            return  # nothing to ask on a profile that cannot be read
        if not needed:
            return
        from chatplanner.ui.dialogs.first_run import FirstRunDialog

        dialog = FirstRunDialog(
            self.workspace.planning.venues.places.cities,
            self,
            zone_to_adopt=self.workspace.settings.zone_to_adopt,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda result: self._first_run_finished(dialog, result))
        dialog.open()

    def _first_run_finished(self, dialog: FirstRunDialog, result: int) -> None:
        from PySide6.QtWidgets import QDialog

        onboarding = self.workspace.onboarding
        accepted = result == QDialog.DialogCode.Accepted.value
        adopted: str | None = None
        try:
            if accepted:
                adopted = onboarding.finish(dialog.answers())
            else:
                onboarding.skip()
        except ChatplannerError as error:
            self.statusBar().showMessage(str(error), 12000)
            return
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()
        if not accepted:
            return
        times = f" Times now show in {dialog.city_time_name()}." if adopted else ""
        saved = f"Saved.{times} You can change these in Preferences."
        if dialog.wants_import():
            importer = self.import_contacts("linkedin")
            # Said once the import window is closed without importing: under it, unseen.
            importer.rejected.connect(lambda: self.statusBar().showMessage(saved, 8000))
        else:
            self.statusBar().showMessage(saved, 8000)

    def open_contact(self, contact_id: int) -> None:
        self.show_page("people")
        self.page("people").show_contact(contact_id)

    def open_meeting(self, meeting_id: int) -> None:
        self.show_page("meetings")
        self.page("meetings").show_meeting(meeting_id)

    def open_brief(self, meeting_id: int) -> None:
        """The chat, on its Brief tab."""
        self.show_page("meetings")
        self.page("meetings").show_brief(meeting_id)

    def open_thank_you(self, meeting_id: int) -> None:
        """The chat, on its Thank-you tab."""
        self.show_page("meetings")
        self.page("meetings").show_thank_you(meeting_id)  # type: ignore[attr-defined]

    def open_meeting_notes(self, meeting_id: int, words: str) -> None:
        self.show_page("meetings")
        self.page("meetings").show_meeting_notes(meeting_id, words)  # type: ignore[attr-defined]

    def _refresh_others(self) -> None:
        # Pages refresh when shown; the visible one refreshes now.
        current = self.stack.currentWidget()
        if isinstance(current, Page) and current is not self.sender():
            current.refresh()

    def _focus_search(self) -> None:
        current = self.stack.currentWidget()
        if not (isinstance(current, Page) and current.focus_search()):
            # A page with nothing to search (Today, Meetings, Insights): Find looks for a person.
            self.show_page("people")
            current = self.page("people")
            current.focus_search()
        focused = QApplication.focusWidget()
        if focused is None or not current.isAncestorOf(focused):
            # Nothing to search yet (an empty profile): what is typed next must not reach the
            # navigation, where a letter chooses a page.
            current.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # Actions --------------------------------------------------------------------------------
    def _back_up(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from chatplanner.ui.export_folder import ask_export_path

        path = ask_export_path(
            self,
            self.workspace.settings,
            "Back Up Profile",
            "chatplanner-backup.json",
            "JSON backup (*.json)",
        )
        if path is None:
            return
        try:
            rows = self.workspace.backup.write_backup(path)
        except (ChatplannerError, OSError) as error:
            QMessageBox.warning(self, "Backup failed", literal(str(error)))
            return
        self.statusBar().showMessage(f"Backed up {rows} records to {path}", 8000)

    def _show_about(self) -> None:
        from chatplanner.ui.about import show_about

        show_about(self, str(self.workspace.profile.directory))

    def _edit_preferences(self) -> None:
        from chatplanner.ui.dialogs.preferences import PreferencesDialog

        accounts = self.workspace.syncing.sync_accounts if self.workspace.writable else None
        if run_modal(PreferencesDialog(self.workspace.settings, self, sync_accounts=accounts)):
            current = self.stack.currentWidget()
            if isinstance(current, Page):
                current.refresh()
            self._start_periodic_sync()

    # Sync -----------------------------------------------------------------------------------
    def sync_controller(self) -> SyncController:
        """The window's background sync, made when first needed (its code loads then)."""
        if self._sync is None:
            from chatplanner.ui.sync.controller import SyncController
            from chatplanner.ui.widgets.status_messages import messages_first

            self._sync = SyncController(self.workspace, self.statusBar(), self)
            self._sync.finished.connect(self._after_sync)
            # A message (what the user just did) shows whole: the sync line steps aside.
            messages_first(self.statusBar()).step_aside(self._sync.indicator)
        return self._sync

    def _start_periodic_sync(self) -> None:
        """Every N minutes when the user chose it; nothing is loaded otherwise."""
        if not (self.workspace.database_open and self.workspace.writable):
            return
        if self._sync is not None:
            self._sync.apply_interval()
        elif int(self.workspace.settings.get("sync.every_minutes") or 0) > 0:
            self.sync_controller()

    def _after_sync(self, _line: str) -> None:
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()

    def _edit_templates(self) -> None:
        from chatplanner.ui.dialogs.template_editor import TemplateEditorDialog

        run_modal(TemplateEditorDialog(self.workspace, self))

    def _person_in_view(self) -> int:
        """The person People is showing, whom File › Plan a Chat is most likely for; else 0."""
        people = self._built.get("people")
        if people is None or self.stack.currentWidget() is not people:
            return 0
        contact_id = getattr(people, "current_id", lambda: None)()
        return contact_id if isinstance(contact_id, int) else 0

    def _plan_chat(self, contact_id: int) -> None:
        from chatplanner.ui.dialogs.plan_chat import PlanChatDialog

        dialog = PlanChatDialog(self.workspace, contact_id or None, self)
        if (
            run_modal(dialog) == PlanChatDialog.DialogCode.Accepted
            and dialog.meeting_id is not None
        ):
            current = self.stack.currentWidget()
            done = "Chat logged as happened." if dialog.logged_as_happened else "Chat planned."
            if current is self._built.get("meetings"):
                # Planned from Meetings: the new chat is the one the user wants in front of them.
                self.statusBar().showMessage(done, 8000)
                self._planned_chat = None
                self.open_meeting(dialog.meeting_id)
                return
            self.statusBar().showMessage(f"{done} It is on the Meetings page.", 8000)
            self._planned_chat = dialog.meeting_id  # the chat Meetings shows when next chosen
            # The page that asked (People, Today) shows the person's new stage too.
            if isinstance(current, Page):
                current.refresh()

    def restore_automatic_backup(self) -> None:
        from chatplanner.ui.restore_backup import RestoreBackupDialog, confirm_restore

        backups_dir = str(self.workspace.profile.backups_dir)
        dialog = RestoreBackupDialog(self.workspace.automatic_backups.backups(), backups_dir, self)
        if run_modal(dialog) != RestoreBackupDialog.DialogCode.Accepted:
            return
        backup = dialog.chosen()
        if backup is None or not confirm_restore(self, backup, backups_dir):
            return
        # A ChatplannerError here (an unusable backup) reaches the error dialog; the current
        # database has then been put back as it was.
        kept = self.workspace.restore_automatic_backup(backup.path)
        self.undo_stack.clear()  # undo steps refer to data that is no longer there
        for page in self.built_pages():  # the others read the restored data when first shown
            page.refresh()
        kept_text = f"; the replaced database is kept as {kept.name}" if kept else ""
        self.statusBar().showMessage(f"Restored the backup of {backup.name}{kept_text}", 12000)

    def import_contacts(self, kind: str = "") -> ImportContactsDialog:
        """Open the import dialog (kind: linkedin, vcard, google, or "" to detect)."""
        from chatplanner.ui.dialogs.import_contacts import ImportContactsDialog

        # Its worker reads through `context.reading`: the profile wholly open first, so that the
        # plain reader is not closed under it by the opening.
        if self._painted and self._prepared():
            self._open_wholly()
        if self._importer is not None:
            # One import at a time: Ctrl+I again, or the first-run sheet's "import next" while
            # one is open, brings that one forward rather than a second over it.
            self._importer.raise_()
            self._importer.activateWindow()
            return self._importer
        dialog = ImportContactsDialog(self.workspace, kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.imported.connect(self._contacts_imported)
        dialog.finished.connect(self._importer_closed)
        self._importer = dialog
        dialog.open()
        return dialog

    def _importer_closed(self) -> None:
        self._importer = None

    def _contacts_imported(self) -> None:
        # Pages refresh when shown; the visible one refreshes now.
        current = self.stack.currentWidget()
        if isinstance(current, Page):
            current.refresh()
        self.statusBar().showMessage("Contacts imported.", 6000)

    def _open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.workspace.profile.directory)))

    def bring_forward(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()

    # Theme and geometry ---------------------------------------------------------------------
    def _saved_theme(self) -> Theme:
        return saved_theme(self._ui_state)

    def _set_theme(self, theme: Theme) -> None:
        self._ui_state.setValue("theme", theme.value)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)

    def _restore_geometry(self) -> None:
        geometry = self._ui_state.value("window/geometry")
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
            if self.isMaximized() or self.isFullScreen():
                return  # the screen's own size
            width, height = self.width(), self.height()
        else:
            width, height = 1200, 780
        if screen is not None and screen.width() > 0 and screen.height() > 0:
            # Within the screen, with room for a title bar (its height is not known before the
            # window is shown): a size saved on a larger screen does not run off a smaller one.
            width = min(width, screen.width())
            height = min(height, screen.height() - TITLE_BAR_ALLOWANCE)
            # On a screen smaller than the smallest window (a large text scale makes the
            # desktop's room small), the smallest window must give way first, or the window
            # opens at 1024x700 and runs off the screen.
            self.setMinimumSize(self.minimumSize().boundedTo(QSize(width, height)))
        self.resize(width, height)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Pages with work in flight (a person being edited, notes being typed, an archive being
        # written) finish it; what cannot be saved (an email address that is not one) is not
        # lost without asking.
        unsaved = [entry for entry in PAGES if not self._flushed(entry.key)]
        if unsaved and not self._close_losing_changes(unsaved):
            event.ignore()
            return
        if self._sync is not None:
            self._sync.shut_down()  # a sync in flight stops at its next step; done work is kept
        self._ui_state.setValue("window/geometry", self.saveGeometry())
        self._ui_state.sync()
        self.workspace.profile.protect_ui_state()
        super().closeEvent(event)
