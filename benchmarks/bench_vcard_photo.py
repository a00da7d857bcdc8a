"""Read a vCard whose card carries a large folded photo, as Apple and Outlook write them.

Prints JSON: the time to read the file's cards (unfolding, cutting, the photo dropped) for a
card of each size, best of a few runs; the reading must grow linearly with the size.
Run: python benchmarks/bench_vcard_photo.py [--quick] [--repeats N]
"""

from __future__ import annotations

import argparse
import base64
import json
import platform
import sys
import time
from pathlib import Path

# Measure the checkout this script lives in, not whichever copy happens to be installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from chatplanner.interop.vcard import parse_vcards_text

AIM_SECONDS_20_MB = 2.0


def card_with_photo(photo_bytes: int) -> str:
    """One 3.0 card whose base64 photo is folded at 75 characters, CRLF line ends."""
    photo = base64.b64encode(bytes(range(256)) * (photo_bytes // 256 + 1))[:photo_bytes].decode()
    folded = "\r\n ".join(photo[i : i + 74] for i in range(0, len(photo), 74))
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Okafor;Chidinma;;;\r\nFN:Chidinma Okafor\r\n"
        "TITLE:Project Engineer, CET\r\n"
        f"PHOTO;ENCODING=b;TYPE=JPEG:{folded}\r\n"
        "EMAIL;TYPE=INTERNET:chidinma@example.ng\r\nEND:VCARD\r\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="2 and 4 MB only")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    sizes_mb = (2, 4) if args.quick else (2, 4, 10, 20)
    seconds: dict[str, float] = {}
    for size in sizes_mb:
        text = card_with_photo(size * 1_000_000)
        timings = []
        for _ in range(args.repeats):
            started = time.perf_counter()
            parsed = parse_vcards_text(text)
            timings.append(time.perf_counter() - started)
        assert len(parsed.records) == 1
        assert parsed.records[0].title == "Project Engineer, CET"
        seconds[f"{size}_mb"] = round(min(timings), 3)
    largest = f"{sizes_mb[-1]}_mb"
    print(
        json.dumps(
            {
                "benchmark": "vcard_photo",
                "python": platform.python_version(),
                "read_seconds_best": seconds,
                "seconds_per_mb_largest": round(seconds[largest] / sizes_mb[-1], 4),
                "aim_seconds_20_mb": AIM_SECONDS_20_MB,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
