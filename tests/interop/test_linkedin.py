from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.interop import linkedin
from chatplanner.interop.contact_record import ParsedImport
from chatplanner.interop.import_format_error import ImportFormatError
from chatplanner.interop.linkedin import (
    parse_connected_on,
    parse_linkedin,
    parse_linkedin_bytes,
    parse_linkedin_text,
)

FIXTURES = Path(__file__).parent / "fixtures"
MODERN = FIXTURES / "linkedin_connections_modern.csv"
OLD = FIXTURES / "linkedin_connections_2019.csv"
HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


def test_modern_export_with_preamble_and_bom_reads_every_person() -> None:
    parsed = parse_linkedin(MODERN)
    names = [(r.first_name, r.last_name) for r in parsed.records]
    assert names[:3] == [("Zoë", "Lefèvre"), ("محمد", "العلي"), ("伟", "王")]
    assert len(parsed.records) == 7
    zoe = parsed.records[0]
    assert zoe.linkedin_url == "https://www.linkedin.com/in/zoe-lefevre-4b2a1c"
    assert zoe.email is None  # most people hide their address: None, never ""
    assert zoe.company == "Société Générale"
    assert zoe.title == "Analyste Crédit"
    assert zoe.connected_on == date(2026, 2, 8)
    assert zoe.source == "linkedin"
    assert "linkedin_connections_modern.csv" in parsed.source_label


def test_quoted_comma_and_line_break_stay_in_their_field() -> None:
    priya = parse_linkedin(MODERN).records[3]
    assert priya.company == "Acme Robotics, Inc."
    assert priya.title == "Head of Sales, EMEA & APAC"
    assert priya.last_name == "Raghunathan 🚀"
    assert priya.email == "priya.r@example.com"


def test_markup_in_a_name_is_kept_as_plain_text() -> None:
    bold = parse_linkedin(MODERN).records[4]
    assert bold.first_name == "<b>Bold</b>"
    assert bold.company == 'The "Quoted" Company'


def test_hidden_profile_row_is_skipped_with_its_line_and_reason() -> None:
    parsed = parse_linkedin(MODERN)
    assert len(parsed.skipped) == 1
    skipped = parsed.skipped[0]
    assert skipped.row_number == 11
    assert "Hidden profile" in skipped.reason
    assert "15 Sep 2025" in skipped.reason


def test_old_export_without_preamble_or_url_column() -> None:
    parsed = parse_linkedin(OLD)
    assert [r.last_name for r in parsed.records] == ["Kowalska", "Wiśniewski", "Müller"]
    assert all(r.linkedin_url is None for r in parsed.records)
    assert parsed.records[0].email == "anna.kowalska@example.pl"
    assert parsed.records[1].title == "Producer, Cyberpunk"
    assert parsed.records[2].connected_on == date(2017, 1, 30)
    assert parsed.skipped == []


def test_header_is_found_by_name_after_any_preamble() -> None:
    text = 'Notes:\n"one\nmulti-line, paragraph"\nmore notes\n\n\n' + HEADER
    text += "Ana,Silva,https://www.linkedin.com/in/ana-silva,,Nubank,CTO,08 Feb 2026\n"
    parsed = parse_linkedin_text(text)
    assert [r.first_name for r in parsed.records] == ["Ana"]


def test_columns_are_mapped_by_name_not_position() -> None:
    text = "Connected On,Company,Last Name,First Name,Position\n01 Mar 2024,Nubank,Silva,Ana,CTO\n"
    record = parse_linkedin_text(text).records[0]
    assert (record.first_name, record.last_name, record.company) == ("Ana", "Silva", "Nubank")
    assert record.connected_on == date(2024, 3, 1)


def test_short_and_long_rows_do_not_shift_fields() -> None:
    text = HEADER + "Ana,Silva\nBen,Okoro,,,Paystack,Engineer,02 Jan 2024,extra,cells\n"
    records = parse_linkedin_text(text).records
    assert records[0].company is None
    assert records[1].company == "Paystack"


def test_repeated_header_row_is_skipped() -> None:
    text = HEADER + "Ana,Silva,,,,,\n" + HEADER + "Ben,Okoro,,,,,\n"
    parsed = parse_linkedin_text(text)
    assert [r.first_name for r in parsed.records] == ["Ana", "Ben"]
    assert "header" in parsed.skipped[0].reason


def test_windows_1252_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    text = HEADER + "Zoë,Müller,,,Café “Crème”,Barista,08 Feb 2026\n"
    path.write_bytes(text.encode("cp1252"))
    record = parse_linkedin(path).records[0]
    assert (record.first_name, record.company) == ("Zoë", "Café “Crème”")


def test_utf16_file_with_bom_is_read() -> None:
    data = (HEADER + "Ana,Silva,,,,,08 Feb 2026\n").encode("utf-16")
    assert parse_linkedin_bytes(data).records[0].last_name == "Silva"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("08 Feb 2026", date(2026, 2, 8)),
        ("8 Feb 2026", date(2026, 2, 8)),
        ("08 February 2026", date(2026, 2, 8)),
        ("08 Sept 2025", date(2025, 9, 8)),
        ("Feb 8, 2026", date(2026, 2, 8)),
        ("2026-02-08", date(2026, 2, 8)),
        ("2/8/26", date(2026, 2, 8)),
        (" 08 FEB 2026 ", date(2026, 2, 8)),
    ],
)
def test_connected_on_forms(text: str, expected: date) -> None:
    assert parse_connected_on(text) == expected


