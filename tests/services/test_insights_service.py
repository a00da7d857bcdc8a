"""Insights over a period, read from a profile."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from chatplanner.services.workspace import Workspace
from tests.profiles import DemoAt

NOW = datetime(2026, 3, 10, 15, 0, tzinfo=UTC)


def test_the_demo_has_a_funnel_that_narrows_and_rates_per_activity(demo_at: DemoAt) -> None:
    workspace = demo_at(NOW)
    everything = workspace.pipeline.insights.insights(None)
    funnel = everything.summary.funnel
    assert funnel.messaged >= funnel.replied >= funnel.met >= funnel.thanked > 0
    assert everything.attempts == sum(r.sent for r in everything.summary.reply_rate_by_goal)
    assert everything.summary.median_days_to_reply is not None
    assert not everything.is_empty
    recent = workspace.pipeline.insights.insights(30)
    assert recent.attempts <= everything.attempts
    assert recent.period.end - recent.period.start == timedelta(days=30)


def test_an_empty_profile_has_empty_insights(tmp_path: Path) -> None:
    with Workspace.open(tmp_path / "p", clock=lambda: NOW) as workspace:
        insights = workspace.pipeline.insights.insights(90)
        assert insights.is_empty
        assert insights.summary.median_days_to_reply is None
        assert all(rate.rate is None for rate in insights.summary.reply_rate_by_activity)
