from __future__ import annotations

import json
import os
import stat
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chatplanner.domain.enums import FollowUpOwner, MeetingMode
from chatplanner.interop import archive_markdown
from chatplanner.interop.archive_manifest import INDEX_FILE_NAME, MANIFEST_NAME, ArchiveError
from chatplanner.interop.archive_markdown import (
    ArchivedFile,
    ArchiveFollowUp,
    ArchiveWriter,
    MeetingArchiveEntry,
    markdown_block,
    render_index,
    render_meeting,
    yaml_quoted,
)

yaml = pytest.importorskip("yaml")

ADA = MeetingArchiveEntry(
    meeting_id=42,
    contact_name="Ada Lovelace",
    met_on=date(2026, 3, 5),
    mode=MeetingMode.IN_PERSON,
    venue="Café Central, Herrengasse 14",
    tags=("mentor", "design"),
    their_past="Engineer at a bank.",
    their_present="Leads a design team.",
    their_goals="Start a studio.",
    advice="- Talk to hiring managers\n- Build case studies",
    resources="Inspired, by Marty Cagan",
    free_notes="Very kind.",
    follow_ups=(
        ArchiveFollowUp(FollowUpOwner.ME, "Send my portfolio", date(2026, 3, 10)),
        ArchiveFollowUp(FollowUpOwner.THEM, "Introduce me to Dana", done=True),
    ),
    thank_you_subject="Thank you, Ada",
    thank_you_body="Hi Ada,\n\nThank you!",
)


def front_matter(text: str) -> dict[str, object]:
    assert text.startswith("---\n")
    head, _, _ = text[4:].partition("\n---\n")
    loaded = yaml.safe_load(head)
    assert isinstance(loaded, dict)
    return loaded


def entry(meeting_id: int, **changes: object) -> MeetingArchiveEntry:
    return replace(ADA, meeting_id=meeting_id, **changes)  # type: ignore[arg-type]


def test_meeting_renders_front_matter_and_every_section() -> None:
    text = render_meeting(ADA)
    assert front_matter(text) == {
        "meeting_id": 42,
        "contact": "Ada Lovelace",
        "date": date(2026, 3, 5),
        "mode": "in_person",
        "venue": "Café Central, Herrengasse 14",
        "tags": ["mentor", "design"],
    }
    for heading in ("Their past", "Their present", "Their goals", "Advice", "Resources",
                    "Follow-ups", "Notes", "Thank-you draft"):  # fmt: skip
        assert f"\n## {heading}\n" in text
    assert "# Ada Lovelace, 2026-03-05" in text
    assert "In person at Café Central, Herrengasse 14." in text
    assert "- [ ] **Me:** Send my portfolio (by 2026-03-10)" in text
    assert "- [x] **Them:** Introduce me to Dana" in text
    assert "**Subject:** Thank you, Ada\n\n> Hi Ada,\n>\n> Thank you!" in text


def test_empty_sections_are_left_out() -> None:
    bare = MeetingArchiveEntry(1, "Bo", date(2026, 1, 2), MeetingMode.ONLINE)
    text = render_meeting(bare)
    assert "## " not in text
    assert "Online call." in text
    assert front_matter(text)["tags"] == []


@pytest.mark.parametrize(
    "hostile",
    [
        "Ada: Lovelace",
        'She said "hi" \\ there',
        "line one\nline two\r\nthree",
        "---\nmode: online\n---",
        "# not a heading",
        "'single' & {braces} [list] *star* |pipe| %percent @at `tick`",
        "\x00\x07\x1b\x7f\x85\u2028\u2029\ufeff\ufffe",
        "محمد 山田 👩🏽‍💻",
        "",
        " leading and trailing ",
        "null",
        "yes",
        "2026-03-05",
        "x" * 10_000,
    ],
)
def test_front_matter_reads_back_any_string_exactly(hostile: str) -> None:
    text = render_meeting(entry(7, contact_name=hostile, venue=hostile, tags=(hostile, "b")))
    loaded = front_matter(text)
    assert loaded["contact"] == hostile
    assert loaded["venue"] == hostile
    assert loaded["tags"] == [hostile, "b"]
    assert loaded["meeting_id"] == 7


