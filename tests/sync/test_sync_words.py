"""What the sync commands say: the last sync in the user's zone and in the app's words, counts
in singular or plural, times in words (a real Radicale)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chatplanner.cli.main import main
from chatplanner.domain.moments import moment_label
from chatplanner.services.context import ZONE_SETTING
from chatplanner.services.workspace import Workspace

from .radicale_server import PASSWORD, Phone

TOKYO = ZoneInfo("Asia/Tokyo")


def test_sync_status_says_the_last_sync_in_the_users_zone(
    tmp_path: Path, phone: Phone, capsys: pytest.CaptureFixture[str]
) -> None:
    profile = tmp_path / "p"
    with Workspace.open(profile) as ws:
        ws.settings.set(ZONE_SETTING, "Asia/Tokyo")
        ws.syncing.sync_accounts.add(phone.base_url, phone.user, PASSWORD)
        ws.syncing.sync.run()
        account = ws.syncing.sync_accounts.require()
        assert account.last_sync_at is not None
        shown = moment_label(account.last_sync_at, TOKYO, datetime.now(UTC))

    assert main(["sync", "status", "--data-dir", str(profile)]) == 0

    out = capsys.readouterr().out
    assert f"  last sync: {shown}\n" in out  # "Today, 02:15", Tokyo time
    assert shown.startswith("Today, ")
