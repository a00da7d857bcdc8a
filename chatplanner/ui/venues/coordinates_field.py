"""A field for a point: typed "43.65, -79.38" or pasted from an OpenStreetMap or Google Maps link."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from chatplanner.domain.map_links import parse_coordinates

Point = tuple[float, float]


def format_point(point: Point) -> str:
    return (
        f"{point[0]:.6f}".rstrip("0").rstrip(".")
        + ", "
        + (f"{point[1]:.6f}".rstrip("0").rstrip("."))
    )


class CoordinatesField(QWidget):
    """Shows whether what was typed is a point; `point()` is None when it is not (or empty)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.edit = QLineEdit()
        # A placeholder cannot wrap: the example only; how to fill it in is the hint below.
        self.edit.setPlaceholderText("43.6470, -79.4030")
        self.edit.setToolTip(
            "Latitude, longitude, or a map link. Without a point the venue ranks as "
            "“location not set”."
        )
        self.edit.setClearButtonEnabled(True)
        self.edit.setMaxLength(4000)
        layout.addWidget(self.edit)
        self.hint = QLabel()
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        layout.addWidget(self.hint)
        self.edit.textChanged.connect(self._update)
        self.edit.editingFinished.connect(self._tidy)
        self._update()

    def point(self) -> Point | None:
        return parse_coordinates(self.edit.text())

    def is_empty(self) -> bool:
        return not self.edit.text().strip()

    def is_valid(self) -> bool:
        return self.is_empty() or self.point() is not None

    def set_point(self, point: Point | None) -> None:
        self.edit.setText("" if point is None else format_point(point))

    def _tidy(self) -> None:
        # A pasted link becomes the plain pair it stands for, so the user sees what is saved.
        point = self.point()
        if point is not None and self.edit.text().strip() != format_point(point):
            self.edit.setText(format_point(point))

    def _update(self) -> None:
        if self.is_empty():
            self._hint("Or paste an OpenStreetMap / Google Maps link. Optional.", False)
        elif self.point() is None:
            self._hint(
                "Not a point yet: type latitude, longitude (43.65, -79.38) or paste a map link.",
                True,
            )
        else:
            point = self.point()
            assert point is not None
            self._hint(f"Latitude {point[0]:.5f}, longitude {point[1]:.5f}", False)
        self.changed.emit()

    def _hint(self, text: str, problem: bool) -> None:
        self.hint.setText(text)
        self.hint.setProperty("role", "error" if problem else "muted")
        self.hint.style().unpolish(self.hint)
        self.hint.style().polish(self.hint)
