"""Insights: how outreach goes, in charts worth a glance (funnel, reply rates, days to reply)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from chatplanner.domain.follow_through import FollowThrough
from chatplanner.domain.insights import Funnel, ReplyRate
from chatplanner.errors import ChatplannerError
from chatplanner.services.insights import PERIOD_CHOICES, Insights
from chatplanner.services.workspace import Workspace
from chatplanner.ui.theme import current_palette_colors
from chatplanner.ui.views.base import Page
from chatplanner.ui.widgets.bar_chart import Bar, BarChart
from chatplanner.ui.widgets.empty_state import EmptyState
from chatplanner.ui.widgets.height_for_width import WrappingFrame

DEFAULT_PERIOD_INDEX = 1  # the last 90 days: long enough to mean something


class InsightsPage(Page):
    key = "insights"
    label = "Insights"
    icon_name = "chart"

    # Long: the insights page's charts, built in one place.
    def __init__(
        self, workspace: Workspace, undo_stack: QUndoStack, parent: QWidget | None = None
    ) -> None:
        super().__init__("Insights", "How your outreach is going", parent)
        self._workspace = workspace
        self.insights: Insights | None = None
        self.period_combo = QComboBox()
        for choice in PERIOD_CHOICES:
            self.period_combo.addItem(choice.label, choice.days)
        self.period_combo.setCurrentIndex(DEFAULT_PERIOD_INDEX)
        self.period_combo.setToolTip("The period whose first messages are counted")
        self.period_combo.setAccessibleName("Period")
        self.period_combo.currentIndexChanged.connect(self.refresh)
        self.header.action_bar.addWidget(self.period_combo)

        # Made in its parent: under the style sheet, a built widget moved is styled again.
        self.charts = QWidget(self.body.parentWidget())
        grid = QGridLayout(self.charts)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(14)
        self.funnel_chart = BarChart("From first message to thank-you")
        self.activity_chart = BarChart("Reply rate by how active they are online")
        self.goal_chart = BarChart("Reply rate by what you asked for")
        self.median_label = QLabel()
        big = self.median_label.font()
        big.setPointSizeF(max(big.pointSizeF(), 10.0) * 3.6)
        big.setWeight(QFont.Weight.DemiBold)
        self.median_label.setFont(big)
        self.median_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.median_caption = QLabel()
        self.median_caption.setProperty("role", "muted")
        self.median_caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.median_caption.setWordWrap(True)
        median = QWidget()
        median_layout = QVBoxLayout(median)
        median_layout.setContentsMargins(0, 16, 0, 0)
        median_layout.addWidget(self.median_label)
        median_layout.addWidget(self.median_caption)
        self.funnel_note = _muted("")
        grid.addWidget(
            _card("From first message to thank-you", self.funnel_chart, self.funnel_note), 0, 0
        )
        grid.addWidget(_card("Time to a reply", median), 0, 1)
        grid.addWidget(
            _card(
                "Reply rate by how active they are online",
                self.activity_chart,
                _muted("People who post often see your message sooner."),
            ),
            1,
            0,
        )
        grid.addWidget(_card("Reply rate by what you asked for", self.goal_chart), 1, 1)
        self.follow_chart = BarChart()
        self.follow_chart.setAccessibleName("Following through")
        self.alive_chart = BarChart()
        self.alive_chart.setAccessibleName("Relationships still alive")
        grid.addWidget(
            _card(
                "Following through",
                self.follow_chart,
                _muted("Acting on advice, and telling them, keeps a mentor close."),
            ),
            2,
            0,
        )
        grid.addWidget(
            _card(
                "Relationships still alive",
                self.alive_chart,
                _muted("Everyone you met: a touch within their keep-in-touch rhythm at the mark."),
            ),
            2,
            1,
        )
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        self.body.addWidget(self.charts, 1)
        self.empty = EmptyState(
            "chart",
            "No outreach in this period yet",
            "Log the messages you send (Write message, then Log as sent) and note the replies. "
            "Here you will see how many people answer, who answers most, and how long it takes.",
        )
        self.body.addWidget(self.empty, 1)
        self.empty.hide()

    def refresh(self) -> None:
        days = self.period_combo.currentData()
        try:
            self.insights = self._workspace.pipeline.insights.insights(days)
        except ChatplannerError as error:
            self.status_message.emit(str(error))
            return
        empty = self.insights.is_empty
        self.charts.setVisible(not empty)
        self.empty.setVisible(empty)
        summary = self.insights.summary
        self.funnel_chart.set_bars(funnel_bars(summary.funnel))
        self.funnel_note.setText(funnel_note(summary.funnel))
        self.activity_chart.set_bars(rate_bars(summary.reply_rate_by_activity))
        self.goal_chart.set_bars(rate_bars([r for r in summary.reply_rate_by_goal if r.sent]))
        follow = self.insights.follow_through
        if follow is not None:
            self.follow_chart.set_bars(follow_bars(follow))
            self.alive_chart.set_bars(alive_bars(follow))
        # The accent follows the theme, which may have changed since the last look.
        self.median_label.setStyleSheet(f"color: {current_palette_colors().accent_text};")
        median = summary.median_days_to_reply
        if median is None:
            self.median_label.setText("–")
            self.median_caption.setText("No replies in this period yet.")
        else:
            shown = f"{median:.1f}".removesuffix(".0")
            self.median_label.setText(shown)
            unit = "day" if shown == "1" else "days"
            self.median_caption.setText(
                f"{unit}: the typical wait for a reply (the median). After about a week "
                "of silence, one gentle follow-up is fine."
            )
        self.header.set_subtitle(
            f"{self.insights.attempts} first message{'s' if self.insights.attempts != 1 else ''}"
            f" · {self.period_combo.currentText().lower()}"
        )


def follow_bars(follow: FollowThrough) -> list[Bar]:
    given = max(follow.advice_given, follow.advice_acted_on)
    acted = follow.advice_acted_on
    return [
        Bar(
            "Advice acted on",
            acted / given if given else None,
            f"{acted} of {given}" if given else f"{acted}",
        ),
        _report_backs_bar(follow.report_backs_sent, acted),
    ]


def _report_backs_bar(sent: int, acted: int) -> Bar:
    """Report-backs against the advice acted on, which they tell of; a plain figure, with no
    bar, when nothing acted on gives a scale (a bar of "1" would be read as half of something)."""
    if acted and sent <= acted:
        return Bar("Report-backs sent", sent / acted, f"{sent} of {acted} acted on", series=1)
    return Bar("Report-backs sent", None, f"{sent}", series=1)


def alive_bars(follow: FollowThrough) -> list[Bar]:
    return [
        Bar(
            f"After {alive.months} months",
            alive.rate,
            f"{alive.alive} of {alive.of}" if alive.of else "nobody met that long ago",
            series=2,
        )
        for alive in follow.alive_after
    ]


def funnel_bars(funnel: Funnel) -> list[Bar]:
    top = max(funnel.messaged, 1)
    bars = []
    for index, (label, count) in enumerate(funnel.rows()):
        share = "" if index == 0 or not funnel.messaged else f" · {round(100 * count / top)}%"
        bars.append(Bar(label, count / top, f"{count}{share}", series=0))
    return bars


def funnel_note(funnel: Funnel) -> str:
    if not funnel.messaged:
        return "People count in the step they reached during the period."
    return (
        f"Of {funnel.messaged} people you wrote to, {funnel.replied} replied and "
        f"{funnel.met} met you for a chat."
    )


def rate_bars(rates: list[ReplyRate] | tuple[ReplyRate, ...]) -> list[Bar]:
    bars = []
    for index, rate in enumerate(rates):
        if rate.rate is None:
            bars.append(Bar(rate.label, None, "no messages", series=index))
        else:
            words = f"{round(100 * rate.rate)}% · {rate.replied} of {rate.sent}"
            bars.append(Bar(rate.label, rate.rate, words, series=index))
    return bars


def _muted(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "muted")
    label.setWordWrap(True)
    return label


def _card(title: str, content: QWidget, note: QLabel | None = None) -> QFrame:
    card = WrappingFrame()  # its note wraps: as tall as the note's lines need
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(18, 14, 18, 14)
    layout.setSpacing(10)
    heading = QLabel(title)
    heading.setProperty("role", "heading")
    layout.addWidget(heading)
    layout.addWidget(content)
    if note is not None:
        layout.addWidget(note)
    layout.addStretch(1)
    return card
