"""The notes archive: one Markdown file per meeting, with front matter, plus an index.

The archive is an export the user can read, search and back up with any tool. It is rewritten
incrementally: a file is written only when its rendered content changed (sha256, compared with
what the caller stored last time), always atomically, and only inside the archive folder.
Files are created readable by the user only (0600): they hold personal notes about people.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote

from chatplanner.domain.chat_notes import PromisedFollowUp
from chatplanner.domain.enums import FollowUpOwner, MeetingMode
from chatplanner.domain.safe_names import archive_file_meeting_id, archive_file_name

INDEX_FILE_NAME = "index.md"
ARCHIVE_SUFFIX = ".md"
_FILE_MODE = 0o600

# Characters YAML does not allow raw inside a double-quoted scalar, or that would end the line.
_YAML_SPECIAL = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
_YAML_NAMED = {
    '"': '\\"',
    "\\": "\\\\",
    "\n": "\\n",
    "\r": "\\r",
    "\t": "\\t",
    "\x00": "\\0",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Anything _plain_lines changes; most notes hold none, and one search is cheaper than two subs.
_UNUSUAL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
# Lines of user text that Markdown would read as structure of this file: headings, code fences
# that would swallow everything after them, and setext underlines that turn a line into a heading.
_BLOCK_STRUCTURE = re.compile(r"^( {0,3})(#|```|~~~|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~])")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class ArchiveError(OSError):
    """The archive could not be written as asked; the message says what to do."""


# The archive lists follow-ups as the notes hold them.
ArchiveFollowUp = PromisedFollowUp


@dataclass(frozen=True, slots=True)
class MeetingArchiveEntry:
    """Everything the archive shows of one meeting, as plain values."""

    meeting_id: int
    contact_name: str
    met_on: date
    mode: MeetingMode
    venue: str = ""  # venue name and address, or the call link for online meetings
    tags: tuple[str, ...] = ()
    their_past: str = ""
    their_present: str = ""
    their_goals: str = ""
    advice: str = ""
    resources: str = ""
    free_notes: str = ""
    follow_ups: tuple[ArchiveFollowUp, ...] = ()
    thank_you_subject: str = ""
    thank_you_body: str = ""

    @property
    def file_name(self) -> str:
        return archive_file_name(self.meeting_id, self.contact_name, self.met_on)


@dataclass(frozen=True, slots=True)
class ArchivedFile:
    """What the archive holds for one meeting: store it, pass it back to the next sync."""

    meeting_id: int
    relative_path: str
    content_sha256: str


@dataclass(frozen=True, slots=True)
class SyncResult:
    written: tuple[str, ...]  # files that did not exist before
    updated: tuple[str, ...]  # files rewritten because their content changed
    unchanged: tuple[str, ...]
    removed: tuple[str, ...]  # files of meetings deleted or renamed
    # Stored paths that were not removed because they point outside the archive folder.
    refused: tuple[str, ...]
    # The archive's state after this sync, by meeting id, to store for the next one.
    files: Mapping[int, ArchivedFile] = field(default_factory=dict)
    index_written: bool = False
    completed: bool = True  # False when stopped early: run again to finish


@dataclass(frozen=True, slots=True)
class OneFileResult:
    """What `ArchiveWriter.sync_one` did with one meeting's file."""

    status: str  # "written", "updated" or "unchanged"
    file: ArchivedFile
    removed: tuple[str, ...] = ()  # the old file, when the name changed


def yaml_quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar on one line, whatever it contains."""

    def escape(match: re.Match[str]) -> str:
        ch = match.group(0)
        named = _YAML_NAMED.get(ch)
        if named is not None:
            return named
        code = ord(ch)
        return f"\\x{code:02X}" if code < 0x100 else f"\\u{code:04X}"

    return '"' + _YAML_SPECIAL.sub(escape, text) + '"'


def _plain_lines(text: str) -> str:
    if _UNUSUAL.search(text) is None:
        return text
    return _CONTROL.sub("", _LINE_BREAKS.sub("\n", text))


def markdown_block(text: str) -> str:
    """User text kept as written, but unable to break this file's structure or add raw HTML."""
    text = _plain_lines(text).strip("\n")
    if any(mark in text for mark in "#`~=-"):
        text = _BLOCK_STRUCTURE.sub(r"\1\\\2", text)
    return text.replace("<", "\\<")


def markdown_inline(text: str) -> str:
    """User text on one line with every Markdown-active character escaped."""
    return _INLINE_SPECIAL.sub(r"\\\1", " ".join(_plain_lines(text).split()))


_SECTIONS = (
    ("Their past", "their_past"),
    ("Their present", "their_present"),
    ("Their goals", "their_goals"),
    ("Advice", "advice"),
    ("Resources", "resources"),
)


