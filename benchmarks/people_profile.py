"""Build a large, realistic profile fast (Core bulk inserts), for the People benchmarks."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert

from chatplanner.db.models import Contact, Group, Meeting, Outreach, contact_groups
from chatplanner.services.workspace import Workspace

FIRST = [
    "Zoë", "Anna", "José María", "محمد", "伟", "Priya", "Łukasz", "Siobhán", "Ngozi", "Hans",
    "Amara", "Kenji", "Olúwadámilọ́lá", "Chloé", "Mateo", "Aarav", "Fatima", "Noa", "Liam", "Mei",
    "Sofia", "Oliver", "Isabela", "Ahmed", "Elena", "Tomás", "Yuki", "Grace", "Omar", "Nadia",
]  # fmt: skip
LAST = [
    "Lefèvre", "Kowalska", "García-Núñez", "العلي", "王", "Raghunathan", "Wiśniewski", "Okafor",
    "Tremblay", "Nguyen", "Smith", "Cohen", "Haddad", "Müller", "Rossi", "Kim", "Singh", "Brown",
    "Adébáyọ̀", "O'Neill", "Silva", "Patel", "Dubois", "Novak", "Andersson", "Takahashi",
]  # fmt: skip
COMPANIES = [
    "Acme Robotics, Inc.", "Société Générale", "Tidewater Analytics", "Siemens AG", "Nubank",
    "Lakeshore Transit Partners", "Credit River Utilities", "Kora Payments", "Shopify", "RBC",
    "Hydro One", "Deloitte", "Aecon", "Stantec", "Wealthsimple", "City of Toronto", None,
]  # fmt: skip
TITLES = [
    "Software Engineer", "Product Manager", "Data Scientist", "Project Engineer",
    "Senior Water Resources Engineer", "Technical Recruiter", "Scheduling Analyst",
    "Director of Engineering", "Analyste Crédit", "Site Superintendent", None,
]  # fmt: skip
CITIES = [
    "Toronto", "Mississauga", "Montréal", "Ottawa", "Vancouver", "Calgary", "Waterloo",
    "Hamilton", "Lagos", "London", "São Paulo", None,
]  # fmt: skip
GROUPS = [
    "PMI Toronto (PMP)", "PEng Ontario – Toronto Chapter", "Women in Data Toronto",
    "Toronto Tech Meetup", "UofT Engineering Alumni", "CET Network", "Product People Online",
    "Newcomers in Tech Canada", "Waterloo Alumni", "Python Toronto", "Data Science Montréal",
    "Civil Engineers Network", "Transit Nerds", "Women in Construction", "Agile Ottawa",
    "Startup Grind", "Toastmasters Downtown", "CPA Ontario", "ISA Toronto", "DevOps Days",
]  # fmt: skip
NOTES = [
    "Met at the spring mixer; ask about the PMP exam.",
    "Moved from Junior Engineer to Project Manager in two years.",
    "Gave the lightning talk on forecasting ridership with messy sensor data.",
    "Licensed abroad first, then got her P.Eng. here.",
    "",
    "",
]
KINDS = ["peer"] * 6 + ["mentor"] * 2 + ["recruiter", "other"]
STAGES = ["not_contacted"] * 7 + ["messaged", "replied", "met", "keeping_in_touch", "moved_on"]
GOALS = [None, "professional_development", "mentorship", "job_lead", "recommendation_letter"]


# Long: one bulk insert per table, in one transaction.
def build_profile(directory: Path, contacts: int = 30_000, seed: int = 7) -> None:
    """A profile with `contacts` people, 20 groups, memberships, messages and some meetings."""
    rng = random.Random(seed)
    now = datetime.now(UTC)
    moment = now
    with Workspace.open(directory) as workspace, workspace.context.sessions.begin() as session:
        session.execute(
            insert(Group),
            [{"id": i + 1, "name": name, "created_at": moment} for i, name in enumerate(GROUPS)],
        )
        rows = []
        for i in range(1, contacts + 1):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            rows.append(
                {
                    "id": i,
                    "first_name": first,
                    "last_name": last,
                    "email": f"person{i}@example.com" if rng.random() < 0.2 else None,
                    "linkedin_url": f"https://www.linkedin.com/in/person-{i}",
                    "company": rng.choice(COMPANIES),
                    "title": rng.choice(TITLES),
                    "city": rng.choice(CITIES),
                    "kind": rng.choice(KINDS),
                    "goal": rng.choice(GOALS),
                    "online_activity": "unknown",
                    "stage": rng.choice(STAGES),
                    "notes": rng.choice(NOTES),
                    "source": "linkedin",
                    "archived": rng.random() < 0.01,
                    "created_at": moment,
                    "updated_at": moment,
                }
            )
        session.execute(insert(Contact), rows)
        memberships = []
        for i in range(1, contacts + 1):
            for group_id in rng.sample(range(1, len(GROUPS) + 1), rng.choice((0, 0, 1, 1, 2, 3))):
                memberships.append({"contact_id": i, "group_id": group_id})
        session.execute(insert(contact_groups), memberships)
        messages = []
        meetings = []
        for i in rng.sample(range(1, contacts + 1), contacts // 10):
            sent = now - timedelta(days=rng.randint(1, 400), minutes=rng.randint(0, 1440))
            replied = sent + timedelta(days=rng.randint(0, 6)) if rng.random() < 0.5 else None
            messages.append(
                {
                    "contact_id": i,
                    "kind": "first_message",
                    "channel": "linkedin",
                    "body": "Hi, would you have 20 minutes for a coffee chat?",
                    "sent_at": sent,
                    "replied_at": replied if replied else None,
                }
            )
            if replied and rng.random() < 0.4:
                meetings.append(
                    {
                        "contact_id": i,
                        "mode": "in_person",
                        "starts_at": replied + timedelta(days=7),
                        "status": "done",
                        "created_at": moment,
                        "updated_at": moment,
                    }
                )
        session.execute(insert(Outreach), messages)
        if meetings:
            session.execute(insert(Meeting), meetings)
