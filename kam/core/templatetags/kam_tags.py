"""KAM's own template filters."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Search selectors wrap each matched word in these two control characters, which never occur
# in indexed text (accounts.search strips them). Markers, not HTML, leave the database so
# that the text can be escaped before any markup exists.
HIGHLIGHT_START = "\x02"
HIGHLIGHT_STOP = "\x03"
_MARKED = re.compile(f"{HIGHLIGHT_START}([^{HIGHLIGHT_START}{HIGHLIGHT_STOP}]*){HIGHLIGHT_STOP}")


@register.filter
def highlight(text) -> SafeString:
    """Plain text with highlight markers → HTML with <mark>.

    The one place KAM turns text into HTML in Python, so it stays this small: the whole text
    is escaped first, then only complete marker pairs become <mark>…</mark> (their content is
    already escaped), and any stray marker is dropped, so the tags always balance.
    """
    escaped = escape("" if text is None else str(text))
    marked = _MARKED.sub(r"<mark>\1</mark>", escaped)
    return mark_safe(marked.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_STOP, ""))  # noqa: S308


@register.filter
def label(value: str, labels: dict[str, str]) -> str:
    """The label of a choice from a dictionary translated once per page
    (kam.core.choices.choice_labels): {{ meeting.kind|label:kind_labels }}."""
    return labels.get(value, value)
