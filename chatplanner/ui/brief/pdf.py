"""The brief as a one-page PDF, written by Qt's own PDF writer: real, selectable text.

The page is A4, or Letter where the user's locale uses it. The text shrinks until it fits one
page; the map (when the chat is in person) sits at the top right.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPoint, QPointF, QRectF, QSize
from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

from chatplanner.domain.brief import Brief
from chatplanner.errors import ChatplannerError
from chatplanner.ui.brief.document import brief_document
from chatplanner.ui.brief.map_picture import brief_map_view

# Territories where Letter is the paper people buy.
_LETTER_CODES = frozenset({"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "PR"})
_RESOLUTION = 300
_MAX_POINTS, _MIN_POINTS = 11.0, 6.5


class BriefPdfError(ChatplannerError):
    """The PDF could not be written; the message says what to do."""


def paper_for_locale(locale: QLocale | None = None) -> QPageSize.PageSizeId:
    """Letter where the locale's territory uses it, else A4. LC_PAPER wins when set."""
    paper = os.environ.get("LC_PAPER") or os.environ.get("LC_ALL") or ""
    code = paper.split(".", 1)[0].rpartition("_")[2].upper()
    if not code:
        code = (locale or QLocale.system()).name().rpartition("_")[2].upper()
    letter = code in _LETTER_CODES
    return QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4


def write_brief_pdf(brief: Brief, path: Path, paper: QPageSize.PageSizeId | None = None) -> Path:
    """Write the brief to `path` as a one-page PDF (a QGuiApplication must exist)."""
    writer = QPdfWriter(str(path))
    writer.setTitle(brief.title)
    writer.setCreator("chatplanner")
    writer.setResolution(_RESOLUTION)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(paper if paper is not None else paper_for_locale()),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    painter = QPainter()
    if not painter.begin(writer):
        raise BriefPdfError(
            f"Could not write {path.name}. Choose another folder, or check that the disk is "
            "not full and the file is not open elsewhere."
        )
    try:
        _paint(painter, brief, QRectF(painter.viewport()))
    finally:
        painter.end()
    if not path.exists() or path.stat().st_size == 0:
        raise BriefPdfError(f"Could not write {path.name}. Choose another folder.")
    return path


def _paint(painter: QPainter, brief: Brief, page: QRectF) -> None:
    scale = _RESOLUTION / 72.0  # device pixels per point
    map_side = 0.0
    if brief.map is not None and (brief.map.venue or brief.map.base):
        map_side = page.width() * 0.34
    gap = 10 * scale if map_side else 0.0
    text_width = page.width() - map_side - gap
    points = _MAX_POINTS
    while True:
        document = brief_document(brief, points, text_width / scale)
        height = document.size().height() * scale
        if height <= page.height() or points <= _MIN_POINTS:
            break
        points -= 0.5
    painter.save()
    painter.translate(page.topLeft())
    painter.scale(scale, scale)
    document.drawContents(painter)
    painter.restore()
    if map_side and brief.map is not None:
        view = brief_map_view(brief.map)
        side = 260
        view.resize(QSize(side, side))
        painter.save()
        painter.translate(QPointF(page.right() - map_side, page.top()))
        painter.scale(map_side / side, map_side / side)
        view.render(painter, QPoint(0, 0))
        painter.restore()
        view.deleteLater()
