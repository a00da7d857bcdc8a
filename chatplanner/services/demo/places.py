"""Sample data for the demo profile: the user, cities, groups and venues around Toronto."""

from __future__ import annotations

from dataclasses import dataclass

from chatplanner.domain.enums import GroupKind, VenueKind

# The user the demo profile belongs to; values are stored JSON-encoded in `settings`.
USER_SETTINGS: dict[str, object] = {
    "user.name": "Amara Okafor",
    "user.email": "amara.okafor@example.com",
    "user.title": "Site Engineer",
    "user.signature": (
        "Amara Okafor, EIT\n"
        "Site Engineer · PMP candidate\n"
        "+1 416-555-0142 · linkedin.com/in/amara-okafor"
    ),
    "user.base": {
        "label": "Home",
        "city": "Toronto",
        "latitude": 43.6532,
        "longitude": -79.3832,
    },
    # Written to fit a sentence such as "I'm hoping to {goal}".
    "user.goal": "move from site engineering into infrastructure project management",
}

TIMEZONE = "America/Toronto"


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country: str
    latitude: float
    longitude: float


CITIES: dict[str, City] = {
    "toronto": City("Toronto", "Canada", 43.6532, -79.3832),
    "mississauga": City("Mississauga", "Canada", 43.5890, -79.6441),
    "waterloo": City("Waterloo", "Canada", 43.4643, -80.5204),
    "ottawa": City("Ottawa", "Canada", 45.4215, -75.6972),
    "montreal": City("Montréal", "Canada", 45.5019, -73.5674),
    "vancouver": City("Vancouver", "Canada", 49.2827, -123.1207),
    "calgary": City("Calgary", "Canada", 51.0447, -114.0719),
    "london": City("London", "United Kingdom", 51.5072, -0.1276),
    "lagos": City("Lagos", "Nigeria", 6.5244, 3.3792),
}


@dataclass(frozen=True, slots=True)
class GroupSpec:
    key: str
    name: str
    kind: GroupKind
    description: str
    url: str | None = None
    keep_in_touch_days: int | None = None


GROUPS: tuple[GroupSpec, ...] = (
    GroupSpec(
        "peng",
        "PEng Ontario – Toronto Chapter",
        GroupKind.LICENCE_CHAPTER,
        "Monthly chapter nights downtown: licensing talks, the PPE exam study group, and plenty "
        "of engineers who remember being EITs.",
        keep_in_touch_days=60,
    ),
    GroupSpec(
        "pmi",
        "PMI Toronto (PMP)",
        GroupKind.ASSOCIATION,
        "Breakfast series on the second Tuesday; PMP study circle on Thursday evenings.",
        keep_in_touch_days=30,
    ),
    GroupSpec(
        "cet",
        "CET Network",
        GroupKind.LICENCE_CHAPTER,
        "Certified engineering technologists, mostly civil and construction. Good for people "
        "who moved from site work into office roles.",
    ),
    GroupSpec(
        "wid",
        "Women in Data Toronto",
        GroupKind.CLUB,
        "Monthly talks and a friendly Slack. Many members came to data from engineering.",
        keep_in_touch_days=30,
    ),
    GroupSpec(
        "ppo",
        "Product People Online",
        GroupKind.ONLINE_GROUP,
        "Slack community for product managers: #career-switchers and a Friday AMA.",
        url="https://community.example.org/product-people",
    ),
    GroupSpec(
        "uoft",
        "UofT Engineering Alumni",
        GroupKind.ALUMNI,
        "Civil and Mineral Engineering alumni; the mentorship programme opens each September.",
    ),
    GroupSpec(
        "ttm",
        "Toronto Tech Meetup",
        GroupKind.CLUB,
        "Big monthly meetup: lightning talks, then pizza and very loud networking.",
    ),
    GroupSpec(
        "nitc",
        "Newcomers in Tech Canada",
        GroupKind.ONLINE_GROUP,
        "Online community for internationally trained professionals: résumé reviews and "
        "weekly office hours.",
        url="https://newcomers.example.org",
    ),
)


@dataclass(frozen=True, slots=True)
class VenueSpec:
    key: str
    name: str
    kind: VenueKind
    address: str
    city: str
    latitude: float
    longitude: float
    quietness: int  # 1 loud .. 5 quiet
    knows_commute: bool
    knows_parking: bool
    knows_menu: bool
    notes: str