@settings(max_examples=300, deadline=None)
@given(value=st.text())
def test_yaml_quoting_round_trips_any_text(value: str) -> None:
    assert yaml.safe_load(f"key: {yaml_quoted(value)}") == {"key": value}
    assert "\n" not in yaml_quoted(value)


def test_notes_cannot_break_the_document_structure() -> None:
    block = markdown_block("# Heading?\n```\ncode\nTitle\n---\n<script>alert(1)</script>\n- ok")
    assert block == "\\# Heading?\n\\```\ncode\nTitle\n\\---\n\\<script>alert(1)\\</script>\n- ok"


def test_heading_escapes_markdown_in_names() -> None:
    text = render_meeting(entry(1, contact_name="<b>*Eve*</b> [x](y)"))
    assert "# \\<b\\>\\*Eve\\*\\</b\\> \\[x\\](y), 2026-03-05" in text


def test_index_links_each_file_newest_first_grouped_by_year() -> None:
    entries = [
        entry(1, met_on=date(2025, 12, 30), contact_name="Old Friend"),
        entry(2, met_on=date(2026, 3, 5), contact_name="Ada (Countess)"),
        entry(3, met_on=date(2026, 3, 5), contact_name="Zoë", mode=MeetingMode.ONLINE, venue=""),
    ]
    index = render_index(entries)
    lines = index.splitlines()
    assert lines[0] == "# Coffee chats"
    assert lines.index("## 2026") < lines.index("## 2025")
    links = [line for line in lines if line.startswith("- ")]
    assert links[0] == "- 2026-03-05: [Zoë](2026-03-05%20Zo%C3%AB%20%283%29.md) (Online call)"
    assert links[1].startswith(
        "- 2026-03-05: [Ada (Countess)](2026-03-05%20Ada%20%28Countess%29%20%282%29.md)"
    )
    assert "Old Friend" in links[2]


def test_empty_index_says_so() -> None:
    assert render_index([]) == "# Coffee chats\n\nNo meetings yet.\n"


def test_first_sync_writes_every_file_and_the_index(tmp_path: Path) -> None:
    entries = [entry(1), entry(2, contact_name="Bo")]
    result = ArchiveWriter(tmp_path / "archive").sync(entries, [])
    names = sorted(p.name for p in (tmp_path / "archive").iterdir())
    assert names == sorted([e.file_name for e in entries] + [INDEX_FILE_NAME, MANIFEST_NAME])
    assert sorted(result.written) == sorted(e.file_name for e in entries)
    assert result.updated == ()
    assert result.unchanged == ()
    assert result.removed == ()
    assert result.index_written
    assert result.completed
    assert set(result.files) == {1, 2}
    stored = (tmp_path / "archive" / entries[0].file_name).read_text(encoding="utf-8")
    assert stored == render_meeting(entries[0])


def test_files_are_private_to_the_user(tmp_path: Path) -> None:
    ArchiveWriter(tmp_path).sync([entry(1)], [])
    mode = stat.S_IMODE(os.stat(tmp_path / entry(1).file_name).st_mode)
    assert mode & 0o077 == 0


def test_second_sync_without_changes_writes_nothing(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path)
    first = writer.sync([entry(1), entry(2)], [])
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    second = writer.sync([entry(1), entry(2)], first.files.values())
    assert second.written == ()
    assert second.updated == ()
    assert second.removed == ()
    assert len(second.unchanged) == 2
    assert not second.index_written
    assert {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()} == before


def test_edited_notes_rewrite_only_that_file_under_the_same_name(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path)
    first = writer.sync([entry(1), entry(2)], [])
    second = writer.sync([entry(1, free_notes="Changed"), entry(2)], first.files.values())
    assert second.updated == (entry(1).file_name,)
    assert second.unchanged == (entry(2).file_name,)
    assert "Changed" in (tmp_path / entry(1).file_name).read_text(encoding="utf-8")
    assert second.files[1].content_sha256 != first.files[1].content_sha256


