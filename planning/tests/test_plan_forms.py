"""The planning forms' cheaper selects write what Django's own selects would."""

import pytest
from crispy_forms.templatetags.crispy_forms_filters import as_crispy_field
from django import forms

from kam.core.widgets import LongSelect
from planning.forms.competitors import CompetitorPresenceForm
from planning.forms.plans import SMALL_SELECT, PlanLineAddForm
from planning.tests.factories import CompetitorFactory, ProductFactory, ProductGroupFactory


class PlainPlanLineAddForm(PlanLineAddForm):
    """The same form with the product select built by LongSelect from model choices."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].widget = LongSelect(attrs=SMALL_SELECT)
        self.fields["product"].widget.choices = self.fields["product"].choices
        self.fields["group"].widget = forms.Select(attrs=SMALL_SELECT)
        self.fields["group"].widget.choices = self.fields["group"].choices


def stock_select(field: forms.ModelChoiceField) -> None:
    """Django's own choice iteration and select in place of the planning ones."""
    field.iterator = forms.models.ModelChoiceIterator
    field.widget = forms.Select(attrs=field.widget.attrs)
    field.widget.choices = field.choices


class StockCompetitorPresenceForm(CompetitorPresenceForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stock_select(self.fields["competitor"])
        stock_select(self.fields["group"])


@pytest.fixture
def catalogue(db):
    glue, tape = ProductGroupFactory(name="Glue", position=2), ProductGroupFactory(name="Tape", position=1)
    products = [
        ProductFactory(code="T-2", name="Tape <wide> & strong", group=tape),
        ProductFactory(code="T-1", name="Tape «narrow»", group=tape),
        ProductFactory(code="G-1", name="Glue", group=glue),
        ProductFactory(code="G-0", name="Glue, old", group=glue, active=False),
    ]
    return products


@pytest.mark.parametrize("data", [None, {"product": "chosen"}, {"product": "999999"}, {"group": "", "product": ""}])
def test_the_product_select_renders_as_the_model_select_would(catalogue, data):
    if data and data.get("product") == "chosen":
        data = {"product": str(catalogue[1].pk)}
    fast, plain = PlanLineAddForm(data), PlainPlanLineAddForm(data)
    if data is not None:
        fast.is_valid(), plain.is_valid()
    assert str(fast["product"]) == str(plain["product"])
    assert str(fast["group"]) == str(plain["group"])
    assert str(plain["product"]).count("<option") == 4  # the empty choice and the three active products
    assert "G-0" not in str(fast["product"])  # inactive products are not offered
    assert isinstance(fast.fields["product"], forms.ModelChoiceField)


def test_the_product_select_still_validates_against_active_products(catalogue):
    form = PlanLineAddForm({"product": str(catalogue[3].pk)})
    assert not form.is_valid()
    assert "product" in form.errors
    form = PlanLineAddForm({"product": str(catalogue[0].pk)})
    assert form.is_valid()
    assert form.cleaned_data["product"] == catalogue[0]


@pytest.mark.parametrize("data", [None, {}, {"competitor": "chosen", "group": "chosen"}, {"competitor": "999999"}])
def test_the_competitor_form_renders_as_with_djangos_selects(catalogue, data):
    competitors = [CompetitorFactory(name="Zeta & Co"), CompetitorFactory(name="Alpha <Pack>")]
    if data and data.get("competitor") == "chosen":
        data = {"competitor": str(competitors[1].pk), "group": str(catalogue[0].group_id)}
    fast, stock = CompetitorPresenceForm(data), StockCompetitorPresenceForm(data)
    if data is not None:
        assert fast.is_valid() == stock.is_valid()
        assert fast.errors == stock.errors
    for name in ("competitor", "group", "notes"):
        assert as_crispy_field(fast[name]) == as_crispy_field(stock[name])
    assert "Alpha &lt;Pack&gt;" in as_crispy_field(fast["competitor"])
