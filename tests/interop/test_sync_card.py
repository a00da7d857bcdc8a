"""The synced fields read from a vCard and patched into it, leaving every other line alone."""

from __future__ import annotations

from chatplanner.interop.sync_card import fold, new_card, patch_card, read_card

APPLE = (
    "BEGIN:VCARD\r\n"
    "VERSION:3.0\r\n"
    "PRODID:-//Apple Inc.//iPhone OS 17.0//EN\r\n"
    "N:Hopper;Grace;Murray;Rear Adm.;\r\n"
    "FN:Grace Hopper\r\n"
    "ORG:US Navy;Computing\r\n"
    "item1.EMAIL;type=INTERNET;type=pref:grace@navy.mil\r\n"
    "item1.X-ABLabel:_$!<Work>!$_\r\n"
    "EMAIL;type=INTERNET;type=HOME:grace@home.example\r\n"
    "TEL;type=CELL;type=VOICE;type=pref:+1 555 0100\r\n"
    "TEL;type=WORK:+1 555 0199\r\n"
    "ADR;type=WORK:;;1 Navy Way;Arlington;VA;22202;USA\r\n"
    "PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBk\r\n"
    " SEhMPFB0aHx4dGhwcICQuJyAiLCMcHCg3KSwwMTQ0NB8nOT04MjwuMzQy\r\n"
    "X-SOCIALPROFILE;type=linkedin:https://www.linkedin.com/in/GraceHopper/\r\n"
    "X-CUSTOM:keep me\r\n"
    "UID:apple-1\r\n"
    "END:VCARD\r\n"
)

V4 = (
    "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:4-1\r\nFN:Alan Turing\r\nN:Turing;Alan;;;\r\n"
    "TEL;VALUE=uri;TYPE=cell:tel:+44-20-7946-0000\r\nGEO:geo:52.2,0.1\r\nEND:VCARD\r\n"
)


def test_reading_takes_the_preferred_values_and_the_linkedin_profile() -> None:
    card = read_card(APPLE)
    assert card.uid == "apple-1"
    assert card.version == "3.0"
    assert card.fields == {
        "first_name": "Grace",
        "last_name": "Hopper",
        "email": "grace@navy.mil",
        "phone": "+1 555 0100",
        "company": "US Navy",
        "title": None,
        "linkedin_url": "https://www.linkedin.com/in/gracehopper",
        "city": "Arlington",
        "country": "USA",
        "address": "1 Navy Way",
        "notes": None,
    }


def test_a_patch_rewrites_only_the_changed_lines() -> None:
    patched = patch_card(
        APPLE, {"email": "grace@yale.edu", "title": "Rear Admiral", "city": "New York"}
    )
    before, after = APPLE.split("\r\n"), patched.split("\r\n")
    changed = set(before) - set(after)
    assert changed == {
        "item1.EMAIL;type=INTERNET;type=pref:grace@navy.mil",
        "ADR;type=WORK:;;1 Navy Way;Arlington;VA;22202;USA",
    }
    assert "item1.EMAIL;type=INTERNET;type=pref:grace@yale.edu" in after
    assert "ADR;type=WORK:;;1 Navy Way;New York;VA;22202;USA" in after
    assert "TITLE:Rear Admiral" in after
    assert after.index("TITLE:Rear Admiral") < after.index("END:VCARD")
    assert read_card(patched).fields["email"] == "grace@yale.edu"


def test_a_renamed_contact_keeps_the_middle_name_and_prefix() -> None:
    patched = patch_card(APPLE, {"first_name": "Amazing", "last_name": "Grace"})
    assert "N:Grace;Amazing;Murray;Rear Adm.;" in patched.split("\r\n")
    assert "FN:Amazing Grace" in patched.split("\r\n")


def test_a_removed_value_removes_only_its_line() -> None:
    patched = patch_card(APPLE, {"phone": None})
    assert "TEL;type=CELL;type=VOICE;type=pref:+1 555 0100" not in patched
    assert "TEL;type=WORK:+1 555 0199" in patched
    assert read_card(patched).fields["phone"] == "+1 555 0199"


def test_vcard_4_phone_uris_are_read_and_written_as_text() -> None:
    assert read_card(V4).fields["phone"] == "+44-20-7946-0000"
    patched = patch_card(V4, {"phone": "+44 20 0000 0000", "email": "alan@example.org"})
    assert "TEL;TYPE=cell:+44 20 0000 0000" in patched.split("\r\n")
    assert "EMAIL:alan@example.org" in patched.split("\r\n")  # 4.0: no TYPE=INTERNET
    assert "GEO:geo:52.2,0.1" in patched


def test_text_with_commas_and_semicolons_survives_a_round_trip() -> None:
    fields = {
        "first_name": "Zoë",
        "last_name": "O'Brien; Jr",
        "company": "Smith, Jones & Co",
        "title": "Line one\nLine two",
    }
    card = read_card(new_card("u-1", fields, "4.0"))
    assert card.version == "4.0"
    assert card.fields["last_name"] == "O'Brien; Jr"
    assert card.fields["company"] == "Smith, Jones & Co"
    assert card.fields["title"] == "Line one Line two"  # one line, as the app keeps titles


def test_long_lines_are_folded_at_75_octets_without_splitting_a_character() -> None:
    line = "NOTE:" + "é" * 100
    folded = fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line


def test_a_note_keeps_its_lines_and_the_street_is_the_adr_street() -> None:
    text = new_card(
        "n-1",
        {
            "first_name": "Ada",
            "last_name": "Lovelace",
            "notes": "Met at the Analytical Society.\nAsk about Babbage; and the engine, again.",
            "address": "12 St James's Square",
            "city": "London",
        },
    )
    assert (
        "NOTE:Met at the Analytical Society.\\nAsk about Babbage\\; and the engine\\, again."
        in text.replace("\r\n ", "")  # unfolded: the line is longer than 75 octets
    )
    fields = read_card(text).fields
    assert (
        fields["notes"]
        == "Met at the Analytical Society.\nAsk about Babbage; and the engine, again."
    )
    assert (fields["address"], fields["city"]) == ("12 St James's Square", "London")


def test_patching_the_street_and_the_note_keeps_the_rest_of_the_address() -> None:
    patched = patch_card(APPLE, {"address": "2 Navy Way", "notes": "Two lines\nhere"})
    assert "ADR;type=WORK:;;2 Navy Way;Arlington;VA;22202;USA\r\n" in patched
    assert read_card(patched).fields["notes"] == "Two lines\nhere"
    assert "X-CUSTOM:keep me\r\n" in patched
    removed = patch_card(patched, {"notes": None})
    assert "NOTE" not in removed
