"""The filters of list rows give what {% url %} and get_FOO_display give, without asking the
resolver or the catalogue for every row."""

import pytest
from django.template import engines
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from kam.core.choices import choice_labels
from kam.core.templatetags.fixed_urls import url_with_id
from meetings.models import Commitment, Meeting

NAMES = ["meetings:detail", "meetings:commitment", "meetings:commitment_progress", "meetings:ics", "accounts:detail"]


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("pk", [1, 42, 1234567])
def test_id_url_is_the_reversed_url(name, pk):
    assert url_with_id(name, pk) == reverse(name, args=[pk])


def test_id_url_follows_the_script_prefix():
    with override_settings(FORCE_SCRIPT_NAME="/kam/"):
        set_script_prefix("/kam/")
        try:
            assert url_with_id("meetings:detail", 7) == reverse("meetings:detail", args=[7])
            assert url_with_id("meetings:detail", 7).startswith("/kam/")
        finally:
            set_script_prefix("/")


def test_id_url_refuses_a_view_without_an_id():
    with pytest.raises(NoReverseMatch):
        url_with_id("meetings:my_day", 1)


def test_filters_in_a_template():
    template = engines["django"].from_string(
        "{% load fixed_urls kam_tags %}"
        '{{ pk|id_url:"meetings:detail" }} {{ status|label:labels }} {{ other|label:labels }}'
    )
    html = template.render({"pk": 5, "status": "held", "other": "unknown", "labels": choice_labels(Meeting.Status)})
    assert html == f"{reverse('meetings:detail', args=[5])} {Meeting.Status.HELD.label} unknown"


@pytest.mark.parametrize("language", ["en-gb", "ru"])
def test_choice_labels_are_the_display_labels(language):
    with translation.override(language):
        labels = choice_labels(Commitment.Status)
        for status in Commitment.Status:
            assert labels[status] == Commitment(status=status).get_status_display()
