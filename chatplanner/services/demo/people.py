"""Sample data for the demo profile: forty contacts across the whole outreach pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from chatplanner.domain.enums import Channel, ContactKind, Goal, OnlineActivity, Stage

K = ContactKind
S = Stage
G = Goal
A = OnlineActivity


@dataclass(frozen=True, slots=True)
class Touch:
    """A keep-in-touch message after the chat."""

    day: int
    text: str
    channel: Channel = Channel.LINKEDIN


@dataclass(frozen=True, slots=True)
class PersonSpec:
    """One contact and the story of how the user reached out. Days are relative to today."""

    key: str  # also the LinkedIn slug
    first: str
    last: str
    kind: ContactKind
    stage: Stage
    city: str
    company: str
    title: str
    previous_title: str | None
    years_in_role: int | None
    goal: Goal
    activity: OnlineActivity
    groups: tuple[str, ...]
    connected: int | None = None  # LinkedIn connection, days relative to today
    email: str | None = None
    phone: str | None = None
    notes: str = ""
    keep_in_touch_days: int | None = None
    follow_up_after_days: int | None = None
    move_on_after_days: int | None = None
    snoozed: int | None = None
    # The first message, its follow-up and what came of them.
    message: str = ""
    channel: Channel = Channel.LINKEDIN
    subject: str = ""
    sent: int | None = None
    replied: int | None = None
    follow_up: str = ""
    followed_up: int | None = None
    moved_on: int | None = None
    touches: tuple[Touch, ...] = ()


# One row per person, laid out by hand for reading: kept out of the formatter.
# fmt: off
PEOPLE: tuple[PersonSpec, ...] = (
    # --- Not contacted yet --------------------------------------------------------------
    PersonSpec(
        "noa-cohen-3a91b2", "נועה", "כהן", K.PEER, S.NOT_CONTACTED, "toronto",
        "Tidewater Analytics", "Data Scientist", "Research Assistant", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.OFTEN, ("wid", "ttm"), connected=-21,
        notes="Gave the lightning talk on forecasting ridership with messy sensor data.",
    ),
    PersonSpec(
        "layla-haddad", "ليلى", "حداد", K.MENTOR, S.NOT_CONTACTED, "mississauga",
        "Credit River Utilities", "Senior Water Resources Engineer", "Project Engineer", 6,
        G.MENTORSHIP, A.SOMETIMES, ("peng", "nitc"), connected=-34,
        notes="Licensed in Jordan first, then got her P.Eng. here. Ask how she handled the "
        "experience requirements.",
    ),
    PersonSpec(
        "arjun-mehta", "Arjun", "Mehta", K.PEER, S.NOT_CONTACTED, "toronto",
        "Lakeshore Transit Partners", "Scheduling Analyst", "Junior Planner", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.RARELY, ("pmi",), connected=-140,
    ),
    PersonSpec(
        "chloe-martin", "Chloé", "Martin", K.OTHER, S.NOT_CONTACTED, "ottawa",
        "Federal Infrastructure Policy Office", "Policy Advisor", "Analyst", 3,
        G.OTHER, A.SOMETIMES, ("uoft",), connected=-400,
    ),
    PersonSpec(
        "samuel-osei", "Samuel", "Osei", K.RECRUITER, S.NOT_CONTACTED, "toronto",
        "Northbound Talent Partners", "Senior Technical Recruiter – Engineering",
        "Talent Acquisition Coordinator", 4, G.JOB_LEAD, A.OFTEN, ("nitc", "ttm"),
        connected=-9, email="samuel.osei@example.com",
    ),
    PersonSpec(
        "hannah-schmidt", "Hannah", "Schmidt", K.MENTOR, S.NOT_CONTACTED, "waterloo",
        "Grand River Robotics", "VP Operations", "Program Manager", 5,
        G.MENTORSHIP, A.RARELY, ("uoft",), connected=-700,
        notes="Launching a product this month (her last post). Write after the launch.",
    ),
    PersonSpec(
        "diego-ramirez", "Diego", "Ramírez", K.PEER, S.NOT_CONTACTED, "toronto",
        "Stonebridge Contractors", "Field Engineer", "Co-op Student", 1,
        G.PROFESSIONAL_DEVELOPMENT, A.SOMETIMES, ("peng", "pmi"), connected=-4,
    ),
    PersonSpec(
        "mei-lin-chen", "Mei-Lin", "Chen", K.OTHER, S.NOT_CONTACTED, "vancouver",
        "Pacific Rail Consulting", "Senior Transportation Planner", None, 7,
        G.PROFESSIONAL_DEVELOPMENT, A.UNKNOWN, ("ppo",),
    ),
    # --- Messaged, waiting ---------------------------------------------------------------
    PersonSpec(
        "tomasz-nowak", "Tomasz", "Nowak", K.PEER, S.MESSAGED, "toronto",
        "Harbourfront Engineering", "Structural Engineer, P.Eng.", "Engineer-in-Training", 1,
        G.PROFESSIONAL_DEVELOPMENT, A.OFTEN, ("peng",), connected=-30, sent=-2,
        message="Hi Tomasz, congratulations on the P.Eng.! I'm about eight months from "
        "applying myself. Would you have 20 minutes some time to tell me what you wish you'd "
        "known about the experience record? Coffee's on me.",
    ),
    PersonSpec(
        "grace-mensah", "Grace", "Mensah", K.MENTOR, S.MESSAGED, "toronto",
        "Toronto Capital Projects Office", "Senior Project Manager", "Project Engineer", 8,
        G.MENTORSHIP, A.SOMETIMES, ("pmi", "wid"), connected=-60, sent=-5,
        message="Hi Grace, your talk at the PMI breakfast on stakeholder maps for the "
        "waterfront work stayed with me. I'm a site engineer moving toward project "
        "management. Could I ask you a few questions over a coffee in the next few weeks?",
    ),
    PersonSpec(
        "ravi-iyer", "Ravi", "Iyer", K.PEER, S.MESSAGED, "mississauga",
        "Orbit Logistics", "Business Analyst", "Operations Analyst", 3,
        G.PROFESSIONAL_DEVELOPMENT, A.OFTEN, ("ppo",), connected=-15, sent=-4,
        message="Hi Ravi, I enjoyed your post on writing requirements that site crews "
        "actually read. I'm trying to get better at exactly that. Would you be up for a "
        "short call?",
    ),
    PersonSpec(
        "camille-gagnon", "Camille", "Gagnon", K.MENTOR, S.MESSAGED, "montreal",
        "Voies Urbaines Inc.", "Project Director", "Project Manager", 4,
        G.MENTORSHIP, A.SOMETIMES, ("cet", "uoft"), connected=-200, sent=-9,
        message="Bonjour Camille, a fellow UofT civil grad here. I saw you led the "
        "tramway extension; I'd love to hear how you moved from design into running "
        "projects. Would a 30-minute video call work for you?",
    ),
    PersonSpec(
        "ahmed-hassan", "Ahmed", "Hassan", K.RECRUITER, S.MESSAGED, "toronto",
        "Keystone Engineering Recruitment", "Recruitment Consultant – Infrastructure",
        "Account Manager", 2, G.JOB_LEAD, A.OFTEN, ("nitc",), connected=-12,
        email="ahmed.hassan@example.org", channel=Channel.EMAIL, sent=-9,
        subject="Site engineer (EIT) interested in project coordinator roles",
        message="Hi Ahmed,\n\nI'm a site engineer (EIT) with three years on transit and "
        "road projects, now looking at project coordinator and junior PM roles in the GTA. "
        "My résumé is attached. If any of your clients are hiring, I'd be glad to talk.\n\n"
        "Best regards,\nAmara",
    ),
    PersonSpec(
        "sophie-lambert", "Sophie", "Lambert", K.PEER, S.MESSAGED, "ottawa",
        "Capital Light Rail Partners", "Project Controls Analyst", "Cost Estimator", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.RARELY, ("pmi",), connected=-45, sent=-10,
        follow_up_after_days=14, move_on_after_days=28,
        notes="Rarely on LinkedIn: give her longer before following up.",
        message="Hi Sophie, I'm curious about project controls as a path from site work. "
        "Would you have 20 minutes to tell me what your day looks like?",
    ),
    PersonSpec(
        "oliver-bennett", "Oliver", "Bennett", K.OTHER, S.MESSAGED, "calgary",
        "Prairie Energy Services", "Engineering Manager", "Senior Engineer", 3,
        G.OTHER, A.SOMETIMES, ("uoft",), connected=-300, sent=-16, followed_up=-8,
        message="Hi Oliver, we overlapped on the Calgary ring road job in 2020 (I was the "
        "junior on the drainage crew). I'm applying for my P.Eng. and would love to catch "
        "up briefly.",
        follow_up="Hi Oliver, just floating this back up in case it got buried. No pressure "
        "at all if now's a busy time.",
    ),
    PersonSpec(
        "yuki-tanaka", "Yuki", "Tanaka", K.MENTOR, S.MESSAGED, "vancouver",
        "Salish Sea Port Services", "Director, Capital Projects", "Senior Project Manager", 5,
        G.MENTORSHIP, A.RARELY, ("pmi",), connected=-90, sent=-17, followed_up=-9,
        message="Hi Yuki, your interview on delivering the terminal upgrade while the port "
        "stayed open was fascinating. Could I ask you two or three questions about moving "
        "into capital projects?",
        follow_up="Hi Yuki, following up gently on my note. Even a short reply by message "
        "would help a lot.",
    ),
    PersonSpec(
        "nadia-petrov", "Nadia", "Petrov", K.PEER, S.MESSAGED, "toronto",
        "Quill Data Co.", "Analytics Engineer", "Data Analyst", 1,
        G.PROFESSIONAL_DEVELOPMENT, A.SOMETIMES, ("wid",), connected=-25, sent=-15,
        followed_up=-7,
        message="Hi Nadia, I loved your Women in Data talk on dbt for small teams. I'm "
        "building dashboards for our site progress data; could I pick your brain for 20 "
        "minutes?",
        follow_up="Hi Nadia, bumping this in case it slipped by. Happy to work around your "
        "schedule.",
    ),
    # --- Replied, chat to plan -----------------------------------------------------------
    PersonSpec(
        "lucas-silva", "Lucas", "Silva", K.PEER, S.REPLIED, "toronto",
        "Kinetic Build Technologies", "Construction Data Analyst", "Field Engineer", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.OFTEN, ("ttm", "ppo"), connected=-14, sent=-4,
        replied=-1,
        message="Hi Lucas, field engineer to data analyst is the exact jump I'm weighing. "
        "Would you be open to a coffee near King West some afternoon?",
    ),
    PersonSpec(
        "amina-diallo", "Amina", "Diallo", K.MENTOR, S.REPLIED, "toronto",
        "Lakeshore Health Network", "Director, Facilities Planning",
        "Capital Projects Manager", 4, G.MENTORSHIP, A.SOMETIMES, ("wid", "nitc"),
        connected=-50, sent=-8, replied=-3,
        message="Hi Amina, I heard you speak at Newcomers in Tech about leading the new "
        "wing's construction. As a newcomer engineer myself, I'd be grateful for 30 "
        "minutes of your perspective.",
    ),
    PersonSpec(
        "ethan-clarke", "Ethan", "Clarke", K.RECRUITER, S.REPLIED, "toronto",
        "Harbour & Pine Staffing", "Technical Recruiter", "Recruitment Coordinator", 3,
        G.JOB_LEAD, A.OFTEN, ("ttm",), connected=-7, email="ethan.clarke@example.net",
        phone="+1 416-555-0188", channel=Channel.EMAIL, sent=-6, replied=-2,
        subject="Project coordinator roles – Amara Okafor",
        message="Hi Ethan,\n\nThanks for connecting after the meetup. As mentioned, I'm "
        "looking for project coordinator roles on infrastructure projects. Could we set up "
        "a short call?\n\nBest,\nAmara",
    ),
    PersonSpec(
        "sara-johansson", "Sara", "Johansson", K.OTHER, S.REPLIED, "waterloo",
        "Waterloo Region Transit Lab", "Research Engineer", "PhD Candidate", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.SOMETIMES, ("uoft",), connected=-80, sent=-12,
        replied=-5,
        message="Hi Sara, I read your paper on bus bunching with a coffee and a notebook. "
        "I'd love to understand how your lab works with the transit agency. 20 minutes?",
    ),
    PersonSpec(
        "kwame-asante", "Kwame", "Asante", K.PEER, S.REPLIED, "toronto",
        "Rivermill Construction", "Assistant Project Manager", "Site Engineer", 1,
        G.PROFESSIONAL_DEVELOPMENT, A.SOMETIMES, ("peng", "pmi", "nitc"),
        email="kwame.asante@example.com", channel=Channel.EMAIL, sent=-10, replied=-9,
        snoozed=10, subject="Great to meet you at the PMI chapter night",
        message="Hi Kwame,\n\nGreat to meet you at the PMI chapter night. You mentioned "
        "your first year as an APM; I'd love to hear more over coffee when you have "
        "time.\n\nAmara",
        notes="Busy until the tunnel breakthrough at the end of the month; asked me to "
        "write again after that.",
    ),
    # --- Chat planned --------------------------------------------------------------------
    PersonSpec(
        "oluwadamilola-adebayo", "Olúwadámilọ́lá", "Adébáyọ̀", K.PEER, S.CHAT_PLANNED,
        "lagos", "Kora Payments", "Senior Product Manager", "Business Analyst", 3,
        G.PROFESSIONAL_DEVELOPMENT, A.OFTEN, ("ppo", "nitc"), connected=-40, sent=-9,
        replied=-6,
        notes="Works remotely from Lagos; 5 hours ahead of Toronto. Goes by Dami.",
        message="Hi Dami, your thread on moving from business analysis into product was "
        "so useful. I'm weighing a similar move from engineering. Could we do a short call "
        "at a time that suits Lagos?",
    ),
    PersonSpec(
        "fatemeh-rahimi", "Fatemeh", "Rahimi", K.MENTOR, S.CHAT_PLANNED, "toronto",
        "Northwind Transit Systems", "Senior Project Engineer, P.Eng., PMP",
        "Project Engineer", 5, G.MENTORSHIP, A.SOMETIMES, ("peng", "pmi", "wid"),
        connected=-120, email="fatemeh.rahimi@example.com", sent=-20, replied=-18,
        notes="Cancelled our first coffee the night before (site emergency) and rebooked "
        "right away.",
        message="Hi Fatemeh, I'm studying for the PMP while working as an EIT, and I saw "
        "you did both at once. Would you be willing to share how you managed it over a "
        "coffee?",
    ),
    PersonSpec(
        "daniela-costa", "Daniela", "Costa", K.RECRUITER, S.CHAT_PLANNED, "toronto",
        "Brightpath Infrastructure Careers", "Senior Recruiter – Project Management",
        "Recruiter", 3, G.JOB_LEAD, A.OFTEN, ("pmi",), connected=-8,
        email="daniela.costa@example.org", phone="+1 647-555-0123", channel=Channel.EMAIL,
        sent=-7, replied=-6, subject="Junior PM / project coordinator – Amara Okafor",
        message="Hi Daniela,\n\nThank you for your post about the junior PM openings on the "
        "transit expansion. I have three years of site experience on transit work and I'm "
        "writing the PMP this spring. Could we talk?\n\nAmara",
    ),
    # --- Met, thank-you owed -------------------------------------------------------------
    PersonSpec(
        "anna-kowalska", "Anna", "Kowalska", K.MENTOR, S.MET, "toronto",
        "Lakeshore Transit Partners", "Senior Project Manager", "Civil Engineer", 6,
        G.MENTORSHIP, A.SOMETIMES, ("pmi", "uoft"), connected=-150,
        email="anna.kowalska@example.com", sent=-12, replied=-10,
        message="Hi Anna, fellow UofT civil alum here. I'd love to hear how you went from "
        "civil design to running a station package. Lunch near College some day?",
    ),
    # --- Thanked -------------------------------------------------------------------------
    PersonSpec(
        "jessica-nguyen", "Jessica", "Nguyen", K.PEER, S.THANKED, "toronto",
        "Tidewater Analytics", "Data Analyst", "Civil Engineering Technologist", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.OFTEN, ("wid", "cet"), connected=-70,
        email="jessica.nguyen@example.com", sent=-38, replied=-36,
        message="Hi Jessica, we were at the same Women in Data table last week. I'd love "
        "to hear more about going from C.E.T. to data analyst. Coffee on Queen West?",
    ),
    PersonSpec(
        "wei-wang", "Wei", "Wang 王伟", K.MENTOR, S.THANKED, "waterloo",
        "Regional Mobility Analytics", "Principal Transit Data Scientist",
        "Transportation Engineer", 4, G.MENTORSHIP, A.RARELY, ("uoft", "ttm"),
        connected=-250, sent=-30, replied=-27,
        message="Hi Wei, your Toronto Tech Meetup talk on GTFS data quality was the "
        "clearest I've heard. I'm an engineer learning Python for transit data. Could I ask "
        "you a few questions on a call?",
    ),
    PersonSpec(
        "siobhan-oneill", "Siobhán", "O'Neill", K.OTHER, S.THANKED, "london",
        "Thameside Infrastructure Advisory", "Associate Director", "Project Manager", 3,
        G.PROFESSIONAL_DEVELOPMENT, A.SOMETIMES, ("ppo",), connected=-60,
        email="siobhan.oneill@example.co.uk", sent=-22, replied=-21,
        message="Hi Siobhán, I found your article on lessons from big rail programmes. "
        "I'd really value 30 minutes on how UK infrastructure PMs build their careers. "
        "Happy to call at a time that suits London.",
    ),
    PersonSpec(
        "kenji-sato", "Kenji", "Sato", K.PEER, S.THANKED, "toronto",
        "Beacon Civil Group", "Project Coordinator", "Site Engineer", 1,
        G.PROFESSIONAL_DEVELOPMENT, A.OFTEN, ("peng", "pmi"), connected=-20,
        email="kenji.sato@example.com", sent=-15, replied=-14,
        message="Hi Kenji, I saw you moved from site engineer to project coordinator this "
        "year; it's the move I'm working toward. Coffee in the Annex some evening?",
    ),
    # --- Keeping in touch ----------------------------------------------------------------
    PersonSpec(
        "zoe-tremblay", "Zoë", "Tremblay", K.MENTOR, S.KEEPING_IN_TOUCH, "montreal",
        "Hydro Ligne Conseil", "VP, Project Delivery", "Director of Engineering", 2,
        G.MENTORSHIP, A.SOMETIMES, ("uoft", "cet"), connected=-365,
        email="zoe.tremblay@example.com", keep_in_touch_days=60, sent=-84, replied=-82,
        message="Hi Zoë, I'm a UofT civil grad and a site engineer in Toronto. Your path "
        "from engineering director to VP delivery is one I'd love to learn from. Would you "
        "have 45 minutes for a video call?",
        touches=(
            Touch(-40, "Hi Zoë, I used your 'one-page project charter' idea on our culvert "
            "job and my PM loved it. Thank you again!"),
        ),
    ),
    PersonSpec(
        "priya-raghunathan", "Priya", "Raghunathan", K.MENTOR, S.KEEPING_IN_TOUCH,
        "toronto", "Greenway Infrastructure", "PMO Director", "Senior Project Manager", 3,
        G.MENTORSHIP, A.OFTEN, ("pmi", "wid"), connected=-100,
        email="priya.raghunathan@example.com", keep_in_touch_days=30, sent=-70,
        replied=-69,
        message="Hi Priya, I attended your PMI session on risk registers. I'm an EIT "
        "preparing for the PMP and would love your advice on where to focus. Coffee near "
        "Bloor-Yonge?",
        touches=(
            Touch(-45, "Hi Priya, here's the PMP study plan we talked about; I booked the "
            "exam for the spring!", Channel.EMAIL),
            Touch(-33, "Congratulations on the Greenway award, well deserved!"),
        ),
    ),
    PersonSpec(
        "mohammed-al-sayed", "Mohammed", "Al-Sayed", K.PEER, S.KEEPING_IN_TOUCH, "toronto",
        "Harbourfront Engineering", "Project Engineer, P.Eng.", "Engineer-in-Training", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.SOMETIMES, ("peng", "nitc"), connected=-75,
        email="m.alsayed@example.com", keep_in_touch_days=90, sent=-52, replied=-51,
        message="Hi Mohammed, you got your P.Eng. last year after moving from Cairo, and "
        "I'd love to hear how you handled the Canadian experience part. Lunch near King St?",
        touches=(
            Touch(-20, "Saw your post on the bridge deck inspection. Great photos, and "
            "thanks again for the PPE tips!"),
        ),
    ),
    PersonSpec(
        "jose-alvarez", "José", "Álvarez", K.MENTOR, S.KEEPING_IN_TOUCH, "calgary",
        "Foothills Pipeline Constructors", "Construction Manager", "Superintendent", 6,
        G.RECOMMENDATION_LETTER, A.RARELY, ("peng",), connected=-1500,
        email="jose.alvarez@example.com", phone="+1 403-555-0161", keep_in_touch_days=90,
        notes="My supervisor on the Calgary ring road job (2019–2021). Agreed to be a "
        "referee for my P.Eng. experience record: keep him posted.",
        touches=(
            Touch(-100, "Hola José! Quick update: my experience record is submitted. Thank "
            "you again for agreeing to be a referee.", Channel.EMAIL),
        ),
    ),
    PersonSpec(
        "thandiwe-ndlovu", "Thandiwe", "Ndlovu", K.OTHER, S.KEEPING_IN_TOUCH, "toronto",
        "University of Toronto", "Associate Professor, Civil Engineering",
        "Assistant Professor", 5, G.RECOMMENDATION_LETTER, A.RARELY, ("uoft",),
        connected=-1300, email="t.ndlovu@example.edu", keep_in_touch_days=120,
        notes="Supervised my capstone on stormwater retention. Wrote a reference for my "
        "first job.",
        touches=(
            Touch(-30, "Dear Professor Ndlovu, here's the photo from the alumni night, and "
            "news: I'm writing the PMP in the spring.", Channel.EMAIL),
        ),
    ),
    # --- No reply, moved on --------------------------------------------------------------
    PersonSpec(
        "brandon-taylor", "Brandon", "Taylor", K.RECRUITER, S.MOVED_ON, "toronto",
        "Apex Talent Group", "Recruiter", None, 1, G.JOB_LEAD, A.RARELY, ("ttm",),
        connected=-50, sent=-45, followed_up=-37, moved_on=-30,
        message="Hi Brandon, I saw your post about a project coordinator role in "
        "construction. I'm an EIT with three years on site; is it still open?",
        follow_up="Hi Brandon, following up on the coordinator role. Happy to send my "
        "résumé.",
    ),
    PersonSpec(
        "isabelle-roy", "Isabelle", "Roy", K.MENTOR, S.MOVED_ON, "montreal",
        "Groupe Pont-Neuf", "Chief Engineer", "Senior Bridge Engineer", 8,
        G.MENTORSHIP, A.RARELY, ("cet",), connected=-220, sent=-50, followed_up=-42,
        moved_on=-35,
        message="Bonjour Isabelle, I admire your work on the bridge rehabilitation "
        "programme. Could I ask you a few questions about your career path?",
        follow_up="Bonjour Isabelle, a gentle follow-up. I know you're very busy; a short "
        "reply would mean a lot.",
    ),
    PersonSpec(
        "vikram-singh", "Vikram", "Singh", K.PEER, S.MOVED_ON, "mississauga",
        "Orbit Logistics", "Supply Chain Analyst", "Warehouse Supervisor", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.SOMETIMES, ("nitc",), connected=-40, sent=-33,
        followed_up=-25, moved_on=-18,
        message="Hi Vikram, your post on learning SQL at 35 encouraged me to start. Could "
        "we chat for 15 minutes about how you did it?",
        follow_up="Hi Vikram, just checking whether you saw my note. Totally fine if not!",
    ),
    PersonSpec(
        "emily-watson", "Emily", "Watson", K.MENTOR, S.MOVED_ON, "ottawa",
        "Capital Light Rail Partners", "Program Director", "Project Director", 3,
        G.MENTORSHIP, A.RARELY, ("pmi",), connected=-90, sent=-60, followed_up=-52,
        moved_on=-45,
        message="Hi Emily, I'm an EIT in Toronto aiming for transit project management. "
        "Could I ask you a few questions about Stage 2 of the LRT?",
        follow_up="Hi Emily, I'm following up on my earlier note. Thanks for considering it.",
    ),
    PersonSpec(
        "farah-siddiqui", "Farah", "Siddiqui", K.PEER, S.MOVED_ON, "vancouver",
        "Northshore Environmental", "Environmental Data Specialist", "Field Technician", 2,
        G.PROFESSIONAL_DEVELOPMENT, A.UNKNOWN, ("wid",), connected=-35, sent=-28,
        followed_up=-21, moved_on=-13,
        message="Hi Farah, I'm moving toward data work from site engineering too. Would "
        "you share what helped you most?",
        follow_up="Hi Farah, bumping this gently. Thanks either way!",
    ),
)
# fmt: on
