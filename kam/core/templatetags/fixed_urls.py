"""URLs that stay the same for as long as the process runs, worked out once: the links of the
navigation bar and the stylesheets and scripts that every page names.

base.html names fifteen views and thirteen static files. Through {% url %} and {% static %},
which ask the URL resolver and the storage again on every page, they are close to half of its
rendering time. These tags give the same URLs, remembered per URL resolver and script
prefix (for views) and per storage (for files): a changed URL configuration, script prefix or
storage, as tests make, is a different key and gets fresh URLs.

Rows of lists link to a view by id, two or three links on each of 25 to 50 rows: `id_url`
reverses the view's pattern once, with a placeholder for the id, and fills each row's id in.
"""

from functools import lru_cache

from django import template
from django.core.files.storage import storages
from django.templatetags.static import static
from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.resolvers import URLResolver

register = template.Library()


@lru_cache(maxsize=256)
def _view_url(name: str, resolver: URLResolver, script_prefix: str) -> str:
    return reverse(name)


@lru_cache(maxsize=256)
def _file_url(path: str, storage: object) -> str:
    return static(path)


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


@register.simple_tag
def fixed_url(name: str) -> str:
    """{% url name %} for a view that takes no arguments."""
    return _view_url(name, get_resolver(get_urlconf()), get_script_prefix())


@register.simple_tag
def fixed_static(path: str) -> str:
    """{% static path %}: the storage's URL for the file (hashed in production)."""
    return _file_url(path, storages["staticfiles"])
