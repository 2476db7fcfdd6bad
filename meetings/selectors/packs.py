"""Reads of briefing packs: whoever may see the meeting sees its packs; nobody else does."""

from django.db.models import QuerySet

from kam.core.access import deny_not_found
from meetings.models import BriefingPack, Meeting


def pack_list_for_meeting(*, meeting: Meeting) -> QuerySet[BriefingPack]:
    """The meeting's packs, newest first, with who asked for each (one query). The caller
    fetched the meeting through a door for the user."""
    return meeting.packs.select_related("requested_by").order_by("-created_at", "-pk")


def pack_latest_for_meeting(*, meeting: Meeting) -> BriefingPack | None:
    """The newest pack of the meeting, for its page's panel (one query)."""
    return pack_list_for_meeting(meeting=meeting).first()


def pack_get_for_user(*, user, pk: int) -> BriefingPack:
    """One pack of a meeting the user may see, with its meeting and account joined; or 404."""
    pack = (
        BriefingPack.objects.visible_to(user).select_related("meeting__account", "requested_by").filter(pk=pk).first()
    )
    if pack is None:
        raise deny_not_found(user, "view", f"briefingpack:{pk}")
    return pack
