"""Matching every row of an import against the profile and against the file's earlier rows.

One index holds both: the profile's contacts under their ids, then each row as it is read under
a negative id (-1 for the first row). The index keeps the first owner of a LinkedIn URL or an
e-mail address, so a row that repeats a known contact is matched to the contact, not to an
earlier row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from chatplanner.domain.dedupe import ContactIndex, Match, MatchReason, PersonKeys, keys_of
from chatplanner.domain.text import fold_words
from chatplanner.interop.contact_record import ContactRecord
from chatplanner.services.import_preview import ImportCancelledError, ProgressCallback, StopCheck

# new: nobody like it. same: a profile contact (LinkedIn URL or e-mail). likely: maybe a
# profile contact. repeat: the same person as an earlier row. likely_repeat: maybe an earlier row.
RowMatchKind = Literal["new", "same", "likely", "repeat", "likely_repeat"]

_CHECK_EVERY = 1000


@dataclass(frozen=True, slots=True)
class RowMatch:
    kind: RowMatchKind
    contact_id: int | None = None  # the profile contact (same, likely)
    reason: MatchReason = ""
    earlier: int | None = None  # position of the earlier row (repeat, likely_repeat)


NEW_ROW = RowMatch("new")  # shared: most rows of a big import are new


def nameless_key(
    first: str | None,
    last: str | None,
    email: str | None,
    linkedin_url: str | None,
    company: str | None,
    phone: str | None,
) -> str | None:
    """A key for a card with no name, e-mail or profile (a company's switchboard, say).

    Such cards match nothing in the index; without this key importing them twice would add
    them twice. Their company and phone digits must both agree.
    """
    if (first or "").strip() or (last or "").strip() or email or linkedin_url:
        return None
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    folded = fold_words(company)
    return f"{folded}|{digits}" if digits or folded else None


def _row_id(position: int) -> int:
    return -(position + 1)


def _position(row_id: int) -> int:
    return -row_id - 1


def _different_profiles(
    a: ContactRecord, a_keys: PersonKeys, b: ContactRecord, b_keys: PersonKeys
) -> bool:
    """Both rows name a LinkedIn profile and they differ: two people, however alike the names.

    One export never lists a person twice, so two profile links in one file are two people.
    """
    if not a.linkedin_url or not b.linkedin_url:
        return False
    return a_keys.url != b_keys.url


def match_records(
    records: Sequence[ContactRecord],
    index: ContactIndex,
    nameless: dict[str, int],
    report: ProgressCallback,
    should_stop: StopCheck,
) -> list[RowMatch]:
    """One RowMatch per record, in file order. Adds the rows to `index` and `nameless`.

    `nameless` maps nameless_key() of the profile's nameless contacts to their ids.
    """
    total = len(records)
    first_row_of: dict[int, int] = {}  # profile contact id -> the row that matched it first
    matches: list[RowMatch] = []
    # Each row's keys are normalised once: for its match, the index and later rows' matches.
    row_keys: list[PersonKeys] = []
    for position, record in enumerate(records):
        if position % _CHECK_EVERY == 0:
            if should_stop():
                raise ImportCancelledError()
            report(position, total, "Comparing with your contacts…")
        keys = keys_of(record)
        row_keys.append(keys)
        found = index.match_keys(keys)
        if found.kind == "new" and not keys.name:  # a row with a name is never nameless
            key = nameless_key(
                record.first_name,
                record.last_name,
                record.email,
                record.linkedin_url,
                record.company,
                record.phone,
            )
            if key is not None:
                known = nameless.setdefault(key, _row_id(position))
                if known != _row_id(position):
                    found = Match("same", known)
        result: RowMatch
        if found.kind == "same" and found.contact_id is not None:
            contact_id = found.contact_id
            if contact_id < 0:
                result = RowMatch("repeat", reason=found.reason, earlier=_position(contact_id))
            elif contact_id in first_row_of:
                result = RowMatch("repeat", contact_id, found.reason, first_row_of[contact_id])
            else:
                first_row_of[contact_id] = position
                result = RowMatch("same", contact_id, found.reason)
        elif found.kind == "likely":
            result = _likely(position, found.candidates, found.reason, records, row_keys)
        else:
            result = NEW_ROW
        matches.append(result)
        index.add_keys(_row_id(position), keys)
    report(total, total, "Comparing with your contacts…")
    return matches


def _likely(
    position: int,
    candidates: tuple[int, ...],
    reason: MatchReason,
    records: Sequence[ContactRecord],
    row_keys: Sequence[PersonKeys],
) -> RowMatch:
    in_profile = [c for c in candidates if c >= 0]
    if in_profile:
        return RowMatch("likely", in_profile[0], reason)
    earlier = [_position(c) for c in candidates if c < 0]
    if reason in ("name", "name_and_company"):
        record, keys = records[position], row_keys[position]
        earlier = [
            e for e in earlier if not _different_profiles(record, keys, records[e], row_keys[e])
        ]
    if earlier:
        return RowMatch("likely_repeat", reason=reason, earlier=earlier[0])
    return NEW_ROW
