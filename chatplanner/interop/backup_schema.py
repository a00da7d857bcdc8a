"""The record types of a JSON backup, derived from the ORM metadata so new columns need no code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum
from functools import cache

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
)
from sqlalchemy.types import TypeDecorator

from chatplanner.db.models import DERIVED, Base  # noqa: TID251 - the backup follows the schema
from chatplanner.domain import enums


class FieldKind(Enum):
    """How a column's value is written in JSON; the value is the name the format document uses."""

    INTEGER = "integer"
    NUMBER = "number"
    STRING = "string"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"


# The one place that says which string columns hold a closed vocabulary.
ENUM_COLUMNS: Mapping[tuple[str, str], type[StrEnum]] = {
    ("contacts", "kind"): enums.ContactKind,
    ("contacts", "goal"): enums.Goal,
    ("contacts", "online_activity"): enums.OnlineActivity,
    ("contacts", "stage"): enums.Stage,
    ("groups", "kind"): enums.GroupKind,
    ("outreach", "kind"): enums.OutreachKind,
    ("outreach", "channel"): enums.Channel,
    ("meetings", "mode"): enums.MeetingMode,
    ("meetings", "status"): enums.MeetingStatus,
    ("meetings", "travel_mode"): enums.TravelMode,
    ("venues", "kind"): enums.VenueKind,
    ("checklist_items", "phase"): enums.ChecklistPhase,
    ("follow_ups", "owner"): enums.FollowUpOwner,
    ("templates", "kind"): enums.TemplateKind,
    ("stage_events", "stage"): enums.Stage,
}


@dataclass(frozen=True)
class FieldSpec:
    """One column of a record type, as the backup format sees it."""

    name: str  # the column name: the key in a JSON row and in an insert's parameters
    kind: FieldKind
    nullable: bool
    choices: tuple[str, ...] | None  # allowed values of an enumerated string field
    # What an older backup that lacks this field restores as: (True, value) or (False, None).
    fill: tuple[bool, object]


@dataclass(frozen=True)
class ForeignKeySpec:
    """Fields of a row that must match fields of one row of another record type."""

    fields: tuple[str, ...]
    target_table: str
    target_fields: tuple[str, ...]


@dataclass(frozen=True)
class RecordType:
    """One table of the profile: its fields, keys and references."""

    table: Table
    fields: tuple[FieldSpec, ...]
    field_names: frozenset[str]
    primary_key: tuple[str, ...]
    unique_sets: tuple[tuple[str, ...], ...]  # the primary key first, then unique constraints
    foreign_keys: tuple[ForeignKeySpec, ...]

    @property
    def name(self) -> str:
        return self.table.name

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def field_kind(column: Column[object]) -> FieldKind:
    """The JSON kind of a column; a column type the format does not know is a programming error."""
    column_type = column.type
    if isinstance(column_type, TypeDecorator):  # the stored type is what the format sees
        column_type = column_type.impl_instance
    # Boolean before Integer, DateTime before Date: the order matters for subclasses.
    if isinstance(column_type, Boolean):
        return FieldKind.BOOLEAN
    if isinstance(column_type, Integer):
        return FieldKind.INTEGER
    if isinstance(column_type, Float):
        return FieldKind.NUMBER
    if isinstance(column_type, DateTime):
        return FieldKind.DATETIME
    if isinstance(column_type, Date):
        return FieldKind.DATE
    if isinstance(column_type, String):  # Text is a String
        return FieldKind.STRING
    raise TypeError(
        f"The backup format has no JSON form for {column.table.name}.{column.name} "
        f"({column_type!r}): add one in interop/backup_schema.py and in docs/backup-format.md."
    )


def _fill_value(column: Column[object]) -> tuple[bool, object]:
    default = column.default
    if default is not None and default.is_scalar:
        return True, default.arg  # type: ignore[attr-defined]
    if column.nullable:
        return True, None
    return False, None


def _record_type(table: Table) -> RecordType:
    fields = []
    for column in table.columns:
        if column.info.get(DERIVED):
            continue  # computed again from the other fields when the rows are inserted
        if column.key != column.name:
            # Rows are keyed by column name in the document and by key in inserts: keep them one.
            raise TypeError(f"{table.name}.{column.name} has a different key ({column.key}).")
        enum_type = ENUM_COLUMNS.get((table.name, column.name))
        fields.append(
            FieldSpec(
                name=column.name,
                kind=field_kind(column),
                nullable=bool(column.nullable),
                choices=tuple(member.value for member in enum_type) if enum_type else None,
                fill=_fill_value(column),
            )
        )
    primary_key = tuple(column.name for column in table.primary_key.columns)
    unique_sets: list[tuple[str, ...]] = [primary_key] if primary_key else []
    for constraint in sorted(table.constraints, key=lambda c: str(c.name)):
        if isinstance(constraint, UniqueConstraint) and not isinstance(
            constraint, PrimaryKeyConstraint
        ):
            unique_sets.append(tuple(column.name for column in constraint.columns))
    for index in sorted(table.indexes, key=lambda i: str(i.name)):
        if index.unique:
            unique_sets.append(tuple(column.name for column in index.columns))
    foreign_keys = tuple(
        ForeignKeySpec(
            fields=tuple(element.parent.name for element in constraint.elements),
            target_table=constraint.referred_table.name,
            target_fields=tuple(element.column.name for element in constraint.elements),
        )
        for constraint in sorted(table.foreign_key_constraints, key=lambda c: str(c.name))
    )
    return RecordType(
        table=table,
        fields=tuple(fields),
        field_names=frozenset(spec.name for spec in fields),
        primary_key=primary_key,
        unique_sets=tuple(dict.fromkeys(unique_sets)),
        foreign_keys=foreign_keys,
    )


@cache
def record_types() -> dict[str, RecordType]:
    """Every table of the profile, parents before children (the order rows are restored in).

    The full-text index is not an ORM table (it is rebuilt after a restore), and Alembic's
    version table is not part of the metadata: neither is backed up.
    """
    return {table.name: _record_type(table) for table in Base.metadata.sorted_tables}


@cache
def schema_history() -> tuple[str, frozenset[str]]:
    """The current schema revision and the set of older ones this build knows."""
    # Imported here: Alembic is only needed when a document is written or read.
    from alembic.script import ScriptDirectory

    from chatplanner.db.migrate import alembic_config  # noqa: TID251 - the schema's revision

    script = ScriptDirectory.from_config(alembic_config())
    head = script.get_current_head()
    if head is None:
        raise RuntimeError("The schema has no migration head.")
    older = frozenset(revision.revision for revision in script.walk_revisions()) - {head}
    return head, older
