"""How long the letters take: a thank-you draft and a report-back, from the rules alone.

    python benchmarks/bench_letters.py [--runs 300]

Target: a thank-you draft from a full set of notes in 20 ms or less (p95), so regenerating
feels instant.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.figures import percentile
from chatplanner.domain.chat_notes import PromisedFollowUp
from chatplanner.domain.enums import FollowUpOwner
from chatplanner.domain.person_references import Recipient
from chatplanner.domain.report_back import ReportBackDrafter, ReportBackFacts
from chatplanner.domain.thank_you import (
    ChatNotes,
    ThankYouDrafter,
    ThankYouRecipient,
    ThankYouSender,
)

TARGET_MS = 20.0
NOTES = ChatNotes(
    their_past="Hydraulic engineer in Québec City, nine years in design. She moved into PM.",
    their_present="VP, Project Delivery: fourteen PMs across transmission projects.",
    their_goals="Wants to mentor more newcomers and to speak at the PMI Toronto symposium",
    advice="- Take the CAPM exam before the PMP.\n- Volunteer on a PMI chapter committee.\n"
    "- Ask for the ugly jobs: change orders, schedule recovery. That is where PMs are made.\n"
    "- Recruiters care about the story more than the tool.",
    resources="Book: Making Things Happen (Scott Berkun)\nPodcast: Manager Tools",
    free_notes="Said 'Don't wait to feel ready' twice. Offered to look at my résumé.",
    follow_ups=(
        PromisedFollowUp(FollowUpOwner.ME, "Send Jessica my resume", date(2026, 3, 13)),
        PromisedFollowUp(FollowUpOwner.ME, "Write a one-page charter", date(2026, 3, 20)),
        PromisedFollowUp(FollowUpOwner.THEM, "Introduce me to her colleague Marc in the PMO"),
    ),
    met_on=date(2026, 3, 10),
)


def _timed(runs: int, action: object) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    drafter = ThankYouDrafter()
    recipient = ThankYouRecipient("Jessica", "Lee")
    sender = ThankYouSender("Amara Okafor", "Amara Okafor, EIT\nSite Engineer", "Toronto")

    def thank_you() -> None:
        drafter.draft(NOTES, recipient, sender, today=date(2026, 3, 11))

    facts = ReportBackFacts("Take the CAPM exam before the PMP.", "passed it", date(2026, 3, 10))

    def report_back() -> None:
        ReportBackDrafter().draft(facts, Recipient("Jessica", "Lee", "she"), "Amara Okafor")

    for _ in range(5):  # warm-up: imports, compiled patterns
        thank_you()
        report_back()
    drafts = _timed(args.runs, thank_you)
    reports = _timed(args.runs, report_back)
    p95 = percentile(drafts, 0.95)
    print(
        json.dumps(
            {
                "benchmark": "letters",
                "runs": args.runs,
                "thank_you_p50_ms": round(statistics.median(drafts), 3),
                "thank_you_p95_ms": round(p95, 3),
                "report_back_p95_ms": round(percentile(reports, 0.95), 3),
                "target_ms": TARGET_MS,
                "within_target": p95 <= TARGET_MS,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
