"""Placeholder until this part of the dossier is built."""

from django.http import Http404


def _missing(request, pk=None):
    raise Http404


contact_tab = contact_create = contact_edit = contact_delete = _missing
partner_tab = partner_create = partner_edit = partner_delete = _missing
entry_tab = entry_create = entry_edit = entry_delete = _missing
attachment_download = attachment_delete = _missing
search = _missing
