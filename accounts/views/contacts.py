"""The Contacts tab of the dossier: the people at the client, their org chart (the
relationship map) and our relationship with each of them."""

from typing import NamedTuple

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts import orgchart
from accounts.forms.contacts import ContactForm
from accounts.models import Account, Contact
from accounts.selectors import (
    account_get_for_edit,
    account_get_for_user,
    contact_list_for_account,
    record_get_for_user,
)
from accounts.services import contacts as services
from accounts.views.common import dossier_context
from kam.core.locking import ConcurrentEditError

Role = Contact.BuyingRole
# Short marks for the boxes of the map, explained by its legend.
ROLE_MARKS = [
    (Role.DECISION_MAKER, pgettext_lazy("buying role mark", "DM"), Role.DECISION_MAKER.label),
    (Role.ECONOMIC_BUYER, pgettext_lazy("buying role mark", "EB"), Role.ECONOMIC_BUYER.label),
    (Role.INFLUENCER, pgettext_lazy("buying role mark", "INF"), Role.INFLUENCER.label),
    (Role.USER, pgettext_lazy("buying role mark", "USR"), Role.USER.label),
    (Role.GATEKEEPER, pgettext_lazy("buying role mark", "GK"), Role.GATEKEEPER.label),
    (Role.CHAMPION, pgettext_lazy("buying role mark", "CH"), Role.CHAMPION.label),
]


class RoleMark(NamedTuple):
    mark: str | Promise
    label: str | Promise


MARK_OF_ROLE = {role: RoleMark(mark, label) for role, mark, label in ROLE_MARKS}
MAP_MIN_WIDTH = 900  # a chart of two people is not blown up to the page's full width


def relationship_map(contacts: list[Contact]) -> dict:
    """What `accounts/relationship_map.html` draws: the laid-out org chart of these contacts
    (already loaded; no queries here) and what its legend explains. Each contact gets its
    `role_mark` (or None), which the map and the contact table show: found once here, not by
    going through every mark for each person in the templates."""
    for contact in contacts:
        contact.role_mark = MARK_OF_ROLE.get(contact.buying_role)
    chart = orgchart.layout(
        (orgchart.OrgNode(key=c.pk, parent=c.reports_to_id, item=c) for c in contacts),
        min_width=MAP_MIN_WIDTH,
    )
    return {"chart": chart, "role_marks": ROLE_MARKS, "stale_days": settings.KAM_CONTACT_STALE_DAYS}


def _contacts_url(account_id: int, contact_id: int | None = None) -> str:
    url = reverse("accounts:contacts", args=[account_id])
    return f"{url}#contact-{contact_id}" if contact_id else url


def _form_data(form: ContactForm) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if name != "version"}


@require_GET
def contact_tab(request: HttpRequest, pk: int) -> HttpResponse:
    """The people, the map and the gaps (no decision maker, no champion) in a fixed number of
    queries however many people there are."""
    account = account_get_for_user(user=request.user, pk=pk)
    contacts = list(contact_list_for_account(account=account))
    roles = {contact.buying_role for contact in contacts}
    context = dossier_context(
        request,
        account,
        "contacts",
        contacts=contacts,
        lacks_decision_maker=bool(contacts) and Role.DECISION_MAKER not in roles,
        lacks_champion=bool(contacts) and Role.CHAMPION not in roles,
        **relationship_map(contacts),
    )
    return render(request, "accounts/contact_tab.html", context)


def _render_form(request: HttpRequest, account: Account, form: ContactForm, contact: Contact | None = None):
    context = dossier_context(request, account, "contacts", form=form, contact=contact)
    return render(request, "accounts/contact_form.html", context)


@require_http_methods(["GET", "POST"])
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    account = account_get_for_edit(user=request.user, pk=pk)
    form = ContactForm(
        request.POST if request.method == "POST" else None,
        account=account,
        initial={"relationship_owner": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(by=request.user, account=account, data=_form_data(form))
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s added to the contacts.") % {"name": contact.full_name})
            return redirect(_contacts_url(account.pk, contact.pk))
    return _render_form(request, account, form)


@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = record_get_for_user(user=request.user, model=Contact, pk=pk, edit=True)
    account = contact.account
    form = ContactForm(request.POST if request.method == "POST" else None, instance=contact, account=account)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(
                by=request.user, contact=contact, data=_form_data(form), expected_version=form.expected_version
            )
        except ConcurrentEditError as conflict:
            form.report_conflict(conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s saved.") % {"name": contact.full_name})
            return redirect(_contacts_url(account.pk, contact.pk))
    return _render_form(request, account, form, contact)


@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    contact = record_get_for_user(user=request.user, model=Contact, pk=pk, edit=True)
    account_id, name = contact.account_id, contact.full_name
    services.contact_delete(by=request.user, contact=contact)
    messages.success(request, _("%(name)s removed from the contacts.") % {"name": name})
    return redirect(_contacts_url(account_id))
