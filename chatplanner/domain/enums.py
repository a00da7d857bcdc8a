"""The closed vocabularies of the product, stored in the database by their string values."""

from __future__ import annotations

from enum import StrEnum


class ContactKind(StrEnum):
    MENTOR = "mentor"
    PEER = "peer"
    RECRUITER = "recruiter"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def noun(self) -> str:
        """One such person, inside a sentence: "mentor", "peer", "recruiter", "contact"."""
        return "contact" if self is ContactKind.OTHER else self.value

    @property
    def is_business_only(self) -> bool:
        """Recruiters are a professional relationship: kept apart from networking chats."""
        return self is ContactKind.RECRUITER


class Goal(StrEnum):
    """What the user wants from a contact."""

    PROFESSIONAL_DEVELOPMENT = "professional_development"
    MENTORSHIP = "mentorship"
    RECOMMENDATION_LETTER = "recommendation_letter"
    JOB_LEAD = "job_lead"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class OnlineActivity(StrEnum):
    """How active a contact is online: active people see and answer messages."""

    OFTEN = "often"
    SOMETIMES = "sometimes"
    RARELY = "rarely"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return {
            "often": "Posts often",
            "sometimes": "Posts sometimes",
            "rarely": "Rarely posts",
            "unknown": "Unknown",
        }[self.value]


class Stage(StrEnum):
    """Where a contact stands in the outreach pipeline."""

    NOT_CONTACTED = "not_contacted"
    MESSAGED = "messaged"
    REPLIED = "replied"
    CHAT_PLANNED = "chat_planned"
    MET = "met"
    THANKED = "thanked"
    KEEPING_IN_TOUCH = "keeping_in_touch"
    MOVED_ON = "moved_on"

    @property
    def label(self) -> str:
        if self is Stage.MOVED_ON:
            return "No reply, moved on"
        return self.value.replace("_", " ").capitalize()


class GroupKind(StrEnum):
    CLUB = "club"
    ASSOCIATION = "association"
    LICENCE_CHAPTER = "licence_chapter"
    ONLINE_GROUP = "online_group"
    ALUMNI = "alumni"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class Channel(StrEnum):
    LINKEDIN = "linkedin"
    EMAIL = "email"
    PHONE = "phone"
    IN_PERSON = "in_person"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {"linkedin": "LinkedIn", "in_person": "In person"}.get(
            self.value, self.value.capitalize()
        )


class OutreachKind(StrEnum):
    FIRST_MESSAGE = "first_message"
    FOLLOW_UP = "follow_up"
    TOUCH = "touch"
    THANK_YOU = "thank_you"


class MeetingMode(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"

    @property
    def label(self) -> str:
        return "In person" if self is MeetingMode.IN_PERSON else "Online call"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    DONE = "done"
    CANCELLED = "cancelled"


class VenueKind(StrEnum):
    COFFEE_SHOP = "coffee_shop"
    RESTAURANT = "restaurant"
    BAR = "bar"
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class TravelMode(StrEnum):
    WALK = "walk"
    BIKE = "bike"
    TRANSIT = "transit"
    CAR = "car"


class ChecklistPhase(StrEnum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


class FollowUpOwner(StrEnum):
    """Who promised a follow-up: the user or the contact."""

    ME = "me"
    THEM = "them"


class TemplateKind(StrEnum):
    FIRST_MESSAGE = "first_message"
    FOLLOW_UP = "follow_up"
    RECRUITER = "recruiter"
    JOB_LEAD = "job_lead"  # a first message asking about work at their company
    INTRODUCTION = "introduction"  # a short first message that needs only name, title, company
    KEEP_IN_TOUCH = "keep_in_touch"  # to someone already met: how it is going, what is new
    THANK_YOU = "thank_you"
    CHECKLIST = "checklist"
