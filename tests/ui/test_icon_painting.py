"""An icon is drawn from its SVG once per size and colour, then as a pixmap: a widget that paints
its icon itself (the search box's clear button, on each repaint while the user types in People
and each frame of its fade) drew the vector artwork every time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from pytestqt.qtbot import QtBot

from chatplanner.resources_path import icons_dir
from chatplanner.services.workspace import Workspace
from chatplanner.ui.icons import icon
from tests.ui.windows import ShowWindow, click_people


def _count_svg_renders(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    renders: list[object] = []
    render: Callable[..., Any] = QSvgRenderer.render

    def counted(self: QSvgRenderer, *args: object) -> object:
        renders.append(args)
        return render(self, *args)

    monkeypatch.setattr(QSvgRenderer, "render", counted)
    return renders


def test_typing_in_peoples_search_draws_no_svg_again(
    qtbot: QtBot, show_window: ShowWindow, demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = show_window(demo)
    page = click_people(qtbot, window)
    everyone = page.model.rowCount()
    search = page.filters.search
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)

    def type_and_erase(word: str) -> None:
        for key in word:
            qtbot.keyClick(search, key)
            window.repaint()
        qtbot.wait(400)  # the clear button fades in
        for _key in word:
            qtbot.keyClick(search, Qt.Key.Key_Backspace)
            window.repaint()
        qtbot.wait(400)  # and out

    # Once: each icon drawn at its size and in the colour of each state it is shown in.
    type_and_erase("gagnon")
    assert page.model.rowCount() == everyone

    renders = _count_svg_renders(monkeypatch)
    qtbot.keyClicks(search, "gag")
    window.repaint()
    shown = [page.model.index(row, 0).data() for row in range(page.model.rowCount())]
    assert shown
    assert all("Gagnon" in name for name in shown), shown
    type_and_erase("non")
    assert search.text() == "gag"
    assert renders == []  # every icon on screen was painted from its pixmap


@pytest.mark.parametrize("ratio", [1.0, 2.0])
def test_an_icon_painted_from_its_pixmap_looks_as_drawn_from_its_svg(
    qtbot: QtBot, ratio: float
) -> None:
    """Side by side: the engine's paint, and the SVG drawn straight into an image of the same
    size, in the same colour; centred alike in a rectangle that is not square."""
    rect = QRect(3, 2, 30, 22)

    def image() -> QImage:
        made = QImage(
            round(36 * ratio), round(26 * ratio), QImage.Format.Format_ARGB32_Premultiplied
        )
        made.setDevicePixelRatio(ratio)
        made.fill(QColor("#f4f1ec"))
        return made

    painted = image()
    painter = QPainter(painted)
    icon("people", "#205f5a").paint(painter, rect, Qt.AlignmentFlag.AlignCenter, QIcon.Mode.Normal)
    painter.end()

    drawn = image()
    painter = QPainter(drawn)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    source = (icons_dir() / "people.svg").read_text(encoding="utf-8")
    renderer = QSvgRenderer(source.replace("currentColor", "#205f5a").encode("utf-8"))
    renderer.render(painter, QRectF(7, 2, 22, 22))  # the 22-pixel square centred in `rect`
    painter.end()

    assert painted.size() == drawn.size()
    worst = max(
        abs(a - b)
        for y in range(painted.height())
        for x in range(painted.width())
        for a, b in zip(_rgba(painted, x, y), _rgba(drawn, x, y), strict=True)
    )
    assert worst <= 3  # rounding in the antialiased edges only
    assert painted != image()  # and something was drawn


def _rgba(image: QImage, x: int, y: int) -> tuple[int, int, int, int]:
    color = image.pixelColor(x, y)
    return (color.red(), color.green(), color.blue(), color.alpha())
