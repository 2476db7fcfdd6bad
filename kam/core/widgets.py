"""Form widgets shared by every app."""

from django import forms


class LongSelect(forms.Select):
    """A select for long lists (every user of the company): its options are written in one
    template loop instead of one template include each, which costs a page tens of
    milliseconds at a few hundred options. Option groups and per-option attributes are not
    supported."""

    template_name = "core/widgets/long_select.html"
