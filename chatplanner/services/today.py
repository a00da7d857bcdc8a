"""What needs the user now: the Today list, read from the profile (services/today_snapshot.py)
and put through the rules (domain/today.py).

Both are imported when a list is first read here: the first list the window shows usually comes
read ahead by a second process (services/today_ahead), and is shown without them.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from chatplanner.domain.today_items import TodayItem, TodayKind, TodayList
from chatplanner.services.contact_count import contact_count
from chatplanner.services.context import ServiceContext
from chatplanner.services.stored_settings import stored_settings
from chatplanner.services.today_ahead import ReadAhead, TodayRead, files_state

if TYPE_CHECKING:
    from chatplanner.domain.today import TodayRules, TodaySnapshot


class TodayService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context
        # Whether the last read left out someone's clock because the city list was not read.
        self.places_pending = False
        self._ahead: ReadAhead | None = None
        self.read_ahead_used = False  # whether the first list was the one read ahead

    def adopt_read_ahead(self, ahead: ReadAhead) -> None:
        """The first `listing` may be the one `ahead` read, if still the profile's (see
        services/today_ahead)."""
        self._ahead = ahead

    def rules(self) -> TodayRules:
        from chatplanner.domain.today import TodayRules
        from chatplanner.services.pipeline_rules import cadences_from, patience_from

        # Plain SQL, as `SettingsService.all` reads them: a window whose first list was read
        # ahead (services/today_ahead) then loads no settings service before its paint.
        with self._context.reading() as connection:
            stored = stored_settings(connection)
        return TodayRules(
            patience=patience_from(stored),
            cadence_days=cadences_from(stored),
            tz=self._context.zone(),
        )

    def items(self, now: datetime | None = None, *, read_places: bool = True) -> list[TodayItem]:
        """Everything that needs the user at `now` (default: the service's clock), most
        urgent first. Without `read_places`, an online call shows the other person's clock
        only if the offline city list is already read (see `places_pending`)."""
        from chatplanner.domain.today import build_today

        moment = now or self._context.now()
        return build_today(self.snapshot(read_places=read_places), moment, self.rules())

    def listing(
        self,
        shown: Mapping[TodayKind, int],
        now: datetime | None = None,
        *,
        read_places: bool = True,
    ) -> TodayList:
        """The same items as `items`, most urgent first, with only the first `shown[kind]` of
        each kind put in words (what a page shows), and how many there are of each kind."""
        ahead = self._read_ahead(shown) if now is None and not read_places else None
        if ahead is not None:
            self.places_pending = ahead.places_pending
            self.read_ahead_used = True
            return ahead.listing
        from chatplanner.domain.today import today_list

        moment = now or self._context.now()
        snapshot = self.snapshot(
            read_places=read_places, thank_yous_listed=shown.get(TodayKind.THANK_YOU), now=moment
        )
        return today_list(snapshot, moment, self.rules(), shown=shown)

    def _read_ahead(self, shown: Mapping[TodayKind, int]) -> TodayRead | None:
        """The list read ahead, once: if it is of the same cards, and nothing was committed to
        the profile since it was read."""
        ahead, self._ahead = self._ahead, None
        read = None if ahead is None else ahead.take()
        if read is None or dict(read.shown) != dict(shown):
            return None
        return read if read.files == files_state(self._context.profile.database_path) else None

    def snapshot(
        self,
        *,
        read_places: bool = True,
        thank_yous_listed: int | None = None,
        now: datetime | None = None,
    ) -> TodaySnapshot:
        """What the rules read (services/today_snapshot.py), at `now` (default: the service's
        clock); `places_pending` says whether it left out someone's clock."""
        from chatplanner.services.today_snapshot import read_snapshot

        snapshot, self.places_pending = read_snapshot(
            self._context,
            read_places=read_places,
            thank_yous_listed=thank_yous_listed,
            now=now,
        )
        return snapshot

    def has_people(self) -> bool:
        """Whether anyone is in the network (archived people count): the page says to bring
        them in first when not."""
        return contact_count(self._context) > 0
