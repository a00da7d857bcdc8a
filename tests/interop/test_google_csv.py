from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.interop.contact_files import detect_contact_format, parse_contacts
from chatplanner.interop.contact_record import ParsedImport
from chatplanner.interop.google_csv import (
    parse_google_csv,
    parse_google_csv_bytes,
    parse_google_csv_text,
)
from chatplanner.interop.import_format_error import ImportFormatError

FIXTURES = Path(__file__).parent / "fixtures"
CURRENT = FIXTURES / "google_contacts.csv"
LEGACY = FIXTURES / "google_contacts_legacy.csv"


def test_current_export_reads_names_company_and_first_of_multi_values() -> None:
    sofia = parse_google_csv(CURRENT).records[0]
    assert (sofia.first_name, sofia.last_name) == ("Sofia", "Rossi")  # middle name left out
    assert sofia.email == "sofia.rossi@example.it"
    assert sofia.phone == "+39 347 123 4567"
    assert (sofia.company, sofia.title) == ("Ferrero", "Brand Manager")
    assert (sofia.city, sofia.country) == ("Alba", "Italy")
    assert sofia.address == "Piazza Pietro Ferrero 1, 12051 Alba CN, Italy"
    assert sofia.linkedin_url == "https://www.linkedin.com/in/sofia-rossi-ferrero"
    assert sofia.notes == "Introduced by Marco.\nPrefers mornings."
    assert sofia.source == "google"


def test_labels_become_groups_without_googles_own_labels() -> None:
    records = parse_google_csv(CURRENT).records
    assert records[0].groups == ("Toastmasters Milano",)
    assert records[1].groups == ("Women in Tech Lagos",)
    assert records[2].groups == ()


def test_email_in_a_later_column_is_found_and_other_websites_are_not_linkedin() -> None:
    ngozi = parse_google_csv(CURRENT).records[1]
    assert ngozi.email == "ngozi@example.ng"
    assert ngozi.linkedin_url is None


def test_row_with_only_a_company_is_skipped_with_its_line() -> None:
    parsed = parse_google_csv(CURRENT)
    assert [r.first_name for r in parsed.records] == ["Sofia", "Ngozi", "Björn"]
    assert parsed.skipped[0].row_number == 7  # the header, 3 lines of Sofia (notes, address)...
    assert "No name" in parsed.skipped[0].reason


def test_legacy_export_with_given_and_family_names() -> None:
    parsed = parse_google_csv(LEGACY)
    rahul, maelle = parsed.records
    assert (rahul.first_name, rahul.last_name) == ("Rahul", "Mehta")
    assert (rahul.company, rahul.title) == ("Infosys", "Delivery Manager")
    assert rahul.groups == ("PMI Pune",)
    assert rahul.linkedin_url == "https://www.linkedin.com/in/rahulmehta"
    assert (rahul.city, rahul.country) == ("Pune", "India")
    assert (maelle.first_name, maelle.last_name) == ("Maëlle", None)  # only "Name" was filled
    assert maelle.email == "maelle@example.fr"


def test_utf16_export_is_read() -> None:
    text = "Name,Given Name,Family Name,Group Membership,E-mail 1 - Value\n"
    text += "Ana Silva,Ana,Silva,* My Contacts ::: Mentors,ana@example.br\n"
    record = parse_google_csv_bytes(text.encode("utf-16")).records[0]
    assert (record.last_name, record.groups) == ("Silva", ("Mentors",))


def test_linkedin_file_given_to_google_import_names_what_it_is() -> None:
    with pytest.raises(ImportFormatError, match=r"LinkedIn Connections\.csv") as raised:
        parse_google_csv(FIXTURES / "linkedin_connections_modern.csv")
    assert raised.value.problem == "wrong_kind"


def test_vcard_given_to_google_import_names_what_it_is() -> None:
    with pytest.raises(ImportFormatError, match="vCard"):
        parse_google_csv(FIXTURES / "apple_contacts.vcf")


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    xlsx = tmp_path / "contacts.xlsx"
    xlsx.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(200))
    with pytest.raises(ImportFormatError, match="ZIP archive"):
        parse_google_csv(xlsx)
    with pytest.raises(ImportFormatError, match="empty"):
        parse_google_csv_bytes(b"")


def _outcome(call: object) -> None:
    assert callable(call)
    try:
        result = call()
    except ImportFormatError as error:
        assert str(error)
        return
    assert isinstance(result, ParsedImport)


@given(st.text(max_size=2000))
def test_any_text_gives_a_result_or_a_clear_error(text: str) -> None:
    _outcome(lambda: parse_google_csv_text(text))
    _outcome(lambda: parse_google_csv_text("First Name,Labels,E-mail 1 - Value\n" + text))


@settings(max_examples=60)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_result_or_a_clear_error(data: bytes) -> None:
    _outcome(lambda: parse_google_csv_bytes(data))


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("google_contacts.csv", "google"),
        ("google_contacts_legacy.csv", "google"),
        ("linkedin_connections_modern.csv", "linkedin"),
        ("linkedin_connections_2019.csv", "linkedin"),
        ("apple_contacts.vcf", "vcard"),
        ("outlook_21.vcf", "vcard"),
    ],
)
def test_contact_files_are_told_apart_by_content(name: str, kind: str) -> None:
    assert detect_contact_format(FIXTURES / name) == kind
    assert parse_contacts(FIXTURES / name).records


def test_unknown_file_lists_the_formats_that_can_be_read(tmp_path: Path) -> None:
    path = tmp_path / "budget.csv"
    path.write_text("Date,Amount\n2024-01-01,3.50\n", encoding="utf-8")
    assert detect_contact_format(path) is None
    with pytest.raises(ImportFormatError, match="vCard"):
        parse_contacts(path)


@pytest.mark.parametrize(
    "path",
    sorted(p for p in FIXTURES.iterdir() if p.suffix in (".csv", ".vcf")),
    ids=lambda path: path.name,
)
def test_records_from_every_sample_file_use_none_for_missing_values(path: Path) -> None:
    for record in parse_contacts(path).records:
        for value in (
            record.first_name,
            record.last_name,
            record.email,
            record.phone,
            record.linkedin_url,
            record.company,
            record.title,
            record.city,
            record.country,
            record.address,
            record.notes,
        ):
            assert value is None or (value.strip() and value == value.strip())
        assert all(group for group in record.groups)


def test_a_comma_in_the_title_or_organisation_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text(
        "First Name,Last Name,Organization Name,Organization Title,E-mail 1 - Value\n"
        'Rania,Haddad,"Ellis Don, Ltd.","Project Engineer, CET",rania@example.ca\n',
        encoding="utf-8",
    )
    (record,) = parse_google_csv(path).records
    assert (record.company, record.title) == ("Ellis Don, Ltd.", "Project Engineer, CET")
