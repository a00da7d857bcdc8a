"""Menus for changing many people at once: add to a group, set kind, set goal."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QMenu, QWidget

from chatplanner.domain.contacts import GroupInfo
from chatplanner.domain.enums import ContactKind, Goal


def group_menu(
    parent: QWidget,
    groups: Sequence[GroupInfo],
    add: Callable[[int], None],
    new_group: Callable[[], None],
) -> QMenu:
    menu = QMenu("Add to group", parent)
    for group in groups:
        # "&" would turn the next letter into a shortcut: names are shown as typed.
        action = menu.addAction(group.name.replace("&", "&&"))
        action.triggered.connect(lambda _=False, g=group.id: add(g))
    if groups:
        menu.addSeparator()
    menu.addAction("New group…").triggered.connect(lambda _=False: new_group())
    return menu


def kind_menu(parent: QWidget, choose: Callable[[ContactKind], None]) -> QMenu:
    menu = QMenu("Set kind", parent)
    for kind in ContactKind:
        menu.addAction(kind.label).triggered.connect(lambda _=False, k=kind: choose(k))
    return menu


def goal_menu(parent: QWidget, choose: Callable[[Goal | None], None]) -> QMenu:
    menu = QMenu("Set goal", parent)
    for goal in Goal:
        menu.addAction(goal.label).triggered.connect(lambda _=False, g=goal: choose(g))
    menu.addSeparator()
    menu.addAction("No goal").triggered.connect(lambda _=False: choose(None))
    return menu
