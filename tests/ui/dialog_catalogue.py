"""Every dialog of the app, built the way the app builds it, for tests that walk them all."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDialog, QWidget

from chatplanner.domain.enums import TemplateKind
from chatplanner.services.sync_conflicts import (
    ContactConflict,
    EventConflict,
    EventDifference,
    FieldConflict,
)
from chatplanner.services.workspace import Workspace


def dialogs(workspace: Workspace, parent: QWidget) -> dict[str, Callable[[], QDialog]]:
    """Name -> a function that builds the dialog over `workspace` (composers need people)."""
    from chatplanner.ui.dialogs.composer import ComposerDialog
    from chatplanner.ui.dialogs.first_run import FirstRunDialog
    from chatplanner.ui.dialogs.import_contacts import ImportContactsDialog
    from chatplanner.ui.dialogs.plan_chat import PlanChatDialog
    from chatplanner.ui.dialogs.preferences import PreferencesDialog
    from chatplanner.ui.dialogs.record_reply import RecordReplyDialog
    from chatplanner.ui.dialogs.template_editor import TemplateEditorDialog
    from chatplanner.ui.meetings.template_dialog import TemplateDialog
    from chatplanner.ui.people.group_manager import GroupManagerDialog
    from chatplanner.ui.restore_backup import RestoreBackupDialog
    from chatplanner.ui.sync.conflict_dialog import ConflictDialog
    from chatplanner.ui.venues.base_dialog import BaseDialog
    from chatplanner.ui.venues.editor import VenueEditor

    ids = [summary.id for summary in workspace.people.contacts.list_summaries()]
    cities = workspace.planning.venues.places.cities

    def no_address(_query: str) -> list[object]:
        return []

    return {
        "first-run": lambda: FirstRunDialog(cities, parent),
        "preferences": lambda: PreferencesDialog(workspace.settings, parent),
        "import": lambda: ImportContactsDialog(workspace, "", parent),
        "composer-one": lambda: ComposerDialog(workspace, ids[:1], parent),
        "composer-three": lambda: ComposerDialog(workspace, ids[:3], parent),
        "record-reply": lambda: RecordReplyDialog(
            "Olúwadámilọ́lá Adébáyọ̀", date(2026, 11, 20), date(2026, 12, 2), parent
        ),
        "plan-chat": lambda: PlanChatDialog(workspace, ids[0] if ids else None, parent),
        "message-templates": lambda: TemplateEditorDialog(workspace, parent),
        "chat-template": lambda: TemplateDialog(
            workspace.chats.chat_templates, TemplateKind.THANK_YOU, "default", parent
        ),
        "groups": lambda: GroupManagerDialog(workspace.people.groups, parent),
        "restore": lambda: RestoreBackupDialog(
            workspace.automatic_backups.backups(), str(workspace.profile.backups_dir), parent
        ),
        "base": lambda: BaseDialog(cities, no_address, workspace.planning.venues.base(), parent),  # type: ignore[arg-type]
        "venue": lambda: VenueEditor(no_address, None, parent),  # type: ignore[arg-type]
        "sync-conflicts": lambda: ConflictDialog(
            _sample_conflicts(), parent, events=_sample_events()
        ),
    }


def _sample_events() -> list[EventConflict]:
    fields = (
        EventDifference("Title", "“Coffee chat with Zoë Ångström”", "“Lunch with Zoë”"),
        EventDifference("Starts", "Fri 4 Dec, 15:00", "Sat 5 Dec, 12:30"),
        EventDifference("Ends", "Fri 4 Dec, 15:45", "Sat 5 Dec, 13:15"),
    )
    return [EventConflict(1, 1, "Zoë Ångström", False, fields, None)]


def _sample_conflicts() -> list[ContactConflict]:
    fields = (
        FieldConflict("email", "Email", "grace@navy.example", "grace@yale.edu", None),
        FieldConflict("title", "Title", "Rear Admiral", "Professor of Computing", "app"),
        FieldConflict(
            "notes",
            "Notes",
            "Met at the conference.\nPrefers coffee, early.",
            "Met at the conference.\nLikes long walks, and tea.",
            None,
        ),
    )
    return [
        ContactConflict(1, 1, "Grace Hopper", fields),
        ContactConflict(2, 2, "Ada Lovelace", fields[:1]),
    ]


DIALOG_NAMES = [
    "first-run",
    "preferences",
    "import",
    "composer-one",
    "composer-three",
    "record-reply",
    "plan-chat",
    "message-templates",
    "chat-template",
    "groups",
    "restore",
    "base",
    "venue",
    "sync-conflicts",
]
NEEDS_PEOPLE = {"composer-one", "composer-three"}
