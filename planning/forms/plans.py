"""Forms of sales plans: creating a plan, adding and changing its lines, and the comment of
an approval step. The plan comes from the URL, never from a form."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Account
from kam.core.forms import ListedModelChoiceField, VersionedModelForm
from kam.core.widgets import LongSelect, Select
from planning.models import Product, ProductGroup, Region, SalesPlanLine
from planning.services.plans import QUARTERS, check_quarters


class PlanCreateForm(forms.Form):
    """An account the user may change, or a region they direct, and the year."""

    account = forms.ModelChoiceField(label=_("Account"), queryset=Account.objects.none(), required=False)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none(), required=False)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, today: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = today.year + 1
        self.fields["account"].queryset = Account.objects.editable_by(user).order_by("name")
        self.fields["account"].empty_label = _("— an account's plan —")
        regions = Region.objects.none()
        if user.is_director:
            regions = Region.objects.filter(pk__in=user.region_ids) if user.region_ids else Region.objects.all()
        self.fields["region"].queryset = regions
        self.fields["region"].empty_label = _("— a region's plan —")
        if not regions.exists():
            del self.fields["region"]

    def clean(self):
        data = super().clean()
        if bool(data.get("account")) == bool(data.get("region")):
            raise forms.ValidationError(_("Choose either an account or a region."))
        return data


SMALL_SELECT = {"class": "form-select form-select-sm"}


class CatalogueSelect(LongSelect):
    """The select of the catalogue's products, as LongSelect writes it. Its options are read
    as (pk, code, name) rows and labelled as Product.__str__ does, rather than built as a
    model instance and an option dict each: at two hundred products that was most of the
    plan page's time. The field is a ModelChoiceField over products; it still validates
    against its queryset."""

    template_name = "planning/widgets/catalogue_select.html"

    def get_context(self, name, value, attrs):
        # Widget's context (name, value as strings, attrs) without ChoiceWidget's optgroups.
        context = forms.Widget.get_context(self, name, value, attrs)
        field = self.choices.field
        rows = [] if field.empty_label is None else [("", field.empty_label)]
        rows += [(str(pk), f"{code} {name}") for pk, code, name in field.queryset.values_list("pk", "code", "name")]
        # As ChoiceWidget.optgroups: only the first option matching the value is selected.
        chosen, options = False, []
        for option_value, label in rows:
            selected = not chosen and option_value in context["widget"]["value"]
            chosen = chosen or selected
            options.append((option_value, label, selected))
        context["widget"]["options"] = options
        return context


class PlanLineAddForm(forms.Form):
    group = ListedModelChoiceField(
        label=_("Product group"),
        queryset=ProductGroup.objects.all(),
        required=False,
        empty_label=_("— a product group —"),
        widget=Select(attrs=SMALL_SELECT),
    )
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Product.objects.filter(active=True),
        required=False,
        empty_label=_("— or one product —"),
        # The catalogue runs to hundreds of products: one template loop, not one per option.
        widget=CatalogueSelect(attrs=SMALL_SELECT),
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("group")) == bool(data.get("product")):
            raise forms.ValidationError(_("Choose either a product group or a product."))
        return data


class PlanLineForm(VersionedModelForm):
    """Target, its staged quarters (which must add up to the target revenue) and the method."""

    class Meta:
        model = SalesPlanLine
        fields = ["target_volume", "target_revenue", "q1_revenue", "q2_revenue", "q3_revenue", "q4_revenue", "method"]
        widgets = {"method": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        quarters = [data.get(name) for name in QUARTERS]
        if data.get("target_revenue") is not None and None not in quarters:
            try:
                check_quarters(target_revenue=data["target_revenue"], quarters=quarters)
            except forms.ValidationError as error:
                self.add_error(None, error)
        return data


class TransitionForm(forms.Form):
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
