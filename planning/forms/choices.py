"""Choice fields and selects for the planning forms' short lists (competitors, product groups):
Django's own markup, at less cost per request."""

from django import forms
from django.forms.models import ModelChoiceIterator


class ListedModelChoiceIterator(ModelChoiceIterator):
    """Reads the choices in one plain query. Django's iterator streams them through a
    server-side cursor (on PostgreSQL DECLARE … WITH HOLD, FETCH, CLOSE: three round trips)
    to spare memory on long lists; these lists are a few rows each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ListedModelChoiceField(forms.ModelChoiceField):
    iterator = ListedModelChoiceIterator


class Select(forms.Select):
    """Django's Select with the same markup from one template (planning/widgets/select.html)
    rather than two includes per option. Named as Django's: crispy-forms writes the widget's
    class name into the select's classes."""

    template_name = "planning/widgets/select.html"
