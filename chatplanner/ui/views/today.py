"""Today, the home view: what needs the user now, grouped, each with its action one click away."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.snooze import SNOOZE_DAYS, snooze_until
from chatplanner.domain.text import isolated, left_to_right
from chatplanner.errors import ChatplannerError
from chatplanner.ui.literal_text import escaped, literal
from chatplanner.ui.undo import Change, ChangeKind, Operation, perform, top_operation
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.beside_or_below import BesideOrBelowLayout
from chatplanner.ui.widgets.elided_label import ElidedLabel
from chatplanner.ui.widgets.empty_state import EmptyState
from chatplanner.ui.widgets.flow_layout import FlowLayout
from chatplanner.ui.widgets.modal import run_modal

# Today is the first page shown: what brings the database layer (the services behind the
# composer and the undo commands) is imported when an action first needs it.
if TYPE_CHECKING:
    from datetime import date

    from chatplanner.domain.enums import TemplateKind
    from chatplanner.domain.suggestions import Suggestion
    from chatplanner.domain.today_items import TodayItem, TodayKind
    from chatplanner.services.outreach import PipelineChange
    from chatplanner.services.workspace import Workspace
    from chatplanner.ui.undo import OnChange


def open_composer(
    workspace: Workspace,
    contact_ids: list[int],
    parent: QWidget | None = None,
    *,
    template_kind: TemplateKind | None = None,
    undo_stack: QUndoStack | None = None,
    changed: OnChange | None = None,
) -> bool:
    """The composer dialog (chatplanner.ui.dialogs.composer.open_composer), imported on use."""
    from chatplanner.ui.dialogs.composer import open_composer as open_dialog

    return open_dialog(
        workspace,
        contact_ids,
        parent,
        template_kind=template_kind,
        undo_stack=undo_stack,
        changed=changed,
    )


# Cards built before the page is painted: at most this many (a 1440-pixel screen holds some
# 17), and no more than could fill the page as it is shown (`_first_screen_cards`), since each
# costs a few milliseconds. The cards further down are built right after the paint, in their
# places.
FIRST_SCREEN_CARDS = 20
# What a card adds to its two lines of text, at least: its margins, the space between its name
# and its reason, and the space to the next card.
_CARD_FRAME_HEIGHT = 12 + 12 + 3 + 10


def sections() -> tuple[tuple[TodayKind, str], ...]:
    """The page's sections in order: the kind of item each holds and its heading."""
    from chatplanner.domain.today_items import TodayKind

    return (
        (TodayKind.UPCOMING_CHAT, "Upcoming chats"),
        (TodayKind.THANK_YOU, "Thank-yous owed"),
        (TodayKind.FOLLOW_UP, "Follow-ups due"),
        (TodayKind.MOVE_ON, "Time to move on"),
        (TodayKind.KEEP_IN_TOUCH, "Keep in touch"),
        (TodayKind.REPORT_BACK, "Report back"),
    )


NAME_LINK_STYLE = "text-decoration:none; font-weight:600"


def name_link(contact_id: int, name: str) -> str:
    """A contact's name as a link; the name is user data, escaped for rich text."""
    return f'<a href="contact:{contact_id}" style="{NAME_LINK_STYLE}">{escaped(isolated(name))}</a>'


