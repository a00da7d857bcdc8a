from __future__ import annotations

from dataclasses import dataclass

from chatplanner.domain.dedupe import ContactIndex, Match


@dataclass(frozen=True)
class Person:
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    linkedin_url: str | None = None
    company: str | None = None


def _index() -> ContactIndex:
    return ContactIndex.from_rows(
        [
            (1, "Zoë", "Lefèvre", "zoe@example.fr", "https://www.linkedin.com/in/zoe-l", "SocGen"),
            (2, "Anna", "Kowalska", "anna@example.pl", None, "Allegro"),
            (3, "Jan", "Nowak", None, None, None),
            (4, "Wei", "Wang", None, "https://www.linkedin.com/in/wei-wang", "Tencent"),
            (5, "Wei", "Wang", None, None, "Alibaba"),
        ]
    )


def test_same_linkedin_profile_in_another_spelling_is_the_same_person() -> None:
    match = _index().match(Person("Z", "L", linkedin_url="ca.linkedin.com/in/ZOE-L/?x=1"))
    assert match == Match("same", 1, "linkedin_url", (1,))


def test_same_email_in_another_case_is_the_same_person() -> None:
    match = _index().match(Person(email=" Anna@Example.PL "))
    assert (match.kind, match.contact_id, match.reason) == ("same", 2, "email")


def test_same_email_but_a_different_linkedin_profile_is_only_likely() -> None:
    match = _index().match(
        Person(email="zoe@example.fr", linkedin_url="https://www.linkedin.com/in/other")
    )
    assert (match.kind, match.contact_id) == ("likely", 1)


def test_same_name_and_company_ignoring_accents_is_likely_not_same() -> None:
    match = _index().match(Person("zoe", "LEFEVRE", company="Socgen"))
    assert (match.kind, match.contact_id, match.reason) == ("likely", 1, "name_and_company")


def test_same_name_with_company_missing_on_one_side_is_likely() -> None:
    assert _index().match(Person("Jan", "Nowak", company="PKO")).kind == "likely"
    assert _index().match(Person("Anna", "Kowalska")).contact_id == 2


def test_same_name_at_a_different_company_is_a_new_person() -> None:
    assert _index().match(Person("Anna", "Kowalska", company="Google")).kind == "new"


def test_name_shared_by_two_contacts_picks_the_one_at_the_same_company() -> None:
    match = _index().match(Person("Wei", "Wang", company="Alibaba"))
    assert (match.kind, match.contact_id) == ("likely", 5)
    assert _index().match(Person("Wei", "Wang")).candidates == (4, 5)


def test_nameless_person_without_identity_is_new() -> None:
    assert _index().match(Person()).kind == "new"


def test_index_counts_every_contact_added() -> None:
    assert len(_index()) == 5
