"""Who is who: the same person by LinkedIn URL or e-mail, a likely duplicate by name and company.

Identity ("same") is decided only by a shared LinkedIn profile or e-mail address. A shared name is
never enough to merge: it only makes a "likely" duplicate, which the user is offered to merge.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal, NamedTuple, Protocol

from chatplanner.domain.text import fold_words, normalize_email, normalize_linkedin_url

MatchKind = Literal["same", "likely", "new"]
# Why two people were matched: shown to the user next to a proposed merge.
MatchReason = Literal["linkedin_url", "email", "name_and_company", "name", ""]


class PersonFields(Protocol):
    """What matching reads from a person (an import record or an existing contact)."""

    @property
    def first_name(self) -> str | None: ...
    @property
    def last_name(self) -> str | None: ...
    @property
    def email(self) -> str | None: ...
    @property
    def linkedin_url(self) -> str | None: ...
    @property
    def company(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class Match:
    """The result of matching one person against the index.

    contact_id is the id of the matched contact (None for "new"); for "likely" matches,
    candidates lists every contact that fits, best first, contact_id being the first.
    """

    kind: MatchKind
    contact_id: int | None = None
    reason: MatchReason = ""
    candidates: tuple[int, ...] = ()


NEW = Match("new")


def name_key(first: str | None, last: str | None) -> str:
    """Folded full name: "  Zoë  ", "SMITH" -> "zoe smith"."""
    return fold_words(f"{first or ''} {last or ''}")


# What str.isalnum() refuses: \w is exactly isalnum() and the underscore (re's documentation).
_NOT_ALNUM = re.compile(r"[\W_]")


@functools.lru_cache(maxsize=16384)  # an export names the same employers again and again
def company_key(company: str | None) -> str:
    """Folded company with punctuation dropped, so "Acme, Inc." and "ACME Inc" agree."""
    folded = fold_words(company)
    if not folded:
        return ""
    return " ".join(_NOT_ALNUM.sub(" ", folded).split())


class PersonKeys(NamedTuple):
    """What matching compares, normalised once per person (a big import reads each row's keys
    for its own match, for the index and for its likely duplicates). A named tuple: made once
    per row of an import."""

    url: str | None  # normalize_linkedin_url()
    email: str | None  # normalize_email()
    name: str  # name_key()
    company: str  # company_key()


def keys_of(person: PersonFields) -> PersonKeys:
    name = name_key(person.first_name, person.last_name)
    email = person.email
    return PersonKeys(
        normalize_linkedin_url(person.linkedin_url),
        normalize_email(email) if email else None,  # most rows of an export have none
        name,
        # Only a name's entries compare companies.
        company_key(person.company) if name else "",
    )


class _NameEntry(NamedTuple):
    contact_id: int
    company: str  # company_key(); "" when unknown


@dataclass(slots=True)
class ContactIndex:
    """Dictionary lookups over existing contacts: build once, then match() each imported person."""

    _by_url: dict[str, int] = field(default_factory=dict)
    _by_email: dict[str, int] = field(default_factory=dict)
    _url_of: dict[int, str] = field(default_factory=dict)
    _by_name: dict[str, list[_NameEntry]] = field(default_factory=dict)
    _ids: set[int] = field(default_factory=set)

    @classmethod
    def from_rows(
        cls,
        rows: Iterable[tuple[int, str | None, str | None, str | None, str | None, str | None]],
    ) -> ContactIndex:
        """Index (id, first_name, last_name, email, linkedin_url, company) tuples."""
        index = cls()
        for contact_id, first, last, email, linkedin_url, company in rows:
            index.add(contact_id, first, last, email, linkedin_url, company)
        return index

    def __len__(self) -> int:
        return len(self._ids)

    def add(
        self,
        contact_id: int,
        first_name: str | None,
        last_name: str | None,
        email: str | None,
        linkedin_url: str | None,
        company: str | None,
    ) -> None:
        """Add one contact; the first contact added keeps a URL or address another one shares."""
        url = normalize_linkedin_url(linkedin_url)
        address = normalize_email(email)
        key = name_key(first_name, last_name)
        self.add_keys(
            contact_id, PersonKeys(url, address, key, company_key(company) if key else "")
        )

    def add_person(self, contact_id: int, person: PersonFields) -> None:
        self.add_keys(contact_id, keys_of(person))

    def add_keys(self, contact_id: int, keys: PersonKeys) -> None:
        """add() of a person whose keys_of() is known."""
        self._ids.add(contact_id)
        url = keys.url
        if url is not None:
            self._by_url.setdefault(url, contact_id)
            self._url_of.setdefault(contact_id, url)
        if keys.email is not None:
            self._by_email.setdefault(keys.email, contact_id)
        if keys.name:
            entry = _NameEntry(contact_id, keys.company)
            self._by_name.setdefault(keys.name, []).append(entry)

    def match(self, person: PersonFields) -> Match:
        """Same LinkedIn URL or e-mail: "same"; same name and compatible company: "likely"."""
        return self.match_keys(keys_of(person))

    def match_keys(self, keys: PersonKeys) -> Match:
        """match() of a person whose keys_of() is known."""
        url = keys.url
        if url is not None:
            found = self._by_url.get(url)
            if found is not None:
                return Match("same", found, "linkedin_url", (found,))
        if keys.email is not None:
            found = self._by_email.get(keys.email)
            if found is not None:
                known_url = self._url_of.get(found)
                # One address, two different LinkedIn profiles: a shared inbox, or a mistake.
                # Let the user decide rather than merge two people.
                if url is not None and known_url is not None and known_url != url:
                    return Match("likely", found, "email", (found,))
                return Match("same", found, "email", (found,))
        return self._match_by_name(keys)

    def _match_by_name(self, keys: PersonKeys) -> Match:
        entries = self._by_name.get(keys.name) if keys.name else None
        if not entries:
            return NEW
        company = keys.company
        same_company = [e.contact_id for e in entries if company and e.company == company]
        if same_company:
            return Match("likely", same_company[0], "name_and_company", tuple(same_company))
        # Without a company on one side, the name alone suggests (never decides) a duplicate.
        name_only = [e.contact_id for e in entries if not company or not e.company]
        if name_only:
            return Match("likely", name_only[0], "name", tuple(name_only))
        return NEW
