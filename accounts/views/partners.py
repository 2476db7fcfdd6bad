"""The Partners tab: who supplies, distributes, buys from or ships for the client."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.forms.partners import BusinessPartnerForm
from accounts.models import BusinessPartner
from accounts.selectors import account_get_for_edit, account_get_for_user, partner_list_for_account, record_get_for_user
from accounts.services import partners as services
from accounts.views.common import dossier_context
from kam.core.locking import ConcurrentEditError

GROUP_LABELS = {
    BusinessPartner.Kind.SUPPLIER: gettext_lazy("Suppliers"),
    BusinessPartner.Kind.DISTRIBUTOR: gettext_lazy("Distributors"),
    BusinessPartner.Kind.CUSTOMER: gettext_lazy("Customers"),
    BusinessPartner.Kind.LOGISTICS: gettext_lazy("Logistics providers"),
    BusinessPartner.Kind.OTHER: gettext_lazy("Other partners"),
}


def _by_kind(partners) -> list[dict]:
    """Partners grouped by kind, in the order the kinds are declared (along the supply chain)."""
    groups = {kind: [] for kind in BusinessPartner.Kind.values}
    for partner in partners:
        groups.setdefault(partner.kind, []).append(partner)
    labels = {**dict(BusinessPartner.Kind.choices), **GROUP_LABELS}
    return [
        {"kind": kind, "label": labels.get(kind, kind), "partners": members}
        for kind, members in groups.items()
        if members
    ]


@require_GET
def partner_tab(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_for_user(user=request.user, pk=pk)
    partners = list(partner_list_for_account(account=account))
    context = dossier_context(request, account, "partners", groups=_by_kind(partners), partner_count=len(partners))
    return render(request, "accounts/partner_tab.html", context)


@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_for_edit(user=request.user, pk=pk)
    kind = request.GET.get("kind")
    initial = {"kind": kind} if kind in BusinessPartner.Kind.values else None
    form = BusinessPartnerForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        partner = services.partner_create(by=request.user, account=account, data=form.cleaned_data)
        messages.success(request, _("Partner “%(name)s” added.") % {"name": partner.name})
        return redirect("accounts:partners", pk=account.pk)
    return render(request, "accounts/partner_form.html", {"form": form, "account": account, "nav": "accounts"})


@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = record_get_for_user(user=request.user, model=BusinessPartner, pk=pk, edit=True)
    form = BusinessPartnerForm(request.POST if request.method == "POST" else None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(
                by=request.user, partner=partner, data=form.cleaned_data, expected_version=form.expected_version
            )
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        else:
            messages.success(request, _("Partner “%(name)s” saved.") % {"name": partner.name})
            return redirect("accounts:partners", pk=partner.account_id)
    context = {"form": form, "account": partner.account, "partner": partner, "nav": "accounts"}
    return render(request, "accounts/partner_form.html", context)


@require_POST
def partner_delete(request: HttpRequest, pk: int) -> HttpResponse:
    partner = record_get_for_user(user=request.user, model=BusinessPartner, pk=pk, edit=True)
    services.partner_delete(by=request.user, partner=partner)
    messages.success(request, _("Partner “%(name)s” removed.") % {"name": partner.name})
    return redirect("accounts:partners", pk=partner.account_id)