VENUES: tuple[VenueSpec, ...] = (
    VenueSpec(
        "reading_room",
        "Reading Room Café",
        VenueKind.OTHER,
        "789 Yonge St (Toronto Reference Library, ground floor)",
        "Toronto",
        43.6719,
        -79.3868,
        5,
        True,
        False,
        True,
        "Inside the library: calm, tables by the windows, sandwiches and pastries only. "
        "Opens at 9, closes at 8:30 pm on weekdays. Two minutes from Bloor-Yonge station.",
    ),
    VenueSpec(
        "lantern",
        "Lantern & Leaf Coffee",
        VenueKind.COFFEE_SHOP,
        "612 Queen St W",
        "Toronto",
        43.6470,
        -79.4030,
        3,
        True,
        False,
        True,
        "Very good oat flat white. The back room is calmer; the front fills up after 11.",
    ),
    VenueSpec(
        "morning_crane",
        "Morning Crane Coffee",
        VenueKind.COFFEE_SHOP,
        "225 King St W",
        "Toronto",
        43.6470,
        -79.3875,
        2,
        True,
        False,
        False,
        "Next to St Andrew station, easy for people working downtown. Loud at noon: go at "
        "8:30 or after 2.",
    ),
    VenueSpec(
        "annex",
        "Annex Roasters",
        VenueKind.COFFEE_SHOP,
        "540 Bloor St W",
        "Toronto",
        43.6655,
        -79.4100,
        4,
        True,
        True,
        False,
        "Long communal table and quiet corners. Green P parking on Lippincott St.",
    ),
    VenueSpec(
        "midtown",
        "Midtown Grind",
        VenueKind.COFFEE_SHOP,
        "2300 Yonge St",
        "Toronto",
        43.7073,
        -79.3984,
        3,
        True,
        True,
        True,
        "At Yonge and Eglinton, handy for people north of the city. Underground parking in "
        "the building.",
    ),
    VenueSpec(
        "cornerstone",
        "Cornerstone Café",
        VenueKind.COFFEE_SHOP,
        "1080 Queen St E",
        "Toronto",
        43.6621,
        -79.3350,
        4,
        False,
        False,
        True,
        "Big tables, good light, almost empty mid-afternoon. Streetcar 501 stops outside.",
    ),
    VenueSpec(
        "credit_river",
        "Credit River Café",
        VenueKind.COFFEE_SHOP,
        "4141 Living Arts Dr",
        "Mississauga",
        43.5925,
        -79.6429,
        3,
        False,
        True,
        False,
        "Halfway point for people coming from Mississauga or Oakville; free parking.",
    ),
    VenueSpec(
        "little_saffron",
        "Little Saffron Kitchen",
        VenueKind.RESTAURANT,
        "370 College St",
        "Toronto",
        43.6577,
        -79.4062,
        3,
        True,
        False,
        True,
        "Lunch special until 3 pm. The booths at the back are good for talking. Plenty of "
        "vegetarian dishes.",
    ),
    VenueSpec(
        "harbour_table",
        "Harbour Table",
        VenueKind.RESTAURANT,
        "25 Queens Quay E",
        "Toronto",
        43.6425,
        -79.3725,
        4,
        True,
        True,
        True,
        "On the pricier side; right for a thank-you lunch with a mentor. Book ahead.",
    ),
    VenueSpec(
        "signal_house",
        "Signal House Taproom",
        VenueKind.BAR,
        "85 Front St E",
        "Toronto",
        43.6487,
        -79.3718,
        1,
        True,
        False,
        True,
        "Where the PEng chapter goes after events. Fun, but too loud for a real chat after 6.",
    ),
)


@dataclass(frozen=True, slots=True)
class BeenHere:
    """An "I've been here" visit, not tied to a meeting."""

    venue: str
    day: int  # relative to today, negative in the past
    note: str = ""


BEEN_HERE: tuple[BeenHere, ...] = (
    BeenHere("reading_room", -95, "Studied for the PMP exam here all afternoon."),
    BeenHere("reading_room", -40, "Quiet enough for a phone interview in the study rooms."),
    BeenHere("reading_room", -12),
    BeenHere("lantern", -55, "Tried it with Chidi. Back room is the place."),
    BeenHere("lantern", -18),
    BeenHere("annex", -66, "Good Wi-Fi; the corner table by the plants is quiet."),
    BeenHere("signal_house", -58, "After the chapter night on licensing."),
    BeenHere("signal_house", -27, "After the PPE study group."),
    BeenHere("cornerstone", -33, "Empty at 3 pm on a Wednesday."),
)
