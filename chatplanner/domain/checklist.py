"""Meeting checklists: a user-editable template of Before / During / After items.

Template text, one item per line:

    # Lines starting with '#' are comments.
    Before:
    - Confirm the day before
    - Plan the route and parking [in person]
    - Test the call link, camera and microphone [online]
    During:
    ...

A section starts with a line holding only a phase name ("Before", "Before:", "[Before]", any
case). Every other non-blank line is an item of the current section; a leading "- ", "* " or
"• " is dropped. An item ending in "[in person]" or "[online]" only applies to that kind of
meeting, so the online list is derived from the same template rather than kept as a copy.

Parsing is strict about structure and lenient about style: an item before any section header,
or a template with no items at all, is a `ChecklistTemplateError` that names the line; blank
lines, bullets, repeated sections (merged) and header case are accepted as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from chatplanner.domain.enums import ChecklistPhase, MeetingMode

PHASE_ORDER: tuple[ChecklistPhase, ...] = (
    ChecklistPhase.BEFORE,
    ChecklistPhase.DURING,
    ChecklistPhase.AFTER,
)
PHASE_TITLES: dict[ChecklistPhase, str] = {
    ChecklistPhase.BEFORE: "Before",
    ChecklistPhase.DURING: "During",
    ChecklistPhase.AFTER: "After",
}
# An item longer than this is almost certainly pasted text, not a checklist step.
MAX_ITEM_CHARS = 500

_HEADER = re.compile(r"^\[?\s*(before|during|after)\s*\]?\s*:?$", re.IGNORECASE)
_BULLET = re.compile(r"^(?:[-*•]\s+)")
_MODE_TAG = re.compile(r"\s*\[(in[ -]person|online)\]$", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")


class ChecklistTemplateError(ValueError):
    """A checklist template that cannot be read; the message says which line and what to do."""

    def __init__(self, message: str, line_number: int | None = None) -> None:
        super().__init__(message)
        self.line_number = line_number


@dataclass(frozen=True, slots=True)
class ChecklistTemplateLine:
    phase: ChecklistPhase
    text: str
    # None: every meeting; otherwise only meetings of that mode.
    only_for: MeetingMode | None = None


@dataclass(frozen=True, slots=True)
class ChecklistTemplate:
    lines: tuple[ChecklistTemplateLine, ...]

    def items_for(self, mode: MeetingMode) -> list[ChecklistItem]:
        """The checklist of one meeting, ordered by phase, numbered from 0 across phases."""
        chosen = [line for line in self.lines if line.only_for in (None, mode)]
        ordered = sorted(chosen, key=lambda line: PHASE_ORDER.index(line.phase))  # stable
        return [
            ChecklistItem(phase=line.phase, text=line.text, position=index)
            for index, line in enumerate(ordered)
        ]


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    phase: ChecklistPhase
    text: str
    # Order within the whole meeting's checklist (phases in order), so one sort key suffices.
    position: int
    done: bool = False


DEFAULT_CHECKLIST_TEMPLATE = """\
# The checklist every new meeting starts with. One item per line, under Before, During and After.
# End an item with [in person] or [online] to use it only for that kind of meeting.

Before:
- Confirm the day before
- Plan the route and parking [in person]
- Test the call link, camera and microphone [online]
- Re-read their profile and your goal
- Prepare two or three questions

During:
- Arrive on time [in person]
- Join a few minutes early [online]
- Be polite
- Share your story: past, present, goals
- Ask about their past, present and goals
- Listen
- Take notes

