"""Form widgets shared by every app."""

from django import forms


class LongSelect(forms.Select):
    """A select for long lists (every user of the company): its options are written in one
    template loop instead of one template include each, which costs a page tens of
    milliseconds at a few hundred options. Option groups and per-option attributes are not
    supported."""

    template_name = "core/widgets/long_select.html"


class Select(forms.Select):
    """Django's Select with the same markup (option groups and attributes too) from one
    template rather than two includes per option. Named as Django's: crispy-forms writes the
    widget's class name into the select's classes."""

    template_name = "core/widgets/select.html"
