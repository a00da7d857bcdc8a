"""What every service needs: the profile, a session factory and a clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from chatplanner.domain.clock import Clock, system_clock
from chatplanner.profile import Profile


@dataclass(frozen=True)
class ServiceContext:
    profile: Profile
    sessions: sessionmaker[Session]
    clock: Clock = system_clock

    def now(self) -> datetime:
        return self.clock()