# Sections written one idea per line: Markdown would run their lines into one paragraph.
_ONE_IDEA_PER_LINE = frozenset({"advice", "resources"})
_BULLET = re.compile(r"^\s*(?:[-*+•·]|\d+[.)])\s+")


def markdown_bullets(text: str) -> str:
    """Each non-empty line of user text as one list item (a bullet the user typed is kept
    as the item's own, not doubled)."""
    lines = [_BULLET.sub("", line) for line in _plain_lines(text).split("\n")]
    return "\n".join(f"- {markdown_inline(line)}" for line in lines if line.strip())


def render_meeting(entry: MeetingArchiveEntry) -> str:
    """One meeting as a Markdown document with YAML front matter."""
    tags = ", ".join(yaml_quoted(tag) for tag in entry.tags)
    out = [
        "---",
        f"meeting_id: {int(entry.meeting_id)}",
        f"contact: {yaml_quoted(entry.contact_name)}",
        f"date: {entry.met_on.isoformat()}",
        f"mode: {entry.mode.value}",
        f"venue: {yaml_quoted(entry.venue)}",
        f"tags: [{tags}]",
        "---",
        "",
        f"# {markdown_inline(entry.contact_name) or 'Unnamed contact'}, {entry.met_on.isoformat()}",
        "",
    ]
    where = markdown_inline(entry.venue)
    out += [f"{entry.mode.label}{' at ' + where if where else ''}.", ""]
    for title, attribute in _SECTIONS:
        if attribute in _ONE_IDEA_PER_LINE:
            text = markdown_bullets(getattr(entry, attribute))
        else:
            text = markdown_block(getattr(entry, attribute))
        if text.strip():
            out += [f"## {title}", "", text, ""]
    if entry.follow_ups:
        out += ["## Follow-ups", ""]
        for follow_up in entry.follow_ups:
            box = "x" if follow_up.done else " "
            who = "Me" if follow_up.owner is FollowUpOwner.ME else "Them"
            due = f" (by {follow_up.due_on.isoformat()})" if follow_up.due_on else ""
            out.append(f"- [{box}] **{who}:** {markdown_inline(follow_up.text)}{due}")
        out.append("")
    notes = markdown_block(entry.free_notes)
    if notes.strip():
        out += ["## Notes", "", notes, ""]
    body = markdown_block(entry.thank_you_body)
    if body.strip() or entry.thank_you_subject.strip():
        out += ["## Thank-you draft", ""]
        if entry.thank_you_subject.strip():
            out += [f"**Subject:** {markdown_inline(entry.thank_you_subject)}", ""]
        if body.strip():
            out += ["\n".join(f"> {line}".rstrip() for line in body.split("\n")), ""]
    return "\n".join(out)


def _newest_first(entries: Iterable[MeetingArchiveEntry]) -> list[MeetingArchiveEntry]:
    return sorted(entries, key=lambda e: (e.met_on, e.meeting_id), reverse=True)


def index_line(entry: MeetingArchiveEntry, file_name: str | None = None) -> str:
    """The index's line for one meeting (a link to its file)."""
    name = markdown_inline(entry.contact_name) or "Unnamed contact"
    where = markdown_inline(entry.venue)
    detail = f"{entry.mode.label}{', ' + where if where else ''}"
    link = quote(file_name or entry.file_name, safe="")
    return f"- {entry.met_on.isoformat()}: [{name}]({link}) ({detail})"


def index_lists(directory: Path, line: str) -> bool:
    """True when the index in `directory` already holds exactly this line."""
    try:
        text = (Path(directory) / INDEX_FILE_NAME).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return f"\n{line}\n" in text


def render_index(
    entries: Iterable[MeetingArchiveEntry], file_names: Mapping[int, str] | None = None
) -> str:
    """A Markdown index linking every meeting file, newest first, under one heading per year.

    `file_names` (by meeting id) saves recomputing names the caller already knows."""
    out = ["# Coffee chats", ""]
    year: int | None = None
    for entry in _newest_first(entries):
        if entry.met_on.year != year:
            year = entry.met_on.year
            out += [f"## {year}", ""] if len(out) == 2 else ["", f"## {year}", ""]
        known = file_names.get(entry.meeting_id) if file_names is not None else None
        out.append(index_line(entry, known))
    if len(out) == 2:
        out.append("No meetings yet.")
    return "\n".join(out) + "\n"


def content_hash(text: str) -> tuple[bytes, str]:
    """The bytes written for `text` and their sha256 (hex)."""
    data = text.encode("utf-8", errors="replace")  # a lone surrogate becomes "?"
    return data, hashlib.sha256(data).hexdigest()


