"""includes/filter_field.html: a filter form's field in the markup crispy gives it, whatever its
state (empty, chosen, invalid), and crispy itself for the fields it does not cover."""

import pytest
from django import forms
from django.template import engines
from django.test.html import parse_html
from django.test.signals import template_rendered
from django.utils import translation

from planning.models import Region

CRISPY = engines["django"].from_string("{% load crispy_forms_filters %}{{ field|as_crispy_field }}")
INCLUDE = engines["django"].from_string('{% include "includes/filter_field.html" %}')
THEIR_TEMPLATES = ("bootstrap5/", "django/forms/")


class DateInput(forms.DateInput):
    input_type = "date"


class Filters(forms.Form):
    q = forms.CharField(label="Name or tax id", required=False)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), ("active", "Active"), ("lost", "Lost & gone")]
    )
    region = forms.ModelChoiceField(
        label="Region", required=False, queryset=Region.objects.order_by("name"), empty_label="Any region"
    )
    due_from = forms.DateField(label="Due from", required=False, widget=DateInput(format="%Y-%m-%d"))
    size = forms.IntegerField(label="Size", required=False)
    mine = forms.BooleanField(label="Only mine", required=False)


class Others(forms.Form):
    """Fields the include leaves to crispy."""

    required = forms.CharField(label="Required")
    helped = forms.CharField(label="Helped", required=False, help_text="A hint")
    styled = forms.CharField(label="Styled", required=False, widget=forms.TextInput(attrs={"placeholder": "Type"}))
    radio = forms.ChoiceField(label="Radio", required=False, choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    many = forms.MultipleChoiceField(label="Many", required=False, choices=[("a", "A"), ("b", "B")])
    disabled = forms.CharField(label="Disabled", required=False, disabled=True)


@pytest.fixture
def regions(db):
    return [Region.objects.create(name=name, code=code) for name, code in [("Volga", "VO"), ("Ural", "UR")]]


DATA = [
    None,
    {},
    {"q": '<b>"x"</b>', "status": "lost", "due_from": "2026-03-01", "size": "3", "mine": "on"},
    {"status": "nope", "region": "999999", "due_from": "2026-13-01", "size": "many"},
]


@pytest.fixture
def rendered():
    """The names of the templates rendered during the test."""
    names = []

    def record(sender, template, context, **kwargs):
        names.append(template.name)

    template_rendered.connect(record)
    yield names
    template_rendered.disconnect(record)


@pytest.mark.parametrize("language", ["en-gb", "ru"])
@pytest.mark.parametrize("data", DATA)
def test_filter_fields_are_marked_up_as_crispy_marks_them_up(regions, data, language, rendered):
    if data is not None and "region" not in data:
        data = {**data, "region": str(regions[1].pk)}
    form = Filters(data)
    form.is_valid()
    with translation.override(language):
        for field in form:
            ours = INCLUDE.render({"field": field})
            # Its own markup: neither crispy's templates nor Django's widget templates were used.
            assert not [name for name in rendered if name and name.startswith(THEIR_TEMPLATES)], field.name
            assert parse_html(ours) == parse_html(CRISPY.render({"field": field})), field.name
            rendered.clear()


def test_an_invalid_choice_is_marked_for_assistive_technology(regions):
    field = Filters({"status": "nope"})["status"]
    html = INCLUDE.render({"field": field})
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_status_error"' in html
    assert '<div id="id_status_error" class="invalid-feedback">' in html


def test_the_chosen_option_is_selected(regions):
    html = INCLUDE.render({"field": Filters({"region": str(regions[0].pk)})["region"]})
    assert f'<option value="{regions[0].pk}" selected>Volga</option>' in html


@pytest.mark.parametrize("data", [None, {"required": "", "radio": "c", "many": ["z"]}])
def test_other_fields_are_left_to_crispy(data):
    form = Others(data)
    form.is_valid()
    for field in form:
        assert INCLUDE.render({"field": field}).strip() == CRISPY.render({"field": field}).strip(), field.name
