"""Reading a day or a clock time typed by the user, in the English words the app shows.

The names come from `moments`, never from `strptime`, whose month names follow the C
library's locale. Each reader returns None for text it cannot read, and says whether a
half-typed text could still become one (`could_become_*`), so a field can let the user go on.
"""

from __future__ import annotations

import re
from datetime import date, time

from chatplanner.domain.moments import MONTHS, MONTHS_SHORT, WEEKDAYS, WEEKDAYS_SHORT

_TIME = re.compile(r"^\s*(\d{1,2})(?:\s*[:.h]\s*(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s*$", re.I)
_TIME_PARTIAL = re.compile(r"^\s*\d{0,2}(\s*[:.h]\s*\d{0,2})?\s*([ap]\.?m?\.?)?\s*$", re.I)
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
_DATE_PARTIAL = re.compile(r"^[\sA-Za-z0-9,./-]*$")
_DAY_NAMES = {name.lower() for name in (*WEEKDAYS, *WEEKDAYS_SHORT)}


def _month_number(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for number, (full, short) in enumerate(zip(MONTHS, MONTHS_SHORT, strict=True), start=1):
        if word in (full.lower(), short.lower()) or (
            len(word) >= 3 and full.lower().startswith(word)
        ):
            return number
    return None


def parse_typed_time(text: str) -> time | None:
    """ "14:00", "9:30", "0930", "14.05", "2pm", "2:30 pm" -> a clock time."""
    compact = text.strip()
    if re.fullmatch(r"\d{3,4}", compact):  # "0930", "930"
        compact = f"{compact[:-2]}:{compact[-2:]}"
    match = _TIME.match(compact)
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").lower().replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def could_become_time(text: str) -> bool:
    return _TIME_PARTIAL.match(text) is not None


def parse_typed_date(text: str) -> date | None:
    """ "Sun 14 Mar 2027", "14 March 2027", "Mar 14 2027", "2027-03-14" -> a day.

    A weekday name is allowed but not trusted: the day, month and year decide.
    """
    iso = _ISO_DATE.match(text)
    if iso is not None:
        year, month, day = (int(part) for part in iso.groups())
    else:
        words = [w for w in re.split(r"[\s,/]+", text.strip()) if w]
        words = [w for w in words if w.lower().rstrip(".") not in _DAY_NAMES]
        numbers = [w for w in words if w.isdigit()]
        months = [m for w in words if not w.isdigit() and (m := _month_number(w)) is not None]
        if len(words) != 3 or len(numbers) != 2 or len(months) != 1:
            return None
        day_text, year_text = numbers
        if len(year_text) != 4:
            return None
        day, month, year = int(day_text), months[0], int(year_text)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def could_become_date(text: str) -> bool:
    return _DATE_PARTIAL.match(text) is not None
