"""The services over an open profile, one class per area of the app (the rows of
ARCHITECTURE.md's "Where each feature lives"): `workspace.people.contacts`,
`workspace.chats.meetings`, `workspace.planning.venues`, `workspace.pipeline.outreach`,
`workspace.syncing.sync`. What concerns the whole profile (settings, backups, the first run)
stays on the `Workspace` itself.

Each service is built on first use, and its module imported only then: opening a profile (and
the window's first paint) does not wait for geopy, icalendar or the import machinery.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chatplanner.services.advice import AdviceService
    from chatplanner.services.archive import ArchiveService
    from chatplanner.services.archive_search import ArchiveSearch
    from chatplanner.services.brief import BriefService
    from chatplanner.services.contact_edits import ContactEditService
    from chatplanner.services.contact_import import ContactImportService
    from chatplanner.services.contacts import ContactService
    from chatplanner.services.geocoding import GeocodingService
    from chatplanner.services.groups import GroupService
    from chatplanner.services.insights import InsightsService
    from chatplanner.services.meetings import MeetingService
    from chatplanner.services.outreach import OutreachService
    from chatplanner.services.scheduling import SchedulingService
    from chatplanner.services.sync import SyncService
    from chatplanner.services.sync_accounts import SyncAccountService
    from chatplanner.services.sync_conflicts import SyncConflictService
    from chatplanner.services.templates import ChatTemplateService, TemplateService
    from chatplanner.services.thank_you import ThankYouService
    from chatplanner.services.today import TodayService
    from chatplanner.services.today_ahead import ReadAhead
    from chatplanner.services.venues import VenueService
    from chatplanner.services.workspace import Workspace


class _Area:
    def __init__(self, workspace: Workspace) -> None:
        # The workspace, not its context: the context is made on first use, and a service of
        # one area may need another area's (scheduling needs the chat templates).
        self._workspace = workspace


class PeopleServices(_Area):
    """People and groups, and importing them."""

    @cached_property
    def contacts(self) -> ContactService:
        from chatplanner.services.contacts import ContactService

        return ContactService(self._workspace.context)

    @cached_property
    def contact_edits(self) -> ContactEditService:
        from chatplanner.services.contact_edits import ContactEditService

        return ContactEditService(self._workspace.context, lambda: self._workspace.chats.archive)

    @cached_property
    def groups(self) -> GroupService:
        from chatplanner.services.groups import GroupService

        return GroupService(self._workspace.context)

    @cached_property
    def contact_import(self) -> ContactImportService:
        from chatplanner.services.contact_import import ContactImportService

        return ContactImportService(self._workspace.context)


class PipelineServices(_Area):
    """Reaching out and following up: messages and stages, their templates, Today, Insights."""

    # Today's list read by a forked process (services/today_ahead), for Today's service when it
    # is built: handed over before the window's first paint, which must not wait for the
    # service's modules to load.
    today_read_ahead: ReadAhead | None = None

    @cached_property
    def outreach(self) -> OutreachService:
        from chatplanner.services.outreach import OutreachService

        return OutreachService(self._workspace.context, self._workspace.settings)

    @cached_property
    def templates(self) -> TemplateService:
        from chatplanner.services.templates import TemplateService

        return TemplateService(self._workspace.context, self._workspace.settings)

    @cached_property
    def today(self) -> TodayService:
        from chatplanner.services.today import TodayService

        service = TodayService(self._workspace.context)
        if self.today_read_ahead is not None:
            service.adopt_read_ahead(self.today_read_ahead)
        return service

    @cached_property
    def insights(self) -> InsightsService:
        from chatplanner.services.insights import InsightsService

        return InsightsService(self._workspace.context, self._workspace.settings)


class PlanningServices(_Area):
    """Planning a chat: venues and where places are, times, the brief before it."""

    @cached_property
    def venues(self) -> VenueService:
        from chatplanner.services.venues import VenueService

        return VenueService(self._workspace.context, self._workspace.settings)

    @cached_property
    def geocoding(self) -> GeocodingService:
        from chatplanner.services.geocoding import GeocodingService

        return GeocodingService(self._workspace.context)

    @cached_property
    def scheduling(self) -> SchedulingService:
        from chatplanner.services.scheduling import SchedulingService

        workspace = self._workspace
        # The templates (a checklist's) are asked for only to plan a chat or change its kind.
        return SchedulingService(
            workspace.context,
            workspace.settings,
            self.venues,
            lambda: workspace.chats.chat_templates,
        )

    @cached_property
    def brief(self) -> BriefService:
        from chatplanner.services.brief import BriefService

        workspace = self._workspace
        return BriefService(workspace.context, workspace.settings, self.venues, self.scheduling)


class ChatServices(_Area):
    """The chats themselves: their records, templates, thank-yous, advice, the notes archive."""

    @cached_property
    def meetings(self) -> MeetingService:
        from chatplanner.services.meetings import MeetingService

        return MeetingService(self._workspace.context)

    @cached_property
    def chat_templates(self) -> ChatTemplateService:
        from chatplanner.services.templates import ChatTemplateService

        return ChatTemplateService(self._workspace.context)

    @cached_property
    def thank_you(self) -> ThankYouService:
        from chatplanner.services.thank_you import ThankYouService

        workspace = self._workspace
        return ThankYouService(workspace.context, workspace.settings, self.chat_templates)

    @cached_property
    def advice(self) -> AdviceService:
        from chatplanner.services.advice import AdviceService

        workspace = self._workspace
        # The report-back's template and the outreach service (SQLAlchemy under it) are asked
        # for only to draft and log a report-back: listing the advice does without them.
        return AdviceService(
            workspace.context,
            workspace.settings,
            lambda: self.chat_templates,
            lambda: workspace.pipeline.outreach,
        )

    @cached_property
    def archive(self) -> ArchiveService:
        from chatplanner.services.archive import ArchiveService

        # The settings service (and SQLAlchemy under it) is asked for only to write.
        return ArchiveService(self._workspace.context, lambda: self._workspace.settings)

    @cached_property
    def notes_search(self) -> ArchiveSearch:
        """The search `archive.search` runs, without the archive's writing (nor SQLAlchemy):
        what the `search` command needs."""
        from chatplanner.services.archive_search import ArchiveSearch

        return ArchiveSearch(self._workspace.context)


class SyncServices(_Area):
    """Calendar and address-book sync: the account, its conflicts, a run."""

    @cached_property
    def sync_accounts(self) -> SyncAccountService:
        from chatplanner.services.sync_accounts import SyncAccountService

        return SyncAccountService(self._workspace.context)

    @cached_property
    def sync_conflicts(self) -> SyncConflictService:
        from chatplanner.services.sync_conflicts import SyncConflictService

        return SyncConflictService(self._workspace.context)

    @cached_property
    def sync(self) -> SyncService:
        from chatplanner.services.sync import SyncService

        workspace = self._workspace
        return SyncService(
            workspace.context,
            self.sync_accounts,
            workspace.planning.scheduling,
            workspace.chats.meetings,
        )
