from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.interop.contact_record import ContactRecord, ParsedImport
from chatplanner.interop.import_format_error import ImportFormatError
from chatplanner.interop.vcard import (
    parse_vcards,
    parse_vcards_bytes,
    parse_vcards_text,
    write_vcards,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _card(*lines: str, version: str = "3.0") -> str:
    return "\r\n".join(["BEGIN:VCARD", f"VERSION:{version}", *lines, "END:VCARD"]) + "\r\n"


def test_apple_cards_with_grouped_properties_and_a_folded_photo() -> None:
    parsed = parse_vcards(FIXTURES / "apple_contacts.vcf")
    assert parsed.skipped == []
    mai = parsed.records[0]
    assert (mai.first_name, mai.last_name) == ("Thị Mai", "Nguyễn")
    assert mai.email == "mai.nguyen@example.com"  # item1.EMAIL marked pref
    assert mai.phone == "+1 (416) 555-0100"
    assert mai.company == "Shopify, Inc."
    assert mai.title == "Staff Engineer"
    assert (mai.city, mai.country) == ("Toronto", "Canada")
    assert mai.address == "100 Queen St W, Toronto, ON M5H 2N2, Canada"
    assert mai.linkedin_url == "https://www.linkedin.com/in/thi-mai-nguyen"
    assert mai.groups == ("Toastmasters", "UofT Alumni")
    assert mai.notes == "Met at the Toronto tech meetup, March.\nWants to talk about mentoring."
    assert mai.source == "vcard"


def test_apple_social_profile_gives_the_linkedin_url() -> None:
    records = parse_vcards(FIXTURES / "apple_contacts.vcf").records
    assert records[1].linkedin_url == "https://www.linkedin.com/in/chidinma-okafor"
    assert records[2].linkedin_url == "https://www.linkedin.com/in/jordansmith"
    assert records[2].city == "Berlin"
    assert records[2].address is None  # a city alone is not an address


def test_company_card_is_not_read_as_a_persons_name() -> None:
    company = parse_vcards(FIXTURES / "apple_contacts.vcf").records[3]
    assert (company.first_name, company.last_name) == (None, None)
    assert company.company == "Acme Reception"
    assert company.phone == "+44 20 7946 0000"


def test_google_card_with_escaped_url_and_system_group() -> None:
    aiko = parse_vcards(FIXTURES / "google_and_v4.vcf").records[0]
    assert aiko.linkedin_url == "https://www.linkedin.com/in/aiko-tanaka"
    assert aiko.groups == ("Kaggle Tokyo",)


def test_vcard_4_uses_the_preferred_email_the_tel_uri_and_the_address_label() -> None:
    camille = parse_vcards(FIXTURES / "google_and_v4.vcf").records[1]
    assert camille.email == "camille.dubois@example.fr"
    assert camille.phone == "+33-6-12-34-56-78"
    assert camille.address == "5 rue de Rivoli, 75004 Paris, France"


def test_outlook_2_1_quoted_printable_card_is_decoded() -> None:
    parsed = parse_vcards(FIXTURES / "outlook_21.vcf")
    jurgen = parsed.records[0]
    assert (jurgen.first_name, jurgen.last_name) == ("Jürgen", "Müller")
    assert jurgen.company == "Bäckerei Müller GmbH"
    assert jurgen.title == "Geschäftsführer"
    assert jurgen.email == "juergen.mueller@example.de"
    assert jurgen.city == "Berlin"
    assert jurgen.address == "Straße des 17. Juni 1, Berlin 10623, Deutschland"
    assert jurgen.notes == "Kennengelernt beim Gründerstammtisch.\nNächstes Treffen im Frühjahr."


def test_one_bad_card_is_skipped_and_the_others_are_read() -> None:
    good = _card("N:Silva;Ana;;;", "FN:Ana Silva")
    bad = _card("N:Broken;Card;;;", "this line has no colon")
    text = good + bad + _card("FN:Ben Okoro")
    parsed = parse_vcards_text(text)
    assert [r.first_name for r in parsed.records] == ["Ana", "Ben"]
    assert len(parsed.skipped) == 1
    assert parsed.skipped[0].row_number == 6
    assert "could not be read" in parsed.skipped[0].reason


def test_card_without_anything_to_contact_is_skipped_with_a_reason() -> None:
    parsed = parse_vcards_text(_card("NOTE:just a note"))
    assert parsed.records == []
    assert "no name" in parsed.skipped[0].reason


def test_file_cut_short_still_gives_its_last_card() -> None:
    text = _card("FN:Ana Silva") + "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ben Okoro\r\n"
    assert [r.last_name for r in parse_vcards_text(text).records] == ["Silva", "Okoro"]


def test_bare_lf_line_endings_and_tab_folding_are_read() -> None:
    text = "BEGIN:VCARD\nVERSION:3.0\nN:Silva;Ana;;;\nNOTE:first half\n\t and second\nEND:VCARD\n"
    assert parse_vcards_text(text).records[0].notes == "first half and second"


def test_text_that_is_not_a_vcard_is_the_wrong_kind() -> None:
    with pytest.raises(ImportFormatError, match=r"LinkedIn Connections\.csv") as raised:
        parse_vcards(FIXTURES / "linkedin_connections_2019.csv")
    assert raised.value.problem == "wrong_kind"


def test_binary_and_empty_files_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportFormatError, match="PDF"):
        parse_vcards_bytes(b"%PDF-1.7\n\x00\x01\x02")
    empty = tmp_path / "contacts.vcf"
    empty.write_bytes(b"")
    with pytest.raises(ImportFormatError, match="empty"):
        parse_vcards(empty)


