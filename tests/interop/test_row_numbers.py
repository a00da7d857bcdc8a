from __future__ import annotations

from pathlib import Path

from chatplanner.interop.contact_files import parse_contacts

FIXTURES = Path(__file__).parent / "fixtures"


def test_linkedin_records_carry_the_line_where_their_row_starts() -> None:
    parsed = parse_contacts(FIXTURES / "linkedin_connections_modern.csv", "linkedin")
    assert parsed.row_numbers[:5] == [5, 6, 7, 8, 10]
    assert len(parsed.row_numbers) == len(parsed.records)
    assert parsed.row_number_of(3) == 8


def test_vcard_records_carry_the_line_where_their_card_starts() -> None:
    parsed = parse_contacts(FIXTURES / "apple_contacts.vcf", "vcard")
    assert parsed.row_numbers[0] == 1
    assert len(parsed.row_numbers) == len(parsed.records)


def test_google_records_carry_their_row_line() -> None:
    parsed = parse_contacts(FIXTURES / "google_contacts.csv", "google")
    assert parsed.row_numbers[0] == 2
    assert parsed.row_numbers == sorted(parsed.row_numbers)
