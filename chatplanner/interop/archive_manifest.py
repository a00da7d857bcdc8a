"""The archive folder's manifest: which profile owns the folder and what it wrote there.

`.chatplanner-archive.json` in the archive folder names the profile that writes it and the
sha256 of every file it wrote. Nothing is ever removed from the folder unless the manifest
lists it and the file still holds exactly those bytes: a file the user edited, a file another
profile wrote, and a file of a chat the current database does not know (say, after restoring
an older backup) are all left alone. A folder whose manifest names another profile is refused.

`state` is a random token renewed whenever the owning database and the folder agree; the
database keeps a copy. When the two differ (the database was restored from a backup, or is a
copy), the folder holds files that database does not know about, so nothing is removed until a
full write has taken stock again.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from chatplanner.interop.safe_files import PrivateFileBatch, write_private_file

MANIFEST_NAME = ".chatplanner-archive.json"
INDEX_FILE_NAME = "index.md"
# Where our index goes when the user keeps an index.md of their own in the folder.
OTHER_INDEX_NAME = "Coffee chats index.md"
_FORMAT = 1
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_HEX_DIGITS = b"0123456789abcdef"
# Every line `render_index` writes: an index.md made only of these lines is ours.
_INDEX_LINE = re.compile(
    r"^(# Coffee chats|## -?\d{1,6}|No meetings yet\.|- [0-9-]{10,}: \[.*\]\(.*\) \(.*\)|)$"
)


class ArchiveError(OSError):
    """The archive could not be written as asked; the message says what to do."""


def read_regular_file(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` when it is a regular file (not a link, FIFO or device) of at most
    `limit` bytes; None otherwise. Never blocks on a FIFO planted under the name."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks: list[bytes] = []
        while chunk := os.read(descriptor, 1 << 20):
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def file_signature(path: Path) -> tuple[int, int, int] | None:
    """(inode, size, mtime) of `path` itself, or None: a file replaced or changed differs."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns)


def file_sha256(path: Path) -> str | None:
    data = read_regular_file(path, 1 << 34)
    return None if data is None else hashlib.sha256(data).hexdigest()


def looks_like_our_index(path: Path) -> bool:
    """True when `path` holds nothing but lines the archive's index is made of."""
    data = read_regular_file(path, 64 * 1024 * 1024)
    if data is None:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return text.startswith("# Coffee chats\n") and all(
        _INDEX_LINE.match(line) for line in text.split("\n")
    )


