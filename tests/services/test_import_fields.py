"""An import's columns for a new contact are those of the one mapping, made without a draft."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from chatplanner.interop.contact_record import ContactRecord
from chatplanner.services.contact_mapping import new_row_columns
from chatplanner.services.import_fields import column_values, draft_of_record

NOW = datetime(2026, 2, 8, 9, 30, tzinfo=UTC)

_text = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "  Zoë ", "Technical Recruiter", " talent acquisition ", "\t"]),
    st.text(max_size=12),
)


@given(
    first=_text,
    last=_text,
    email=_text,
    phone=_text,
    url=_text,
    company=_text,
    title=_text,
    city=_text,
    country=_text,
    address=_text,
    notes=_text,
    connected=st.one_of(st.none(), st.dates(date(1990, 1, 1), date(2030, 12, 31))),
)
def test_a_new_contacts_columns_are_those_the_mapping_gives(
    first: str | None,
    last: str | None,
    email: str | None,
    phone: str | None,
    url: str | None,
    company: str | None,
    title: str | None,
    city: str | None,
    country: str | None,
    address: str | None,
    notes: str | None,
    connected: date | None,
) -> None:
    record = ContactRecord(
        first_name=first,
        last_name=last,
        email=email,
        phone=phone,
        linkedin_url=url,
        company=company,
        title=title,
        city=city,
        country=country,
        address=address,
        notes=notes,
        connected_on=connected,
        groups=("Alumni",),
        source="linkedin",
    )
    made = column_values(record, NOW)
    expected = new_row_columns(draft_of_record(record), NOW)
    assert made == expected
    assert list(made) == list(expected)  # the same keys in the same order: one insert's columns
