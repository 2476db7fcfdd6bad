"""Reading change history (django-simple-history) as a list of readable changes.

Each historical table gives its latest records in one query, each annotated with the id of the
record it replaced; the replaced records come in one more query, and the names behind changed
foreign keys in one query per related model. The number of queries does not grow with the
number of changes shown.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
HIDDEN_FIELDS = {"id", "version", "created_at", "updated_at"}


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


def _display(model_field: models.Field, value, names: dict) -> str:
    if value in (None, ""):
        return "—"
    if model_field.is_relation:
        return str(names.get((model_field.related_model, value), f"#{value}"))
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    return str(value)


def _title(instance_type: type[models.Model], record) -> str:
    """The record's name as its model writes it, built from the snapshot alone (the history
    library's own `instance` would query for the fields history does not keep)."""
    values = {
        f.attname: getattr(record, f.attname) for f in instance_type._meta.concrete_fields if hasattr(record, f.attname)
    }
    return str(instance_type(**values))


def recent_changes(history: models.QuerySet, *, limit: int, kind: str) -> list[Change]:
    """The latest `limit` changes in a historical queryset, each with its field diffs."""
    model = history.model
    previous_id = (
        model.objects.filter(id=OuterRef("id"), history_id__lt=OuterRef("history_id"))
        .order_by("-history_id")
        .values("history_id")[:1]
    )
    records = list(
        history.select_related("history_user")
        .annotate(previous_history_id=Subquery(previous_id))
        .order_by("-history_date", "-history_id")[:limit]
    )
    previous = model.objects.in_bulk([r.previous_history_id for r in records if r.previous_history_id])
    kept = {f.attname for f in model._meta.concrete_fields}  # history may exclude fields
    tracked = [
        f
        for f in model.instance_type._meta.concrete_fields
        if f.name not in HIDDEN_FIELDS and f.editable and f.attname in kept
    ]

    diffs: dict[int, list[tuple[models.Field, object, object]]] = {}
    wanted: dict[type, set] = {}
    for record in records:
        before = previous.get(record.previous_history_id)
        pairs = []
        for model_field in tracked:
            new = getattr(record, model_field.attname)
            old = getattr(before, model_field.attname) if before else None
            if before is None and record.history_type == "+" and new in (None, ""):
                continue
            if before is not None and old == new:
                continue
            if before is None and record.history_type != "+":
                continue
            pairs.append((model_field, old, new))
            if model_field.is_relation:
                wanted.setdefault(model_field.related_model, set()).update(v for v in (old, new) if v)
        diffs[record.history_id] = pairs

    names = {}
    for related_model, ids in wanted.items():
        for pk, obj in related_model._base_manager.in_bulk(ids).items():
            names[(related_model, pk)] = obj

    changes = []
    for record in records:
        fields = [
            FieldChange(str(f.verbose_name).capitalize(), _display(f, old, names), _display(f, new, names))
            for f, old, new in diffs[record.history_id]
        ]
        changes.append(
            Change(
                when=record.history_date,
                who=record.history_user,
                action=ACTIONS.get(record.history_type, record.history_type),
                created=record.history_type == "+",
                kind=kind,
                title=_title(model.instance_type, record),
                fields=fields,
            )
        )
    return changes
