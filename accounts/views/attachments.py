"""Files attached to dossier entries: downloaded through a permission check, never served
from MEDIA_URL."""

import logging

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.attachments import attachment_get_for_user
from accounts.services import entries as services

logger = logging.getLogger(__name__)


@require_GET
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Always a download (never shown inline), with the type detected at upload; together
    with nosniff, a file cannot run as a page of this site."""
    attachment = attachment_get_for_user(user=request.user, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        logger.error("attachment %s: stored file %s is missing", attachment.pk, attachment.file.name)
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@require_POST
def attachment_delete(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = attachment_get_for_user(user=request.user, pk=pk, edit=True)
    entry = attachment.entry
    services.attachment_delete(by=request.user, attachment=attachment)
    messages.success(request, _("Attachment “%(name)s” removed.") % {"name": attachment.original_name})
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return redirect(next_url)
    return redirect(f"{reverse('accounts:dossier', args=[entry.account_id])}#entry-{entry.pk}")
