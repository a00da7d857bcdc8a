"""A chart too narrow for its labels on one line wraps them onto two before its bars shrink."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from chatplanner.ui.widgets.bar_chart import Bar, BarChart


def test_a_narrow_chart_wraps_its_labels_and_keeps_its_bars_readable(qtbot: QtBot) -> None:
    chart = BarChart("Reply rate by what you asked for")
    qtbot.addWidget(chart)
    chart.set_bars(
        [
            Bar("Professional development", 0.5, "50% · 12 of 24"),
            Bar("Job lead", 1.0, "100% · 3 of 3", series=1),
        ]
    )
    one_line_rows = chart.heightForWidth(2000)
    chart.resize(330, chart.heightForWidth(330))
    chart.show()
    qtbot.waitExposed(chart)

    assert chart.shown_labels() == ["Professional development", "Job lead"]
    assert chart.track_width() >= BarChart.MIN_TRACK
    assert chart.heightForWidth(330) > one_line_rows  # two lines need taller rows
    assert chart.minimumHeight() >= chart.heightForWidth(330)


def test_a_label_two_lines_cannot_hold_is_shortened_and_whole_in_the_tooltip(qtbot: QtBot) -> None:
    chart = BarChart("Reply rate by what you asked for")
    qtbot.addWidget(chart)
    label = "Professional development, career planning and an introduction to a hiring manager"
    chart.set_bars([Bar(label, 0.5, "50% · 12 of 24")])
    chart.resize(330, chart.heightForWidth(330))

    [shown] = chart.shown_labels()
    assert shown.endswith("…")
    assert label.startswith(shown.removesuffix("…").rstrip())
    assert label in chart.toolTip()
    assert chart.track_width() >= BarChart.MIN_TRACK


def test_a_large_font_wraps_a_label_between_words_and_keeps_each_word_whole(
    qtbot: QtBot,
) -> None:
    chart = BarChart("Following through")
    qtbot.addWidget(chart)
    font = chart.font()
    font.setPointSizeF(font.pointSizeF() * 1.3)  # a desktop's larger text
    chart.setFont(font)
    chart.set_bars(
        [
            Bar("Advice acted on", 0.5, "3 of 6"),
            Bar("Report-backs sent", 1 / 3, "1 of 3 acted on", series=1),
        ]
    )
    chart.resize(320, chart.heightForWidth(320))

    assert chart.shown_labels() == ["Advice acted on", "Report-backs sent"]
    assert chart.track_width() >= 40
