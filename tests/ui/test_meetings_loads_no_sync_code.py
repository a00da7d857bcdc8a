"""Opening Meetings on a chat loads none of the sync's network and calendar code: the chat's
conflicts with the calendar server are listed from the profile, and the HTTP client alone took
a third of a second to import on first opening the page. Nor, on a tab that drafts nothing,
the thank-you's drafting code (a tenth of a second more)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.fresh_process import last_json_line

SYNC_ONLY = ("niquests", "urllib3", "urllib3_future", "caldav", "icalendar", "keyring")

SCRIPT = """
import json, os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from chatplanner.services.workspace import Workspace
from chatplanner.ui.main_window import MainWindow
from chatplanner.ui.views.meetings import MeetingsPage

app = QApplication([])
with Workspace.open(Path(sys.argv[1])) as workspace:
    window = MainWindow(workspace)
    window.show()
    window.show_page("meetings")
    page = window.page("meetings")
    assert isinstance(page, MeetingsPage)
    for _ in range(20):
        app.processEvents()
    shown = page.detail.meeting_id
    loaded = sorted({name.split(".")[0] for name in sys.modules})
    ours = sorted(name for name in sys.modules if name.startswith("chatplanner."))
    tab = page.detail.tabs.tabText(page.detail.tabs.currentIndex())
    print(json.dumps({"shown": shown, "loaded": loaded, "ours": ours, "tab": tab}))
    window.close()
"""


def test_meetings_opens_on_a_chat_without_the_sync_code(demo_profile: Path, tmp_path: Path) -> None:
    found = last_json_line(SCRIPT, [str(demo_profile)], tmp_path)
    assert found["shown"] is not None  # a chat is open in the page
    assert [name for name in SYNC_ONLY if name in found["loaded"]] == []


DRAFTING_ONLY = (
    "chatplanner.services.templates",
    "chatplanner.services.thank_you",
    "chatplanner.domain.thank_you",
    "chatplanner.domain.letter_phrases",
    "chatplanner.ui.meetings.template_dialog",
)


def test_meetings_opens_on_a_chats_checklist_or_notes_without_the_drafting_code(
    demo_profile: Path, tmp_path: Path
) -> None:
    found = last_json_line(SCRIPT, [str(demo_profile)], tmp_path)
    assert found["tab"] in ("Checklist", "Notes")  # the demo's first chat: no letter on show
    assert [name for name in DRAFTING_ONLY if name in found["ours"]] == []
