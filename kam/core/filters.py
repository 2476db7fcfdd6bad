"""Filter pieces shared by the list pages (django-filter)."""

import django_filters
from django_filters import fields

from kam.core.forms import ListedModelChoiceIterator


class ListedFilterChoiceIterator(fields.ModelChoiceIterator, ListedModelChoiceIterator):
    """django-filter's choices (with its "null" choice), read in one plain query rather than
    through a server-side cursor: see ListedModelChoiceIterator."""


class ListedFilterChoiceField(fields.ModelChoiceField):
    iterator = ListedFilterChoiceIterator


class ModelChoiceFilter(django_filters.ModelChoiceFilter):
    """django-filter's ModelChoiceFilter for the short lists of a filter form (regions,
    industries, departments, a user's accounts): each list page saved three round trips per
    such filter, about 0.2 ms of its 10–20 ms."""

    field_class = ListedFilterChoiceField
