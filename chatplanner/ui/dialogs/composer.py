"""Write a message to one contact or a few: goal, template, filled-in text, then send it your way
(clipboard, LinkedIn, mail client) and log it as sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QKeySequence,
    QShortcut,
    QTextCursor,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.enums import Channel, Goal, OutreachKind, TemplateKind
from chatplanner.domain.phrasing import lower_first
from chatplanner.domain.pipeline import sent_moment
from chatplanner.domain.templates import (
    FIRST_MESSAGE_WORD_LIMIT,
    OUTREACH_TEMPLATE_KINDS,
    PLACEHOLDERS,
    TEMPLATE_LABELS,
    MarkKind,
    TemplateMark,
    template_marks,
    values_for,
    word_count,
)
from chatplanner.domain.text import isolated, left_to_right
from chatplanner.services.outreach import OutreachError, SentMessage
from chatplanner.services.templates import Recipient
from chatplanner.services.workspace import Workspace
from chatplanner.ui.literal_text import literal
from chatplanner.ui.pipeline_commands import PipelineCommand
from chatplanner.ui.theme import current_palette_colors
from chatplanner.ui.undo import OnChange, perform
from chatplanner.ui.widgets.flow_layout import FlowLayout
from chatplanner.ui.widgets.modal import run_modal
from chatplanner.ui.widgets.placeholder_highlighter import PlaceholderHighlighter

_CHANNELS = (Channel.LINKEDIN, Channel.EMAIL, Channel.PHONE, Channel.OTHER)
# What a message is logged as, by the template it started from (the rest: a first message).
_OUTREACH_KINDS = {
    TemplateKind.FOLLOW_UP: OutreachKind.FOLLOW_UP,
    TemplateKind.KEEP_IN_TOUCH: OutreachKind.TOUCH,
}


@dataclass
class _Draft:
    subject: str
    body: str
    goal: Goal | None  # each person's own: it is stored with their message
    kind: TemplateKind = TemplateKind.FIRST_MESSAGE  # the template it started from
    edited: bool = False


class ComposerDialog(QDialog):
    def __init__(
        self,
        workspace: Workspace,
        contact_ids: list[int],
        parent: QWidget | None = None,
        *,
        template_kind: TemplateKind | None = None,
        undo_stack: QUndoStack | None = None,
        changed: OnChange | None = None,
    ) -> None:
        """`changed`: told of each step of the logging (undo and redo too, after the dialog
        has closed), for the page that opened it to refresh from."""
        super().__init__(parent)
        self._workspace = workspace
        self._undo_stack = undo_stack
        self._changed = changed
        self.recipients: list[Recipient] = workspace.pipeline.templates.recipients(contact_ids)
        self._user = workspace.pipeline.templates.user_facts()
        # Each person's own template (their goal's, the one their record fills best), or the
        # one asked for.
        kinds = (
            {r.id: template_kind for r in self.recipients}
            if template_kind is not None
            else workspace.pipeline.templates.suggested_kinds(self.recipients, self._user)
        )
        self._drafts: dict[int, _Draft] = {
            r.id: _Draft("", "", r.goal, kinds.get(r.id, TemplateKind.FIRST_MESSAGE))
            for r in self.recipients
        }
        self._current = 0
        self._filling = False
        self.logged = False
        names = ", ".join(isolated(r.name) for r in self.recipients[:3])
        more = f" and {len(self.recipients) - 3} more" if len(self.recipients) > 3 else ""
        self.setWindowTitle(f"Message to {names}{more}" if self.recipients else "Message")
        self.resize(860 if len(self.recipients) > 1 else 720, 640)
        self._build()
        first = self.recipients[0] if self.recipients else None
        kind = self._drafts[first.id].kind if first else TemplateKind.FIRST_MESSAGE
        self._filling = True
        self.template_combo.setCurrentIndex(OUTREACH_TEMPLATE_KINDS.index(kind))
        self._filling = False
        self._fill_all()
        self._show_recipient(0)

    # Layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        """The people on the left (when several), the message and its actions on the right."""
        outer = QHBoxLayout(self)
        outer.setContentsMargins(20, 20, 20, 16)
        outer.setSpacing(16)
        outer.addLayout(self._people_column())
        main = QVBoxLayout()
        main.setSpacing(10)
        outer.addLayout(main, 1)
        self.to_label = QLabel()
        self.to_label.setProperty("role", "heading")
        self.to_label.setTextFormat(Qt.TextFormat.PlainText)
        main.addWidget(self.to_label)
        main.addLayout(self._choices_row())
        self._add_message_fields(main)
        self._add_notes_under_message(main)
        main.addLayout(self._send_row())
        self._add_log_rows(main)

    def _people_column(self) -> QVBoxLayout:
        self.people_list = QListWidget()
        self.people_list.setAccessibleName("People you are writing to")
        self.people_list.setFixedWidth(200)
        self.people_list.setSpacing(4)
        for recipient in self.recipients:
            item = QListWidgetItem(left_to_right(isolated(recipient.name)))  # plain text: user data
            item.setToolTip(literal(recipient.kind.label))
            self.people_list.addItem(item)
        self.people_list.currentRowChanged.connect(self._show_recipient)
        self.people_list.setAccessibleName("People written to")
        several = len(self.recipients) > 1
        people = QVBoxLayout()
        hint = QLabel("One message each: click a name to read and edit theirs.")
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        hint.setFixedWidth(200)
        hint.setVisible(several)
        people.addWidget(hint)
        people.addWidget(self.people_list, 1)
        self.people_list.setVisible(several)
        return people

    def _choices_row(self) -> FlowLayout:
        """The goal and the template the message is written from."""
        # The goal, the template and the log rows wrap in a narrow window or a large font,
        # rather than making the dialog wider than the screen.
        choices = FlowLayout(spacing=12)
        goal_pair = QHBoxLayout()
        goal_pair.addWidget(QLabel("Goal"))
        self.goal_combo = QComboBox()
        self.goal_combo.addItem("No particular goal", "")
        for goal in Goal:
            self.goal_combo.addItem(goal.label, goal.value)
        self.goal_combo.setAccessibleName("Goal")
        self.goal_combo.setToolTip("What you hope for from this person (kept with the message)")
        self.goal_combo.currentIndexChanged.connect(self._goal_changed)
        goal_pair.addWidget(self.goal_combo)
        choices.addWidget(_pair(goal_pair))
        template_pair = QHBoxLayout()
        template_pair.addWidget(QLabel("Template"))
        self.template_combo = QComboBox()
        self.template_combo.setAccessibleName("Template")
        for kind in OUTREACH_TEMPLATE_KINDS:
            self.template_combo.addItem(TEMPLATE_LABELS[kind], kind.value)
        self.template_combo.currentIndexChanged.connect(self._template_changed)
        template_pair.addWidget(self.template_combo)
        choices.addWidget(_pair(template_pair))
        edit_templates = QPushButton("Edit templates…")
        edit_templates.setProperty("role", "flat")
        edit_templates.clicked.connect(self._edit_templates)
        choices.addWidget(edit_templates)
        return choices

    def _add_message_fields(self, main: QVBoxLayout) -> None:
        self.subject_edit = QLineEdit()
        self.subject_edit.setPlaceholderText("Subject (for email)")
        self.subject_edit.setAccessibleName("Subject")
        self.subject_edit.textEdited.connect(self._subject_edited)
        main.addWidget(self.subject_edit)
        self.body_edit = QPlainTextEdit()
        self.body_edit.setAccessibleName("Message")
        self.body_edit.setTabChangesFocus(True)
        self.body_edit.setAccessibleName("Message")
        self._highlighter = PlaceholderHighlighter(self.body_edit.document(), for_message=True)
        self.body_edit.textChanged.connect(self._body_changed)
        main.addWidget(self.body_edit, 1)

    def _add_notes_under_message(self, main: QVBoxLayout) -> None:
        """The word count, a problem with the template, what the message lacks, notices."""
        info = QHBoxLayout()
        self.word_count_label = QLabel()
        self.word_count_label.setProperty("role", "muted")
        info.addWidget(self.word_count_label)
        info.addStretch(1)
        main.addLayout(info)
        self.problem_label = QLabel()
        self.problem_label.setProperty("role", "error")
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextFormat(Qt.TextFormat.PlainText)
        main.addWidget(self.problem_label)
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setTextFormat(Qt.TextFormat.PlainText)
        main.addWidget(self.gap_label)
        self.notice_label = QLabel()
        self.notice_label.setProperty("role", "muted")
        self.notice_label.setWordWrap(True)
        self.notice_label.setTextFormat(Qt.TextFormat.PlainText)
        main.addWidget(self.notice_label)

    def _send_row(self) -> QHBoxLayout:
        """Ways to send it: the clipboard, the LinkedIn profile, the mail client."""
        send = QHBoxLayout()
        self.copy_button = QPushButton("Copy")
        self.copy_button.setToolTip("Copy the message to the clipboard (Ctrl+Shift+C)")
        self.copy_button.clicked.connect(self.copy_message)
        QShortcut(QKeySequence("Ctrl+Shift+C"), self, self.copy_message)
        self.linkedin_button = QPushButton("Open LinkedIn profile")
        self.linkedin_button.clicked.connect(self.open_linkedin)
        self.mail_button = QPushButton("Open mail client")
        self.mail_button.clicked.connect(self.open_mail)
        for button in (self.copy_button, self.linkedin_button, self.mail_button):
            send.addWidget(button)
        send.addStretch(1)
        return send

    def _add_log_rows(self, main: QVBoxLayout) -> None:
        """When and how it was sent, and the button that logs it."""
        log_row = FlowLayout(spacing=10)
        sent = QHBoxLayout()
        sent.addWidget(QLabel("Sent on"))
        # Today in the user's zone, from the app's clock (not the computer's).
        context = self._workspace.context
        today = context.now().astimezone(context.zone()).date()
        self.sent_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.sent_date.setAccessibleName("Sent on")
        self.sent_date.setCalendarPopup(True)
        self.sent_date.setMaximumDate(QDate(today.year, today.month, today.day))
        self.sent_date.setDisplayFormat("d MMM yyyy")
        sent.addWidget(self.sent_date)
        sent.addWidget(QLabel("by"))
        self.channel_combo = QComboBox()
        for channel in _CHANNELS:
            self.channel_combo.addItem(channel.label, channel.value)
        sent.addWidget(self.channel_combo)
        log_row.addWidget(_pair(sent))
        actions = QHBoxLayout()
        actions.addStretch(1)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        actions.addWidget(close)
        count = len(self.recipients)
        self.log_button = QPushButton(
            f"Log {count} messages as sent" if count > 1 else "Log as sent"
        )
        self.log_button.setProperty("role", "primary")
        self.log_button.setDefault(True)
        self.log_button.clicked.connect(self.log_as_sent)
        actions.addWidget(self.log_button)
        main.addLayout(log_row)
        main.addLayout(actions)

    # State ----------------------------------------------------------------------------------
    @property
    def template_kind(self) -> TemplateKind:
        return OUTREACH_TEMPLATE_KINDS[max(0, self.template_combo.currentIndex())]

    @property
    def current(self) -> Recipient | None:
        if 0 <= self._current < len(self.recipients):
            return self.recipients[self._current]
        return None

    def _fill_all(self) -> None:
        self._fill([r.id for r in self.recipients])

    def _fill(self, contact_ids: list[int]) -> None:
        """Write these people's messages afresh from their own templates."""
        templates = {t.kind: t.template for t in self._workspace.pipeline.templates.all()}
        by_id = {r.id: r for r in self.recipients}
        for contact_id in contact_ids:
            old = self._drafts[contact_id]
            message = self._workspace.pipeline.templates.compose(
                templates[old.kind], by_id[contact_id], self._user
            )
            self._drafts[contact_id] = _Draft(message.subject, message.body, old.goal, old.kind)

    def _template_changed(self) -> None:
        """A template chosen by hand is for the person shown, as the goal is: each person's
        message started from their own (their goal's, the one their record fills best), and
        the other messages, perhaps already worded by hand, are not rewritten behind the
        user's back. Only this person's edits can be lost, and the question says whose."""
        recipient = self.current
        if recipient is None or self._filling:
            return
        draft = self._drafts[recipient.id]
        if draft.kind is self.template_kind:
            return
        if draft.edited:
            others = " The other messages stay as they are." if len(self.recipients) > 1 else ""
            answer = QMessageBox.question(
                self,
                "Use another template?",
                literal(
                    f"Your edits to the message to {isolated(recipient.name)} will be "
                    f"replaced by the new template.{others}"
                ),
                QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Ok:
                # The list shows the template still in use.
                self._filling = True
                self.template_combo.setCurrentIndex(OUTREACH_TEMPLATE_KINDS.index(draft.kind))
                self._filling = False
                return
        draft.kind = self.template_kind
        self._fill([recipient.id])
        self._show_recipient(self._current)
        if len(self.recipients) > 1:
            self._notice(
                f"{TEMPLATE_LABELS[draft.kind]} is used for {isolated(recipient.name)}'s "
                "message; the others keep theirs."
            )

    def _show_recipient(self, row: int) -> None:
        if not (0 <= row < len(self.recipients)):
            self.to_label.setText("No contact chosen")
            for widget in (self.log_button, self.copy_button, self.mail_button):
                widget.setEnabled(False)
            self.linkedin_button.setEnabled(False)
            return
        if row != self._current:
            self._notice("")  # a notice speaks of the person it was shown with
        self._current = row
        recipient = self.recipients[row]
        if self.people_list.currentRow() != row:
            self.people_list.setCurrentRow(row)
        draft = self._drafts[recipient.id]
        self._filling = True
        self.subject_edit.setText(draft.subject)
        self.body_edit.setPlainText(draft.body)
        goal = draft.goal.value if draft.goal else ""
        self.goal_combo.setCurrentIndex(max(0, self.goal_combo.findData(goal)))
        self.template_combo.setCurrentIndex(OUTREACH_TEMPLATE_KINDS.index(draft.kind))
        self._filling = False
        count = len(self.recipients)
        of = f" ({row + 1} of {count})" if count > 1 else ""
        self.to_label.setText(f"To {isolated(recipient.name)}{of}")
        self.linkedin_button.setEnabled(_web_url(recipient.linkedin_url) is not None)
        self.linkedin_button.setToolTip(
            "" if recipient.linkedin_url else "No LinkedIn profile on record for this person."
        )
        self._update_info()

    def _edited(self) -> None:
        recipient = self.current
        if recipient is None or self._filling:
            return
        draft = self._drafts[recipient.id]
        draft.subject = self.subject_edit.text()
        draft.body = self.body_edit.toPlainText()
        draft.edited = True
        self._update_info()

    def _body_changed(self) -> None:
        if not self._filling:
            self._fill_typed_placeholders()
        self._edited()

    def _subject_edited(self) -> None:
        recipient = self.current
        if recipient is not None:
            text = self.subject_edit.text()
            filled = _filled(text, self._values(recipient))
            if filled != text:
                position = self.subject_edit.cursorPosition() + len(filled) - len(text)
                self.subject_edit.setText(filled)
                self.subject_edit.setCursorPosition(max(0, position))
        self._edited()

    def _goal_changed(self) -> None:
        recipient = self.current
        if recipient is None or self._filling:
            return
        value = self.goal_combo.currentData()
        self._drafts[recipient.id].goal = Goal(value) if value else None

    def _values(self, recipient: Recipient) -> dict[str, str]:
        return values_for(recipient.facts, self._user)

    def _fill_typed_placeholders(self) -> None:
        """A placeholder typed by hand is filled in at once for the person shown, when
        chatplanner knows its value (as the template's own are)."""
        recipient = self.current
        if recipient is None:
            return
        values = self._values(recipient)
        text = self.body_edit.toPlainText()
        marks = [
            m
            for m in template_marks(text)
            if m.kind is MarkKind.PLACEHOLDER and values.get(_name_of(text, m))
        ]
        if not marks:
            return
        cursor = self.body_edit.textCursor()
        cursor.beginEditBlock()  # one undo step, like the typing it completes
        for mark in reversed(marks):
            cursor.setPosition(mark.start)
            cursor.setPosition(mark.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(values[_name_of(text, mark)])
        cursor.endEditBlock()

    def _update_info(self) -> None:
        text = self.body_edit.toPlainText()
        words = word_count(text)
        limit = self.template_kind not in _OUTREACH_KINDS  # first messages only
        colors = current_palette_colors()
        if limit and words > FIRST_MESSAGE_WORD_LIMIT:
            self.word_count_label.setText(
                f"{words} words. Good first messages stay under about "
                f"{FIRST_MESSAGE_WORD_LIMIT}: is there a sentence you could let go?"
            )
            self.word_count_label.setStyleSheet(f"color: {colors.warning};")
        else:
            self.word_count_label.setText(f"{words} word{'s' if words != 1 else ''}")
            self.word_count_label.setStyleSheet("")
        # With several people, each hint names the person whose message it is about.
        recipient = self.current
        who = (
            isolated(recipient.name)
            if recipient is not None and len(self.recipients) > 1
            else "this person"
        )
        unknown, gaps = _problems_text(self.subject_edit.text() + "\n" + text, who)
        self.problem_label.setText(unknown)
        self.problem_label.setVisible(bool(unknown))
        self.gap_label.setText(gaps)
        self.gap_label.setStyleSheet(f"color: {colors.warning};")
        self.gap_label.setVisible(bool(gaps))

    def message_text(self) -> str:
        return self.body_edit.toPlainText()

    # Sending --------------------------------------------------------------------------------
    def copy_message(self) -> None:
        QGuiApplication.clipboard().setText(self.message_text())
        self._notice("Copied. Paste it into LinkedIn or your mail.")

    def open_linkedin(self) -> None:
        recipient = self.current
        url = _web_url(recipient.linkedin_url if recipient else None)
        if url is None:
            self._notice("There is no LinkedIn profile address on record for this person.")
            return
        QGuiApplication.clipboard().setText(self.message_text())
        QDesktopServices.openUrl(url)
        self._notice("Opened their profile; the message is on the clipboard, ready to paste.")

    def open_mail(self) -> None:
        recipient = self.current
        if recipient is None:
            return
        try:
            link = self._workspace.pipeline.outreach.mail_link(
                recipient.email or "", self.subject_edit.text(), self.message_text()
            )
        except OutreachError as error:
            self._notice(str(error))
            return
        if link is None:
            QGuiApplication.clipboard().setText(self.message_text())
            self._notice(
                "This message is too long for a mail link, so it was copied instead: "
                "open a new email and paste it."
            )
            return
        if not QDesktopServices.openUrl(QUrl(link)):
            QGuiApplication.clipboard().setText(self.message_text())
            self._notice("No mail client answered, so the message was copied instead.")
            return
        extra = "" if recipient.email else " Add their address there: none is on record."
        self._notice("Opened a new email in your mail client." + extra)

    def log_as_sent(self) -> None:
        if not self.recipients:
            return
        if not self._confirm_unfilled():
            return
        channel = Channel(self.channel_combo.currentData())
        sent_at = self._sent_at()
        messages = [
            SentMessage(
                r.id,
                _OUTREACH_KINDS.get(self._drafts[r.id].kind, OutreachKind.FIRST_MESSAGE),
                channel,
                body=self._drafts[r.id].body,
                subject=self._drafts[r.id].subject,
                goal=self._drafts[r.id].goal,
                sent_at=sent_at,
            )
            for r in self.recipients
        ]
        outreach = self._workspace.pipeline.outreach
        who = self.recipients[0].name if len(self.recipients) == 1 else "several people"
        problems: list[str] = []
        command = PipelineCommand(
            outreach,
            f"Log message to {who}",
            lambda: [outreach.log_sent(m) for m in messages],
            self._changed or (lambda _change: None),
            problems.append,
        )
        perform(self._undo_stack, command)
        if problems:
            QMessageBox.warning(self, "Not logged", literal(problems[0]))
            return
        self.logged = True
        self.accept()

    def _confirm_unfilled(self) -> bool:
        """Placeholders left in any message: say whose and which, and go back unless the
        user really means to log them as they stand."""
        left = [
            (row, r, _placeholders_in(self._drafts[r.id].subject + "\n" + self._drafts[r.id].body))
            for row, r in enumerate(self.recipients)
        ]
        left = [(row, r, names) for row, r, names in left if names]
        if not left:
            return True
        # A right-to-left name must not turn its line around ("{years} ,{title} :محمد").
        lines = "\n".join(
            left_to_right(f"{isolated(r.name)}: {', '.join(names)}") for _, r, names in left
        )
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("Placeholders left in the message")
        box.setText(
            literal(
                "These still hold placeholders, which the person would read as written:\n\n" + lines
            )
        )
        box.setInformativeText("Write them in before you send, or log as they stand.")
        fix = box.addButton("Go back and fill them in", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Log anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(fix)
        run_modal(box)
        if box.clickedButton() is fix:
            self._show_recipient(left[0][0])
            self.body_edit.setFocus()
            return False
        return True

    def _sent_at(self) -> datetime:
        qdate = self.sent_date.date()
        day = date(qdate.year(), qdate.month(), qdate.day())
        context = self._workspace.context
        return sent_moment(day, context.now(), context.zone())

    def _notice(self, text: str) -> None:
        self.notice_label.setText(text)

    def _edit_templates(self) -> None:
        from chatplanner.ui.dialogs.template_editor import TemplateEditorDialog

        run_modal(TemplateEditorDialog(self._workspace, self, kind=self.template_kind))
        # The changed templates rewrite the messages no one has worded by hand yet.
        self._fill([r.id for r in self.recipients if not self._drafts[r.id].edited])
        self._show_recipient(self._current)


def _web_url(text: str | None) -> QUrl | None:
    """Only web addresses are opened: an imported field could hold any scheme."""
    if not text or not text.strip():
        return None
    url = QUrl.fromUserInput(text.strip())
    return url if url.isValid() and url.scheme() in ("http", "https") else None


def _name_of(text: str, mark: TemplateMark) -> str:
    return text[mark.start : mark.end].strip("{}").strip()


def _filled(text: str, values: dict[str, str]) -> str:
    """`text` with every known placeholder that has a value replaced by it."""
    for mark in reversed(template_marks(text)):
        if mark.kind is MarkKind.PLACEHOLDER and values.get(_name_of(text, mark)):
            text = text[: mark.start] + values[_name_of(text, mark)] + text[mark.end :]
    return text


def _placeholders_in(text: str) -> list[str]:
    """Placeholders (known or not) still standing in a message, as written, once each."""
    return list(
        dict.fromkeys(
            text[m.start : m.end]
            for m in template_marks(text)
            if m.kind in (MarkKind.PLACEHOLDER, MarkKind.UNKNOWN)
        )
    )


def _problems_text(text: str, who: str = "this person") -> tuple[str, str]:
    """(unknown placeholders, gaps to fill by hand), each as sentences; "" when none. `who`:
    the person the message is to, as the gaps speak of them."""
    marks = template_marks(text)
    unknown = list(
        dict.fromkeys(text[m.start : m.end] for m in marks if m.kind is MarkKind.UNKNOWN)
    )
    gaps = list(
        dict.fromkeys(
            text[m.start : m.end].strip("{}").strip()
            for m in marks
            if m.kind is MarkKind.PLACEHOLDER
        )
    )
    unknown_text = ""
    if unknown:
        unknown_text = (
            f"{', '.join(unknown)}: not a placeholder chatplanner knows. Replace it with your "
            "own words, or fix the template (Edit templates…)."
        )
    theirs = [g for g in gaps if not g.startswith("my_")]
    mine = [g for g in gaps if g.startswith("my_")]
    parts = []
    if theirs:
        described = ", ".join(f"{{{g}}} ({lower_first(PLACEHOLDERS[g])})" for g in theirs)
        parts.append(f"Not on record for {who}, so write it in: {described}.")
    if mine:
        described = ", ".join(f"{{{g}}} ({lower_first(PLACEHOLDERS[g])})" for g in mine)
        parts.append(
            f"Not set in your profile yet: {described}. Write it in here, or set it once in "
            "Preferences › You."
        )
    return unknown_text, "\n".join(parts)


def open_composer(
    workspace: Workspace,
    contact_ids: list[int],
    parent: QWidget | None = None,
    *,
    template_kind: TemplateKind | None = None,
    undo_stack: QUndoStack | None = None,
    changed: OnChange | None = None,
) -> bool:
    """Show the composer for these contacts; True when the message was logged as sent."""
    dialog = ComposerDialog(
        workspace,
        contact_ids,
        parent,
        template_kind=template_kind,
        undo_stack=undo_stack,
        changed=changed,
    )
    run_modal(dialog)
    return dialog.logged


def _pair(row: QHBoxLayout) -> QWidget:
    """A label and its field, kept together on one line of a wrapping row."""
    holder = QWidget()
    row.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(row)
    return holder
