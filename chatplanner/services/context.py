"""What every service needs: the profile, a session factory and a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from chatplanner.domain.clock import Clock, system_clock
from chatplanner.profile import Profile

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker


@dataclass(frozen=True)
class ServiceContext:
    profile: Profile
    sessions: sessionmaker[Session]
    clock: Clock = system_clock

    def now(self) -> datetime:
        return self.clock()