@pytest.mark.parametrize("text", ["", "yesterday", "31 Feb 2026", "08 Fev 2026", "08 Feb 26"])
def test_unreadable_dates_give_none_and_keep_the_row(text: str) -> None:
    assert parse_connected_on(text) is None
    record = parse_linkedin_text(HEADER + f"Ana,Silva,,,,,{text}\n").records[0]
    assert record.connected_on is None


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_export_zip_is_read_directly_from_any_folder(tmp_path: Path) -> None:
    path = tmp_path / "Basic_LinkedInDataExport_02-08-2026.zip"
    path.write_bytes(
        _zip(
            {
                "Basic_LinkedInDataExport_02-08-2026/messages.csv": b"CONVERSATION ID\n",
                "Basic_LinkedInDataExport_02-08-2026/Network/CONNECTIONS.CSV": MODERN.read_bytes(),
            }
        )
    )
    parsed = parse_linkedin(path)
    assert len(parsed.records) == 7
    assert "CONNECTIONS.CSV" in parsed.source_label


def test_zip_without_connections_says_which_file_to_choose(tmp_path: Path) -> None:
    path = tmp_path / "photos.zip"
    path.write_bytes(_zip({"holiday.jpg": b"\xff\xd8\xff"}))
    with pytest.raises(ImportFormatError, match=r"no Connections\.csv") as raised:
        parse_linkedin(path)
    assert raised.value.problem == "wrong_kind"


def test_zip_member_that_inflates_past_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(linkedin, "MAX_CONNECTIONS_BYTES", 1000)
    path = tmp_path / "bomb.zip"
    path.write_bytes(_zip({"Connections.csv": HEADER.encode() + b"0" * 5000}))
    with pytest.raises(ImportFormatError) as raised:
        parse_linkedin(path)
    assert raised.value.problem == "too_large"


def test_damaged_zip_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(_zip({"Connections.csv": MODERN.read_bytes()})[:60])
    with pytest.raises(ImportFormatError) as raised:
        parse_linkedin(path)
    assert raised.value.problem == "malformed"
    # In words a person can act on, not the library's ("File is not a zip file").
    assert "incomplete or broken" in str(raised.value)
    assert "zip file" not in str(raised.value)


def test_binary_file_is_refused_with_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    with pytest.raises(ImportFormatError, match="PNG image") as raised:
        parse_linkedin(path)
    assert raised.value.problem == "wrong_kind"


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(b"\xef\xbb\xbf  \n")
    with pytest.raises(ImportFormatError, match="is empty"):
        parse_linkedin(path)


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError) as raised:
        parse_linkedin(tmp_path / "nowhere.csv")
    assert raised.value.problem == "unreadable"


def test_google_csv_given_to_linkedin_import_names_what_it_is() -> None:
    with pytest.raises(ImportFormatError, match="Google Contacts CSV"):
        parse_linkedin(FIXTURES / "google_contacts.csv")


def test_other_csv_is_the_wrong_kind() -> None:
    with pytest.raises(ImportFormatError, match=r"not a LinkedIn Connections\.csv"):
        parse_linkedin_text("Date,Amount\n2024-01-01,3.50\n")


def test_ten_thousand_character_field_is_kept() -> None:
    long_title = "x" * 10_000
    record = parse_linkedin_text(HEADER + f"Ana,Silva,,,,{long_title},\n").records[0]
    assert record.title == long_title


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
    _outcome(lambda: parse_linkedin_text(text))


@given(
    st.lists(
        st.lists(st.text(max_size=40), max_size=9),
        max_size=12,
    )
)
def test_any_rows_under_a_real_header_give_a_result(rows: list[list[str]]) -> None:
    import csv

    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    parsed = parse_linkedin_text(HEADER + buffer.getvalue())
    for record in parsed.records:
        assert "" not in (record.first_name, record.last_name, record.email, record.company)


@settings(max_examples=60)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_result_or_a_clear_error(data: bytes) -> None:
    _outcome(lambda: parse_linkedin_bytes(data))
    _outcome(lambda: parse_linkedin_bytes(b"PK\x03\x04" + data))


def test_a_comma_in_the_position_or_company_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        'Kofi,Mensah,https://www.linkedin.com/in/kofi-mensah,,"Hydro One, Inc.",'
        '"Director, Infrastructure",08 Feb 2026\n',
        encoding="utf-8",
    )
    (record,) = parse_linkedin(path).records
    assert (record.company, record.title) == ("Hydro One, Inc.", "Director, Infrastructure")


_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


@given(st.integers(1, 31), st.integers(1, 12), st.integers(1990, 2030), st.booleans())
def test_the_exports_own_date_form_reads_as_the_other_forms(
    day: int, month: int, year: int, two_digits: bool
) -> None:
    # The export's "08 Feb 2026", "Feb 8, 2026" and "2026-02-08" are one day.
    name = _MONTH_NAMES[month - 1]
    export = f"{day:02d} {name} {year}" if two_digits else f"{day} {name.upper()} {year}"
    assert parse_connected_on(export) == parse_connected_on(f"{name} {day}, {year}")
    assert parse_connected_on(export) == parse_connected_on(f"{year}-{month:02d}-{day:02d}")
