"""Insights in a small window: every chart, note and heading has a place of its own, from the
first paint after the click on Insights (the funnel's note used to sit over its last bar)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QLayout, QWidget

from chatplanner.services.workspace import Workspace
from tests.journey.conftest import Launch
from tests.journey.user import User


def _in_layout(layout: QLayout) -> set[int]:
    found: set[int] = set()
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item is None:
            continue
        if item.widget() is not None:
            found.add(id(item.widget()))
        elif (inner := item.layout()) is not None:
            found |= _in_layout(inner)
    return found


def _name(widget: QWidget) -> str:
    text = getattr(widget, "text", None)
    return (
        f"{type(widget).__name__} {(text() if callable(text) else '') or widget.accessibleName()!r}"
    )


def overlapping_siblings(root: QWidget) -> list[str]:
    """Pairs of visible widgets, placed side by side by one layout, that cover each other."""
    found = []
    for parent in [root, *root.findChildren(QWidget)]:
        layout = parent.layout()
        if not parent.isVisible() or layout is None:
            continue
        placed = _in_layout(layout)
        children = [
            child
            for child in parent.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if id(child) in placed and child.isVisible() and not child.isWindow()
        ]
        for i, first in enumerate(children):
            for second in children[i + 1 :]:
                common = first.geometry().intersected(second.geometry())
                if common.width() > 0 and common.height() > 0:
                    found.append(
                        f"{_name(first)} and {_name(second)} overlap by {common.height()} px"
                    )
    return found


@pytest.mark.parametrize("size", [QSize(1024, 700), QSize(1280, 800)], ids=["1024x700", "1280x800"])
def test_nothing_on_insights_covers_anything_else(
    launch: Launch, profile: Path, size: QSize
) -> None:
    with Workspace.open(profile) as workspace:
        workspace.seed_demo()  # a funnel, reply rates and the follow-through cards
    app = launch(profile)
    app.window.resize(size)
    app.user.qtbot.waitUntil(lambda: app.window.size() == size)
    user: User = app.user

    user.go_to("Insights")
    funnel: QWidget = user.named("From first message to thank-you")
    assert "Thanked" in funnel.accessibleDescription()
    # What the first paint after the click shows, and what stays once everything has settled.
    assert overlapping_siblings(app.window) == []
    user.qtbot.wait(100)
    assert overlapping_siblings(app.window) == []
    user.go_to("Today")
    user.go_to("Insights")
    assert overlapping_siblings(app.window) == []


@pytest.mark.parametrize("size", [QSize(1024, 700), QSize(1280, 800)], ids=["1024x700", "1280x800"])
def test_every_chart_label_is_shown_whole_beside_a_bar_wide_enough_to_read(
    launch: Launch, profile: Path, size: QSize
) -> None:
    from chatplanner.ui.widgets.bar_chart import BarChart

    with Workspace.open(profile) as workspace:
        workspace.seed_demo()
    app = launch(profile)
    app.window.resize(size)
    app.user.qtbot.waitUntil(lambda: app.window.size() == size)
    user: User = app.user

    user.go_to("Insights")
    user.choose(user.named("Period", QComboBox), "All time")  # the follow-through charts too
    user.qtbot.wait(50)
    charts = [chart for chart in user.all_visible(BarChart) if chart.bars]
    assert len(charts) == 5
    for chart in charts:
        assert chart.shown_labels() == [bar.label for bar in chart.bars], chart.accessibleName()
        track = chart.track_width()
        if track < BarChart.MIN_TRACK:
            # Narrower only where a label's longest word needs the room (a wide font, such as
            # DejaVu Sans on a bare Debian): words are never cut while a bar keeps 40 px.
            metrics = QFontMetrics(chart.font())
            longest = max(
                metrics.horizontalAdvance(word) for bar in chart.bars for word in bar.label.split()
            )
            label_text = chart._columns(chart.width()).label_width - BarChart.LABEL_GAP
            assert track >= 40, chart.accessibleName()
            assert label_text == longest, chart.accessibleName()
    # Each label's lines fit in its row, and the rows in the chart.
    assert overlapping_siblings(app.window) == []
    follow = user.named("Following through", BarChart)
    words = {bar.label: (bar.fraction, bar.value_text) for bar in follow.bars}
    fraction, value = words["Report-backs sent"]
    # A bar says what it is out of; a plain figure has none.
    assert (fraction is None) == (" of " not in value)
