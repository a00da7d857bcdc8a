from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chatplanner.domain.person_names import display_name
from chatplanner.domain.text import (
    _EXTRA_FOLDS,
    email_parts,
    fold,
    fold_words,
    name_sort_key,
    normalize_email,
    normalize_linkedin_url,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("Straße", "strasse"),
        ("İstanbul", "istanbul"),
        ("Łukasz", "lukasz"),
        ("Søren", "soren"),
        ("José María García-Núñez", "jose maria garcia-nunez"),
        ("Ångström", "angstrom"),
        ("ﬁle", "file"),
    ],
)
def test_fold_ignores_accents_and_case(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_fold_keeps_scripts_without_accents_searchable() -> None:
    assert fold("王伟") == "王伟"
    assert fold("محمد") == "محمد"
    assert fold("Raghunathan 🚀") == "raghunathan 🚀"


def test_fold_words_collapses_white_space() -> None:
    assert fold_words("  Anne \n Marie  ") == "anne marie"
    assert fold_words(None) == ""


@given(st.text())
def test_fold_is_idempotent(text: str) -> None:
    assert fold(fold(text)) == fold(text)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.linkedin.com/in/jane-doe-123",
        "https://www.linkedin.com/in/jane-doe-123/",
        "http://linkedin.com/in/jane-doe-123",
        "linkedin.com/in/jane-doe-123",
        "www.linkedin.com/in/Jane-Doe-123",
        "https://ca.linkedin.com/in/jane-doe-123?originalSubdomain=ca",
        "https://WWW.LinkedIn.COM/in/jane-doe-123/#experience",
        "  https://m.linkedin.com/in/jane-doe-123/details/experience/  ",
    ],
)
def test_linkedin_profile_urls_share_one_canonical_form(url: str) -> None:
    assert normalize_linkedin_url(url) == "https://www.linkedin.com/in/jane-doe-123"


def test_percent_encoded_slug_is_canonical_whatever_the_hex_case() -> None:
    upper = normalize_linkedin_url("https://www.linkedin.com/in/%C3%A9lodie-martin/")
    lower = normalize_linkedin_url("linkedin.com/in/%c3%a9lodie-martin")
    plain = normalize_linkedin_url("https://www.linkedin.com/in/élodie-martin")
    assert upper == lower == plain == "https://www.linkedin.com/in/%C3%A9lodie-martin"


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://www.linkedin.com/company/acme/",
        "https://www.linkedin.com/in/",
        "https://example.com/in/jane",
        "https://linkedin.com.evil.example/in/jane",
        "ftp://www.linkedin.com/in/jane",
        "javascript:alert(1)",
        "https://[::1/in/x",
        "not a url at all",
    ],
)
def test_non_profile_urls_give_none(url: str | None) -> None:
    assert normalize_linkedin_url(url) is None


@given(st.text())
def test_normalize_linkedin_url_never_raises(text: str) -> None:
    result = normalize_linkedin_url(text)
    assert result is None or result.startswith("https://www.linkedin.com/in/")


@given(st.text())
def test_normalize_linkedin_url_is_idempotent(text: str) -> None:
    once = normalize_linkedin_url(text)
    if once is not None:
        assert normalize_linkedin_url(once) == once


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Jane.Doe@Example.COM", "jane.doe@example.com"),
        ("  jane@example.com ", "jane@example.com"),
        ("mailto:jane@example.com?subject=hi", "jane@example.com"),
        ("<jane@example.com>", "jane@example.com"),
        ("jane@example.com.", "jane@example.com"),
    ],
)
def test_email_addresses_normalize(raw: str, normal: str) -> None:
    assert normalize_email(raw) == normal


@pytest.mark.parametrize(
    "raw", [None, "", "jane", "@example.com", "jane@", "jane@localhost", "a b@example.com"]
)
def test_things_that_are_not_addresses_give_none(raw: str | None) -> None:
    assert normalize_email(raw) is None


@given(st.text())
def test_normalize_email_never_raises(text: str) -> None:
    normalize_email(text)


def test_display_name_joins_present_parts() -> None:
    assert display_name("Zoë", "Lefèvre") == "Zoë Lefèvre"
    assert display_name(" Anne  Marie ", None) == "Anne Marie"
    assert display_name(None, "王") == "王"
    assert display_name("", "") == ""


