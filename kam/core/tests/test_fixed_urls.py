"""{% fixed_url %} and {% fixed_static %}: the URLs {% url %} and {% static %} give, remembered,
and fresh again when the URL configuration, the script prefix or the storage changes."""

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import clear_script_prefix, reverse, set_script_prefix

NAMES = ["home", "accounts:list", "meetings:commitments", "notifications:bell", "admin:index", "logout"]


def _render(source: str) -> str:
    return engines["django"].from_string("{% load fixed_urls static %}" + source).render({})


@pytest.mark.parametrize("name", NAMES)
def test_fixed_url_is_the_url_tags_url(name):
    assert _render(f"{{% fixed_url '{name}' %}}") == _render(f"{{% url '{name}' %}}") == reverse(name)


@pytest.mark.parametrize("path", ["css/kam.css", "vendor/htmx/htmx.min.js", "img/favicon.svg"])
def test_fixed_static_is_the_static_tags_url(path):
    assert _render(f"{{% fixed_static '{path}' %}}") == _render(f"{{% static '{path}' %}}")


def test_fixed_url_follows_the_script_prefix():
    assert _render("{% fixed_url 'accounts:list' %}") == "/accounts/"
    set_script_prefix("/kam/")
    try:
        assert _render("{% fixed_url 'accounts:list' %}") == "/kam/accounts/"
    finally:
        clear_script_prefix()
    assert _render("{% fixed_url 'accounts:list' %}") == "/accounts/"


def test_fixed_url_follows_a_changed_url_configuration():
    assert _render("{% fixed_url 'home' %}") == "/"
    with override_settings(ROOT_URLCONF="kam.core.tests.urls_elsewhere"):
        assert _render("{% fixed_url 'home' %}") == "/elsewhere/"
    assert _render("{% fixed_url 'home' %}") == "/"


def test_fixed_static_follows_a_changed_static_url():
    assert _render("{% fixed_static 'css/kam.css' %}") == "/static/css/kam.css"
    with override_settings(STATIC_URL="https://cdn.example.com/kam/"):
        assert _render("{% fixed_static 'css/kam.css' %}") == "https://cdn.example.com/kam/css/kam.css"
    assert _render("{% fixed_static 'css/kam.css' %}") == "/static/css/kam.css"


def test_fixed_static_escapes_like_the_static_tag():
    assert _render("{% fixed_static 'a&b.css' %}") == _render("{% static 'a&b.css' %}")
