"""The import preview's headings stand over their columns' text, as the rows are aligned."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from tests.journey.conftest import App
from tests.journey.import_preview import preview_import
from tests.journey.story import CONNECTIONS


def _ink_span(header: QHeaderView, section: int) -> tuple[int, int, int, int]:
    """(section left, section right, leftmost ink, rightmost ink) as the heading is painted:
    the columns where the text's colour stands out from the section's empty end."""
    image = header.grab().toImage()
    left = header.sectionViewportPosition(section)
    right = left + header.sectionSize(section) - 1
    text = header.palette().buttonText().color()
    rows = range(image.height() // 2 - 5, image.height() // 2 + 5)

    def inked(x: int) -> bool:
        return any(
            abs(image.pixelColor(x, y).lightness() - text.lightness()) < 60
            and abs(image.pixelColor(x, y).lightness() - image.pixelColor(right - 6, y).lightness())
            > 60
            for y in rows
        )

    columns = [x for x in range(left + 4, right - 4) if inked(x)]
    assert columns, f"section {section} shows no heading"
    return left, right, columns[0], columns[-1]


def test_the_preview_headings_line_up_with_their_columns_text(
    app: App, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = app.user
    user.go_to("People")
    dialog, table = preview_import(user, monkeypatch, CONNECTIONS)
    header = table.horizontalHeader()
    model = table.model()
    headings = {model.headerData(s, Qt.Orientation.Horizontal): s for s in range(header.count())}
    for heading in ("Name", "What happens"):
        section = headings[heading]
        cell = model.index(0, section).data(Qt.ItemDataRole.TextAlignmentRole)
        # No alignment given: a cell's text is drawn at its left.
        assert cell is None or Qt.AlignmentFlag(cell) & Qt.AlignmentFlag.AlignLeft
        left, right, ink_left, ink_right = _ink_span(header, section)
        # Against the left edge, as the names and sentences under it are, not centred.
        assert ink_left - left < 16, (heading, left, right, ink_left, ink_right)
    user.click_button("Cancel", dialog)
