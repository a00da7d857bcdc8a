"""A LinkedIn `Connections.csv` as the export writes it, with names in many scripts.

The import benchmarks (end to end, and parse and match alone) read the same file.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path
from urllib.parse import quote

from chatplanner.domain.text import fold

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
