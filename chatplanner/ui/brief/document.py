"""The brief as a Qt text document: the same for the Brief tab and the PDF.

Text is escaped user data laid out as simple HTML; the font list names a family that has the
glyphs of every script on the page (Latin, Arabic, Chinese, Japanese, Korean, ...), found among
the installed fonts, so names in any script render instead of boxes.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFont, QFontDatabase, QTextDocument

from chatplanner.domain.brief import Brief
from chatplanner.ui.literal_text import escaped

# Families tried, in order, for each writing system a page may hold.
_PREFERRED = (
    "Noto Sans",
    "DejaVu Sans",
    "Noto Sans Arabic",
    "Noto Naskh Arabic",
    "Noto Sans CJK SC",
    "Noto Sans CJK JP",
    "Droid Sans Fallback",
    "Noto Sans Devanagari",
    "Noto Sans Hebrew",
    "Noto Sans Thai",
)
_SYSTEMS = (
    QFontDatabase.WritingSystem.Latin,
    QFontDatabase.WritingSystem.Arabic,
    QFontDatabase.WritingSystem.SimplifiedChinese,
    QFontDatabase.WritingSystem.Japanese,
    QFontDatabase.WritingSystem.Korean,
    QFontDatabase.WritingSystem.Devanagari,
    QFontDatabase.WritingSystem.Hebrew,
    QFontDatabase.WritingSystem.Thai,
)


@cache
def brief_font_families() -> tuple[str, ...]:
    """Installed families that together cover the common scripts, Latin first."""
    installed = set(QFontDatabase.families())
    chosen: list[str] = []
    for system in _SYSTEMS:
        supporting = set(QFontDatabase.families(system))
        family = next((f for f in _PREFERRED if f in installed and f in supporting), None)
        if family is None and supporting:
            family = sorted(supporting)[0]
        if family and family not in chosen:
            chosen.append(family)
    return tuple(chosen)


def brief_font(point_size: float) -> QFont:
    font = QFont()
    families = list(brief_font_families())
    if families:
        font.setFamilies(families)
    font.setPointSizeF(point_size)
    # Without ligatures "ff" stays two letters: the PDF's text searches and copies as typed.
    font.setFeature(QFont.Tag("liga"), 0)
    return font


def brief_html(brief: Brief, *, heading_size: float = 1.5) -> str:
    parts = [
        f'<h1 style="font-size:{heading_size * 100:.0f}%; margin:0 0 6px 0">'
        f"{escaped(brief.title)}</h1>"
    ]
    for heading, lines in brief.sections():
        parts.append(f'<h3 style="margin:8px 0 2px 0">{escaped(heading)}</h3>')
        if heading == "Three questions":
            items = "".join(f"<li>{escaped(line)}</li>" for line in lines)
            parts.append(f'<ol style="margin:0 0 0 -20px">{items}</ol>')
        else:
            parts.append(
                "".join(f'<p style="margin:0 0 2px 0">{escaped(line)}</p>' for line in lines)
            )
    return "".join(parts)


def brief_document(brief: Brief, point_size: float, width: float) -> QTextDocument:
    document = QTextDocument()
    document.setDefaultFont(brief_font(point_size))
    document.setDocumentMargin(0)
    document.setHtml(brief_html(brief))
    document.setTextWidth(width)
    return document
