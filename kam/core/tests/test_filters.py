"""The filters' model choice field gives django-filter's own choices, without a server-side
cursor."""

import django_filters
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Industry
from accounts.tests.factories import IndustryFactory
from kam.core.filters import ModelChoiceFilter


def _fields(**options):
    ours = ModelChoiceFilter(queryset=Industry.objects.order_by("name"), **options).field
    theirs = django_filters.ModelChoiceFilter(queryset=Industry.objects.order_by("name"), **options).field
    return ours, theirs


@pytest.mark.django_db
@pytest.mark.parametrize(
    "options", [{}, {"empty_label": "Any industry"}, {"empty_label": None}, {"null_label": "No industry"}]
)
def test_choices_are_django_filter_own(options):
    IndustryFactory.create_batch(3)
    ours, theirs = _fields(**options)
    assert [(str(value), str(label)) for value, label in ours.choices] == [
        (str(value), str(label)) for value, label in theirs.choices
    ]
    assert len(list(ours.choices)) == 3 + (options.get("empty_label", "") is not None) + ("null_label" in options)


@pytest.mark.django_db
@pytest.mark.postgres
def test_choices_are_read_in_one_plain_query(require_postgres):
    IndustryFactory.create_batch(3)
    ours, theirs = _fields()
    # Iterated as the select widget does (list() would also ask the iterator's length, a COUNT).
    with CaptureQueriesContext(connection) as read:
        [choice for choice in theirs.choices]  # noqa: C416
    assert any(query["sql"].startswith("DECLARE") for query in read.captured_queries)  # what we avoid
    with CaptureQueriesContext(connection) as read:
        [choice for choice in ours.choices]  # noqa: C416
    assert len(read.captured_queries) == 1
    assert read.captured_queries[0]["sql"].startswith("SELECT")


@pytest.mark.django_db
def test_a_chosen_value_still_validates_against_the_queryset():
    industry = IndustryFactory()
    ours, _theirs = _fields()
    assert ours.clean(str(industry.pk)) == industry