def test_renamed_contact_moves_the_file(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path)
    first = writer.sync([entry(1)], [])
    renamed = entry(1, contact_name="Ada King")
    second = writer.sync([renamed], first.files.values())
    assert second.written == (renamed.file_name,)
    assert second.removed == (entry(1).file_name,)
    assert not (tmp_path / entry(1).file_name).exists()


def test_deleted_meeting_file_is_removed_and_others_kept(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path)
    (tmp_path / "my own notes.md").write_text("mine", encoding="utf-8")
    first = writer.sync([entry(1), entry(2)], [])
    second = writer.sync([entry(2)], first.files.values())
    assert second.removed == (entry(1).file_name,)
    assert (tmp_path / "my own notes.md").read_text(encoding="utf-8") == "mine"
    assert entry(1).file_name not in (tmp_path / INDEX_FILE_NAME).read_text(encoding="utf-8")
    assert second.index_written


def test_file_deleted_by_the_user_is_written_again(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path)
    first = writer.sync([entry(1)], [])
    (tmp_path / entry(1).file_name).unlink()
    second = writer.sync([entry(1)], first.files.values())
    assert second.written == (entry(1).file_name,)
    assert (tmp_path / entry(1).file_name).exists()


@pytest.mark.parametrize(
    "stored",
    ["../outside.md", "/etc/passwd", "sub/inner.md", "..", "", "notes.txt", INDEX_FILE_NAME,
     "..\\outside.md"],
)  # fmt: skip
def test_stored_paths_outside_the_folder_are_never_removed(tmp_path: Path, stored: str) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    outside = tmp_path / "outside.md"
    outside.write_text("keep", encoding="utf-8")
    (archive / "sub").mkdir()
    (archive / "sub" / "inner.md").write_text("keep", encoding="utf-8")
    (archive / "notes.txt").write_text("keep", encoding="utf-8")
    result = ArchiveWriter(archive).sync([], [ArchivedFile(9, stored, "0" * 64)])
    assert result.removed == ()
    assert result.refused == (stored,)
    assert outside.read_text(encoding="utf-8") == "keep"
    assert (archive / "sub" / "inner.md").exists()
    assert (archive / "notes.txt").exists()


def test_symlink_named_like_an_archive_file_is_replaced_not_followed(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    target = tmp_path / "target.md"
    target.write_text("keep", encoding="utf-8")
    (archive / entry(1).file_name).symlink_to(target)
    ArchiveWriter(archive).sync([entry(1)], [])
    assert target.read_text(encoding="utf-8") == "keep"
    assert not (archive / entry(1).file_name).is_symlink()


def test_no_temporary_files_are_left_behind(tmp_path: Path) -> None:
    ArchiveWriter(tmp_path).sync([entry(i) for i in range(1, 20)], [])
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_duplicate_meetings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ArchiveError, match="listed twice"):
        ArchiveWriter(tmp_path).sync([entry(1), entry(1)], [])


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ArchiveError, match="Choose another folder"):
        ArchiveWriter(blocker / "archive").sync([entry(1)], [])


def test_stopping_early_keeps_a_consistent_state(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path)
    first = writer.sync([entry(1), entry(2), entry(3)], [])
    calls = iter([False, True])
    partial = writer.sync(
        [entry(1, free_notes="new"), entry(2, free_notes="new")],
        first.files.values(),
        should_stop=lambda: next(calls, True),
    )
    assert not partial.completed
    assert partial.updated == (entry(1).file_name,)
    assert partial.removed == ()
    assert set(partial.files) == {1, 2, 3}
    assert partial.files[2] == first.files[2]
    done = writer.sync(
        [entry(1, free_notes="new"), entry(2, free_notes="new")], partial.files.values()
    )
    assert done.updated == (entry(2).file_name,)
    assert done.removed == (entry(3).file_name,)