class TodayPage(Page):
    key = "today"
    label = "Today"

    import_requested = Signal(str)  # the window opens the import ("" to choose the kind)
    icon_name = "today"

    open_brief = Signal(int)  # meeting id: the chat on its Brief tab
    open_thank_you = Signal(int)  # meeting id: the chat on its Thank-you tab

    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__("Today", "What needs you now", parent)
        self._workspace = workspace
        self._undo_stack = undo_stack
        # The items shown: the first of each kind (`shown_per_section`), most urgent first.
        self.items: tuple[TodayItem, ...] = ()
        # How many items of each kind there are in all, and who is due to be moved on from.
        self.counts: Mapping[TodayKind, int] = {}
        self._moving_on: frozenset[int] = frozenset()
        self._reading_places = False
        # People just moved on from, with who to reach next: shown until dismissed or undone.
        self.moved_on: dict[int, tuple[str, list[Suggestion]]] = {}
        # What the suggestions shown were ranked from (`outreach.suggestions_fingerprint`).
        self._suggested_from: object = None
        self.cards: dict[tuple[TodayKind, int, int], QFrame] = {}
        # What each card was built from, and on which day (a chat's buttons depend on it): the
        # same item on the same day keeps its card when the page is built again.
        self._built_from: dict[tuple[TodayKind, int, int], tuple[TodayItem, date]] = {}
        # Cards below the first screen still to build: the page's content, a stand-in per card.
        self._below: tuple[QWidget, list[tuple[QWidget, TodayItem]]] | None = None
        self._build_all_now = False
        # How many cards each section shows; "Show more" raises it.
        self.shown_per_section: dict[TodayKind, int] = {}

        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        # A viewport of our own (a new widget fills no background, so the page's shows through):
        # asking for Qt's with viewport() makes PySide load every widget class to wrap it, some
        # 10 ms before the first paint.
        self.scroll_area.setViewport(QWidget())
        self.body.addWidget(self.scroll_area, 1)
        self.empty = EmptyState(
            "today",
            "Nothing needs you today",
            "No chats coming up, no thank-yous owed, nobody waiting on a follow-up. "
            "A good next step: write a short first message to someone you would like "
            "to learn from.",
            "Suggest someone to write to",
            self.suggest_people,
        )
        self.body.addWidget(self.empty, 1)
        self.empty.hide()
        # Before anyone is in the network, the next step is to bring them in.
        self.empty_network = EmptyState(
            "people",
            "Start with the people you know",
            "Today lists who to write to, chats coming up and thank-yous owed. Bring your "
            "network in first: import your LinkedIn connections (or a vCard or Google "
            "contacts file), or add people by hand on the People page.",
            "Import your contacts",
            lambda: self.import_requested.emit(""),
        )
        self.body.addWidget(self.empty_network, 1)
        self.empty_network.hide()
        self._has_people = True

    # Refresh --------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._read()
        self._rebuild()

    def _read(self) -> None:
        """The items, counts and suggestions as stored now; the city list asked for if an
        online call's card needs it."""
        from chatplanner.domain.today_items import FIRST_LISTED, TodayKind

        today = self._workspace.pipeline.today
        try:
            # The city list (for the other person's clock on an online call) is read off the
            # GUI thread, and the page shows their clock once it is there.
            # Only the cards shown are put in words; the rest are counted.
            shown = {kind: self.shown_per_section.get(kind, FIRST_LISTED) for kind in TodayKind}
            listing = today.listing(shown, read_places=False)
            self.items, self.counts = listing.items, listing.counts
            self._moving_on = listing.contact_ids.get(TodayKind.MOVE_ON, frozenset())
            self._has_people = bool(self.items) or today.has_people()
        except ChatplannerError as error:
            self.status_message.emit(str(error))
            self.items, self.counts, self._moving_on = (), {}, frozenset()
        if today.places_pending and not self._reading_places:
            self._read_places()
        # An undone move-on brings the person back: their "who next" card is out of place.
        back = self._moving_on
        self.moved_on = {k: v for k, v in self.moved_on.items() if k not in back}
        self._suggest_again()

    def _suggest_again(self) -> None:
        """Read the "who to reach next" cards again, as every other card is: someone written
        to, planned with or moved on from since is no longer offered, and an undo offers them
        again."""
        if not self.moved_on:
            return  # nothing to read again (the outreach service is not even loaded)
        outreach = self._workspace.pipeline.outreach
        try:
            fingerprint: object = outreach.suggestions_fingerprint()
        except ChatplannerError:
            fingerprint = None
        if fingerprint is not None and fingerprint == self._suggested_from:
            return  # nothing that ranks people changed: ranking a large network again is slow
        fresh: dict[int, tuple[str, list[Suggestion]]] = {}
        for contact_id, (name, _shown) in self.moved_on.items():
            try:
                suggestions = (
                    outreach.suggest_next(contact_id) if contact_id else outreach.suggest_people()
                )
            except ChatplannerError:
                continue  # the person moved on from is gone, and so is their card
            fresh[contact_id] = (name, suggestions)
        self.moved_on = fresh
        self._suggested_from = fingerprint

    def _read_places(self) -> None:
        from chatplanner.services.locating import PlaceResolver
        from chatplanner.ui.background import BackgroundTask

        self._reading_places = True

        def done(read: object) -> None:
            # Refreshed only when the list could be read: a missing one is asked once only.
            if read is True:
                self._reading_places = False
                self._places_arrived()  # the user may have scrolled or be clicking

        # A failure is logged and not retried: the page works without the city list.
        self._places_task = BackgroundTask(self, name="city-list")
        self._places_task.succeeded.connect(done)
        self._places_task.call(lambda: PlaceResolver().warm_up())

    def _rebuild(self) -> None:
        from chatplanner.domain.moments import short_date

        count = sum(self.counts.values())
        today = self._today()
        things = "Nothing waiting" if not count else f"{count:,} thing{'s' if count != 1 else ''}"
        self.header.set_subtitle(f"{short_date(today)} · {things}")
        container = QWidget()
        container.setObjectName("todayContent")
        column = QVBoxLayout(container)
        column.setContentsMargins(0, 0, 12, 12)
        column.setSpacing(10)
        built = (self.cards, self._built_from, today)
        self.cards, self._built_from = {}, {}
        below: list[tuple[QWidget, TodayItem]] = []
        first_screen = self._first_screen_cards()
        if self.moved_on:
            column.addWidget(self._section_heading("Who to reach next", 0))
            for contact_id, (name, suggestions) in self.moved_on.items():
                column.addWidget(self._suggestion_card(contact_id, name, suggestions))
        for kind, heading in sections():
            group = [item for item in self.items if item.kind is kind]
            total = self.counts.get(kind, 0)
            if not total:
                continue
            column.addSpacing(8)
            column.addWidget(self._section_heading(heading, total))
            for item in group:
                if len(self.cards) + len(below) < first_screen or self._build_all_now:
                    column.addWidget(self._card_for(item, *built))
                else:  # below the first screen: its place is kept, the card built after the paint
                    # As tall as the shortest card: the page is as long at its paint as it will
                    # be, so a scroll bar that it needs is there from the start and does not
                    # narrow (and re-lay) the cards on screen a moment later, under a click.
                    stand_in = QWidget()
                    stand_in.setFixedHeight(self._shortest_card_height())
                    column.addWidget(stand_in)
                    below.append((stand_in, item))
            if total > len(group):
                column.addWidget(self._more_button(kind, total - len(group)))
        column.addStretch(1)
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll_area.setWidget(container)
        self._below = (container, below) if below else None
        if below:
            QTimer.singleShot(0, self, self._build_below)  # not once the page is gone
        nothing = not self.items and not self.moved_on
        self.scroll_area.setVisible(not nothing)
        self.empty.setVisible(nothing and self._has_people)
        self.empty_network.setVisible(nothing and not self._has_people)

    def _card_for(
        self,
        item: TodayItem,
        cards: dict[tuple[TodayKind, int, int], QFrame],
        built_from: dict[tuple[TodayKind, int, int], tuple[TodayItem, date]],
        today: date,
    ) -> QFrame:
        """The item's card: the one built before for the same item on the same day, moved into
        the new column (an action on one card changes one card; building fifty again took a
        tenth of a second on a large network), else a new one."""
        key = _item_key(item)
        card = cards.get(key)
        if card is None or built_from.get(key) != (item, today):
            card = self._item_card(item)
        self._note_card(item, card, today)
        return card

    def _note_card(self, item: TodayItem, card: QFrame, today: date | None = None) -> None:
        key = _item_key(item)
        self.cards[key] = card
        self._built_from[key] = (item, today or self._today())

    def _today(self) -> date:
        """The user's day now."""
        context = self._workspace.context
        return context.now().astimezone(context.zone()).date()

    def _first_screen_cards(self) -> int:
        """How many cards could fill the list as it is shown: no card is shorter than two
        lines of text and its frame. The list's own height, under the page's header, when it
        is laid out (shown); else the page's. A page not on screen has no height to go by."""
        if not self.isVisible():
            return FIRST_SCREEN_CARDS
        room = self.scroll_area.height() if self.scroll_area.isVisible() else self.height()
        return min(FIRST_SCREEN_CARDS, room // self._shortest_card_height() + 1)

    def _shortest_card_height(self) -> int:
        return 2 * self.fontMetrics().lineSpacing() + _CARD_FRAME_HEIGHT

    def _build_below(self) -> None:
        """The cards below the first screen, in the places kept for them (unless the page has
        been built again meanwhile)."""
        pending, self._below = self._below, None
        if pending is None or pending[0] is not self.scroll_area.widget():
            return
        container, below = pending
        self._put_cards(container, below)

    def _put_cards(self, container: QWidget, places: Sequence[tuple[QWidget, TodayItem]]) -> None:
        """Each item's card built and put in the place of the widget beside it (a stand-in
        or an older card), in the shown column.

        A card put into the shown column would be shown on a later turn of its own, and
        showing a widget lays out its shown parents' layouts there and then: the whole column
        again for every card (half a second for 40 cards, the window frozen meanwhile). Here
        they are shown with the column's layout off, then laid out once."""
        column = container.layout()
        assert column is not None
        column.setEnabled(False)
        try:
            for old, item in places:
                card = self._item_card(item)
                self._note_card(item, card)
                column.replaceWidget(old, card)
                card.show()
                old.deleteLater()
        finally:
            column.setEnabled(True)
        column.activate()

    # Building blocks ------------------------------------------------------------------------
    def _section_heading(self, text: str, count: int) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(2, 0, 0, 0)
        label = QLabel(text)
        label.setProperty("role", "heading")
        layout.addWidget(label)
        if count:
            chip = QLabel(f"{count:,}")
            chip.setProperty("role", "chip")
            layout.addWidget(chip)
        layout.addStretch(1)
        return row

    def _more_button(self, kind: TodayKind, hidden: int) -> QPushButton:
        from chatplanner.domain.today_items import FIRST_LISTED

        more = min(hidden, FIRST_LISTED)
        button = QPushButton(f"Show {more} more ({hidden:,} not shown)")
        button.setProperty("role", "flat")
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.clicked.connect(lambda: self.show_more(kind))
        return button

    def show_more(self, kind: TodayKind) -> None:
        """Show the next cards of a long section (as many again as the first), keeping where
        the user has scrolled to."""
        from chatplanner.domain.today_items import FIRST_LISTED

        self.shown_per_section[kind] = self.shown_per_section.get(kind, FIRST_LISTED) + FIRST_LISTED
        self._refresh_keeping_place()  # the next cards are put in words

    def _places_arrived(self) -> None:
        """Read the items again with the city list in, and build again only the cards that
        changed (an online call's card gains the other person's clock): building every card
        again froze the window for most of a second on a large network, a moment after
        Today appeared. When anything else changed meanwhile, the whole page is built again."""
        shown, counts, moved_on = self.items, dict(self.counts), dict(self.moved_on)
        self._read()
        same_cards = [_item_key(item) for item in self.items] == [_item_key(item) for item in shown]
        if not (same_cards and self.counts == counts and self.moved_on == moved_on):
            self._keeping_place(self._rebuild)
            return
        changed = [
            (card, item)
            for before, item in zip(shown, self.items, strict=True)
            # Not built yet: `_build_below` builds it from the item as read now (below).
            if item != before and (card := self.cards.get(_item_key(item))) is not None
        ]
        content = self.scroll_area.widget()
        if changed and content is not None:
            self._put_cards(content, changed)
        if self._below is not None:  # the cards still to build, from the items as read now
            container, below = self._below
            items = {_item_key(item): item for item in self.items}
            self._below = (container, [(w, items.get(_item_key(i), i)) for w, i in below])

    def _refresh_keeping_place(self) -> None:
        """Read and build the page again where the user is (see `_keeping_place`)."""
        self._keeping_place(self.refresh)

    def _keeping_place(self, build: Callable[[], None]) -> None:
        """`build` the page again at the place scrolled to: every card built at once (that
        place may be below a first screen) and laid out before the next paint (not squeezed
        for a frame, then laid out again). A card done, snoozed or undone further down the
        page leaves the user where they were, not at the top."""
        position = self.scroll_area.verticalScrollBar().value()
        self._build_all_now = True
        try:
            build()
        finally:
            self._build_all_now = False
        content = self.scroll_area.widget()
        if content is not None:
            content.adjustSize()
        self.scroll_area.verticalScrollBar().setValue(position)

    def _card(self) -> tuple[QFrame, QVBoxLayout, FlowLayout]:
        """A card never wider than the page: its buttons go under its text when it is narrow."""
        card = QFrame()
        card.setProperty("role", "card")
        outer = BesideOrBelowLayout(card)
        outer.setContentsMargins(16, 12, 12, 12)
        texts = QVBoxLayout()
        texts.setSpacing(3)
        outer.add_layout(texts)
        actions = FlowLayout(spacing=6)
        outer.add_layout(actions)
        return card, texts, actions

    def _name_label(self, contact_id: int, name: str) -> QLabel:
        label = ElidedLabel(
            left_to_right(name),
            href=f"contact:{contact_id}",
            link_style=NAME_LINK_STYLE,
            tooltip=lambda whole, _cut: f"Open {whole}",
        )
        label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        label.linkActivated.connect(self._link)
        return label

    def _item_card(self, item: TodayItem) -> QFrame:
        card, texts, actions = self._card()
        texts.addWidget(self._name_label(item.contact_id, item.contact_name))
        reason = QLabel(item.reason)
        reason.setTextFormat(Qt.TextFormat.PlainText)
        reason.setWordWrap(True)
        reason.setProperty("role", "muted")
        texts.addWidget(reason)
        for label, role, handler in self._actions_for(item):
            button = QPushButton(label)
            if role:
                button.setProperty("role", role)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.clicked.connect(handler)
            actions.addWidget(button)
        return card

    def _actions_for(self, item: TodayItem) -> list[tuple[str, str, Callable[[], None]]]:  # noqa: PLR0911 - one return per kind of Today item (its buttons)
        from chatplanner.domain.enums import TemplateKind
        from chatplanner.domain.today_items import TodayKind

        cid = item.contact_id
        if item.kind is TodayKind.UPCOMING_CHAT and item.meeting_id is not None:
            mid = item.meeting_id
            if not self._today_or_tomorrow(item.due):
                return [("Open chat", "", lambda: self.open_meeting.emit(mid))]
            return [
                ("Open chat", "flat", lambda: self.open_meeting.emit(mid)),
                ("Read your brief", "", lambda: self.open_brief.emit(mid)),
            ]
        if item.kind is TodayKind.THANK_YOU and item.meeting_id is not None:
            mid = item.meeting_id
            return [("Write thank-you", "", lambda: self.open_thank_you.emit(mid))]
        if item.kind is TodayKind.FOLLOW_UP:
            if item.follow_up_id is not None:  # a promise from a chat
                done = ("Done", "", lambda: self.mark_follow_up_done(item))
                if item.meeting_id is not None:
                    mid = item.meeting_id
                    return [("Open chat", "flat", lambda: self.open_meeting.emit(mid)), done]
                return [("Open contact", "flat", lambda: self.open_contact.emit(cid)), done]
            return [
                ("They replied", "flat", lambda: self.record_reply(cid)),
                ("Write follow-up", "", lambda: self.write(cid, TemplateKind.FOLLOW_UP)),
            ]
        if item.kind is TodayKind.MOVE_ON:
            return [
                ("They replied", "flat", lambda: self.record_reply(cid)),
                ("Mark as moved on", "", lambda: self.move_on(cid)),
            ]
        if item.kind is TodayKind.REPORT_BACK and item.advice_id is not None:
            aid = item.advice_id
            return [
                ("Not now", "flat", lambda: self.dismiss_report_back(aid, item)),
                ("Write report-back", "", lambda: self.write_report_back(aid, item.contact_name)),
            ]
        if item.kind is TodayKind.KEEP_IN_TOUCH:
            return [
                ("Write message", "flat", lambda: self.write(cid, None)),
                (f"Snooze {SNOOZE_DAYS // 7} weeks", "", lambda: self.snooze(cid)),
                ("Log a touch", "", lambda: self.log_touch(cid)),
            ]
        return [("Open contact", "", lambda: self.open_contact.emit(cid))]

    def _suggestion_card(self, contact_id: int, name: str, suggestions: list[Suggestion]) -> QFrame:
        card, texts, actions = self._card()
        if contact_id:
            words = f"You moved on from {name_link(contact_id, name)}. No reply is also an answer."
        else:
            words = "People you could write to, best first:"
        title = QLabel(words)
        title.setTextFormat(Qt.TextFormat.RichText)
        title.linkActivated.connect(self._link)
        title.setWordWrap(True)
        texts.addWidget(title)
        if not suggestions:
            none = QLabel("Nobody else fits yet: add people you would like to meet in People.")
            none.setProperty("role", "muted")
            texts.addWidget(none)
        for suggestion in suggestions:
            # Name and reason, with the button beside them or, in a narrow window, under them.
            row = BesideOrBelowLayout(spacing=10)
            row.text_room = 260
            person_row = QHBoxLayout()
            person_row.setSpacing(10)
            person = self._name_label(suggestion.contact_id, suggestion.candidate.name)
            person_row.addWidget(person)
            why = QLabel(suggestion.reason_text)
            why.setTextFormat(Qt.TextFormat.PlainText)
            why.setProperty("role", "muted")
            why.setWordWrap(True)
            # The name keeps its whole width first; the reason wraps in what is left, and the
            # name is cut short only when the reason would be squeezed under a few words.
            why.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            why.setMinimumWidth(why.fontMetrics().averageCharWidth() * 18)
            person_row.addWidget(why, 1)
            row.add_layout(person_row)
            write = QPushButton("Write first message")
            write.setProperty("role", "flat")
            sid = suggestion.contact_id
            write.clicked.connect(lambda _=False, c=sid: self.write(c, None))
            row.addWidget(write)
            texts.addLayout(row)
        # Undo on the panel of the step Ctrl+Z would take back; an older panel's would have to
        # take back the later steps first (it did nothing, found in a walkthrough).
        if contact_id and self._undo_of_move_on(contact_id) is not None:
            undo = QPushButton("Undo")
            undo.setToolTip(literal(f"{name} goes back to waiting for a reply (Ctrl+Z)"))
            undo.clicked.connect(lambda: self.undo_move_on(contact_id))
            actions.addWidget(undo)
        dismiss = QPushButton("Done")
        dismiss.setToolTip("Hide these suggestions")
        dismiss.clicked.connect(lambda: self._dismiss(contact_id))
        actions.addWidget(dismiss)
        return card

    # Actions --------------------------------------------------------------------------------
    def _link(self, href: str) -> None:
        if href.startswith("contact:"):
            self.open_contact.emit(int(href.removeprefix("contact:")))

    def _changed(self) -> None:
        self._refresh_keeping_place()  # done here, or undone or redone anywhere
        self._hold_clicks()
        self.data_changed.emit()

    def _hold_clicks(self) -> None:
        """The cards take no click for a double-click's time once they have moved: a card
        that went leaves the next one under the pointer, and the second click of a
        double-click snoozed that other person too (found in a walkthrough). The wheel still
        scrolls the page meanwhile."""
        from PySide6.QtWidgets import QApplication

        content = self.scroll_area.widget()
        if content is None:
            return
        content.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)
        QTimer.singleShot(
            QApplication.doubleClickInterval(),
            content,  # not once the content is gone
            lambda: content.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False),
        )

    def _run(
        self,
        text: str,
        action: Callable[[], PipelineChange],
        kind: ChangeKind = ChangeKind.PIPELINE_STEP,
    ) -> bool:
        from chatplanner.ui.pipeline_commands import PipelineCommand

        problems: list[str] = []  # a later redo that fails leaves things as they are
        command = PipelineCommand(
            self._workspace.pipeline.outreach,
            text,
            lambda: [action()],
            lambda _change: self._changed(),
            problems.append,
            kind,
        )
        perform(self._undo_stack, command)
        if problems:
            from PySide6.QtWidgets import QMessageBox  # not needed for the first paint

            QMessageBox.warning(self, "That did not work", literal(problems[0]))
            self.refresh()
            return False
        return True

    def move_on(self, contact_id: int) -> None:
        outreach = self._workspace.pipeline.outreach
        name = self._name_of(contact_id)
        moved = self._run(
            f"Move on from {name}", lambda: outreach.mark_moved_on(contact_id), ChangeKind.MOVED_ON
        )
        if not moved:
            return
        try:
            suggestions = outreach.suggest_next(contact_id)
        except ChatplannerError:
            suggestions = []
        self.moved_on[contact_id] = (name, suggestions)
        self._rebuild()
        # Who to reach next is the answer to the click: its cards, at the top, are shown.
        self.scroll_area.verticalScrollBar().setValue(0)
        self.status_message.emit(f"Moved on from {isolated(name)}. Undo with Ctrl+Z.")

    def _undo_of_move_on(self, contact_id: int) -> Operation | None:
        """The step Undo would take back now, when it is moving on from this person."""
        top = top_operation(self._undo_stack)
        if top is not None and top.done == Change(ChangeKind.MOVED_ON, (contact_id,)):
            return top
        return None

    def undo_move_on(self, contact_id: int) -> None:
        # Only when moving on from this person is what Undo would take back (a panel shown
        # before a later step, on this page or another, says so and goes).
        undone = ""
        top = self._undo_of_move_on(contact_id)
        if top is not None:
            text, count = top.text(), self._undo_stack.count()
            self._undo_stack.undo()
            if self._undo_stack.count() == count:  # a step that failed is dropped, and says why
                undone = f"Undone: {text}"
        elif contact_id in self.moved_on:
            name = self.moved_on[contact_id][0]
            undone = left_to_right(
                f"Moving on from {isolated(name)} is not the last step any more: "
                "Ctrl+Z takes back the later steps first."
            )
        self.moved_on.pop(contact_id, None)
        self._refresh_keeping_place()
        if undone:
            self.status_message.emit(undone)

    def record_reply(self, contact_id: int) -> None:
        """Ask the day their reply came (today unless said otherwise), then record it."""
        from chatplanner.domain.moments import day_phrase
        from chatplanner.domain.pipeline import sent_moment
        from chatplanner.ui.dialogs.record_reply import RecordReplyDialog

        outreach = self._workspace.pipeline.outreach
        name = self._name_of(contact_id)
        context = self._workspace.context
        zone = context.zone()
        today = context.now().astimezone(zone).date()
        try:
            sent_at = outreach.awaiting_reply_since(contact_id)
        except ChatplannerError as error:
            self.status_message.emit(str(error))
            return
        sent_on = sent_at.astimezone(zone).date() if sent_at is not None else None
        dialog = RecordReplyDialog(name, sent_on, today, self)
        if not run_modal(dialog):
            return
        day = dialog.replied_on()
        at = sent_moment(day, context.now(), zone)
        if self._run(f"Record reply from {name}", lambda: outreach.record_reply(contact_id, at)):
            self.moved_on.pop(contact_id, None)
            self.status_message.emit(
                f"Noted: {isolated(name)} replied {day_phrase(day, today)}. Undo with Ctrl+Z."
            )

    def snooze(self, contact_id: int) -> None:
        from chatplanner.domain.moments import short_date

        context = self._workspace.context
        until = snooze_until(context.now(), context.zone())
        outreach = self._workspace.pipeline.outreach
        name = self._name_of(contact_id)
        if self._run(f"Snooze {name}", lambda: outreach.snooze(contact_id, until)):
            self.status_message.emit(
                left_to_right(
                    f"{isolated(name)} will come back on {short_date(until)}. Undo with Ctrl+Z."
                )
            )

    def log_touch(self, contact_id: int) -> None:
        outreach = self._workspace.pipeline.outreach
        name = self._name_of(contact_id)
        if self._run(f"Log a touch with {name}", lambda: outreach.log_touch(contact_id)):
            self.status_message.emit(f"Logged a touch with {isolated(name)}. Undo with Ctrl+Z.")

    def write_report_back(self, action_id: int, name: str) -> None:
        """The report-back dialog; logging it as sent is a touch with them."""
        from chatplanner.ui.dialogs.report_back import ReportBackDialog

        dialog = ReportBackDialog(self._workspace, action_id, name, self)
        if run_modal(dialog):
            self._changed()
            self.status_message.emit(
                f"Report-back to {isolated(name)} logged. Relationships live on this."
            )

    def dismiss_report_back(self, action_id: int, item: TodayItem) -> None:
        """ "Not now": the suggestion goes, said so, and Ctrl+Z brings it back."""
        from chatplanner.ui.pipeline_commands import PutAsideReportBackCommand

        problems: list[str] = []

        def report(problem: str) -> None:
            problems.append(problem)
            self.status_message.emit(problem)

        name = item.contact_name
        perform(
            self._undo_stack,
            PutAsideReportBackCommand(
                self._workspace.chats.advice,
                action_id,
                item.contact_id,
                f"Put aside the report-back to {name}",
                lambda _change: self._changed(),
                report,
            ),
        )
        if not problems:
            self.status_message.emit(
                left_to_right(
                    f"Report-back to {isolated(name)} put aside for now. Undo with Ctrl+Z."
                )
            )

    def mark_follow_up_done(self, item: TodayItem) -> None:
        """Tick off a promise made in a chat, right here; Ctrl+Z brings it back."""
        if item.follow_up_id is None:
            return
        from chatplanner.ui.meetings.undo_commands import CommandContext, SetFollowUpDoneCommand

        problems: list[str] = []

        def report(problem: str) -> None:
            problems.append(problem)
            self.status_message.emit(problem)

        context = CommandContext(
            self._workspace.chats.meetings, lambda _meeting_id: self._changed(), report
        )
        perform(
            self._undo_stack,
            SetFollowUpDoneCommand(
                context, item.meeting_id or 0, item.follow_up_id, item.contact_name
            ),
        )
        if not problems:
            self.status_message.emit(
                f"Follow-up for {isolated(item.contact_name)} marked done. Undo with Ctrl+Z."
            )

    def write(self, contact_id: int, kind: TemplateKind | None) -> None:
        # The page refreshes from each step of the logging: the first, and an undo or redo
        # later, whichever page is shown then.
        if open_composer(
            self._workspace,
            [contact_id],
            self,
            template_kind=kind,
            undo_stack=self._undo_stack,
            changed=lambda _change: self._changed(),
        ):
            self.moved_on = {k: v for k, v in self.moved_on.items() if k != contact_id}
            self._keeping_place(self._rebuild)

    def suggest_people(self) -> None:
        try:
            suggestions = self._workspace.pipeline.outreach.suggest_people()
        except ChatplannerError as error:
            self.status_message.emit(str(error))
            return
        if not suggestions:
            self.status_message.emit("Add the people you would like to meet in People first.")
            return
        self.moved_on[0] = ("", suggestions)
        self._rebuild()

    def _dismiss(self, contact_id: int) -> None:
        self.moved_on.pop(contact_id, None)
        self._keeping_place(self._rebuild)

    def _today_or_tomorrow(self, due: object) -> bool:
        from datetime import datetime

        if not isinstance(due, datetime):
            return False
        # "Today" and "tomorrow" are the user's days, whatever zone the chat is in.
        zone = self._workspace.context.zone()
        return 0 <= (due.astimezone(zone).date() - self._today()).days <= 1

    def _name_of(self, contact_id: int) -> str:
        for item in self.items:
            if item.contact_id == contact_id:
                return item.contact_name
        return "this contact"


def _item_key(item: TodayItem) -> tuple[TodayKind, int, int]:
    return (
        item.kind,
        item.contact_id,
        item.advice_id or item.meeting_id or item.follow_up_id or 0,
    )
