"""The About box: version, where the data lives, and credits."""

from __future__ import annotations

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from chatplanner import version
from chatplanner.ui.literal_text import escaped
from chatplanner.ui.widgets.modal import run_modal


def about_html(profile_dir: str) -> str:
    # The path may hold any character: escape it, since this text is rich text.
    return (
        f"<h3>chatplanner {escaped(version())}</h3>"
        "<p>Plan coffee chats with your professional network: know what you want, "
        "reach out, meet somewhere you know, take notes, say thank you, keep in touch.</p>"
        f"<p><b>Your data</b> stays on this computer, in<br><code>{escaped(profile_dir)}</code></p>"
        "<p>City data: GeoNames (CC BY 4.0). Maps and addresses on request: "
        "© OpenStreetMap contributors.</p>"
        f"<p style='color:gray'>Qt for Python {escaped(pyside_version)}</p>"
    )


def show_about(parent: QWidget, profile_dir: str) -> None:
    box = QMessageBox(parent)
    box.setWindowTitle("About chatplanner")
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(profile_dir))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    run_modal(box)
