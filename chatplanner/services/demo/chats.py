"""Sample data for the demo profile: twelve chats, their notes, promises and thank-yous."""

from __future__ import annotations

from dataclasses import dataclass

from chatplanner.domain.enums import FollowUpOwner, MeetingMode, MeetingStatus, TravelMode

ME = FollowUpOwner.ME
THEM = FollowUpOwner.THEM


@dataclass(frozen=True, slots=True)
class NotesSpec:
    their_past: str
    their_present: str
    their_goals: str
    advice: str
    resources: str
    free_notes: str


@dataclass(frozen=True, slots=True)
class FollowUpSpec:
    owner: FollowUpOwner
    text: str
    due: int | None  # days relative to today
    done: int | None = None


@dataclass(frozen=True, slots=True)
class ActedOnSpec:
    """A piece of the chat's advice the user acted on (its index among the advice pieces)."""

    piece: int
    day: int
    outcome: str
    reported: int | None = None  # the day the report-back went out


@dataclass(frozen=True, slots=True)
class ThankYouSpec:
    """What the generated thank-you says; `sent` is None while it is still owed."""

    topic: str
    takeaway: str
    next_step: str
    sent: int | None
    personal_line: str = ""  # the user's own edit on top of the generated text


@dataclass(frozen=True, slots=True)
class ChatSpec:
    person: str
    day: int  # relative to today: negative in the past
    hour: int  # local time in Toronto
    minute: int
    status: MeetingStatus
    mode: MeetingMode
    planned: int  # the day it was arranged
    venue: str | None = None
    call_link: str | None = None
    duration: int = 45
    travel: TravelMode | None = None
    tags: str = ""
    questions: tuple[str, ...] = ()
    notes: NotesSpec | None = None
    follow_ups: tuple[FollowUpSpec, ...] = ()
    thank_you: ThankYouSpec | None = None
    # A thank-you sent as a LinkedIn message instead of an email draft.
    thanked_by_message: str = ""
    cancelled_on: int | None = None
    acted_on: tuple[ActedOnSpec, ...] = ()


