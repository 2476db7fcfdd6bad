"""Reading change history (django-simple-history) as a list of readable changes.

`recent_changes` reads several historical tables for one page: each gives its latest records
in one query, each annotated with the id of the record it replaced, and the replaced records
in one more; the names behind changed foreign keys, and the users who made the changes, come
in one query per related model for the whole page (what the page already holds is not read
again). The number of queries does not grow with the number of changes shown. Labels,
choices and actions are translated once per page, not once per row, and values come shortened
as pages show them.
"""

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at"}
# Pages show at most this many characters of a value.
VALUE_CHARS = 80
EMPTY = "—"


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Change:
    when: datetime
    who: object
    action: str
    created: bool
    kind: str
    title: str
    fields: list[FieldChange] = field(default_factory=list)


def _shorten(text: str) -> str:
    """`truncatechars:80`, without its per-call translation lookup for the values (most of
    them) that need no cutting: the same normalised text either way."""
    text = unicodedata.normalize("NFC", text)
    return text if len(text) <= VALUE_CHARS else Truncator(text).chars(VALUE_CHARS)


def _records(history: models.QuerySet, limit: int) -> list:
    """The latest `limit` records, each with the id of the record it replaced."""
    previous_id = (
        history.model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    # Who made each change is named with the page's other names, not joined per table.
    return list(
        history.annotate(previous_history_id=Subquery(previous_id)).order_by("-history_date", "-history_id")[:limit]
    )


def _tracked(model) -> list[models.Field]:
    kept = {f.attname for f in model._meta.concrete_fields}  # history may exclude fields
    return [
        f
        for f in model.instance_type._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and f.editable and f.attname in kept
    ]


def _diff(record, before, tracked: list[models.Field]) -> list[tuple[models.Field, object, object]]:
    """The fields a record set or changed, as (field, old, new)."""
    if before is None:
        if record.history_type != "+":
            return []
        return [(f, None, new) for f in tracked if (new := getattr(record, f.attname)) not in (None, "")]
    return [
        (f, old, new) for f in tracked if (old := getattr(before, f.attname)) != (new := getattr(record, f.attname))
    ]


class _Display:
    """Values as pages write them, with each label and choice translated once."""

    def __init__(self, names: dict):
        self.names = names
        self.labels: dict[models.Field, str] = {}
        self.choices: dict[models.Field, dict] = {}

    def label(self, model_field: models.Field) -> str:
        if model_field not in self.labels:
            self.labels[model_field] = str(model_field.verbose_name).capitalize()
        return self.labels[model_field]

    def value(self, model_field: models.Field, value) -> str:
        if value in (None, ""):
            return EMPTY
        if model_field.is_relation:
            return _shorten(str(self.names.get((model_field.related_model, value), f"#{value}")))
        if model_field.choices:
            if model_field not in self.choices:
                self.choices[model_field] = {k: str(v) for k, v in model_field.flatchoices}
            return _shorten(self.choices[model_field].get(value, str(value)))
        return _shorten(str(value))


def _title(instance_type: type[models.Model], record) -> str:
    """The record's name as its model writes it, built from the snapshot alone (the history
    library's own `instance` would query for the fields history does not keep)."""
    values = {
        f.attname: getattr(record, f.attname) for f in instance_type._meta.concrete_fields if hasattr(record, f.attname)
    }
    return str(instance_type(**values))


def recent_changes(
    sources: list[tuple[models.QuerySet, str]], *, limit: int, user_model: type, known: list[models.Model] = ()
) -> list[Change]:
    """The latest `limit` changes of each (historical queryset, kind) in `sources`, newest
    first, `limit` in all, each with its field diffs. `known`: records the page already holds,
    named without being read again."""
    names: dict[tuple[type, object], object] = {(type(obj), obj.pk): obj for obj in known}
    loaded = []
    wanted: dict[type, set] = {}
    for history, kind in sources:
        model = history.model
        records = _records(history, limit)
        previous = model.objects.in_bulk([r.previous_history_id for r in records if r.previous_history_id])
        tracked = _tracked(model)
        for record in records:
            if record.history_user_id is not None:
                wanted.setdefault(user_model, set()).add(record.history_user_id)
            record.diff = _diff(record, previous.get(record.previous_history_id), tracked)
            for f, old, new in record.diff:
                if f.is_relation:
                    wanted.setdefault(f.related_model, set()).update(v for v in (old, new) if v)
        loaded.append((model, kind, records))

    for related_model, ids in wanted.items():
        missing = {pk for pk in ids if (related_model, pk) not in names}
        for pk, obj in related_model._base_manager.in_bulk(missing).items():
            names[(related_model, pk)] = obj

    display = _Display(names)
    actions = {code: str(label) for code, label in ACTIONS.items()}
    changes = [
        Change(
            when=record.history_date,
            who=names.get((user_model, record.history_user_id)),
            action=actions.get(record.history_type, record.history_type),
            created=record.history_type == "+",
            kind=kind,
            title=_title(model.instance_type, record),
            fields=[
                FieldChange(display.label(f), display.value(f, old), display.value(f, new))
                for f, old, new in record.diff
            ],
        )
        for model, kind, records in loaded
        for record in records
    ]
    changes.sort(key=lambda change: change.when, reverse=True)
    return changes[:limit]
