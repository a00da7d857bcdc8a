"""Fill user-editable templates: `{first_name}` placeholders, `{{` and `}}` for literal braces.

Unknown or malformed placeholders are reported with their position, never raised mid-render and
never replaced by a silent blank, so an editor can underline them where they stand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    start: int  # offset in the template text
    end: int
    message: str


@dataclass(frozen=True, slots=True)
class RenderResult:
    text: str
    problems: tuple[TemplateProblem, ...]
    # Known placeholders whose value is empty: the text reads badly there, worth a gentle hint.
    empty: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems


def render(
    template: str, values: Mapping[str, str | None], known: frozenset[str] | None = None
) -> RenderResult:
    """Fill `template` from `values`. `known` lists the placeholder names the template may use
    (defaults to the keys of `values`); an unknown name stays in the text as written and is
    reported as a problem."""
    allowed = known if known is not None else frozenset(values)
    out: list[str] = []
    problems: list[TemplateProblem] = []
    empty: list[str] = []
    pos = 0
    for match in _TOKEN.finditer(template):
        out.append(template[pos : match.start()])
        pos = match.end()
        token = match.group(0)
        if token == "{{":
            out.append("{")
            continue
        if token == "}}":
            out.append("}")
            continue
        if token in ("{", "}"):
            problems.append(
                TemplateProblem(
                    match.start(), match.end(), f"Lone '{token}': write '{token * 2}' for a brace"
                )
            )
            out.append(token)
            continue
        name = (match.group(1) or "").strip()
        if not _NAME.match(name) or name not in allowed:
            problems.append(
                TemplateProblem(match.start(), match.end(), f"Unknown placeholder {token}")
            )
            out.append(token)
            continue
        value = values.get(name) or ""
        if not value:
            empty.append(name)
        out.append(value)
    out.append(template[pos:])
    return RenderResult("".join(out), tuple(problems), tuple(dict.fromkeys(empty)))


def placeholders_in(template: str) -> list[str]:
    """The placeholder names a template uses, in order of first use."""
    names = [
        (m.group(1) or "").strip() for m in _TOKEN.finditer(template) if m.group(1) is not None
    ]
    return list(dict.fromkeys(n for n in names if n))
