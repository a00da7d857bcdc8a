"""The two colour sets of the theme (their contrast is checked in tests/ui/test_theme.py)."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True, slots=True)
class ThemeColors:
    """Every colour the theme uses, as `#rrggbb`; custom painting (charts, maps) reads these too."""

    name: str
    window: str  # page background
    sidebar: str  # navigation column background
    surface: str  # cards, tables, inputs
    surface_alt: str  # alternating table rows
    hover: str  # background under the pointer
    border: str  # hairlines between areas
    border_strong: str  # input outlines
    text: str
    muted: str  # secondary text, still readable (>= 4.5:1)
    faint: str  # placeholders and disabled text
    icon: str  # resting icon colour
    accent: str  # fills, focus rings, the primary button
    accent_hover: str
    accent_pressed: str
    accent_soft: str  # selection tint behind text
    accent_text: str  # accent-coloured text on window, surface or tint
    on_accent: str  # text on an accent fill
    danger: str
    warning: str
    series: tuple[str, ...]  # chart series, distinct but calm

    def as_tokens(self) -> dict[str, str]:
        """The single colours by field name, for filling the style sheet."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if isinstance(getattr(self, f.name), str) and f.name != "name"
        }


LIGHT_COLORS = ThemeColors(
    name="light",
    window="#F6F4F1",
    sidebar="#EFECE7",
    surface="#FFFFFF",
    surface_alt="#FAF8F5",
    hover="#E9E5DF",
    border="#E3DED7",
    border_strong="#CFC8BF",
    text="#1F2328",
    muted="#625D56",
    faint="#9A948C",
    icon="#4A4640",
    accent="#0F766E",
    accent_hover="#0D6660",
    accent_pressed="#0B5550",
    accent_soft="#DCEEEA",
    accent_text="#0B5F58",
    on_accent="#FFFFFF",
    danger="#B42318",
    warning="#B54708",
    series=("#0F766E", "#B7793A", "#4F6D9A", "#B4536A", "#7A8B3C"),
)

DARK_COLORS = ThemeColors(
    name="dark",
    window="#1C1B1A",
    sidebar="#161514",
    surface="#242321",
    surface_alt="#292826",
    hover="#302E2C",
    border="#34322F",
    border_strong="#4A4743",
    text="#ECE8E3",
    muted="#A7A199",
    faint="#6F6A64",
    icon="#C9C3BB",
    accent="#2EC4B0",
    accent_hover="#45D0BE",
    accent_pressed="#26A897",
    accent_soft="#1D3B38",
    accent_text="#5FD9C7",
    on_accent="#06231F",
    danger="#F97066",
    warning="#FDB022",
    series=("#2EC4B0", "#E0A96D", "#8AA7D6", "#E58FA5", "#B5C46A"),
)