def test_name_sort_key_is_the_folded_first_and_last_name() -> None:
    assert name_sort_key("Zoë", "Lefèvre") == "zoe lefevre"
    assert name_sort_key("  Anne\n Marie ", "O\u2019Neill") == "anne marie o'neill"
    assert name_sort_key(None, "王") == "王"
    # Sorting by it puts "Zoë Adams" and "zoe Brown" together, before "Zoltan".
    names = [("Zoltan", "A"), ("zoe", "Brown"), ("Zoë", "Adams")]
    assert sorted(names, key=lambda n: name_sort_key(*n)) == [
        ("Zoë", "Adams"),
        ("zoe", "Brown"),
        ("Zoltan", "A"),
    ]


@pytest.mark.parametrize(("first", "last"), [("", ""), (None, None), ("  ", "\t\n")])
def test_people_without_a_name_have_an_empty_name_key(first: str | None, last: str | None) -> None:
    assert name_sort_key(first, last) == ""


def _fold_whole_string(text: str) -> str:
    """fold() as first written: the whole string decomposed at once."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return stripped.casefold().translate(_EXTRA_FOLDS)


@given(st.text())
def test_folding_character_by_character_equals_folding_the_whole_string(text: str) -> None:
    assert fold(text) == _fold_whole_string(text)


def test_fold_handles_stacked_marks_and_compatibility_forms() -> None:
    for sample in ("Olúwadámilọ́lá Adébáyọ̀", "İstanbul", "℠ ﬁ Ⅻ", "e\u0301\u0323", "Straße"):
        assert fold(sample) == _fold_whole_string(sample)


def test_typographic_apostrophes_and_dashes_fold_to_plain_ones() -> None:
    assert fold("O\u2019Neill") == fold("O'Neill") == "o'neill"
    assert fold("Saint\u2011Laurent") == "saint-laurent"


def test_a_name_in_chinese_japanese_or_korean_script_reads_family_name_first() -> None:
    assert display_name("伟", "李") == "李伟"
    assert display_name("花子", "山田") == "山田花子"
    assert display_name("민준", "김") == "김민준"
    # Latin letters, or one script beside another, keep the given name first.
    assert display_name("Wei", "Li") == "Wei Li"
    assert display_name("Wei", "李") == "Wei 李"
    assert display_name("伟", "") == "伟"


def test_a_right_to_left_name_is_isolated_and_a_latin_one_left_as_it_is() -> None:
    from chatplanner.domain.text import isolated

    assert isolated("محمد العلي") == "\u2068محمد العلي\u2069"
    assert isolated("אבי כהן") == "\u2068אבי כהן\u2069"
    assert isolated("Jessica Tran") == "Jessica Tran"
    assert isolated("李伟") == "李伟"


def test_left_to_right_marks_only_lines_with_right_to_left_letters() -> None:
    from chatplanner.domain.text import left_to_right

    assert left_to_right("Jessica: {years}") == "Jessica: {years}"
    assert left_to_right("محمد: {years}") == "\u200eمحمد: {years}"
    assert left_to_right(left_to_right("محمد")) == "\u200eمحمد"  # marked once


@given(
    st.sampled_from(["https://www.linkedin.com/in/", "http://linkedin.com/in/"]),
    st.text(alphabet="aZ09_-.~%C3AB/é", max_size=14),
    st.sampled_from(["", "/"]),
)
def test_a_profile_url_reads_the_same_with_a_query_string(start: str, slug: str, end: str) -> None:
    # The common shapes (a plain or percent-encoded slug) are read on a fast path; with a query
    # string the same URL goes through the general parser.
    url = f"{start}{slug}{end}"
    assert normalize_linkedin_url(url) == normalize_linkedin_url(f"{url}?trk=people")


@pytest.mark.parametrize("character", [chr(code) for code in range(128)])
def test_an_address_refuses_white_space_controls_and_separators(character: str) -> None:
    refused = (
        character.isspace()
        or character in "<>,;"
        or unicodedata.category(character) in ("Cc", "Cf", "Cs", "Zl", "Zp")
    )
    # The same character in an address otherwise written only in ASCII, and beside a letter
    # outside it: both are checked by one rule.
    assert (email_parts(f"jo{character}e@example.com") is None) == refused
    assert (email_parts(f"jo{character}é@example.com") is None) == refused
