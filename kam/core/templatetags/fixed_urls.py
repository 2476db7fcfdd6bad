"""URLs that stay the same for as long as the process runs, worked out once: the links of the
navigation bar and the stylesheets and scripts that every page names.

base.html names fifteen views and thirteen static files. Through {% url %} and {% static %},
which ask the URL resolver and the storage again on every page, they are close to half of its
rendering time. These tags give the same URLs, remembered per URL resolver and script
prefix (for views) and per storage (for files): a changed URL configuration, script prefix or
storage, as tests make, is a different key and gets fresh URLs.
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


@register.simple_tag
def fixed_url(name: str) -> str:
    """{% url name %} for a view that takes no arguments."""
    return _view_url(name, get_resolver(get_urlconf()), get_script_prefix())


@register.simple_tag
def fixed_static(path: str) -> str:
    """{% static path %}: the storage's URL for the file (hashed in production)."""
    return _file_url(path, storages["staticfiles"])