@dataclass(slots=True)
class ArchiveManifest:
    owner: str
    state: str | None = None
    index_name: str = INDEX_FILE_NAME
    files: dict[str, str] = field(default_factory=dict)  # name -> sha256 of what we wrote
    existed: bool = False
    # name -> (fingerprint of the chat it was rendered from, sha256 of that rendering): a later
    # sync skips rendering a chat whose fingerprint is the same (see archive_markdown).
    rendered: dict[str, tuple[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, owner: str) -> ArchiveManifest:
        """The folder's manifest, or a new one when it has none; refuses another's folder."""
        path = root / MANIFEST_NAME
        if not os.path.lexists(path):
            return cls(owner=owner)
        unreadable = ArchiveError(
            f"The archive folder {root} holds a {MANIFEST_NAME} that cannot be read. "
            "Choose another folder, or move that file away if you know the folder is yours."
        )
        data = read_regular_file(path, _MAX_MANIFEST_BYTES)
        if data is None:
            raise unreadable
        try:
            document = json.loads(data.decode("utf-8"))
        except ValueError:
            raise unreadable from None
        if not isinstance(document, dict) or document.get("format") != _FORMAT:
            raise unreadable
        profile = document.get("profile")
        state = document.get("state")
        index_name = document.get("index")
        files = document.get("files")
        if (
            not isinstance(profile, str)
            or not (state is None or isinstance(state, str))
            or index_name not in (INDEX_FILE_NAME, OTHER_INDEX_NAME)
            or not isinstance(files, dict)
            or not all(isinstance(name, str) for name in files)
            or not _all_sha256(list(files.values()))
        ):
            raise unreadable
        if profile != owner:
            raise ArchiveError(
                f"The folder {root} holds the notes archive of another chatplanner profile. "
                "Nothing was written or removed there. Choose an empty folder, or the folder "
                "this profile wrote before."
            )
        return cls(owner, state, index_name, dict(files), True, _rendered(document.get("rendered")))

    def owns(self, root: Path, name: str) -> bool:
        """True when we wrote `name` and it still holds exactly what we wrote."""
        digest = self.files.get(name)
        return digest is not None and file_sha256(root / name) == digest

    def copy(self) -> ArchiveManifest:
        return ArchiveManifest(
            self.owner,
            self.state,
            self.index_name,
            dict(self.files),
            self.existed,
            dict(self.rendered),
        )

    def save(self, root: Path, *, renew_state: bool, batch: PrivateFileBatch | None = None) -> None:
        """Write the manifest (staged in `batch` when given, to land with the files it lists)."""
        if renew_state or self.state is None:
            self.state = secrets.token_hex(16)
        document = {
            "format": _FORMAT,
            "app": "chatplanner",
            "about": "What chatplanner wrote in this folder. Remove it only with the folder.",
            "profile": self.owner,
            "state": self.state,
            "index": self.index_name,
            "files": dict(sorted(self.files.items())),
            "rendered": {name: list(pair) for name, pair in sorted(self.rendered.items())},
        }
        # Compact: without indent json uses its C encoder (a 10,000-entry manifest in ~5 ms).
        data = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
        try:
            if batch is not None:
                batch.write(root / MANIFEST_NAME, data.encode("utf-8") + b"\n")
            else:
                write_private_file(root / MANIFEST_NAME, data.encode("utf-8") + b"\n")
        except OSError as error:
            raise ArchiveError(
                f"Could not write {MANIFEST_NAME} in the archive folder ({error.strerror}). "
                "Check that the folder is writable and the disk is not full, then try again."
            ) from error
        self.existed = True


def _rendered(value: object) -> dict[str, tuple[str, str]]:
    """The fingerprints of a manifest, or none when they are not well formed: they only save
    work, so a damaged list is dropped (everything is rendered again), not refused."""
    if not isinstance(value, dict):
        return {}
    pairs = list(value.values())
    if not (
        all(isinstance(name, str) for name in value)
        and all(isinstance(pair, list) and len(pair) == 2 for pair in pairs)
        and _all_sha256([part for pair in pairs for part in pair])
    ):
        return {}
    return {name: (pair[0], pair[1]) for name, pair in value.items()}


def _all_sha256(values: list[object]) -> bool:
    """True when every value is a sha256 in hex: a manifest lists one or two per file (30,000
    for 10,000 chats), so they are checked together, not one by one."""
    if not all(value.__class__ is str for value in values):
        return False
    texts = cast(list[str], values)
    if set(map(len, texts)) - {64}:
        return False
    try:
        joined = "".join(texts).encode("ascii")
    except UnicodeEncodeError:
        return False
    return not joined.translate(None, _HEX_DIGITS)  # nothing left once the digits are dropped


def choose_index_name(root: Path, manifest: ArchiveManifest) -> str:
    """Where our index goes: index.md unless the user has an index.md of their own there."""
    for name in dict.fromkeys((manifest.index_name, INDEX_FILE_NAME, OTHER_INDEX_NAME)):
        path = root / name
        if (
            not os.path.lexists(path)
            or path.is_symlink()  # replacing a link never touches what it points to
            or manifest.owns(root, name)
            or looks_like_our_index(path)
        ):
            return name
    raise ArchiveError(
        f"The archive folder {root} already holds files named {INDEX_FILE_NAME} and "
        f"{OTHER_INDEX_NAME} that chatplanner did not write. Nothing was changed: move one "
        "of them, or choose another folder."
    )


def starts_with_front_matter(path: Path, meeting_id: int) -> bool:
    """True when `path` begins with the front matter the archive writes for `meeting_id`."""
    expected = f"---\nmeeting_id: {meeting_id}\n".encode()
    with contextlib.suppress(OSError):
        data = read_regular_file(path, 1 << 34)
        return data is not None and data.startswith(expected)
    return False
