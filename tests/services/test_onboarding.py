"""The first-run questions: asked on an empty profile only, once, keeping what was answered."""

from __future__ import annotations

from chatplanner.domain.contacts import ContactDraft
from chatplanner.services.onboarding import FirstRunAnswers, signature_without_name
from chatplanner.services.workspace import Workspace


def test_a_signature_that_starts_with_the_name_loses_that_line() -> None:
    assert signature_without_name("Ana Lima\nProject coordinator", "Ana Lima") == (
        "Project coordinator"
    )
    assert signature_without_name("  ana  LIMA \nPM", "Ana Lima") == "PM"
    assert signature_without_name("Project coordinator\nAna Lima", "Ana Lima") == (
        "Project coordinator\nAna Lima"
    )
    assert signature_without_name("Ana Lima", "Ana Lima") == ""
    assert signature_without_name("PM", "") == "PM"


def test_an_empty_profile_is_asked_once_and_answers_are_kept(workspace: Workspace) -> None:
    onboarding = workspace.onboarding
    assert onboarding.needed()
    toronto = workspace.planning.venues.places.cities("Toronto")[0]
    onboarding.finish(
        FirstRunAnswers(
            name=" Ana  Lima ",
            signature="Ana Lima\nPM · 416 555 0100",
            goal="move into project management",
            city=toronto,
        )
    )
    assert not onboarding.needed()
    settings = workspace.settings
    assert settings.get("user.name") == "Ana Lima"
    assert settings.get("user.signature") == "PM · 416 555 0100"
    assert settings.get("user.goal") == "move into project management"
    base = workspace.planning.venues.base()
    assert base is not None
    assert (base.city, base.country) == ("Toronto", "CA")


def test_skipping_keeps_nothing_and_is_final(workspace: Workspace) -> None:
    workspace.onboarding.skip()
    assert not workspace.onboarding.needed()
    assert workspace.settings.get("user.name") == ""
    assert workspace.planning.venues.base() is None


def test_a_profile_with_people_is_not_asked(workspace: Workspace) -> None:
    workspace.people.contact_edits.create(ContactDraft(first_name="Maya"))
    assert not workspace.onboarding.needed()


def test_blank_answers_leave_the_settings_as_they_were(workspace: Workspace) -> None:
    workspace.settings.set("user.name", "Kept")
    workspace.onboarding.finish(FirstRunAnswers())
    assert workspace.settings.get("user.name") == "Kept"


def test_the_city_brings_its_zone_unless_the_user_chose_one_or_declined(
    workspace: Workspace,
) -> None:
    from chatplanner.services.context import ZONE_SETTING

    settings = workspace.settings
    toronto = workspace.planning.venues.places.cities("Toronto")[0]
    # The computer keeps UTC: the city's zone becomes the user's.
    workspace.context.user_zone._system_name = "UTC"
    assert settings.zone_to_adopt(toronto.timezone) == "America/Toronto"
    assert workspace.onboarding.finish(FirstRunAnswers(city=toronto)) == "America/Toronto"
    assert settings.get(ZONE_SETTING) == "America/Toronto"
    assert workspace.context.zone().key == "America/Toronto"
    # Chosen now: another base city leaves it alone.
    paris = workspace.planning.venues.places.cities("Paris")[0]
    assert settings.adopt_base_zone(paris.timezone) is None
    assert settings.get(ZONE_SETTING) == "America/Toronto"
    # Declined on the sheet: nothing is chosen.
    settings.set(ZONE_SETTING, None)
    assert workspace.onboarding.finish(FirstRunAnswers(city=paris, use_city_zone=False)) is None
    assert settings.get(ZONE_SETTING) is None
