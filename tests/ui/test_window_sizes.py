"""Every page and dialog, at the smallest and largest window and with a 1.5x system font: no
button, tab, label or column title is cut off, and nothing covers anything else.

The renders are saved as PNG files (in the test's folder, or in CHATPLANNER_RENDER_DIR when it
is set) so that a person can look at them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QTabWidget
from pytestqt.qtbot import QtBot

from chatplanner.services.workspace import Workspace
from chatplanner.ui.background import BackgroundTask
from chatplanner.ui.main_window import MINIMUM_HEIGHT, MINIMUM_WIDTH, MainWindow
from chatplanner.ui.views.registry import PAGES
from tests.profiles import ProfileTemplates

from ..journey.ui_finders import dress
from .dialog_catalogue import DIALOG_NAMES, NEEDS_PEOPLE, dialogs
from .layout_audit import layout_problems
from .shared_window import isolated, shown_window


@dataclass(frozen=True)
class Extreme:
    name: str
    size: QSize
    font_scale: float = 1.0


EXTREMES = [
    Extreme("smallest", QSize(MINIMUM_WIDTH, MINIMUM_HEIGHT)),
    Extreme("largest", QSize(2560, 1440)),
    Extreme("large-font", QSize(MINIMUM_WIDTH, MINIMUM_HEIGHT), 1.5),
]


# Known gaps with a 1.5x system font in a 1024x700 window, each still rendered and looked at:
# the test reports them (xfail) until they are fixed, and fails for anything new.
KNOWN_LAYOUT_GAPS: dict[str, str] = {}


def _known_gap(request: pytest.FixtureRequest) -> None:
    reason = KNOWN_LAYOUT_GAPS.get(request.node.callspec.id)
    if reason:
        request.applymarker(pytest.mark.xfail(reason=reason, strict=False))


def _render_dir(tmp_path: Path) -> Path:
    chosen = os.environ.get("CHATPLANNER_RENDER_DIR")
    directory = Path(chosen) if chosen else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    return directory


# The fixtures below are shared by the module's tests (pytest runs the tests of one profile and
# one size together): the tests only show pages and open and cancel dialogs, so one window per
# profile and size serves them all, instead of a window built for each test.
@pytest.fixture(scope="module", params=EXTREMES, ids=[e.name for e in EXTREMES])
def extreme(request: pytest.FixtureRequest) -> Extreme:
    chosen: Extreme = request.param
    return chosen


@pytest.fixture(scope="module", params=["demo", "empty"])
def workspace(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    profile_templates: ProfileTemplates,
) -> Iterator[Workspace]:
    folder = tmp_path_factory.mktemp(f"sizes-{request.param}")
    with isolated(folder / "home"):
        directory = profile_templates.copy_to(folder / "profile", demo=request.param == "demo")
        with Workspace.open(directory) as opened:
            yield opened


@pytest.fixture(scope="module")
def window(qapp: QApplication, workspace: Workspace, extreme: Extreme) -> Iterator[MainWindow]:
    with shown_window(workspace, extreme.size, extreme.font_scale) as main:
        yield main


def _profile_kind(workspace: Workspace) -> str:
    return "demo" if workspace.people.contacts.count() else "empty"


def _settle(qtbot: QtBot) -> None:
    qtbot.wait(30)  # layouts, deferred loads and the first paint
    QApplication.processEvents()


def _loaded(qtbot: QtBot, window: MainWindow) -> None:
    """Wait for the window's background work (a list read, the venues' ranking) to report back,
    then for the layout it brings: a look in between sees a page between two layouts (the first
    ranking of a run imports numpy and takes longer than a settle)."""
    qtbot.waitUntil(
        lambda: not any(task.running for task in window.findChildren(BackgroundTask)),
        timeout=5000,
    )
    _settle(qtbot)


@pytest.mark.parametrize("key", [entry.key for entry in PAGES])
def test_every_page_shows_every_label_whole(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    extreme: Extreme,
    key: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    _known_gap(request)
    window.show_page(key)
    _settle(qtbot)
    page = window.page(key)
    _loaded(qtbot, window)
    name = f"{key}-{extreme.name}-{_profile_kind(workspace)}"
    window.grab().save(str(_render_dir(tmp_path) / f"{name}.png"))
    assert window.size() == extreme.size
    problems = layout_problems(window)
    for tabs in page.findChildren(QTabWidget):  # every tab's content, not only the first
        for index in range(tabs.count()):
            if tabs.isVisible() and tabs.isTabEnabled(index):
                tabs.setCurrentIndex(index)
                _settle(qtbot)
                _loaded(qtbot, window)
                window.grab().save(str(_render_dir(tmp_path) / f"{name}-tab{index}.png"))
                problems += layout_problems(window)
    problems = sorted(set(problems))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("dialog_name", DIALOG_NAMES)
def test_every_dialog_fits_the_smallest_screen_and_shows_every_label_whole(
    qtbot: QtBot,
    window: MainWindow,
    workspace: Workspace,
    extreme: Extreme,
    dialog_name: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
) -> None:
    _known_gap(request)
    if extreme.name == "largest":
        pytest.skip("a dialog keeps its own size on a large screen")
    if _profile_kind(workspace) == "empty" and dialog_name in NEEDS_PEOPLE:
        pytest.skip("nobody to write to in an empty profile")
    dialog = dialogs(workspace, window)[dialog_name]()
    dress(dialog, extreme.font_scale)  # a dialog is a window: it does not take its parent's font
    qtbot.addWidget(dialog)
    dialog.show()
    _settle(qtbot)
    profile = _profile_kind(workspace)
    dialog.grab().save(
        str(_render_dir(tmp_path) / f"dialog-{dialog_name}-{extreme.name}-{profile}.png")
    )
    fits = (
        f"{dialog.width()}x{dialog.height()} does not fit a {MINIMUM_WIDTH}x{MINIMUM_HEIGHT} screen"
    )
    assert dialog.width() <= MINIMUM_WIDTH, fits
    assert dialog.height() <= MINIMUM_HEIGHT, fits
    problems = layout_problems(dialog)
    assert not problems, "\n".join(problems)
    dialog.reject()
