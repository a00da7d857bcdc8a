"""The People page's header buttons: Import, Export, Groups and New contact."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QPushButton

from chatplanner.ui.icons import icon

IMPORT_CHOICES = (
    ("LinkedIn connections (Connections.csv or the export ZIP)…", "linkedin"),
    ("vCard file (.vcf)…", "vcard"),
    ("Google Contacts CSV…", "google"),
)


@dataclass(frozen=True)
class HeaderButtons:
    import_button: QPushButton
    export_button: QPushButton
    export_selected_action: QAction
    groups_button: QPushButton
    new_button: QPushButton


def add_header_buttons(
    bar: QHBoxLayout,
    *,
    import_file: Callable[[str], None],
    export_vcard: Callable[[bool], None],
    has_selection: Callable[[], bool],
    manage_groups: Callable[[], None],
    new_contact: Callable[[], None],
) -> HeaderButtons:
    """`import_file(kind)` gets "linkedin", "vcard" or "google"; `export_vcard(selected)`."""
    import_button = QPushButton(icon("import"), "Import")
    import_menu = QMenu(import_button)
    for label, kind in IMPORT_CHOICES:
        import_menu.addAction(label).triggered.connect(lambda _=False, k=kind: import_file(k))
    import_button.setMenu(import_menu)
    bar.addWidget(import_button)

    export_button = QPushButton(icon("export"), "Export")
    export_menu = QMenu(export_button)
    export_selected = export_menu.addAction("Selected people as vCard…")
    export_selected.triggered.connect(lambda: export_vcard(True))
    export_menu.addAction("Everyone as vCard…").triggered.connect(lambda: export_vcard(False))
    export_menu.aboutToShow.connect(lambda: export_selected.setEnabled(has_selection()))
    export_button.setMenu(export_menu)
    bar.addWidget(export_button)

    groups_button = QPushButton(icon("group"), "Groups")
    groups_button.setToolTip("Create, rename, merge and delete groups")
    groups_button.clicked.connect(manage_groups)
    bar.addWidget(groups_button)

    new_button = QPushButton(icon("add", "#ffffff"), "New contact")
    new_button.setProperty("role", "primary")
    new_button.setToolTip("Add a person by hand (Ctrl+N)")
    new_button.clicked.connect(new_contact)
    bar.addWidget(new_button)
    return HeaderButtons(import_button, export_button, export_selected, groups_button, new_button)
