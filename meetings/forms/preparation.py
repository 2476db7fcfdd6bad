"""Forms of a meeting's preparation: an agenda topic, a negotiation target with its limits,
an item of the annual checklist."""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from kam.core.forms import VersionedModelForm
from meetings.models import AgendaTopic, ChecklistItem, NegotiationTarget


def textarea(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def percent_field(field: forms.Field) -> None:
    """A discount is a share of the price: 0–100 %."""
    field.widget.attrs.update({"min": 0, "max": 100, "step": "0.01"})
    field.validators += [MinValueValidator(0), MaxValueValidator(100)]


class GridMixin:
    """Where each field sits in the form's Bootstrap grid (`grid` for the template)."""

    GRID: dict[str, str] = {}

    def grid(self) -> list[tuple]:
        return [(field, self.GRID.get(field.name, "col-12")) for field in self.visible_fields()]


class TopicForm(GridMixin, VersionedModelForm):
    GRID = {"arguments": "col-md-6", "objections": "col-md-6"}

    class Meta:
        model = AgendaTopic
        fields = ["title", "strategic_goal", "arguments", "objections"]
        widgets = {"strategic_goal": textarea(2), "arguments": textarea(3), "objections": textarea(3)}
        help_texts = {
            "strategic_goal": _("What this topic must achieve for us."),
            "objections": _("What the client may say against it, and how we answer."),
        }


class TargetForm(GridMixin, VersionedModelForm):
    """What we aim for and the limits we may not cross. A limit without a target is fine;
    a target beyond its own limit is an error on the target's field."""

    GRID = {
        "product_name": "col-md-8",
        "unit": "col-md-4",
        "planned_volume": "col-md-4",
        "target_price": "col-md-4",
        "target_discount": "col-md-4",
        "min_volume": "col-md-4",
        "min_price": "col-md-4",
        "max_discount": "col-md-4",
    }

    class Meta:
        model = NegotiationTarget
        fields = [
            "product_name",
            "unit",
            "planned_volume",
            "target_price",
            "target_discount",
            "terms",
            "min_volume",
            "min_price",
            "max_discount",
        ]
        widgets = {"terms": textarea(2)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product_name"].widget.attrs["placeholder"] = _("Empty: the whole deal")
        for name in ("target_discount", "max_discount"):
            percent_field(self.fields[name])

    def clean(self):
        data = super().clean()
        price, lowest = data.get("target_price"), data.get("min_price")
        if price is not None and lowest is not None and price < lowest:
            self.add_error("target_price", _("The target price is below the lowest price (%s).") % lowest)
        discount, largest = data.get("target_discount"), data.get("max_discount")
        if discount is not None and largest is not None and discount > largest:
            self.add_error("target_discount", _("The discount is above the largest discount (%s %%).") % largest)
        volume, smallest = data.get("planned_volume"), data.get("min_volume")
        if volume is not None and smallest is not None and volume < smallest:
            self.add_error("planned_volume", _("The planned volume is below the smallest volume (%s).") % smallest)
        return data


class ChecklistItemForm(GridMixin, VersionedModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["status", "content"]
        widgets = {"content": textarea(5), "status": forms.RadioSelect}
