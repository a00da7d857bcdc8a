"""Import a 30,000-row LinkedIn Connections.csv end to end into a fresh profile, then again.

Generates a realistic modern export (the "Notes:" preamble, a byte-order mark, the URL column,
names in many scripts, quoted commas and line breaks, hidden profiles, a few e-mail addresses),
then runs the import service exactly as the app does: preview (parse + match) and commit.
Prints JSON: seconds for the first import and for a re-import of the same file (which must
change nothing), peak resident memory of the process (ru_maxrss) and, from a second traced
run into another fresh profile, the peak memory Python allocated during the import.
Run: python benchmarks/bench_import.py [--rows N]
"""

from __future__ import annotations

import argparse
import csv
import json
import platform
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from urllib.parse import quote

# Measure the checkout this script lives in, not whichever copy happens to be installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatplanner.domain.text import fold
from chatplanner.services.import_preview import ImportSummary
from chatplanner.services.workspace import Workspace

PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses are '
    "missing. You will only see email addresses for connections who have allowed their "
    "connections to see or download their email address using this setting "
    "https://www.linkedin.com/psettings/privacy/email. You can learn more here "
    'https://www.linkedin.com/help/linkedin/answer/261"\n'
    "\n"
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST = [
    "Zoë",
    "Anna",
    "José",
    "María",
    "Priya",
    "Łukasz",
    "Siobhán",
    "Ngozi",
    "Hans",
    "Amara",
    "Chen",
    "Wei",
    "Mei-Lin",
    "Aarav",
    "Fatima",
    "Olumide",
    "Sofía",
    "Camille",
    "Tomasz",
    "Grace",
    "Ravi",
    "Hannah",
    "Diego",
    "Samuel",
    "Layla",
    "Noa",
    "Yuki",
    "Haruto",
    "Min-jun",
    "Seo-yeon",
    "Ahmed",
    "Leila",
    "Mateus",
    "Ingrid",
    "Bjørn",
    "Søren",
    "Agnieszka",
    "Dmitri",
    "Olga",
    "Kwame",
    "Abena",
    "Thandiwe",
    "Lucía",
    "Giulia",
    "Marco",
    "Elif",
    "Emre",
    "Nadia",
    "Omar",
    "Rania",
    "Tariq",
    "Aiko",
    "Kenji",
    "Linh",
    "Minh",
    "Arjun",
    "Kavya",
    "Rohan",
    "Ishaan",
    "Ana",
    "Pedro",
    "Joana",
    "Élodie",
    "Théo",
    "Chloé",
    "Maëlle",
    "Finn",
    "Saoirse",
    "Aoife",
    "Cian",
    "Ewa",
    "Piotr",
    "Zeynep",
    "محمد",
    "ليلى",
    "伟",
    "秀英",
    "נועה",
    "Αλέξανδρος",
    "Мария",
    "अनन्या",
]
LAST = [
    *"Lefèvre Kowalska García-Núñez Raghunathan Wiśniewski Okafor Nguyễn Schmidt Mensah Iyer "
    "Gagnon Hassan Osei Haddad Cohen Mehta Martin Ramírez Chen Nowak Tanaka Sato Kim Park Lee "
    "Müller Rossi Bianchi Silva Santos Pereira Dubois Moreau O'Brien Murphy Kelly Ní_Bhriain "
    "Johansson Andersen Nielsen Kovács Novák Horvat Popescu Ivanova Petrov Yilmaz Demir Kaya "
    "Adeyemi Mwangi Otieno Banda Dlamini Khumalo Singh Patel Sharma Gupta Reddy Nair Das Bose "
    "Van_der_Berg De_Vries Jansen Bakker Fernández López Martínez González Pérez Sánchez".replace(
        "_", " "
    ).split(),
    "العلي",
    "王",
    "כהן",
    "Παπαδόπουλος",
    "Иванова",
    "शर्मा",
]
COMPANIES = [
    "Acme Robotics, Inc.",
    "Société Générale",
    "腾讯",
    "Siemens AG",
    "Nubank",
    "Shopify",
    "Toronto Capital Projects Office",
    "Harbourfront Engineering",
    'The "Quoted" Company',
    "Lakeshore Transit Partners",
    "Northbound Talent Partners",
    "Grand River Robotics",
    "",
] + [f"Startup {n}" for n in range(300)]
TITLES = [
    "Head of Sales,\nEMEA",
    "Software Engineer",
    "Senior Software Engineer",
    "Product Manager",
    "Analyste Crédit",
    "Technical Recruiter",
    "Project Engineer, P.Eng.",
    "Data Scientist",
    "VP Operations",
    "Founder & CEO",
    "",
]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def write_connections(path: Path, rows: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        stream.write(PREAMBLE)
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(HEADER)
        for i in range(rows):
            when = f"{rng.randint(1, 28):02d} {rng.choice(MONTHS)} {rng.randint(2008, 2026)}"
            if i % 60 == 0:  # hidden profiles: LinkedIn exports only the date
                writer.writerow(["", "", "", "", "", "", when])
                continue
            first, last = rng.choice(FIRST), rng.choice(LAST)
            # LinkedIn makes slugs from the name, transliterated where it can, else
            # percent-encoded (as the export writes them).
            slug = quote(fold(f"{first}-{last}").replace(" ", "-").replace("'", ""), safe="-")
            email = f"person{i}@example.com" if i % 12 == 0 else ""
            writer.writerow(
                [
                    first,
                    last,
                    f"https://www.linkedin.com/in/{slug}-{rng.randrange(16**8):08x}",
                    email,
                    rng.choice(COMPANIES),
                    rng.choice(TITLES),
                    when,
                ]
            )


def run_import(profile: Path, source: Path) -> tuple[float, dict[str, int], ImportSummary]:
    with Workspace.open(profile) as workspace:
        started = time.perf_counter()
        preview = workspace.contact_import.preview(source, "linkedin")
        summary = workspace.contact_import.commit(preview)
        seconds = time.perf_counter() - started
    return seconds, dict(preview.counts), summary


def peak_rss_mib() -> float:
    # ru_maxrss is in kibibytes on Linux (bytes on macOS).
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args()
    rng = random.Random(20260208)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        source = root / "Connections.csv"
        write_connections(source, args.rows, rng)
        # Open (and migrate) the profile before measuring, as the app has when you import.
        Workspace.open(root / "profile").close()
        rss_before = peak_rss_mib()
        first_seconds, first_counts, first = run_import(root / "profile", source)
        rss_after_first = peak_rss_mib()
        again_seconds, again_counts, again = run_import(root / "profile", source)

        Workspace.open(root / "traced").close()
        tracemalloc.start()
        run_import(root / "traced", source)
        _current, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            json.dumps(
                {
                    "benchmark": "import_end_to_end",
                    "python": platform.python_version(),
                    "rows_written": args.rows,
                    "file_bytes": source.stat().st_size,
                    "first_import_seconds": round(first_seconds, 3),
                    "first_import_preview": first_counts,
                    "first_import": {
                        "new": first.new,
                        "updated": first.updated,
                        "merged": first.merged,
                        "skipped": first.skipped,
                    },
                    "reimport_seconds": round(again_seconds, 3),
                    "reimport_preview": again_counts,
                    "reimport_changes": again.new + again.updated + again.merged,
                    "reimport_unchanged": again.unchanged,
                    "peak_rss_mib_before_import": rss_before,
                    "peak_rss_mib_after_first_import": rss_after_first,
                    "peak_rss_mib_at_end": peak_rss_mib(),
                    "import_peak_traced_mib": round(traced_peak / (1024 * 1024), 1),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