def test_latin_1_card_is_read() -> None:
    data = _card("N:Müller;Zoë;;;", "FN:Zoë Müller").encode("latin-1")
    assert parse_vcards_bytes(data).records[0].first_name == "Zoë"


FULL = ContactRecord(
    first_name="Zoë",
    last_name="Lefèvre-Müller",
    email="zoe@example.fr",
    phone="+33 6 12 34 56 78",
    linkedin_url="https://www.linkedin.com/in/zoe-lefevre",
    company="Acme, Inc.; Paris",
    title="Head of Sales, EMEA",
    city="Paris",
    country="France",
    address="5 rue de Rivoli, 75004 Paris",
    notes="Met at the meetup.\nAsk about: mentoring; hiring, too.",
    groups=("Toastmasters", "Alumni, 2019"),
    source="vcard",
)


@pytest.mark.parametrize(
    "record",
    [
        FULL,
        ContactRecord(email="only@example.com", source="vcard"),
        ContactRecord(first_name="محمد", last_name="العلي", source="vcard"),
        ContactRecord(first_name="<b>伟</b> 🚀", phone="+86 10 1234", source="vcard"),
        ContactRecord(first_name="Ana", notes="x" * 10_000, city="São Paulo", source="vcard"),
    ],
)
def test_written_cards_read_back_the_same(record: ContactRecord) -> None:
    stream = io.StringIO()
    assert write_vcards([record], stream) == 1
    assert parse_vcards_text(stream.getvalue()).records == [record]


def test_writing_to_a_path_gives_a_vcard_3_file(tmp_path: Path) -> None:
    path = tmp_path / "out.vcf"
    with_date = ContactRecord(first_name="Ana", connected_on=date(2024, 1, 2), source="vcard")
    assert write_vcards([FULL, with_date], path) == 2
    data = path.read_bytes()
    assert data.count(b"BEGIN:VCARD") == 2
    assert b"VERSION:3.0\r\n" in data
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    assert [r.first_name for r in parse_vcards(path).records] == ["Zoë", "Ana"]


_field = st.one_of(st.none(), st.text(min_size=1, max_size=30).map(str.strip).filter(bool))


@settings(max_examples=80)
@given(first=_field, last=_field, company=_field, notes=_field, city=_field)
def test_any_record_survives_writing_and_reading(
    first: str | None,
    last: str | None,
    company: str | None,
    notes: str | None,
    city: str | None,
) -> None:
    record = ContactRecord(
        first_name=first, last_name=last, company=company, notes=notes, city=city, source="vcard"
    )
    stream = io.StringIO()
    write_vcards([record], stream)
    parsed = parse_vcards_text(stream.getvalue())
    assert len(parsed.records) + len(parsed.skipped) == 1


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
    _outcome(lambda: parse_vcards_text(text))
    _outcome(lambda: parse_vcards_text("BEGIN:VCARD\r\n" + text + "\r\nEND:VCARD\r\n"))


@settings(max_examples=60)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_result_or_a_clear_error(data: bytes) -> None:
    _outcome(lambda: parse_vcards_bytes(data))
    _outcome(lambda: parse_vcards_bytes(b"BEGIN:VCARD\r\nVERSION:2.1\r\n" + data))


