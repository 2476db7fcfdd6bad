"""The sentence a notification or reminder e-mail says, from its kind and stored values.

Rendered when it is read, so it comes out in the reader's language; the stored values are only
names, titles and ISO dates. No ORM here."""

import datetime

from django.utils.formats import date_format
from django.utils.translation import gettext as _


class _Values(dict):
    """Missing values read as a dash: a pack's caller may send fewer details than expected."""

    def __missing__(self, key: str) -> str:
        return "—"


def _date(value) -> str:
    if not value:
        return "—"
    try:
        return date_format(datetime.date.fromisoformat(str(value)), "DATE_FORMAT")
    except ValueError:
        return str(value)


def sentence(kind: str, params: dict | None) -> str:
    params = params or {}
    values = _Values(params)
    for key in ("due", "since"):
        if key in params:
            values[key] = _date(params[key])
    stage = params.get("what") == "stage"
    if kind == "due_soon":
        if stage:
            return _("Plan stage “%(title)s” (%(account)s) is due on %(due)s.") % values
        return _("Commitment “%(title)s” (%(account)s) is due on %(due)s.") % values
    if kind == "overdue":
        if stage:
            return _("Plan stage “%(title)s” (%(account)s) was due on %(due)s and is overdue.") % values
        return _("Commitment “%(title)s” (%(account)s) was due on %(due)s and is overdue.") % values
    if kind == "escalated":
        return (
            _(
                "Escalated to you: commitment “%(title)s” (%(account)s), assigned to %(assignee)s, "
                "was due on %(due)s and is more than 7 days overdue."
            )
            % values
        )
    if kind == "checklist_unready":
        return (
            _(
                "The annual meeting “%(title)s” with %(account)s on %(due)s is %(readiness)s %% prepared: "
                "its checklist is not ready."
            )
            % values
        )
    if kind == "approval_waiting":
        return _("Sales plan %(title)s by %(author)s has been waiting for your decision since %(since)s.") % values
    if kind == "pack_ready":
        if "account" in params and "due" in params:
            return _("The briefing pack for “%(title)s” with %(account)s on %(due)s is ready.") % values
        return _("The briefing pack for “%(title)s” is ready.") % values
    return _("Reminder: %(title)s") % values
