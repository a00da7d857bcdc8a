"""One chat: a header, then Plan, Checklist, Notes, Thank-you, Follow-through and Brief tabs.

Every change goes through the services; checklist and follow-up changes are undoable commands,
notes and the draft save themselves a moment after typing stops and whenever the view is left.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.enums import ChecklistPhase, FollowUpOwner, MeetingMode, MeetingStatus
from chatplanner.domain.safe_names import safe_path_component
from chatplanner.domain.text import isolated, left_to_right
from chatplanner.errors import ChatplannerError
from chatplanner.services.meeting_records import (
    ChecklistEntry,
    FollowUpEntry,
    MeetingDetail,
    MeetingSummary,
)
from chatplanner.services.meetings import ChatStillAheadError
from chatplanner.services.workspace import Workspace
from chatplanner.ui.brief.tab import BriefTab
from chatplanner.ui.export_folder import ask_export_path
from chatplanner.ui.literal_text import literal
from chatplanner.ui.meetings.autosave import Autosave, SaveIndicator
from chatplanner.ui.meetings.checklist_tab import ChecklistTab
from chatplanner.ui.meetings.draft_undo import RegenerateDraftCommand
from chatplanner.ui.meetings.follow_through_tab import FollowThroughTab
from chatplanner.ui.meetings.formatting import STATUS_LABELS, due_text, in_sentence, when_text
from chatplanner.ui.meetings.notes_tab import NotesTab
from chatplanner.ui.meetings.plan_tab import PlanTab
from chatplanner.ui.meetings.thank_you_tab import ThankYouTab
from chatplanner.ui.meetings.undo_commands import (
    AddFollowUpCommand,
    AddItemCommand,
    CommandContext,
    EditFollowUpCommand,
    RemoveFollowUpCommand,
    RemoveItemCommand,
    ReorderPhaseCommand,
    ToggleItemCommand,
)
from chatplanner.ui.undo import Operation, perform
from chatplanner.ui.widgets.height_for_width import RoomForWrappedLabels
from chatplanner.ui.widgets.question import ask
from chatplanner.ui.widgets.tab_pages import tab_pages

PLAN_TAB, CHECKLIST_TAB, NOTES_TAB, THANK_YOU_TAB, FOLLOW_THROUGH_TAB, BRIEF_TAB = range(6)


class MeetingDetailView(RoomForWrappedLabels):  # the name and the time wrap
    changed = Signal(int)  # something of this meeting changed (list row, archive, Today)
    notes_saved = Signal(int)
    status_message = Signal(str)
    open_contact = Signal(int)

    # Long: the chat's header and tabs, built in one place.
    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._workspace = workspace
        self._undo_stack = undo_stack
        self._detail: MeetingDetail | None = None
        # Whether the Plan tab's map shows the chat as it is now (it is made when that tab is
        # shown: finding where the person is takes a look-up in the city list).
        self._map_current = False
        self._commands = CommandContext(workspace.chats.meetings, self._command_done, self._report)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 6, 8, 0)
        layout.setSpacing(4)
        self.name = QLabel()
        self.name.setTextFormat(Qt.TextFormat.PlainText)
        self.name.setProperty("role", "heading")
        self.name.setWordWrap(True)  # long names take two lines rather than being cut
        self.name.setStyleSheet("font-size: 14pt;")
        top = QHBoxLayout()
        top.addWidget(self.name, 1)
        self.status_chip = QLabel()
        self.status_chip.setProperty("role", "chip")
        top.addWidget(self.status_chip)
        layout.addLayout(top)
        self.when = QLabel()
        self.when.setTextFormat(Qt.TextFormat.PlainText)
        self.when.setProperty("role", "muted")
        self.when.setWordWrap(True)
        when_row = QHBoxLayout()
        # Room between the two: a time that wraps ("… · Online call") read as running on
        # into "All changes saved" when they were a few pixels apart.
        when_row.setSpacing(24)
        when_row.addWidget(self.when, 1)
        # Beside the time, not in the tab bar's corner: there it covered the last tabs in a
        # narrow window.
        self.save_indicator = SaveIndicator()
        when_row.addWidget(self.save_indicator, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(when_row)
        layout.addSpacing(8)
        self.wrapped_labels = (self.name, self.when)

        # Every tab is made where it is shown: under the app's style sheet, a built widget moved
        # into another is styled again, all of it (a third of the page's first opening).
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        pages = tab_pages(self.tabs)
        # Each tab scrolls on its own (Checklist and Notes are scroll areas already): a tab
        # taller than the room left under a wrapped header made the whole page scroll, and
        # the wheel in the thank-you then hid the page's title.
        # Made in the tabs' order, which is the order of the keyboard's focus through them.
        plan = _TabScroll(pages)
        self.plan_tab = plan.hold(PlanTab(plan.viewport()))
        self.checklist_tab = ChecklistTab(pages)
        self.notes_tab = NotesTab(pages)
        thank_you = _TabScroll(pages)
        self.thank_you_tab = thank_you.hold(ThankYouTab(thank_you.viewport()))
        follow_through = _TabScroll(pages)
        self.follow_through_tab = follow_through.hold(FollowThroughTab(follow_through.viewport()))
        brief = _TabScroll(pages)
        self.brief_tab = brief.hold(BriefTab(brief.viewport()))
        self.tabs.addTab(plan, "Plan")
        self.tabs.addTab(self.checklist_tab, "Checklist")
        self.tabs.addTab(self.notes_tab, "Notes")
        self.tabs.addTab(thank_you, "Thank-you")
        self.tabs.addTab(follow_through, "Follow-through")
        self.tabs.addTab(brief, "Brief")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout.addWidget(self.tabs, 1)

        self.notes_autosave = Autosave(self._save_notes, self)
        self.draft_autosave = Autosave(self._save_draft, self)
        self.save_indicator.watch(self.notes_autosave)
        self.save_indicator.watch(self.draft_autosave)
        self._wire()

    def _wire(self) -> None:
        self.plan_tab.plan_edited.connect(self._update_plan)
        self.plan_tab.unsaved_changed.connect(
            lambda unsaved: self.save_indicator.show_state("unsaved" if unsaved else "saved")
        )
        self.plan_tab.status_requested.connect(self._set_status)
        self.plan_tab.open_contact_requested.connect(self._open_contact)
        self.plan_tab.export_invite_requested.connect(self._export_invite)
        self.plan_tab.change_venue_requested.connect(self._change_venue)
        self.plan_tab.switch_mode_requested.connect(self._switch_mode)
        self.checklist_tab.toggle_requested.connect(self._toggle_item)
        self.checklist_tab.add_requested.connect(self._add_item)
        self.checklist_tab.remove_requested.connect(self._remove_item)
        self.checklist_tab.reorder_requested.connect(self._reorder)
        self.notes_tab.text_edited.connect(self.notes_autosave.changed)
        self.notes_tab.follow_up_add_requested.connect(self._add_follow_up)
        self.notes_tab.follow_up_edit_requested.connect(self._edit_follow_up)
        self.notes_tab.follow_up_remove_requested.connect(self._remove_follow_up)
        self.thank_you_tab.text_edited.connect(self.draft_autosave.changed)
        self.thank_you_tab.generate_requested.connect(self._generate)
        self.thank_you_tab.export_requested.connect(self._export)
        self.thank_you_tab.copy_requested.connect(self._copy)
        self.thank_you_tab.mail_app_requested.connect(self._open_mail_app)
        self.thank_you_tab.mark_sent_requested.connect(self._mark_sent)
        self.follow_through_tab.advice_acted_on.connect(self._advice_acted_on)
        self.follow_through_tab.advice_cleared.connect(self._advice_cleared)
        self.follow_through_tab.promise_acted_on.connect(self._promise_acted_on)
        self.follow_through_tab.offer_kept.connect(self._offer_kept)
        self.brief_tab.save_pdf_requested.connect(self._save_brief_pdf)

    # Loading ------------------------------------------------------------------------------------
    @property
    def meeting_id(self) -> int | None:
        return self._detail.id if self._detail else None

    def load(self, meeting_id: int) -> bool:
        """Show a meeting (saving what is pending for the one shown before)."""
        self.flush()
        try:
            detail = self._workspace.chats.meetings.meeting(meeting_id)
        except ChatplannerError as error:
            self._report(str(error))
            return False
        switching = self._detail is None or self._detail.id != meeting_id
        self._detail = detail
        self.notes_autosave.discard()
        self.draft_autosave.discard()
        self._show_header(detail)
        self.plan_tab.user_zone = self._workspace.context.zone()
        self.plan_tab.show_plan(detail)
        self.plan_tab.show_still_ahead(detail.summary.starts_at > self._now())
        self.plan_tab.show_calendar_conflict(self._calendar_conflict(detail.id))
        self._show_leave_by(detail)
        self._map_current = False
        self.checklist_tab.show_checklist(detail.checklist)
        self.notes_tab.show_notes(detail.notes)
        self.notes_tab.show_follow_ups(detail.follow_ups, self._today())
        self.thank_you_tab.show_draft(
            detail.thank_you, self._due_text(detail), happened=self._happened(detail)
        )
        self.save_indicator.show_state("saved")
        if switching:
            self.tabs.setCurrentIndex(self._first_tab(detail))
        self._tab_shown(self.tabs.currentIndex())
        return True

    def _first_tab(self, detail: MeetingDetail) -> int:
        now = self._workspace.context.now()
        if detail.summary.is_upcoming(now):
            return CHECKLIST_TAB
        if detail.summary.thank_you_owed(now) and detail.thank_you is not None:
            return THANK_YOU_TAB
        return NOTES_TAB if detail.summary.status is not MeetingStatus.CANCELLED else PLAN_TAB

    def _reload_parts(self) -> None:
        """Refresh after a change, keeping the text being typed (it has its own saving)."""
        if self._detail is None:
            return
        try:
            detail = self._workspace.chats.meetings.meeting(self._detail.id)
        except ChatplannerError as error:
            self._report(str(error))
            return
        self._detail = detail
        self._show_header(detail)
        self.plan_tab.user_zone = self._workspace.context.zone()
        self.plan_tab.show_plan(detail)
        self.plan_tab.show_still_ahead(detail.summary.starts_at > self._now())
        self.plan_tab.show_calendar_conflict(self._calendar_conflict(detail.id))
        self._show_leave_by(detail)
        self._map_current = False
        self.checklist_tab.show_checklist(detail.checklist)
        self.notes_tab.show_follow_ups(detail.follow_ups, self._today())
        self.thank_you_tab.show_state(
            detail.thank_you, self._due_text(detail), happened=self._happened(detail)
        )
        if self.tabs.currentIndex() == PLAN_TAB:
            self._show_map(detail)

    def _show_header(self, detail: MeetingDetail) -> None:
        context = self._workspace.context
        summary = detail.summary
        self.name.setText(left_to_right(summary.contact_name))
        self.status_chip.setText(STATUS_LABELS[summary.status])
        self.when.setText(
            f"{when_text(summary, context.zone(), context.now(), detail.their_clock)}"
            f" · {summary.duration_minutes} min · "
            f"{summary.where}"
        )

    def _today(self) -> date:
        """The user's today: promises are theirs to keep."""
        context = self._workspace.context
        return context.now().astimezone(context.zone()).date()

    def _happened(self, detail: MeetingDetail) -> bool:
        return detail.summary.has_happened(self._now())

    def _now(self) -> datetime:
        return self._workspace.context.now()

    def _due_text(self, detail: MeetingDetail) -> str:
        sent = detail.thank_you.sent_at if detail.thank_you else None
        context = self._workspace.context
        return due_text(detail.summary, context.now(), sent, context.zone())

    # Saving -------------------------------------------------------------------------------------
    def show_again_if_changed(self, summaries: Iterable[MeetingSummary]) -> None:
        """The list was read again: if the chat shown is among `summaries` and changed
        elsewhere (a sync took the server's time, another page moved it), show it as stored,
        so that an edit here does not write the old values back."""
        if self._detail is None:
            return
        shown = self._detail.summary
        for summary in summaries:
            if summary.id == shown.id:
                if summary != shown:
                    self.load(shown.id)
                return

    def flush(self) -> bool:
        """Save pending notes and draft edits now; True when everything is saved."""
        self.notes_tab.add_pending_follow_up()
        notes = self.notes_autosave.flush()
        draft = self.draft_autosave.flush()
        return notes and draft

    def _save_notes(self) -> str | None:
        if self._detail is None:
            return None
        meeting_id = self._detail.id
        try:
            self._workspace.chats.meetings.save_notes(meeting_id, self.notes_tab.sections())
        except ChatplannerError as error:
            self._report(f"Your notes were not saved: {error}")
            return str(error)
        self.notes_saved.emit(meeting_id)
        return None

    def _save_draft(self) -> str | None:
        if self._detail is None:
            return None
        subject, body = self.thank_you_tab.text()
        try:
            self._workspace.chats.thank_you.save(self._detail.id, subject, body)
        except ChatplannerError as error:
            self._report(f"The draft was not saved: {error}")
            return str(error)
        self.notes_saved.emit(self._detail.id)
        return None

    # Plan ---------------------------------------------------------------------------------------
    def _update_plan(self, starts: datetime, minutes: int, link: str) -> None:
        if self._detail is None:
            return
        try:
            self._workspace.chats.meetings.update_plan(
                self._detail.id, starts_at=starts, duration_minutes=minutes, call_link=link
            )
        except ChatplannerError as error:
            self._report(str(error))
            self.save_indicator.show_state("failed", str(error))
        else:
            self.save_indicator.show_state("saved")
        self._command_done(self._detail.id)

    def _set_status(self, status: MeetingStatus) -> None:
        if self._detail is None:
            return
        self.flush()
        try:
            self._workspace.chats.meetings.set_status(self._detail.id, status)
        except ChatStillAheadError:
            if not self._met_earlier_than_planned():
                return
            try:
                self._workspace.chats.meetings.set_status(
                    self._detail.id, status, happened_now=True
                )
            except ChatplannerError as error:
                self._report(str(error))
                return
        except ChatplannerError as error:
            self._report(str(error))
            return
        self._command_done(self._detail.id)
        words = {
            MeetingStatus.DONE: "Marked as done. Write your notes while they are fresh.",
            MeetingStatus.CANCELLED: "Marked as cancelled.",
            MeetingStatus.PLANNED: "Back to planned.",
        }
        self.status_message.emit(words[status])
        if status is MeetingStatus.DONE:
            self.tabs.setCurrentIndex(NOTES_TAB)

    def _met_earlier_than_planned(self) -> bool:
        """A chat still ahead was marked as done: ask whether it happened earlier than planned
        (then it moves to now), rather than record a chat that has not taken place."""
        if self._detail is None:
            return False
        context = self._workspace.context
        when = in_sentence(when_text(self._detail.summary, context.zone(), context.now()))
        return ask(
            self,
            "This chat has not started yet",
            f"This chat is planned for {when}, so it cannot be done yet.\n\n"
            "Did you meet earlier than planned? Then it moves to now and is marked as done.",
            yes="We met: move it to now",
            no="Keep it planned",
        )

    def show_in_notes(self, words: str) -> None:
        """The Notes tab, with the first place `words` appear selected and scrolled to."""
        self.tabs.setCurrentIndex(NOTES_TAB)
        self.notes_tab.reveal(words)

    def _calendar_conflict(self, meeting_id: int) -> str | None:
        """The chat's event as the user changed it on the server, waiting for a choice."""
        found = self._workspace.syncing.sync_conflicts.event_conflict(meeting_id)
        if found is None:
            return None
        if found.deleted:
            return "Its event was deleted from your calendar on the server. Choose in File › Sync Conflicts."
        changes = "; ".join(f"{field.label}: {field.server}" for field in found.fields)
        return (
            "Changed in your calendar on the server"
            + (f" ({changes})" if changes else "")
            + ". Nothing was overwritten: choose a side in File › Sync Conflicts."
        )

    def _show_leave_by(self, detail: MeetingDetail) -> None:
        upcoming = detail.summary.is_upcoming(self._now())
        try:
            leave = (
                self._workspace.planning.scheduling.leave_by_for(detail.id) if upcoming else None
            )
        except ChatplannerError:
            leave = None
        # The row is labelled "Leave by": its text starts at the time.
        self.plan_tab.show_leave_by(
            leave.sentence_at(self._now(), after_label=True) if leave is not None else None
        )

    def _show_map(self, detail: MeetingDetail) -> None:
        """The small offline map of an in-person chat at a venue; nothing for an online one."""
        self._map_current = True
        summary = detail.summary
        brief_map = None
        if summary.mode is MeetingMode.IN_PERSON and summary.venue_name:
            try:
                brief_map = self._workspace.planning.brief.facts(detail.id).map
            except ChatplannerError:
                brief_map = None
        self.plan_tab.show_map(brief_map if brief_map is not None and brief_map.venue else None)

    def _export_invite(self) -> None:
        if self._detail is None:
            return
        name = safe_path_component(
            f"Coffee chat with {self._detail.summary.contact_name}", fallback="Coffee chat"
        )
        path = ask_export_path(
            self,
            self._workspace.settings,
            "Export Invite",
            f"{name}.ics",
            "Calendar invite (*.ics)",
        )
        if path is None:
            return
        try:
            self._workspace.planning.scheduling.export_invite(self._detail.id, path)
        except (ChatplannerError, OSError) as error:
            QMessageBox.warning(self, "Invite not saved", literal(str(error)))
            return
        self._report(f"Saved the invite as {Path(path).name}.")

    def _change_venue(self) -> None:
        if self._detail is None:
            return
        from chatplanner.ui.meetings.venue_choice import choose_venue

        summary = self._detail.summary
        venue_id = choose_venue(self._workspace, summary.contact_id, self)
        if venue_id is None:
            return
        try:
            self._workspace.planning.scheduling.change_venue(summary.id, venue_id)
        except ChatplannerError as error:
            self._report(str(error))
            return
        self._command_done(summary.id)

    def _switch_mode(self) -> None:
        """An in-person chat becomes an online call, or an online call moves to a venue."""
        if self._detail is None:
            return
        from chatplanner.ui.meetings.venue_choice import choose_venue

        self.flush()
        summary = self._detail.summary
        venue_id = None
        if summary.mode is MeetingMode.ONLINE:
            venue_id = choose_venue(self._workspace, summary.contact_id, self, "Meet in Person")
            if venue_id is None:
                return
            mode = MeetingMode.IN_PERSON
        else:
            mode = MeetingMode.ONLINE
        try:
            self._workspace.planning.scheduling.switch_mode(summary.id, mode, venue_id=venue_id)
        except ChatplannerError as error:
            self._report(str(error))
            return
        self._command_done(summary.id)
        self.status_message.emit(
            "Now an online call: add its link under Call link. The checklist has the online items."
            if mode is MeetingMode.ONLINE
            else "Now in person. The checklist has the in-person items."
        )

    def _open_contact(self) -> None:
        if self._detail is not None:
            self.flush()
            self.open_contact.emit(self._detail.summary.contact_id)

    # Checklist and follow-ups (undoable) -------------------------------------------------------
    def _push(self, command: Operation) -> None:
        perform(self._undo_stack, command)

    def _toggle_item(self, entry: ChecklistEntry) -> None:
        if self._detail is not None:
            self._push(ToggleItemCommand(self._commands, self._detail.id, entry))

    def _add_item(self, phase: ChecklistPhase, text: str) -> None:
        if self._detail is not None:
            self._push(AddItemCommand(self._commands, self._detail.id, phase, text))

    def _remove_item(self, entry: ChecklistEntry) -> None:
        if self._detail is not None:
            self._push(RemoveItemCommand(self._commands, self._detail.id, entry))

    def _reorder(self, phase: ChecklistPhase, before: list[int], after: list[int]) -> None:
        if self._detail is not None:
            self._push(ReorderPhaseCommand(self._commands, self._detail.id, phase, before, after))

    def _add_follow_up(self, owner: FollowUpOwner, text: str, due: date | None) -> None:
        if self._detail is not None:
            self._push(AddFollowUpCommand(self._commands, self._detail.id, owner, text, due))

    def _edit_follow_up(self, before: FollowUpEntry, after: FollowUpEntry) -> None:
        if self._detail is not None:
            self._push(EditFollowUpCommand(self._commands, self._detail.id, before, after))

    def _remove_follow_up(self, entry: FollowUpEntry) -> None:
        if self._detail is not None:
            self._push(RemoveFollowUpCommand(self._commands, self._detail.id, entry))

    def _command_done(self, meeting_id: int) -> None:
        if self._detail is not None and self._detail.id == meeting_id:
            self._reload_parts()
        self.changed.emit(meeting_id)

    def _report(self, message: str) -> None:
        self.status_message.emit(message)

    # Follow-through -----------------------------------------------------------------------------
    def show_brief(self) -> None:
        self.tabs.setCurrentIndex(BRIEF_TAB)

    def show_thank_you(self) -> None:
        self.tabs.setCurrentIndex(THANK_YOU_TAB)

    def _tab_shown(self, index: int) -> None:
        """The follow-through list, the brief and whether the thank-you says what the notes
        do are read when their tab is shown: the notes may have changed since. The Plan tab's
        map is made when first shown for the chat as it is."""
        if index == PLAN_TAB and self._detail is not None and not self._map_current:
            self._show_map(self._detail)
            return
        if index == THANK_YOU_TAB and self._detail is not None:
            self._show_behind_notes()
            return
        if index == BRIEF_TAB and self._detail is not None:
            self.flush()
            try:
                self.brief_tab.show_brief(self._workspace.planning.brief.brief(self._detail.id))
            except ChatplannerError as error:
                self._report(str(error))
            return
        if index != FOLLOW_THROUGH_TAB or self._detail is None:
            return
        self.notes_autosave.flush()
        try:
            advice = self._workspace.chats.advice.for_meeting(self._detail.id)
            promises = self._workspace.chats.meetings.meeting(self._detail.id).follow_ups
            offers = self._workspace.chats.advice.offers_in_notes(self._detail.id)
        except ChatplannerError as error:
            self._report(str(error))
            return
        self.follow_through_tab.show_items(advice, promises, offers)

    def _show_behind_notes(self) -> None:
        if self._detail is None:
            return
        self.notes_autosave.flush()
        try:
            behind = self._workspace.chats.thank_you.behind_the_notes(self._detail.id)
        except ChatplannerError:
            behind = False  # a hint only: the tab works without it
        self.thank_you_tab.show_behind_notes(behind)

    def _advice_acted_on(self, advice: str, outcome: str) -> None:
        if self._detail is None:
            return
        try:
            self._workspace.chats.advice.mark_acted_on(self._detail.id, advice, outcome)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Not marked", literal(str(error)))
            return
        self._tab_shown(FOLLOW_THROUGH_TAB)
        self.changed.emit(self._detail.id)
        self._report(
            f"Marked as acted on. Today suggests a note to tell "
            f"{isolated(self._detail.summary.contact_name)} what came of it."
        )

    def _advice_cleared(self, action_id: int) -> None:
        if self._detail is None:
            return
        try:
            self._workspace.chats.advice.clear_acted_on(action_id)
        except ChatplannerError as error:
            self._report(str(error))
            return
        self._tab_shown(FOLLOW_THROUGH_TAB)
        self.changed.emit(self._detail.id)

    def _promise_acted_on(self, follow_up_id: int, outcome: str) -> None:
        if self._detail is None:
            return
        try:
            kept = self._workspace.chats.advice.mark_promise_acted_on(follow_up_id, outcome)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Not marked", literal(str(error)))
            return
        self._command_done(self._detail.id)
        self._tab_shown(FOLLOW_THROUGH_TAB)
        mine = kept.owner is FollowUpOwner.ME
        self._report("Promise kept. Nice work." if mine else "Their promise is marked as kept.")

    def _offer_kept(self, offer: str, outcome: str) -> None:
        if self._detail is None:
            return
        try:
            self._workspace.chats.advice.mark_offer_kept(self._detail.id, offer, outcome)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Not marked", literal(str(error)))
            return
        self._command_done(self._detail.id)
        self._tab_shown(FOLLOW_THROUGH_TAB)
        self._report("Their promise is marked as kept.")

    def _save_brief_pdf(self) -> None:
        brief = self.brief_tab.brief
        if brief is None or self._detail is None:
            return
        name = safe_path_component(
            f"Brief {self._detail.summary.contact_name}", max_bytes=100, fallback="Brief"
        )
        target = ask_export_path(
            self, self._workspace.settings, "Save the brief as PDF", f"{name}.pdf", "PDF (*.pdf)"
        )
        if target is None:
            return
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        from chatplanner.ui.brief.pdf import write_brief_pdf

        try:
            write_brief_pdf(brief, target)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Brief not saved", literal(str(error)))
            return
        self._report(f"Saved {target.name}: one page to read before the chat.")

    # Thank-you ----------------------------------------------------------------------------------
    def _generate(self) -> None:
        if self._detail is None:
            return
        self.flush()
        meeting_id = self._detail.id
        discard = False
        if self._workspace.chats.thank_you.needs_confirmation(meeting_id):
            answer = QMessageBox.question(
                self,
                "Replace your edited draft?",
                "You have edited this thank-you. A fresh draft from your notes would replace "
                "your changes.\n\nReplace the draft?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            discard = True
        before = self._workspace.chats.thank_you.saved(meeting_id)
        try:
            generated = self._workspace.chats.thank_you.generate(meeting_id, discard_edits=discard)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Draft not generated", literal(str(error)))
            return
        self._detail = self._workspace.chats.meetings.meeting(meeting_id)
        # Replaced as one edit of the box, so Ctrl+Z there brings the earlier text back too.
        self.thank_you_tab.replace_draft(
            generated.entry, self._due_text(self._detail), happened=self._happened(self._detail)
        )
        self.thank_you_tab.show_left_out(generated.left_out)
        self.thank_you_tab.show_behind_notes(False)  # drafted from the notes as they are
        replaced = (
            before is not None and before.body.strip() and before.body != generated.entry.body
        )
        if replaced:
            self._push(
                RegenerateDraftCommand(
                    self._workspace.chats.thank_you,
                    meeting_id,
                    before,
                    generated.entry,
                    self._draft_put_back,
                    self._report,
                )
            )
        if generated.problems:
            self._report("Your template has a problem: " + generated.problems[0])
        elif self._detail.notes.is_empty():  # nothing of theirs to draw on: say so, not "notes"
            self._report(
                "No notes yet, so the draft is general: add what you discussed in Notes, then "
                "generate again." + (" Edit › Undo brings back your draft." if replaced else "")
            )
        elif replaced:
            self._report("Drafted afresh from your notes. Edit › Undo brings back your draft.")
        else:
            self._report("Drafted from your notes. Edit it freely: your changes are kept.")
        self.changed.emit(meeting_id)

    def _draft_put_back(self, meeting_id: int) -> None:
        """An undo or redo changed the stored draft: show it if this chat is on screen."""
        if self._detail is not None and self._detail.id == meeting_id:
            self.draft_autosave.discard()
            self._detail = self._workspace.chats.meetings.meeting(meeting_id)
            self.thank_you_tab.show_draft(
                self._detail.thank_you,
                self._due_text(self._detail),
                happened=self._happened(self._detail),
            )
            self._show_behind_notes()
        self.changed.emit(meeting_id)

    def _draft_ready(self) -> int | None:
        if self._detail is None:
            return None
        if not self.flush():
            QMessageBox.warning(
                self,
                "Draft not saved",
                literal(
                    "The latest changes to the draft could not be saved, so they were not used. "
                    + (self.draft_autosave.last_error or "")
                ),
            )
            return None
        return self._detail.id

    def _export(self) -> None:
        meeting_id = self._draft_ready()
        if meeting_id is None or self._detail is None:
            return
        name = safe_path_component(
            f"Thank you {self._detail.summary.contact_name}", max_bytes=100, fallback="Thank you"
        )
        target = ask_export_path(
            self,
            self._workspace.settings,
            "Export the thank-you draft",
            f"{name}.eml",
            "Email draft (*.eml)",
        )
        if target is None:
            return
        if target.suffix.lower() != ".eml":
            target = target.with_name(target.name + ".eml")
        try:
            self._workspace.chats.thank_you.export_eml(meeting_id, target)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Draft not exported", literal(str(error)))
            return
        self._report(
            f"Saved {target.name}. Open it in your mail app to send it, then mark it as sent."
        )

    def _copy(self) -> None:
        meeting_id = self._draft_ready()
        if meeting_id is None:
            return
        subject, body = self._workspace.chats.thank_you.current_text(meeting_id)
        QGuiApplication.clipboard().setText(body)
        self._report(f"Copied the email text. Subject: {subject}")

    def _open_mail_app(self) -> None:
        meeting_id = self._draft_ready()
        if meeting_id is None:
            return
        try:
            link = self._workspace.chats.thank_you.mailto(meeting_id)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Mail app not opened", literal(str(error)))
            return
        if link is None:
            subject, body = self._workspace.chats.thank_you.current_text(meeting_id)
            QGuiApplication.clipboard().setText(body)
            QMessageBox.information(
                self,
                "Copied instead",
                literal(
                    "This email is too long to hand to your mail app as a link, so its text was "
                    f"copied to the clipboard.\n\nStart a new email, paste it, and use the subject "
                    f"\u201c{subject}\u201d. Or export it as an .eml file."
                ),
            )
            return
        if not QDesktopServices.openUrl(QUrl(link)):
            self._report("No mail app answered. Copy the text or export an .eml file instead.")

    def _mark_sent(self) -> None:
        meeting_id = self._draft_ready()
        if meeting_id is None:
            return
        try:
            self._workspace.chats.thank_you.mark_sent(meeting_id)
        except ChatplannerError as error:
            QMessageBox.warning(self, "Not marked as sent", literal(str(error)))
            return
        self._command_done(meeting_id)
        self._report("Thank-you marked as sent. Nice work.")


Tab = TypeVar("Tab", bound=QWidget)


class _TabScroll(QScrollArea):
    """A tab in a frameless scroll area: it fills the room it has, and scrolls up and down
    when it needs more height, never sideways (it keeps its least width)."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def hold(self, tab: Tab) -> Tab:
        """`tab`, made in this area's viewport, as what it scrolls."""
        self.setWidget(tab)
        return tab

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        tab = self.widget()
        if tab is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(max(hint.width(), tab.minimumSizeHint().width() + bar), hint.height())
