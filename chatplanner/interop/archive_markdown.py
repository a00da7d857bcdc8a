"""The notes archive: one Markdown file per meeting, with front matter, plus an index.

The archive is an export the user can read, search and back up with any tool. It is rewritten
incrementally: a file is written only when its rendered content changed (sha256, compared with
what the caller stored last time), always atomically, and only inside the archive folder.
Files are created readable by the user only (0600): they hold personal notes about people.
"""

from __future__ import annotations

import hashlib
import importlib.util
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
from chatplanner.interop.archive_manifest import (
    INDEX_FILE_NAME,
    MANIFEST_NAME,
    OTHER_INDEX_NAME,
    ArchiveError,
    ArchiveManifest,
    choose_index_name,
    file_sha256,
    file_signature,
    read_regular_file,
    starts_with_front_matter,
)
from chatplanner.interop.safe_files import (
    PrivateFileBatch,
    make_private_folder,
    remove_stale_temporaries,
    write_private_file,
)

# What the archive writer named its temporary files before they went through `safe_files`.
_OLD_TEMPORARY = re.compile(r"^\..+\.md\.[0-9]+\.tmp$", re.DOTALL)
ARCHIVE_SUFFIX = ".md"

# Characters YAML does not allow raw inside a double-quoted scalar, or that would end the line,
# and bidi embeddings, overrides and isolates, kept but written as escapes (see _BIDI_CONTROLS).
_YAML_SPECIAL = re.compile(
    '["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff\u202a-\u202e\u2066-\u2069]'
)
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
# Bidi embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI) are
# stripped from the Markdown text, not isolated: an override in a name would otherwise reverse
# the heading and every line after it in many viewers ("\u202eevil" shows as "live"). The marks
# (LRM, RLM, ALM) are kept: they reorder nothing beyond themselves and right-to-left names
# need them.
_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f{_BIDI_CONTROLS}]")
# Anything _plain_lines changes; most notes hold none, and one search is cheaper than two subs.
_UNUSUAL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029{_BIDI_CONTROLS}]")
# Lines of user text that Markdown would read as structure of this file: headings, code fences
# that would swallow everything after them, and setext underlines that turn a line into a heading.
_BLOCK_STRUCTURE = re.compile(r"^( {0,3})(#|```|~~~|=+[ \t]*$|-+[ \t]*$)", re.MULTILINE)
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>#|!~])")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


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
    when: str = ""  # the day and time in the words every page uses (domain/moments.py)
    # The fingerprint of the stored values this entry was made from (`source_fingerprint`),
    # given by the caller so that a later sync can see a chat unchanged without making its
    # entry; "" when unknown: the entry itself is then hashed (`entry_fingerprint`).
    source: str = ""

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
    # Files of chats this database does not hold, or edited since, left in place as the user's.
    kept: tuple[str, ...] = ()


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
    if entry.when:
        out += [f"**When:** {markdown_inline(entry.when)}", ""]
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


def index_lists(directory: Path, line: str, index_name: str = INDEX_FILE_NAME) -> bool:
    """True when the index in `directory` already holds exactly this line."""
    data = read_regular_file(Path(directory) / index_name, 1 << 30)
    return data is not None and f"\n{line}\n".encode() in data


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


RENDERER_MODULES = (__name__, "chatplanner.domain.safe_names", "chatplanner.domain.chat_notes")


def code_version(modules: Iterable[str]) -> str:
    """A hash of the source of `modules` (found, not imported: a check that finds nothing
    changed does not load them): code that turns a chat into its file, so that a new version
    renders again. "" when a source cannot be read."""
    digest = hashlib.sha256()
    for module in modules:
        spec = importlib.util.find_spec(module)
        source = spec.origin if spec is not None and spec.has_location else None
        try:
            digest.update(Path(source).read_bytes() if source else b"")
        except OSError:
            return ""
    return digest.hexdigest()


def _renderer_version() -> str:
    """A hash of the code that turns a chat into its file: a new version renders again."""
    return code_version(RENDERER_MODULES)


_RENDERER: list[str] = []


def entry_fingerprint(entry: MeetingArchiveEntry) -> str:
    """What a chat's file is made from, hashed with the renderer's version: two entries with
    the same fingerprint render to the same file. "" when the version cannot be known."""
    if not _RENDERER:
        _RENDERER.append(_renderer_version())
    version = _RENDERER[0]
    if not version:
        return ""
    text = f"{version}\n{entry!r}"
    return hashlib.sha256(text.encode("utf-8", errors="backslashreplace")).hexdigest()


