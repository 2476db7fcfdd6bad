"""Optimistic locking: a version number on each record, checked on every save.

A form carries the version it was rendered with; the save succeeds only if the record still
has that version. The check is one conditional UPDATE, atomic on PostgreSQL and SQLite alike,
so two people saving the same record can never silently overwrite each other.
"""

from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _


class ConcurrentEditError(Exception):
    """The record changed since the form was shown; `current` is the record as it is now."""

    def __init__(self, current: models.Model):
        super().__init__(f"{current._meta.label} {current.pk} changed concurrently")
        self.current = current


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def save_versioned(instance: VersionedModel, *, expected_version: int | None) -> None:
    """Save `instance` if nobody saved it since `expected_version`; else ConcurrentEditError.

    Call inside a transaction: the conditional UPDATE holds the row lock until commit.
    """
    if instance.pk is None:
        instance.version = 1
        instance.save()
        return
    manager = type(instance)._base_manager
    claimed = manager.filter(pk=instance.pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        raise ConcurrentEditError(manager.get(pk=instance.pk))
    instance.version = expected_version + 1
    instance.save()
