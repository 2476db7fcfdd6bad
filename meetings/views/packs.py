"""Briefing packs of a meeting (/meetings/<id>/brief/): request one, watch it being made (htmx
polls the status fragment every 2 s while it is queued or rendering), download it, retry a
failed one. Anyone who may see the meeting may do all of this; everyone else gets 404."""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from meetings.models import BriefingPack
from meetings.packs import services
from meetings.selectors.access import meeting_get_for_user
from meetings.selectors.packs import pack_get_for_user, pack_list_for_meeting

logger = logging.getLogger("kam.packs")

LIST = "meetings/packs/pack_list.html"
STATUS = "meetings/packs/status.html"
PANEL = "meetings/packs/panel.html"


def _is_htmx(request: HttpRequest) -> bool:
    return bool(request.headers.get("HX-Request"))


def _after_request(request: HttpRequest, pack: BriefingPack) -> HttpResponse:
    """htmx: the meeting page's pack panel, now showing the pack's status; else back where the
    user was (the meeting page's panel, or the packs page)."""
    if _is_htmx(request):
        return render(request, PANEL, {"pack": pack, "meeting": pack.meeting})
    messages.info(request, _("The briefing pack is being prepared: it is ready in a few seconds."))
    target = reverse("meetings:packs", args=[pack.meeting_id])
    if request.POST.get("from") == "meeting":
        target = reverse("meetings:detail", args=[pack.meeting_id]) + "#briefing-pack"
    return redirect(target)


@require_http_methods(["GET", "POST"])
def pack_list(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the meeting's packs with their status. POST: prepare a new pack (or show the one
    already being made)."""
    meeting = meeting_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        pack = services.pack_request(by=request.user, meeting=meeting)
        return _after_request(request, pack)
    packs = list(pack_list_for_meeting(meeting=meeting))
    context = {
        "meeting": meeting,
        "account": meeting.account,
        "packs": packs,
        "current": next((pack for pack in packs if pack.in_progress), None),
        "nav": "meetings",
    }
    return render(request, LIST, context)


@require_GET
def pack_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The status fragment htmx polls; once the pack is ready or failed, the fragment no longer
    polls, so the polling stops by itself."""
    pack = pack_get_for_user(user=request.user, pk=pk)
    if not _is_htmx(request):
        return redirect("meetings:packs", pk=pack.meeting_id)
    return render(request, STATUS, {"pack": pack, "in_list": request.GET.get("in") == "list"})


@require_POST
def pack_retry(request: HttpRequest, pk: int) -> HttpResponse:
    pack = pack_get_for_user(user=request.user, pk=pk)
    try:
        pack = services.pack_retry(by=request.user, pack=pack)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("meetings:packs", pk=pack.meeting_id)
    return _after_request(request, pack)


@require_GET
def pack_download(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF, as an attachment named after the client, the meeting and its date."""
    pack = pack_get_for_user(user=request.user, pk=pk)
    if not pack.is_ready:
        raise Http404
    try:
        handle = pack.file.open("rb")
    except FileNotFoundError:
        logger.error("briefing pack %s: stored file %s is missing", pack.pk, pack.file.name)
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=services.pack_file_name(pack), content_type="application/pdf"
    )
