"""A column is fitted to its widest texts, found by guessing from the letters and measuring
only the texts near the widest: the same texts as measuring every one, in any script."""

from __future__ import annotations

import random

from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication

from chatplanner.ui.venues.table_model import widest_texts

NAMES = [
    "Café Raghunathan",
    "WWWWW",
    "iiiiiiiiiiiiiiii",
    "Lantern & Leaf Coffee",
    "AVAVAVAV Tea",  # kerned pairs
    "مقهى الفنجان الذهبي",
    "喫茶店 珈琲の森 新宿三丁目",
    "कॉफ़ी हाउस दिल्ली",
    "ร้านกาแฟ สุขุมวิท",
    "Kaffee Größenwahn",
    "👩‍💻 Coworking ☕",
    "Ǆǆ ﬁﬂ ligatures",
    "",
    " ",
]


def _exact(texts: list[str], font: QFont, count: int) -> list[int]:
    metrics = QFontMetrics(font)
    return sorted((metrics.horizontalAdvance(text) for text in texts), reverse=True)[:count]


def test_the_widest_texts_are_those_measuring_every_text_finds(qapp: QApplication) -> None:
    metrics_of = QFontMetrics
    random.seed(7)
    pool = list(NAMES)
    for _ in range(400):  # names built from the same letters, near one another in width
        words = random.sample(NAMES[:12], 2)
        pool.append(f"{words[0][: random.randint(1, 12)]} {words[1][: random.randint(1, 12)]}")
    for family_size in (9, 13, 24):
        font = QFont(qapp.font())
        font.setPointSize(family_size)
        for count in (1, 3, 5):
            found = widest_texts(pool, font, count)
            metrics = metrics_of(font)
            assert [metrics.horizontalAdvance(text) for text in found] == _exact(pool, font, count)


def test_fewer_texts_than_asked_are_all_given_and_none_is_empty(qapp: QApplication) -> None:
    font = qapp.font()
    assert sorted(widest_texts(["b", "a"], font, 3)) == ["a", "b"]
    assert widest_texts([], font, 3) == []