class ArchiveWriter:
    """Keeps a folder of Markdown files in step with the meetings, touching only what changed."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        # Meetings rendered by this writer, by id: an equal entry renders to the same text, so a
        # rerun in the same session skips rendering it (the content hash is still checked).
        self._rendered: dict[int, tuple[MeetingArchiveEntry, str, str]] = {}

    def _name_and_digest(self, entry: MeetingArchiveEntry) -> tuple[str, str, bytes | None]:
        cached = self._rendered.get(entry.meeting_id)
        if cached is not None and cached[0] == entry:
            return cached[1], cached[2], None
        name = entry.file_name
        data, digest = content_hash(render_meeting(entry))
        self._rendered[entry.meeting_id] = (entry, name, digest)
        return name, digest, data

    def _root(self) -> Path:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            return self.directory.resolve(strict=True)
        except OSError as error:
            raise ArchiveError(
                f"The archive folder {self.directory} cannot be created ({error.strerror}). "
                "Choose another folder in the archive settings."
            ) from error

    @staticmethod
    def _inside(root: Path, relative_path: str) -> Path | None:
        """The archive file `relative_path` names, or None unless it is a plain file name
        directly inside `root` (stored paths are data and may have been tampered with).

        A single name component cannot climb out of `root`; a symlink with that name is
        itself inside, and replacing or removing it never touches its target."""
        if relative_path in ("", ".", "..") or any(sep in relative_path for sep in "/\\\0"):
            return None
        path = root / relative_path
        if path.name != relative_path or path.parent != root or path.is_absolute() is False:
            return None
        return path

    def _write(self, path: Path, data: bytes) -> None:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
            descriptor = os.open(temporary, flags, _FILE_MODE)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise ArchiveError(
                f"Could not write {path.name} in the archive folder ({error.strerror}). "
                "Check that the folder is writable and the disk is not full, then try again."
            ) from error

    def sync(
        self,
        entries: Iterable[MeetingArchiveEntry],
        previous_hashes: Iterable[ArchivedFile] = (),
        *,
        should_stop: Callable[[], bool] | None = None,
        progress: Callable[[int, int], None] | None = None,
        known_meetings: Collection[int] | None = None,
    ) -> SyncResult:
        """Bring the folder in step with `entries`, given what the last sync returned.

        Files whose content did not change are not rewritten. A file the user deleted is
        written again. Files of meetings no longer listed are removed, only from inside the
        folder; other files in the folder are left alone.

        With `known_meetings` (the ids of every meeting that still exists), files this writer
        made for any other meeting id are removed too, even when nothing remembers them (the
        meeting was deleted, or the profile restored from a backup)."""
        root = self._root()
        entries = list(entries)
        previous = {item.meeting_id: item for item in previous_hashes}
        written: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        stale: list[str] = []
        files: dict[int, ArchivedFile] = {}
        for number, entry in enumerate(entries):
            if should_stop is not None and should_stop():
                return self._stopped(written, updated, unchanged, files, previous)
            if entry.meeting_id in files:
                raise ArchiveError(f"Meeting {entry.meeting_id} is listed twice.")
            name, digest, data = self._name_and_digest(entry)
            path = self._inside(root, name)
            if path is None:  # cannot happen with safe names; checked so it never can
                raise ArchiveError(f"Refusing to write {name!r} outside the archive folder.")
            old = previous.get(entry.meeting_id)
            same_place = old is not None and old.relative_path == name
            if same_place and old is not None and old.content_sha256 == digest and path.is_file():
                unchanged.append(name)
            else:
                existed = same_place and path.is_file()
                if data is None:
                    data, digest = content_hash(render_meeting(entry))
                self._write(path, data)
                (updated if existed else written).append(name)
                if old is not None and not same_place:
                    stale.append(old.relative_path)
            files[entry.meeting_id] = ArchivedFile(entry.meeting_id, name, digest)
            if progress is not None:
                progress(number + 1, len(entries))
        stale += [old.relative_path for mid, old in previous.items() if mid not in files]
        self._rendered = {mid: self._rendered[mid] for mid in files if mid in self._rendered}
        keep = {f.relative_path for f in files.values()}
        if known_meetings is not None:
            stale += self._orphans(root, known_meetings, keep)
        removed, refused = self._remove(root, stale, keep=keep)
        # Nothing written or removed: the index lists the same files as before.
        index_written = False
        if written or updated or removed or not (root / INDEX_FILE_NAME).is_file():
            names = {mid: f.relative_path for mid, f in files.items()}
            index_written = self._write_index(root, entries, names)
        return SyncResult(
            written=tuple(written),
            updated=tuple(updated),
            unchanged=tuple(unchanged),
            removed=tuple(removed),
            refused=tuple(refused),
            files=files,
            index_written=index_written,
        )

    def sync_one(self, entry: MeetingArchiveEntry, previous: ArchivedFile | None) -> OneFileResult:
        """Bring one meeting's file in step (after its notes changed), touching nothing else.

        The index is not rewritten: call `write_index` when the result is not "unchanged"."""
        root = self._root()
        name, digest, data = self._name_and_digest(entry)
        path = self._inside(root, name)
        if path is None:  # cannot happen with safe names; checked so it never can
            raise ArchiveError(f"Refusing to write {name!r} outside the archive folder.")
        same_place = previous is not None and previous.relative_path == name
        if (
            same_place
            and previous is not None
            and previous.content_sha256 == digest
            and path.is_file()
        ):
            return OneFileResult("unchanged", ArchivedFile(entry.meeting_id, name, digest))
        existed = same_place and path.is_file()
        if data is None:
            data, digest = content_hash(render_meeting(entry))
        self._write(path, data)
        removed: list[str] = []
        if previous is not None and not same_place:
            removed, _refused = self._remove(root, [previous.relative_path], keep={name})
        return OneFileResult(
            "updated" if existed else "written",
            ArchivedFile(entry.meeting_id, name, digest),
            tuple(removed),
        )

    def forget(self, previous: ArchivedFile) -> bool:
        """Remove a meeting's file (the meeting left the archive); False when refused."""
        self._rendered.pop(previous.meeting_id, None)
        removed, _refused = self._remove(self._root(), [previous.relative_path], keep=set())
        return bool(removed)

    def write_index(
        self,
        entries: Iterable[MeetingArchiveEntry],
        file_names: Mapping[int, str] | None = None,
    ) -> bool:
        """Rewrite the index when its content changed; only names, dates and places are read."""
        return self._write_index(self._root(), list(entries), file_names)

    def _stopped(
        self,
        written: list[str],
        updated: list[str],
        unchanged: list[str],
        files: dict[int, ArchivedFile],
        previous: Mapping[int, ArchivedFile],
    ) -> SyncResult:
        # Untouched meetings keep their old record, so the next sync knows those files exist.
        state = {**{mid: old for mid, old in previous.items() if mid not in files}, **files}
        return SyncResult(
            written=tuple(written),
            updated=tuple(updated),
            unchanged=tuple(unchanged),
            removed=(),
            refused=(),
            files=state,
            completed=False,
        )

    @staticmethod
    def _orphans(root: Path, known_meetings: Collection[int], keep: set[str]) -> list[str]:
        """Files directly in `root` that this writer made for meetings that no longer exist.

        A file counts only when its name is one `archive_file_name` makes, it is a regular file
        (not a link, not a folder) and it starts with the front matter `render_meeting` writes
        for that same id: the user's own files are never taken for ours."""
        found: list[str] = []
        try:
            with os.scandir(root) as listing:
                candidates = [
                    (entry.name, meeting_id)
                    for entry in listing
                    if (meeting_id := archive_file_meeting_id(entry.name)) is not None
                    and meeting_id not in known_meetings
                    and entry.name not in keep
                    and entry.is_file(follow_symlinks=False)
                ]
        except OSError:
            return found  # an unreadable folder: the files we remember were handled already
        for name, meeting_id in candidates:
            expected = f"---\nmeeting_id: {meeting_id}\n".encode()
            try:
                with (root / name).open("rb") as handle:
                    start = handle.read(len(expected))
            except OSError:
                continue
            if start == expected:
                found.append(name)
        return found

    def _remove(
        self, root: Path, relative_paths: Sequence[str], keep: set[str]
    ) -> tuple[list[str], list[str]]:
        removed: list[str] = []
        refused: list[str] = []
        for relative_path in dict.fromkeys(relative_paths):
            if relative_path in keep:
                continue
            path = self._inside(root, relative_path)
            if (
                path is None
                or not relative_path.endswith(ARCHIVE_SUFFIX)
                or relative_path == INDEX_FILE_NAME
            ):
                refused.append(relative_path)
                continue
            if path.is_dir() and not path.is_symlink():
                refused.append(relative_path)
                continue
            try:
                path.unlink(missing_ok=True)
            except OSError as error:
                raise ArchiveError(
                    f"Could not remove {relative_path} from the archive folder "
                    f"({error.strerror}). Close any program using it, then try again."
                ) from error
            removed.append(relative_path)
        return removed, refused

    def _write_index(
        self,
        root: Path,
        entries: Sequence[MeetingArchiveEntry],
        file_names: Mapping[int, str] | None = None,
    ) -> bool:
        path = root / INDEX_FILE_NAME
        data, _digest = content_hash(render_index(entries, file_names))
        try:
            if path.read_bytes() == data:
                return False
        except OSError:
            pass  # missing or unreadable: write it
        self._write(path, data)
        return True
