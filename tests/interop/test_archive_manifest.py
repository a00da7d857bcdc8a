"""The archive folder's manifest is read only when every hash it lists is a sha256 in hex."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chatplanner.interop.archive_manifest import MANIFEST_NAME, ArchiveError, ArchiveManifest

GOOD = "0123456789abcdef" * 4


def _write(folder: Path, files: dict[str, object], rendered: dict[str, object]) -> None:
    document = {
        "format": 1,
        "profile": "me",
        "state": None,
        "index": "index.md",
        "files": files,
        "rendered": rendered,
    }
    (folder / MANIFEST_NAME).write_text(json.dumps(document), encoding="utf-8")


def test_a_well_formed_manifest_is_read(tmp_path: Path) -> None:
    _write(tmp_path, {"a.md": GOOD, "index.md": "f" * 64}, {"a.md": ["e" * 64, GOOD]})
    manifest = ArchiveManifest.load(tmp_path, "me")
    assert manifest.files == {"a.md": GOOD, "index.md": "f" * 64}
    assert manifest.rendered == {"a.md": ("e" * 64, GOOD)}


@pytest.mark.parametrize("digest", ["A" * 64, "a" * 63, "a" * 65, "g" * 64, " " * 64, "é" * 64, 7])
def test_a_file_hash_that_is_not_a_sha256_refuses_the_manifest(
    tmp_path: Path, digest: object
) -> None:
    _write(tmp_path, {"a.md": GOOD, "b.md": digest}, {})
    with pytest.raises(ArchiveError, match="cannot be read"):
        ArchiveManifest.load(tmp_path, "me")


@pytest.mark.parametrize("pair", [["A" * 64, GOOD], [GOOD], [GOOD, GOOD, GOOD], [GOOD, None]])
def test_damaged_fingerprints_are_dropped_not_refused(tmp_path: Path, pair: object) -> None:
    _write(tmp_path, {"a.md": GOOD}, {"a.md": pair})
    assert ArchiveManifest.load(tmp_path, "me").rendered == {}
