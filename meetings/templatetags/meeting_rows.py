"""Filters for the rows of the meeting and commitment lists and of my day, which repeat the
same few links and labels for every row.

{% url %} asks the URL resolver again for every row: two or three links on each of 25 to 50
rows are a good part of such a page's rendering time. `id_url` reverses the URL pattern once,
with a placeholder for the id, and fills the row's id in; the pattern is remembered per URL
resolver and script prefix, as kam.core's fixed_url remembers its URLs. `label` reads a
choice's label from a dictionary the view translated once (see `choice_labels`), where
`get_FOO_display` would translate it again for every row.
"""

from functools import lru_cache

from django import template
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.resolvers import URLResolver

register = template.Library()

# Stands in for the id in the reversed URL: digits, so `<int:pk>` accepts it, and long enough
# to appear nowhere else in a URL.
_PLACEHOLDER = 918273645546372819


@lru_cache(maxsize=64)
def _id_pattern(name: str, resolver: URLResolver, script_prefix: str) -> tuple[str, str]:
    head, placeholder, tail = reverse(name, args=[_PLACEHOLDER]).partition(str(_PLACEHOLDER))
    if not placeholder:
        raise ValueError(f"{name} does not take an id")
    return head, tail


def url_with_id(name: str, pk: int) -> str:
    """reverse(name, args=[pk]) for a view whose only argument is an integer id."""
    head, tail = _id_pattern(name, get_resolver(get_urlconf()), get_script_prefix())
    return f"{head}{int(pk)}{tail}"


@register.filter
def id_url(pk: int, name: str) -> str:
    """{% url name pk %} for a view that takes one integer id: {{ row.pk|id_url:"meetings:detail" }}."""
    return url_with_id(name, pk)


@register.filter
def label(value: str, labels: dict[str, str]) -> str:
    """The label of a choice, from `choice_labels`: {{ meeting.kind|label:kind_labels }}."""
    return labels.get(value, value)


def choice_labels(choices) -> dict[str, str]:
    """A TextChoices' labels by value, translated once into the active language."""
    return {value: str(text) for value, text in choices.choices}