CHATS: tuple[ChatSpec, ...] = (
    ChatSpec(
        "zoe-tremblay",
        day=-75,
        hour=12,
        minute=0,
        status=MeetingStatus.DONE,
        mode=MeetingMode.ONLINE,
        planned=-81,
        call_link="https://meet.example.com/zqt-rmba-kow",
        tags="mentorship,career-path",
        questions=("How did the secondment into project delivery come about?",),
        notes=NotesSpec(
            their_past="Hydraulic engineer at a consultancy in Québec City, nine years in "
            "design. A secondment as deputy PM on a substation job and she never went back. "
            "Director of Engineering at Hydro Ligne for four years before becoming VP.",
            their_present="VP, Project Delivery: fourteen PMs across transmission projects. "
            "Most of her week is client relationships and unblocking permits. Still reads "
            "every project charter herself.",
            their_goals="Wants to start a PM apprenticeship inside the firm for engineers "
            "like me. Thinking about a part-time MBA, 'but not yet'.",
            advice="Ask for the ugly jobs: change orders, schedule recovery. That is where "
            "PMs are made. Write a one-page project charter for every job, even if nobody "
            "asks. In interviews, tell one story about a project that went wrong and what I "
            "changed because of it.",
            resources="Making Things Happen (Scott Berkun). How Big Things Get Done (Bent "
            "Flyvbjerg and Dan Gardner). PMI's free job aids for project charters.",
            free_notes="Warm, funny and very direct. Said 'Don't wait to feel ready' twice. "
            "Offered to look at my résumé once it is rewritten for PM roles. Her dog, "
            "Poutine, joined the call halfway through.",
        ),
        follow_ups=(
            FollowUpSpec(ME, "Send Zoë my résumé rewritten for PM roles", due=-60, done=-58),
            FollowUpSpec(THEM, "Introduce me to Marc, a rail PM in her Toronto office", -68, -69),
            FollowUpSpec(ME, "Write a one-page charter for the culvert job", due=-50, done=-46),
        ),
        thank_you=ThankYouSpec(
            topic="how you moved from design into project delivery",
            takeaway="asking for the ugly jobs",
            next_step="I'll send you my rewritten résumé by the end of the month.",
            sent=-74,
            personal_line="Please give Poutine a pat from me.",
        ),
        acted_on=(
            ActedOnSpec(
                0,
                day=-22,
                outcome="took over the change-order log on the culvert job",
                reported=-20,
            ),
        ),
    ),
    ChatSpec(
        "priya-raghunathan",
        day=-60,
        hour=9,
        minute=30,
        status=MeetingStatus.DONE,
        mode=MeetingMode.IN_PERSON,
        planned=-68,
        venue="reading_room",
        duration=60,
        travel=TravelMode.TRANSIT,
        tags="pmp,mentorship",
        questions=("Which PMP prep actually worked for her?", "How do I log PM hours as an EIT?"),
        notes=NotesSpec(
            their_past="Came from Chennai in 2009 with a civil degree; started as a CAD "
            "technician because no one counted her Indian experience. P.Eng. in 2013, PMP in "
            "2015, then ten years running hospital and school builds.",
            their_present="PMO Director at Greenway: owns methods, tools and training for 40 "
            "PMs. Moving the firm from spreadsheets to Primavera P6 and Power BI.",
            their_goals="Wants to mentor two newcomer engineers a year, formally. Writing a "
            "short guide on risk registers for small projects.",
            advice="PMP: do the 35 contact hours through the chapter course, then four full "
            "mock exams. A third of the exam is agile or hybrid now, so read the Agile "
            "Practice Guide. Start logging PM hours today for the application. At work, "
            "volunteer to keep the risk register.",
            resources="PMBOK Guide, 7th edition, and the Agile Practice Guide. The PMI "
            "Toronto study circle on Thursdays. A mock-exam simulator with 180-question tests.",
            free_notes="She remembered my name from her session. 'Your Lagos site years "
            "count. Put them on the résumé with numbers.' The Reading Room Café was perfect: "
            "quiet, and she liked it too.",
        ),
        follow_ups=(
            FollowUpSpec(THEM, "Priya to send her risk register template", due=-55, done=-57),
            FollowUpSpec(ME, "Join the PMI Thursday study circle", due=-50, done=-53),
            FollowUpSpec(ME, "Send Priya my PMP study plan", due=-45, done=-45),
        ),
        thank_you=ThankYouSpec(
            topic="how you went from CAD technician to PMO director",
            takeaway="counting my Lagos site years, with numbers",
            next_step="I'll join the Thursday study circle and send you my study plan.",
            sent=-59,
        ),
    ),
    ChatSpec(
        "mohammed-al-sayed",
        day=-45,
        hour=12,
        minute=15,
        status=MeetingStatus.DONE,
        mode=MeetingMode.IN_PERSON,
        planned=-50,
        venue="morning_crane",
        travel=TravelMode.TRANSIT,
        tags="licensing,peng",
        questions=("How did he write the Canadian experience part of his record?",),
        notes=NotesSpec(
            their_past="Civil engineer in Cairo for six years (water networks). Moved to "
            "Toronto in 2019; his first job here was drafting. EIT at Harbourfront in 2021, "
            "P.Eng. last spring.",
            their_present="Project engineer on bridge rehabilitations: inspections, tender "
            "packages, site meetings. Mentors two EITs.",
            their_goals="Lead a bridge job end to end within two years; PMP after that.",
            advice="Write the experience record as I go, not at the end: one paragraph per "
            "project each month, mapped to the competencies. Ask a P.Eng. at work to read a "
            "draft early. For the PPE, the law textbook is enough; do the past papers timed.",
            resources="Law for Professional Engineers (Marston). The licensing body's guide "
            "to experience requirements. The chapter's PPE study group on Tuesdays.",
            free_notes="He brought his own experience record to show me: very generous. We "
            "both hit the 'Canadian experience' wall in year one. Morning Crane was loud at "
            "noon; next time meet earlier.",
        ),
        follow_ups=(
            FollowUpSpec(THEM, "Mohammed to send his PPE past-paper list", due=-40, done=-43),
            FollowUpSpec(ME, "Start the experience record: a paragraph per project", -30, -31),
            FollowUpSpec(ME, "Join the PPE study group", due=-38, done=-27),
        ),
        thank_you=ThankYouSpec(
            topic="how you got through licensing after moving from Cairo",
            takeaway="writing the experience record as I go",
            next_step="I've already started: one paragraph per project, every month.",
            sent=-44,
        ),
        acted_on=(
            ActedOnSpec(
                0, day=-3, outcome="wrote up three projects, and a P.Eng. at work read the draft"
            ),
        ),
    ),
    ChatSpec(
        "jessica-nguyen",
        day=-30,
        hour=17,
        minute=30,
        status=MeetingStatus.DONE,
        mode=MeetingMode.IN_PERSON,
        planned=-35,
        venue="lantern",
        travel=TravelMode.WALK,
        tags="data,career-change",
        questions=("What did her first data portfolio look like?",),
        notes=NotesSpec(
            their_past="C.E.T. in civil; five years as a materials testing technologist. "
            "Took a night course in SQL 'out of boredom' and built a dashboard of concrete "
            "cylinder results that her company ended up using.",
            their_present="Data analyst at Tidewater for two years: infrastructure clients, "
            "mostly Power BI and SQL, a little Python. In the office on Tuesdays.",
            their_goals="Move into analytics engineering; learning dbt. Running the Women in "
            "Data mentorship circle next year.",
            advice="Build one project with my own site data (daily progress against plan) "
            "and publish it with a short write-up. Recruiters care about the story more than "
            "the tool. Learn SQL window functions properly.",
            resources="Storytelling with Data (Cole Nussbaumer Knaflic). A free SQL tutorial "
            "with window-function exercises. The #jobs channel on the Women in Data Slack.",
            free_notes="Almost an hour over oat flat whites. The hardest part for her was "
            "believing her technologist background was an asset. It is: she understands the "
            "data. Ask about the mentorship circle in January.",
        ),
        follow_ups=(
            FollowUpSpec(THEM, "Jessica to add me to the mentorship circle list", -15, -20),
            FollowUpSpec(ME, "Build the progress-against-plan dashboard and share it", 10),
        ),
        thank_you=ThankYouSpec(
            topic="how you went from the testing lab to data",
            takeaway="building one real project with my own site data",
            next_step="I'll send you the progress dashboard when it's done.",
            sent=-29,
        ),
    ),
    ChatSpec(
        "wei-wang",
        day=-21,
        hour=19,
        minute=0,
        status=MeetingStatus.DONE,
        mode=MeetingMode.ONLINE,
        planned=-26,
        call_link="https://meet.example.com/wng-tdxq-pya",
        duration=30,
        tags="data,transit",
        notes=NotesSpec(
            their_past="Transportation engineer for six years doing traffic studies. "
            "Learned Python to automate turning-movement counts, then joined a transit data "
            "team.",
            their_present="Principal data scientist: GTFS feeds and automatic passenger "
            "counts for three agencies. Leads a team of four.",
            their_goals="Open-source their GTFS validation checks. Hiring a junior analyst "
            "next year.",
            advice="Learn pandas on real GTFS feeds; Toronto publishes its own. Domain "
            "knowledge is my edge: engineers who can code are rare. Skip the bootcamp, do one "
            "real project and show it.",
            resources="Python for Data Analysis (Wes McKinney). The GTFS reference. Kaggle is "
            "fine for practice, not for a portfolio.",
            free_notes="Quiet and very kind. Rarely on LinkedIn, so he replies slowly. Said to "
            "message him the project when it's done and he'll give feedback. A junior analyst "
            "role opens next year: keep in touch!",
        ),
        follow_ups=(
            FollowUpSpec(THEM, "Wei to send his list of GTFS validation checks", due=-14),
            FollowUpSpec(ME, "Headway analysis of the 504 King streetcar from GTFS", due=20),
        ),
        thanked_by_message="Thank you so much for the call last night, Wei. The tip about "
        "using the real GTFS feed instead of a bootcamp project was exactly what I needed. "
        "I'll send you the streetcar analysis when it's ready.",
    ),
    ChatSpec(
        "siobhan-oneill",
        day=-14,
        hour=12,
        minute=0,
        status=MeetingStatus.DONE,
        mode=MeetingMode.ONLINE,
        planned=-20,
        call_link="https://meet.example.com/sob-hneo-lnd",
        tags="international,career-path",
        questions=("How do owners judge a PM's first year?",),
        notes=NotesSpec(
            their_past="Quantity surveyor in Cork, moved to London for a big rail programme "
            "and became a PM on station fit-outs. Associate Director since 2022.",
            their_present="Advises public clients on project assurance: gate reviews, "
            "schedule health, benefits. Spends half the week in Manchester.",
            their_goals="Would like a couple of years on a Canadian transit programme; "
            "curious about Ontario.",
            advice="Learn the assurance and project-controls vocabulary, because that is how "
            "owners think. Practise one-page status reports: a RAG rating, three risks, one "
            "decision needed. PMP rather than the UK qualifications unless I move there.",
            resources="The UK government's Project Routemap. How Big Things Get Done "
            "(Flyvbjerg). Public audit reports on large rail programmes as case studies.",
            free_notes="Noon here was 5 pm for her, worked well. She may visit Toronto in the "
            "spring; offer to show her the Eglinton line.",
        ),
        follow_ups=(
            FollowUpSpec(THEM, "Siobhán to share her one-page status report template", -7, -9),
            FollowUpSpec(ME, "Send her the list of Ontario transit projects", -7, -10),
            FollowUpSpec(ME, "Read the Project Routemap overview", due=7),
        ),
        thank_you=ThankYouSpec(
            topic="how owners look at project assurance",
            takeaway="one-page status reports with three risks and one decision",
            next_step="I'll send you the list of Ontario transit projects this week.",
            sent=-13,
        ),
    ),
    ChatSpec(
        "kenji-sato",
        day=-8,
        hour=18,
        minute=0,
        status=MeetingStatus.DONE,
        mode=MeetingMode.IN_PERSON,
        planned=-13,
        venue="annex",
        travel=TravelMode.BIKE,
        tags="peer,project-coordination",
        questions=("What did his coordinator interview ask about?",),
        notes=NotesSpec(
            their_past="Site engineer for three years on condo podiums; a lot of 5 am "
            "concrete pours. Tired of night shifts.",
            their_present="Project coordinator at Beacon Civil for eight months: RFIs, "
            "submittals, meeting minutes and Primavera P6 updates on a water treatment "
            "upgrade.",
            their_goals="Assistant PM in about a year; CAPM first, then PMP.",
            advice="Coordinator roles are the door: don't wait for a PM title. Learn "
            "Primavera P6 basics (a two-day course is enough). In interviews, talk about the "
            "RFIs and submittals I already handle on site; that is coordinator work.",
            resources="A two-day Primavera P6 course at a college's continuing education. "
            "The Checklist Manifesto (Atul Gawande). Beacon posts coordinator roles in March.",
            free_notes="Easy conversation, a very similar path. We compared night-pour "
            "stories. He'll tell me when Beacon posts the next coordinator role.",
        ),
        follow_ups=(
            FollowUpSpec(THEM, "Kenji to flag the next coordinator posting at Beacon", due=21),
            FollowUpSpec(ME, "Sign up for the Primavera P6 weekend course", due=-1),
        ),
        thank_you=ThankYouSpec(
            topic="how you made the jump to coordinator",
            takeaway="treating my RFIs and submittals as coordinator experience",
            next_step="I'm signing up for the P6 course this week.",
            sent=-7,
            personal_line="P.S. The Annex Roasters cookies were as good as you promised.",
        ),
    ),
    ChatSpec(
        "anna-kowalska",
        day=-2,
        hour=12,
        minute=30,
        status=MeetingStatus.DONE,
        mode=MeetingMode.IN_PERSON,
        planned=-9,
        venue="little_saffron",
        duration=60,
        travel=TravelMode.TRANSIT,
        tags="mentorship,transit",
        questions=("What does a station package PM do in a normal week?",),
        notes=NotesSpec(
            their_past="Came from Kraków after her master's; seven years in civil design "
            "(utility relocations). Moved into PM when her boss left mid-project and she "
            "'just kept going'.",
            their_present="Senior PM on a light rail station package: 60 people on site, "
            "three subcontractors and a demanding owner.",
            their_goals="Mentor someone through the PMP this year; speaking at the PMI "
            "conference; a program manager role one day.",
            advice="Volunteer to run the weekly coordination meeting on my site: agendas and "
            "minutes are PM muscles. Keep a decision log. When applying, ask for coordinator "
            "roles on transit jobs, not generic PM jobs.",
            resources="The Fast Forward MBA in Project Management (Eric Verzuh). The PMI "
            "Toronto mentorship programme (applications in March). Her team's decision log "
            "template.",
            free_notes="Lunch special, and she insisted on paying. Said to use her name when "
            "applying to Lakeshore Transit. I still owe her a thank-you!",
        ),
        follow_ups=(
            FollowUpSpec(THEM, "Anna to send her decision log template", due=5),
            FollowUpSpec(ME, "Run next Monday's coordination meeting", due=5),
            FollowUpSpec(ME, "Apply to the PMI mentorship programme, mention Anna", due=14),
        ),
        thank_you=ThankYouSpec(
            topic="how you took over a project mid-stream",
            takeaway="running the weekly coordination meeting",
            next_step="I've offered to run next Monday's meeting on my site.",
            sent=None,
        ),
    ),
    ChatSpec(
        "fatemeh-rahimi",
        day=-6,
        hour=8,
        minute=0,
        status=MeetingStatus.CANCELLED,
        mode=MeetingMode.IN_PERSON,
        planned=-17,
        venue="midtown",
        travel=TravelMode.TRANSIT,
        tags="pmp,mentorship",
        questions=("How did she study for the PMP while on site?",),
        cancelled_on=-7,
    ),
    ChatSpec(
        "oluwadamilola-adebayo",
        day=2,
        hour=11,
        minute=0,
        status=MeetingStatus.PLANNED,
        mode=MeetingMode.ONLINE,
        planned=-5,
        call_link="https://meet.example.com/dmi-lgos-pmx",
        tags="product,career-change",
        questions=(
            "What did her first 90 days as a PM look like?",
            "Do product teams value engineering experience?",
        ),
    ),
    ChatSpec(
        "fatemeh-rahimi",
        day=4,
        hour=17,
        minute=30,
        status=MeetingStatus.PLANNED,
        mode=MeetingMode.IN_PERSON,
        planned=-6,
        venue="reading_room",
        travel=TravelMode.TRANSIT,
        tags="pmp,mentorship",
        questions=(
            "How did she study for the PMP while on site?",
            "Who signed off her PM hours?",
        ),
    ),
    ChatSpec(
        "daniela-costa",
        day=6,
        hour=10,
        minute=0,
        status=MeetingStatus.PLANNED,
        mode=MeetingMode.ONLINE,
        planned=-5,
        call_link="https://meet.example.com/dcx-brpt-jrm",
        duration=30,
        tags="recruiter,job-search",
        questions=(
            "Which clients are hiring junior PMs on the transit expansion?",
            "What salary range should I expect for coordinator roles?",
        ),
    ),
)

# Promises not tied to a chat: (person, promise).
LOOSE_FOLLOW_UPS: tuple[tuple[str, FollowUpSpec], ...] = (
    ("amina-diallo", FollowUpSpec(ME, "Send Amina three times that work next week", due=1)),
    ("lucas-silva", FollowUpSpec(ME, "Suggest a café near King West to Lucas", due=2)),
)