# Licence designations and departments after a comma, as each address book writes them.
TITLES_WITH_COMMAS = {
    "titles_apple.vcf": [
        ("Rania", "Haddad", "Project Engineer, CET", "Ellis Don, Ltd."),
        ("Kofi", "Mensah", "Director, Infrastructure", "Hydro One"),
    ],
    "titles_google_v4.vcf": [
        ("Lucía", "Fernández", "Director, Infrastructure", "Ferrovial, S.A."),
        ("Mei", "Lin", "Senior Estimator, Civil", "Aecon"),
    ],
    "titles_outlook_21.vcf": [
        ("Siobhán", "Brennan", "Chartered Engineer, CEng MIEI", "Arup, Dublin"),
        ("Jürgen", "Müller", "Geschäftsführer, Technik, Nord", None),
    ],
}


@pytest.mark.parametrize("name", sorted(TITLES_WITH_COMMAS))
def test_a_comma_in_a_title_or_organisation_is_kept(name: str) -> None:
    parsed = parse_vcards(FIXTURES / name)
    assert parsed.skipped == []
    found = [(r.first_name, r.last_name, r.title, r.company) for r in parsed.records]
    assert found == TITLES_WITH_COMMAS[name]


def test_notes_keep_their_commas_escaped_or_not() -> None:
    records = parse_vcards(FIXTURES / "titles_apple.vcf").records
    assert records[0].notes == (
        "Met at the OACETT dinner, Toronto. Writing her P.Eng., exam in June."
    )
    google = parse_vcards(FIXTURES / "titles_google_v4.vcf").records
    assert google[0].notes == "Intro from Pablo, via the PMI chapter."
    outlook = parse_vcards(FIXTURES / "titles_outlook_21.vcf").records
    assert outlook[0].notes == "Coffee at Bewley's, Grafton St."


@pytest.mark.parametrize("version", ["2.1", "3.0", "4.0"])
def test_a_formatted_name_with_a_comma_is_whole_when_there_is_no_n(version: str) -> None:
    with_letters = _card("FN:Jo Smith, P.Eng.", "EMAIL:jo@example.com", version=version)
    record = parse_vcards_text(with_letters).records[0]
    assert (record.first_name, record.last_name) == ("Jo", "Smith, P.Eng.")
    filed_as = _card("FN:Brennan, Siobhán", "EMAIL:s@example.ie", version=version)
    record = parse_vcards_text(filed_as).records[0]
    assert (record.first_name, record.last_name) == ("Siobhán", "Brennan")


_title_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\\"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() == text and text.strip())


@settings(max_examples=100, deadline=None)
@given(title=_title_text, version=st.sampled_from(["2.1", "3.0", "4.0"]))
def test_any_title_written_unescaped_reads_back_whole(title: str, version: str) -> None:
    card = _card("N:Smith;Jo;;;", f"TITLE:{title}", version=version)
    parsed = parse_vcards_text(card)
    assert [r.title for r in parsed.records] == [" ".join(title.split())]


def test_a_card_with_a_large_folded_photo_and_soft_breaks_is_read_whole() -> None:
    # 2 MB of photo folded at 75 columns, as Apple writes it, then a 2.1 quoted-printable note
    # with soft line breaks: every logical line is joined exactly once (benchmarks/
    # bench_vcard_photo.py measures that reading grows linearly with the photo).
    photo = "QUJD" * 18 + "QQ"
    folded = "\r\n ".join([f"PHOTO;ENCODING=b;TYPE=JPEG:{photo}"] + [photo] * 27_000)
    note = "NOTE;ENCODING=QUOTED-PRINTABLE:First part,=\r\n second part=\r\n=2C third"
    text = _card("N:Okafor;Chidinma;;;", folded, note, "TITLE:Project Engineer, CET")
    (record,) = parse_vcards_text(text).records
    assert record.title == "Project Engineer, CET"
    assert record.notes == "First part,second part, third"


def test_unfolded_lines_join_folds_and_keep_line_numbers() -> None:
    from chatplanner.interop.vcard_lines import unfolded_lines

    text = "A:1\r\n 2\r\n\t3\r\n\r\nB;ENCODING=QUOTED-PRINTABLE:x=\r\n  y=\r\nz\nC:end"
    assert unfolded_lines(text) == [
        (1, "A:123"),
        (5, "B;ENCODING=QUOTED-PRINTABLE:xyz"),
        (8, "C:end"),
    ]
