from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from chatplanner.ui.widgets.record_table_model import Index, RecordListModel, RecordTableModel


class Words(RecordTableModel[str]):
    HEADERS = ("Word", "Length")

    def cell(self, record: str, index: Index, role: int) -> object:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return record if index.column() == 0 else str(len(record))


class Numbers(RecordListModel[int]):
    def cell(self, record: int, index: Index, role: int) -> object:
        return f"{index.row() + 1}. {record}" if role == Qt.ItemDataRole.DisplayRole else None


def test_table_shows_each_record_under_its_headers() -> None:
    model = Words()
    model.set_rows(["tea", "coffee"])
    assert model.rowCount() == 2
    assert model.columnCount() == 2
    assert model.headerData(1, Qt.Orientation.Horizontal) == "Length"
    assert model.index(1, 0).data() == "coffee"
    assert model.index(1, 1).data() == "6"
    assert model.rowCount(model.index(0, 0)) == 0  # a table has no children


def test_setting_rows_resets_the_model_once(qtbot: QtBot) -> None:
    model = Words()
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(["chai"])
    assert model.record_at(0) == "chai"


def test_rows_out_of_range_and_invalid_indexes_give_nothing() -> None:
    model = Numbers()
    model.set_rows([7, 9])
    assert model.record_or_none(2) is None
    assert model.record_or_none(-1) is None
    assert model.data(QModelIndex()) is None
    assert model.index(1).data() == "2. 9"


def test_first_row_finds_the_first_matching_record() -> None:
    model = Numbers()
    model.set_rows([4, 7, 8, 7])
    assert model.first_row(lambda n: n == 7) == 1
    assert model.first_row(lambda n: n > 100) is None