def test_progress_is_reported_per_meeting(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    ArchiveWriter(tmp_path).sync(
        [entry(1), entry(2)], [], progress=lambda n, t: seen.append((n, t))
    )
    assert seen == [(1, 2), (2, 2)]


@settings(max_examples=100, deadline=None)
@given(name=st.text(max_size=300), notes=st.text(max_size=300), meeting_id=st.integers(1, 2**40))
def test_any_meeting_renders_readable_front_matter(name: str, notes: str, meeting_id: int) -> None:
    text = render_meeting(entry(meeting_id, contact_name=name, free_notes=notes, venue=notes))
    loaded = front_matter(text)
    assert loaded["contact"] == name
    assert loaded["venue"] == notes
    text.encode("utf-8", errors="replace")


def test_advice_written_one_idea_per_line_becomes_one_bullet_each() -> None:
    entry = replace(
        ADA,
        advice="Talk to hiring managers\n\n- Build case studies\n* Volunteer on a PMI committee",
        resources="The PMBOK guide\nPMI Toronto's mentoring programme",
    )
    text = render_meeting(entry)
    advice = text.split("## Advice\n\n", 1)[1].split("\n\n", 1)[0]
    assert advice.split("\n") == [
        "- Talk to hiring managers",
        "- Build case studies",
        "- Volunteer on a PMI committee",
    ]
    resources = text.split("## Resources\n\n", 1)[1].split("\n\n", 1)[0]
    assert resources.split("\n") == ["- The PMBOK guide", "- PMI Toronto's mentoring programme"]


def _count_renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rendered: list[int] = []
    original = archive_markdown.render_meeting

    def counting(item: MeetingArchiveEntry) -> str:
        rendered.append(item.meeting_id)
        return original(item)

    monkeypatch.setattr(archive_markdown, "render_meeting", counting)
    return rendered


def test_the_next_run_renders_only_the_chats_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first_writer = ArchiveWriter(tmp_path)
    first = first_writer.sync([entry(1), entry(2), entry(3)], [])
    rendered = _count_renders(monkeypatch)
    # A new writer, as in the next `chatplanner archive`: it knows only the manifest.
    writer = ArchiveWriter(tmp_path, state=first_writer.state)
    second = writer.sync(
        [entry(1), entry(2, free_notes="Changed"), entry(3, contact_name="Ada King")],
        first.files.values(),
    )
    assert sorted(rendered) == [2, 3]
    assert second.updated == (entry(2).file_name,)
    assert second.written == (entry(3, contact_name="Ada King").file_name,)
    assert second.unchanged == (entry(1).file_name,)
    assert "Changed" in (tmp_path / entry(2).file_name).read_text(encoding="utf-8")
    assert not (tmp_path / entry(3).file_name).exists()


def test_a_new_renderer_renders_every_chat_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ArchiveWriter(tmp_path).sync([entry(1), entry(2)], [])
    monkeypatch.setattr(archive_markdown, "_RENDERER", ["0" * 64])
    rendered = _count_renders(monkeypatch)
    second = ArchiveWriter(tmp_path).sync([entry(1), entry(2)], first.files.values())
    assert sorted(rendered) == [1, 2]
    assert len(second.unchanged) == 2  # the same text: nothing rewritten


def test_a_damaged_list_of_fingerprints_only_costs_rendering_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = ArchiveWriter(tmp_path).sync([entry(1)], [])
    manifest = tmp_path / MANIFEST_NAME
    document = json.loads(manifest.read_text(encoding="utf-8"))
    document["rendered"] = {entry(1).file_name: ["not a hash", 7]}
    manifest.write_text(json.dumps(document), encoding="utf-8")
    rendered = _count_renders(monkeypatch)
    second = ArchiveWriter(tmp_path).sync([entry(1, free_notes="New")], first.files.values())
    assert rendered == [1]
    assert second.updated == (entry(1).file_name,)
