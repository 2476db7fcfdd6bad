"""Choice labels translated once. Django's `get_FOO_display` hashes every label of the field on
each call, translating them all: on lists of a few dozen rows that was a good part of the
page's time."""

from django.db import models
from django.utils.translation import get_language

_FIELD_LABELS: dict[tuple[str | None, models.Field], dict] = {}


def choice_labels(choices) -> dict[str, str]:
    """A TextChoices' labels by value, translated once into the active language (for the
    `label` template filter)."""
    return {value: str(text) for value, text in choices.choices}


def choice_label(instance: models.Model, name: str):
    """What `get_<name>_display` gives, from the field's labels translated once per language."""
    field = instance._meta.get_field(name)
    key = (get_language(), field)
    labels = _FIELD_LABELS.get(key)
    if labels is None:
        labels = _FIELD_LABELS[key] = {value: str(label) for value, label in field.flatchoices}
    value = getattr(instance, field.attname)
    return labels.get(value, value)