After:
- Send the thank-you within a day
- Do what you promised
- Set the next touch
"""


# Items an earlier default template had without their tag, still in templates users saved
# from it: read with the tag they have now (an online call has no "Arrive on time").
_EARLIER_DEFAULT_TAGS: dict[str, MeetingMode] = {"arrive on time": MeetingMode.IN_PERSON}


def _clean_item_text(raw: str) -> str:
    return _WHITESPACE.sub(" ", raw).strip()


def parse_checklist_template(text: str) -> ChecklistTemplate:
    """Read a checklist template; raises `ChecklistTemplateError` when it has no usable shape."""
    phase: ChecklistPhase | None = None
    lines: list[ChecklistTemplateLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("\ufeff").strip()
        if not line or line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            phase = ChecklistPhase(header.group(1).lower())
            continue
        item = _BULLET.sub("", line, count=1)
        only_for: MeetingMode | None = None
        tag = _MODE_TAG.search(item)
        if tag:
            word = tag.group(1).lower()
            only_for = MeetingMode.ONLINE if word == "online" else MeetingMode.IN_PERSON
            item = item[: tag.start()]
        item = _clean_item_text(item)
        if not item:
            continue
        if only_for is None:
            only_for = _EARLIER_DEFAULT_TAGS.get(item.casefold())
        if phase is None:
            raise ChecklistTemplateError(
                f"Line {number} (\u201c{item[:40]}\u201d) comes before any section. "
                "Start the checklist with a line that says Before:, During: or After:.",
                number,
            )
        if len(item) > MAX_ITEM_CHARS:
            raise ChecklistTemplateError(
                f"Line {number} is {len(item)} characters long. "
                f"Keep each checklist item under {MAX_ITEM_CHARS} characters.",
                number,
            )
        lines.append(ChecklistTemplateLine(phase, item, only_for))
    if not lines:
        raise ChecklistTemplateError(
            "The checklist template has no items. Add at least one item under Before:, "
            "During: or After:, or restore the default template."
        )
    return ChecklistTemplate(tuple(lines))


def default_checklist_template() -> ChecklistTemplate:
    return parse_checklist_template(DEFAULT_CHECKLIST_TEMPLATE)


def checklist_for_meeting(
    mode: MeetingMode, template: ChecklistTemplate | None = None
) -> list[ChecklistItem]:
    """The items a new meeting starts with: the user's template, or the default one."""
    return (template or default_checklist_template()).items_for(mode)


def checklist_after_mode_change(
    items: Sequence[ChecklistItem],
    old_mode: MeetingMode,
    new_mode: MeetingMode,
    template: ChecklistTemplate | None = None,
) -> list[ChecklistItem]:
    """A chat's checklist once it turns from `old_mode` to `new_mode` (in person to an online
    call, or back): the template's items only for the old kind of chat go, unless already
    ticked (what was done stays on record); those only for the new kind come in, each at its
    place in the template's order within its phase. Items the user added or shared by both
    kinds stay as they are. Positions are renumbered across phases."""
    template = template or default_checklist_template()
    if old_mode is new_mode:
        return list(items)
    old_only = {
        (line.phase, line.text.casefold()) for line in template.lines if line.only_for is old_mode
    }
    by_phase: dict[ChecklistPhase, list[ChecklistItem]] = {phase: [] for phase in PHASE_ORDER}
    for item in sorted(items, key=lambda i: i.position):
        if item.done or (item.phase, item.text.casefold()) not in old_only:
            by_phase[item.phase].append(item)
    for phase in PHASE_ORDER:
        wanted = [
            line
            for line in template.lines
            if line.phase is phase and line.only_for in (None, new_mode)
        ]
        kept = by_phase[phase]
        present = {item.text.casefold() for item in kept}
        for index, line in enumerate(wanted):
            if line.only_for is not new_mode or line.text.casefold() in present:
                continue
            # After the template's items that come before it and are still on the list.
            earlier = {w.text.casefold() for w in wanted[:index]}
            at = max(
                (n + 1 for n, item in enumerate(kept) if item.text.casefold() in earlier),
                default=0,
            )
            kept.insert(at, ChecklistItem(phase=phase, text=line.text, position=0))
            present.add(line.text.casefold())
    ordered = [item for phase in PHASE_ORDER for item in by_phase[phase]]
    return [replace(item, position=index) for index, item in enumerate(ordered)]


def progress(items: Iterable[ChecklistItem]) -> tuple[int, int]:
    """(done, total) over the given items."""
    done = 0
    total = 0
    for item in items:
        total += 1
        done += item.done
    return done, total
