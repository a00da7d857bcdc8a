"""The pipeline's rules as the user set them: patience and keep-in-touch cadences."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chatplanner.domain.cadence import DEFAULT_CADENCE_DAYS
from chatplanner.domain.enums import ContactKind
from chatplanner.domain.pipeline import DEFAULT_PATIENCE, PatienceError, PatienceRule
from chatplanner.services.settings import DEFAULTS, FOLLOW_UP_KEY, MOVE_ON_KEY, cadence_key


def _int_setting(stored: Mapping[str, Any], key: str, fallback: int) -> int:
    value = stored.get(key, DEFAULTS.get(key, fallback))
    # JSON booleans are ints to Python; a hand-edited "7" string is forgiven.
    if isinstance(value, bool):
        return fallback
    try:
        return int(value)
    except (TypeError, ValueError):
        return fallback


def patience_from(stored: Mapping[str, Any]) -> PatienceRule:
    """The global patience rule from stored settings; the shipped one if they cannot work."""
    try:
        return PatienceRule(
            _int_setting(stored, FOLLOW_UP_KEY, DEFAULT_PATIENCE.follow_up_after_days),
            _int_setting(stored, MOVE_ON_KEY, DEFAULT_PATIENCE.move_on_after_days),
        )
    except PatienceError:
        return DEFAULT_PATIENCE


def cadences_from(stored: Mapping[str, Any]) -> dict[ContactKind, int]:
    """Keep-in-touch days per contact kind; a missing or unusable value keeps the default."""
    cadences: dict[ContactKind, int] = {}
    for kind in ContactKind:
        default = DEFAULT_CADENCE_DAYS[kind]
        days = _int_setting(stored, cadence_key(kind), default)
        cadences[kind] = days if days > 0 else default
    return cadences
