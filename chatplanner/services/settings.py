"""Profile settings: typed accessors over JSON values in the settings table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from chatplanner.db.models import Setting
from chatplanner.services.context import ServiceContext


@dataclass(frozen=True)
class UserIdentity:
    name: str
    email: str
    signature: str


class SettingsService:
    def __init__(self, context: ServiceContext) -> None:
        self._context = context

    def get(self, key: str, default: Any = None) -> Any:
        with self._context.sessions() as session:
            row = session.get(Setting, key)
            if row is None:
                return default
            try:
                return json.loads(row.value)
            except ValueError:
                return default

    def set(self, key: str, value: Any) -> None:
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        with self._context.sessions.begin() as session:
            row = session.get(Setting, key)
            if row is None:
                session.add(Setting(key=key, value=encoded))
            else:
                row.value = encoded

    def all(self) -> dict[str, Any]:
        with self._context.sessions() as session:
            result: dict[str, Any] = {}
            for row in session.scalars(select(Setting)):
                try:
                    result[row.key] = json.loads(row.value)
                except ValueError:
                    continue
            return result

    def user(self) -> UserIdentity:
        return UserIdentity(
            name=str(self.get("user.name", "") or ""),
            email=str(self.get("user.email", "") or ""),
            signature=str(self.get("user.signature", "") or ""),
        )
