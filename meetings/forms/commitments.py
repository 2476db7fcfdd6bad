"""The commitment form: what was promised, to whom (a person or a department), by when."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kam.core.forms import VersionedModelForm
from kam.core.widgets import LongSelect
from kam.users.models import Department
from meetings.forms.preparation import GridMixin
from meetings.models import Commitment

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CommitmentForm(GridMixin, VersionedModelForm):
    """Offers the active users (and whoever is assigned now, so an edit need not change it)
    and every department; exactly one of the two must be chosen."""

    GRID = {
        "assignee_user": "col-md-6",
        "assignee_department": "col-md-6",
        "due_on": "col-md-4",
        "quantity": "col-md-4",
        "unit": "col-md-4",
    }

    class Meta:
        model = Commitment
        fields = ["text", "assignee_user", "assignee_department", "due_on", "quantity", "unit"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_on": DATE_WIDGET, "assignee_user": LongSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = Q(is_active=True)
        if self.instance.assignee_user_id:
            users |= Q(pk=self.instance.assignee_user_id)
        person = self.fields["assignee_user"]
        person.queryset = get_user_model().objects.filter(users).order_by("last_name", "first_name", "username")
        person.empty_label = _("— nobody —")
        department = self.fields["assignee_department"]
        department.queryset = Department.objects.order_by("name")
        department.empty_label = _("— none —")

    def clean(self):
        data = super().clean()
        has_user, has_department = bool(data.get("assignee_user")), bool(data.get("assignee_department"))
        if has_user and has_department:
            self.add_error(None, _("Choose a person or a department, not both."))
        elif not has_user and not has_department and not self.has_error("assignee_user"):
            self.add_error(None, _("Choose who is to do it: a person or a department."))
        return data