def source_fingerprint(version: str, values: Iterable[object]) -> str:
    """The fingerprint of a chat's stored values (strings, numbers, moments, None), under
    `version` (the code and settings that turn them into an entry, and the renderer): equal
    fingerprints make equal entries, and equal files. "" when the version is not known.

    Each string is written with its length, anything else as its repr: no two lists of values
    share a text."""
    if not version:
        return ""
    text = "\x1f".join(
        [f"{len(value)}:{value}" if value.__class__ is str else repr(value) for value in values]
    )
    return hashlib.sha256(
        f"{version}\n{text}".encode("utf-8", errors="backslashreplace")
    ).hexdigest()


def content_hash(text: str) -> tuple[bytes, str]:
    """The bytes written for `text` and their sha256 (hex)."""
    data = text.encode("utf-8", errors="replace")  # a lone surrogate becomes "?"
    return data, hashlib.sha256(data).hexdigest()


class ArchiveWriter:
    """Keeps a folder of Markdown files in step with the meetings, touching only what changed.

    `owner` is the id of the profile writing the folder (see `archive_manifest`): a folder
    another profile owns is refused. `state` is the manifest state the caller's database last
    agreed on; the writer updates it after every change, for the caller to store."""

    def __init__(self, directory: Path, owner: str = "", state: str | None = None) -> None:
        self.directory = Path(directory)
        self.owner = owner
        self.state = state
        self.index_name = INDEX_FILE_NAME
        # The manifest and the index as this writer last read or wrote them, by file signature:
        # a one-meeting update after each autosave need not parse and hash them again.
        self._manifest_cache: tuple[tuple[int, int, int], ArchiveManifest] | None = None
        self._index_cache: tuple[str, tuple[int, int, int]] | None = None
        self._tidied = False
        # Meetings rendered by this writer, by id: an equal entry renders to the same text, so a
        # rerun in the same session skips rendering it (the content hash is still checked).
        self._rendered: dict[int, tuple[MeetingArchiveEntry, str, str]] = {}

    def _name_and_digest(
        self,
        entry: MeetingArchiveEntry,
        manifest: ArchiveManifest,
        previous: ArchivedFile | None,
    ) -> tuple[str, str, bytes | None]:
        """The file name and content hash of `entry`'s rendering, and the bytes when it had to
        be rendered (None when it was not: an equal entry this writer rendered before, or one
        whose fingerprint the manifest lists with its file)."""
        cached = self._rendered.get(entry.meeting_id)
        if cached is not None and cached[0] == entry:
            return cached[1], cached[2], None
        fingerprint = entry.source or entry_fingerprint(entry)
        if previous is not None:
            known = manifest.rendered.get(previous.relative_path)
            if known is not None and known[0] == fingerprint:
                self._rendered[entry.meeting_id] = (entry, previous.relative_path, known[1])
                return previous.relative_path, known[1], None
        name = entry.file_name
        data, digest = content_hash(render_meeting(entry))
        self._rendered[entry.meeting_id] = (entry, name, digest)
        if fingerprint:
            manifest.rendered[name] = (fingerprint, digest)
        return name, digest, data

    def _root(self) -> Path:
        try:
            make_private_folder(self.directory)
            root = self.directory.resolve(strict=True)
        except OSError as error:
            raise ArchiveError(
                f"The archive folder {self.directory} cannot be created ({error.strerror}). "
                "Choose another folder in the archive settings."
            ) from error
        # Temporary files of a write that was killed hold notes: they do not stay behind. Once
        # per writer (a new process) is enough; a full sync looks again.
        if not self._tidied:
            remove_stale_temporaries(root, extra_pattern=_OLD_TEMPORARY)
            self._tidied = True
        return root

    def _load_manifest(self, root: Path) -> ArchiveManifest:
        signature = file_signature(root / MANIFEST_NAME)
        cached = self._manifest_cache
        if signature is not None and cached is not None and cached[0] == signature:
            return cached[1].copy()
        manifest = ArchiveManifest.load(root, self.owner)
        self._manifest_cache = (signature, manifest.copy()) if signature is not None else None
        return manifest

    def _remember(self, root: Path, manifest: ArchiveManifest) -> None:
        """Note the manifest and index just written, so the next call need not read them."""
        signature = file_signature(root / MANIFEST_NAME)
        self._manifest_cache = (signature, manifest.copy()) if signature is not None else None
        index = file_signature(root / self.index_name)
        if index is not None and self.index_name in manifest.files:
            self._index_cache = (self.index_name, index)

    def _choose_index_name(self, root: Path, manifest: ArchiveManifest) -> str:
        cached = self._index_cache
        if (
            cached is not None
            and cached[0] == manifest.index_name
            and file_signature(root / cached[0]) == cached[1]
        ):
            return cached[0]  # the index this writer wrote, unchanged since
        return choose_index_name(root, manifest)

    def _claim(self, root: Path, previous: Iterable[ArchivedFile]) -> tuple[ArchiveManifest, bool]:
        """The folder's manifest (refusing another profile's folder) and whether the caller's
        database is the one that last wrote the folder (only then is anything removed)."""
        manifest = self._load_manifest(root)
        # A folder without a manifest holds nothing of ours but what the database remembers.
        trusted = not manifest.existed or (self.state is not None and manifest.state == self.state)
        if not manifest.existed:
            # A folder written before manifests existed: what the database remembers writing,
            # and still holds those bytes, is ours; nothing else is.
            for item in previous:
                path = self._inside(root, item.relative_path)
                if path is not None and file_sha256(path) == item.content_sha256:
                    manifest.files[item.relative_path] = item.content_sha256
        self.index_name = self._choose_index_name(root, manifest)
        manifest.index_name = self.index_name
        return manifest, trusted

    def _save(
        self,
        root: Path,
        manifest: ArchiveManifest,
        trusted: bool,
        batch: PrivateFileBatch | None = None,
    ) -> None:
        """Write the manifest (with `batch`: staged, noted by the caller after the flush)."""
        # A database that does not agree with the folder stays so until a full sync.
        manifest.save(root, renew_state=trusted, batch=batch)
        if trusted:
            self.state = manifest.state
        if batch is None:
            self._remember(root, manifest)

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

    @staticmethod
    def _check_replaceable(
        root: Path, manifest: ArchiveManifest, name: str, meeting_id: int
    ) -> None:
        """Refuse to write over a file of the user's that happens to have our name."""
        path = root / name
        if not os.path.lexists(path) or path.is_symlink() or name in manifest.files:
            return
        if starts_with_front_matter(path, meeting_id):
            return  # ours, written before the manifest remembered it
        raise ArchiveError(
            f"The archive folder holds a file named {name} that chatplanner did not write. "
            "Nothing was overwritten: move or rename it, then write the archive again."
        )

    def _write(self, path: Path, data: bytes) -> None:
        try:
            write_private_file(path, data)
        except OSError as error:
            raise ArchiveError(
                f"Could not write {path.name} in the archive folder ({error.strerror}). "
                "Check that the folder is writable and the disk is not full, then try again."
            ) from error

    @staticmethod
    def _stage(batch: PrivateFileBatch, path: Path, data: bytes) -> None:
        try:
            batch.write(path, data)
        except OSError as error:
            raise ArchiveError(
                f"Could not write {path.name} in the archive folder ({error.strerror}). "
                "Check that the folder is writable and the disk is not full, then try again."
            ) from error

    @staticmethod
    def _flush(batch: PrivateFileBatch) -> None:
        try:
            batch.flush()
        except OSError as error:
            raise ArchiveError(
                f"Could not write the archive folder ({error.strerror}). "
                "Check that the folder is writable and the disk is not full, then try again."
            ) from error

    def unchanged(
        self,
        fingerprints: Mapping[int, str],
        previous_hashes: Iterable[ArchivedFile],
        *,
        known_meetings: Collection[int] | None = None,
    ) -> SyncResult | None:
        """What `sync` would return when it has nothing to do, found without any entry:
        `fingerprints` (meeting id -> `source_fingerprint`, every chat the archive holds) are
        those the files were rendered from, every file is in place as written, nothing is to be
        removed and the index is there. None when anything differs: call `sync` then."""
        self._tidied = False
        root = self._root()
        previous = {item.meeting_id: item for item in previous_hashes}
        if previous.keys() != fingerprints.keys() or "" in fingerprints.values():
            return None
        manifest, trusted = self._claim(root, previous.values())
        if not (manifest.existed and trusted):
            return None
        try:
            with os.scandir(root) as listing:
                present = {item.name for item in listing if item.is_file()}
        except OSError:
            return None
        names: list[str] = []
        for meeting_id, fingerprint in fingerprints.items():
            old = previous[meeting_id]
            name, digest = old.relative_path, old.content_sha256
            if (
                name not in present
                or manifest.rendered.get(name) != (fingerprint, digest)
                or manifest.files.get(name) != digest
            ):
                return None
            names.append(name)
        if self.index_name not in present or len(manifest.rendered) != len(names):
            return None
        # The manifest lists the chats' files and the index alone (the usual case): none is of
        # a meeting that no longer exists.
        others = len(manifest.files) - len(names) - (self.index_name in manifest.files)
        if (
            known_meetings is not None
            and others
            and any(
                (listed := archive_file_meeting_id(name)) is not None
                and listed not in known_meetings
                for name in manifest.files
            )
        ):
            return None
        return SyncResult(
            written=(),
            updated=(),
            unchanged=tuple(names),
            removed=(),
            refused=(),
            files=previous,
        )

    def sync(  # noqa: C901, PLR0915 - one lock-step walk of the folder and the entries: write, rename, remove, index; its steps share the manifest
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
        written again. Files of meetings no longer listed are removed when the manifest says
        this profile wrote them and they still hold what it wrote; other files in the folder
        are left alone.

        With `known_meetings` (the ids of every meeting that still exists), files the manifest
        lists for any other meeting id are removed too, even when the database forgot them
        (the meeting was deleted behind its back). When the database is not the one that last
        wrote the folder (restored from a backup), nothing is removed: those files are `kept`."""
        self._tidied = False
        root = self._root()
        entries = list(entries)
        previous = {item.meeting_id: item for item in previous_hashes}
        manifest, trusted = self._claim(root, previous.values())
        claimed = dict(manifest.files) if manifest.existed else None
        claimed_rendered = dict(manifest.rendered)
        written: list[str] = []
        updated: list[str] = []
        unchanged: list[str] = []
        stale: list[str] = []
        files: dict[int, ArchivedFile] = {}
        # One flush to disk per chunk of files, not one per file (see PrivateFileBatch).
        with PrivateFileBatch(root) as batch:
            for number, entry in enumerate(entries):
                if should_stop is not None and should_stop():
                    self._flush(batch)
                    self._save(root, manifest, trusted)
                    return self._stopped(written, updated, unchanged, files, previous)
                if entry.meeting_id in files:
                    raise ArchiveError(f"Meeting {entry.meeting_id} is listed twice.")
                old = previous.get(entry.meeting_id)
                name, digest, data = self._name_and_digest(entry, manifest, old)
                path = self._inside(root, name)
                if path is None:  # cannot happen with safe names; checked so it never can
                    raise ArchiveError(f"Refusing to write {name!r} outside the archive folder.")
                same_place = old is not None and old.relative_path == name
                if (
                    same_place
                    and old is not None
                    and old.content_sha256 == digest
                    and path.is_file()
                ):
                    unchanged.append(name)
                    if name not in manifest.files and file_sha256(path) == digest:
                        manifest.files[name] = digest
                else:
                    existed = same_place and path.is_file()
                    if data is None:
                        data, digest = content_hash(render_meeting(entry))
                    self._check_replaceable(root, manifest, name, entry.meeting_id)
                    self._stage(batch, path, data)
                    manifest.files[name] = digest
                    (updated if existed else written).append(name)
                    if old is not None and not same_place:
                        stale.append(old.relative_path)
                files[entry.meeting_id] = ArchivedFile(entry.meeting_id, name, digest)
                if progress is not None:
                    progress(number + 1, len(entries))
            self._flush(batch)
        stale += [old.relative_path for mid, old in previous.items() if mid not in files]
        self._rendered = {mid: self._rendered[mid] for mid in files if mid in self._rendered}
        keep = {f.relative_path for f in files.values()}
        if known_meetings is not None:
            stale += [
                name
                for name in manifest.files
                if (meeting_id := archive_file_meeting_id(name)) is not None
                and meeting_id not in known_meetings
            ]
        removed, refused, kept = self._remove(root, manifest, stale, keep=keep, trusted=trusted)
        if not trusted:
            # Taking stock: from now on the folder holds what this database wrote, and every
            # other file in it is the user's to keep.
            index_digest = manifest.files.get(self.index_name)
            dropped = [n for n in manifest.files if n not in keep and n != self.index_name]
            kept += [n for n in dropped if n not in kept and os.path.lexists(root / n)]
            manifest.files = {n: manifest.files[n] for n in keep if n in manifest.files}
            if index_digest is not None:
                manifest.files[self.index_name] = index_digest
        # Nothing written or removed: the index lists the same files as before.
        index_written = False
        if written or updated or removed or not (root / self.index_name).is_file():
            names = {mid: f.relative_path for mid, f in files.items()}
            index_written = self._write_index(root, manifest, entries, names)
        manifest.rendered = {n: p for n, p in manifest.rendered.items() if n in keep}
        # An unchanged folder is not touched.
        if not (trusted and manifest.files == claimed and manifest.rendered == claimed_rendered):
            self._save(root, manifest, trusted=True)
        return SyncResult(
            written=tuple(written),
            updated=tuple(updated),
            unchanged=tuple(unchanged),
            removed=tuple(removed),
            refused=tuple(refused),
            files=files,
            index_written=index_written,
            kept=tuple(kept),
        )

    def sync_one(self, entry: MeetingArchiveEntry, previous: ArchivedFile | None) -> OneFileResult:
        """Bring one meeting's file in step (after its notes changed), touching nothing else.

        The index is not rewritten: call `write_index` when the result is not "unchanged"."""
        root = self._root()
        manifest, trusted = self._claim(root, [previous] if previous is not None else [])
        name, digest, data = self._name_and_digest(entry, manifest, previous)
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
        self._check_replaceable(root, manifest, name, entry.meeting_id)
        manifest.files[name] = digest
        moved = previous is not None and not same_place
        # The file and the manifest that lists it land together: one flush, not two.
        with PrivateFileBatch(root) as batch:
            self._stage(batch, path, data)
            if not moved:
                self._save(root, manifest, trusted, batch)
            self._flush(batch)
        removed: list[str] = []
        if previous is not None and moved:
            removed, _refused, _kept = self._remove(
                root, manifest, [previous.relative_path], keep={name}, trusted=trusted
            )
            self._save(root, manifest, trusted)
        else:
            self._remember(root, manifest)
        return OneFileResult(
            "updated" if existed else "written",
            ArchivedFile(entry.meeting_id, name, digest),
            tuple(removed),
        )

    def forget(self, previous: ArchivedFile) -> bool:
        """Remove a meeting's file (the meeting left the archive); False when refused."""
        self._rendered.pop(previous.meeting_id, None)
        root = self._root()
        manifest, trusted = self._claim(root, [previous])
        removed, _refused, _kept = self._remove(
            root, manifest, [previous.relative_path], keep=set(), trusted=trusted
        )
        self._save(root, manifest, trusted)
        return bool(removed)

    def write_index(
        self,
        entries: Iterable[MeetingArchiveEntry],
        file_names: Mapping[int, str] | None = None,
    ) -> bool:
        """Rewrite the index when its content changed; only names, dates and places are read."""
        root = self._root()
        manifest, trusted = self._claim(root, [])
        written = self._write_index(root, manifest, list(entries), file_names)
        if written:
            self._save(root, manifest, trusted)
        return written

    def index_lists(self, line: str) -> bool:
        """True when the index this writer keeps already holds exactly this line."""
        return index_lists(self.directory, line, self.index_name)

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

    def _remove(
        self,
        root: Path,
        manifest: ArchiveManifest,
        relative_paths: Sequence[str],
        keep: set[str],
        *,
        trusted: bool,
    ) -> tuple[list[str], list[str], list[str]]:
        """(removed, refused, kept): only files the manifest lists and that still hold what
        this profile wrote are removed, and only when the database agrees with the folder."""
        removed: list[str] = []
        refused: list[str] = []
        kept: list[str] = []
        for relative_path in dict.fromkeys(relative_paths):
            if relative_path in keep:
                continue
            path = self._inside(root, relative_path)
            if (
                path is None
                or not relative_path.endswith(ARCHIVE_SUFFIX)
                or relative_path in (INDEX_FILE_NAME, OTHER_INDEX_NAME, self.index_name)
            ):
                refused.append(relative_path)
                continue
            if not os.path.lexists(path):
                manifest.files.pop(relative_path, None)
                continue
            if not (trusted and manifest.owns(root, relative_path)):
                # Edited since, never ours, or a database that may not know of it: the user's.
                manifest.files.pop(relative_path, None)
                kept.append(relative_path)
                continue
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as error:
                raise ArchiveError(
                    f"Could not remove {relative_path} from the archive folder "
                    f"({error.strerror}). Close any program using it, then try again."
                ) from error
            manifest.files.pop(relative_path, None)
            removed.append(relative_path)
        return removed, refused, kept

    def _write_index(
        self,
        root: Path,
        manifest: ArchiveManifest,
        entries: Sequence[MeetingArchiveEntry],
        file_names: Mapping[int, str] | None = None,
    ) -> bool:
        path = root / self.index_name
        data, digest = content_hash(render_index(entries, file_names))
        current = read_regular_file(path, len(data))
        if current == data:
            manifest.files[self.index_name] = digest
            return False
        self._write(path, data)
        manifest.files[self.index_name] = digest
        return True
