"""The templates shipped with chatplanner, read from resources/templates: the one reader."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from chatplanner.domain.enums import TemplateKind
from chatplanner.domain.templates import MessageTemplate, parse_template_text
from chatplanner.resources_path import templates_dir

DEFAULT_TEMPLATE_FILES: Mapping[TemplateKind, str] = MappingProxyType(
    {
        TemplateKind.FIRST_MESSAGE: "first_message.txt",
        TemplateKind.FOLLOW_UP: "follow_up.txt",
        TemplateKind.RECRUITER: "recruiter.txt",
        TemplateKind.JOB_LEAD: "job_lead.txt",
        TemplateKind.INTRODUCTION: "introduction.txt",
        TemplateKind.KEEP_IN_TOUCH: "keep_in_touch.txt",
    }
)


class TemplateFileError(OSError):
    """A default template that cannot be read, said in words a user can act on."""


def bundled_template_text(file_name: str, directory: Path | None = None) -> str:
    """The text of a template file shipped with chatplanner (any kind)."""
    path = (directory or templates_dir()) / file_name
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise TemplateFileError(
            f"The default template {file_name} could not be read from {path.parent}. "
            "Reinstall chatplanner, or write your own template in the template editor."
        ) from error


def load_default_template(kind: TemplateKind, directory: Path | None = None) -> MessageTemplate:
    name = DEFAULT_TEMPLATE_FILES.get(kind)
    if name is None:
        raise KeyError(f"No default outreach template for {kind.value}")
    return parse_template_text(kind, bundled_template_text(name, directory))
