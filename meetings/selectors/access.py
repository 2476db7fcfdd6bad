"""The doors to one meeting or one commitment: visible or 404, changeable or 403."""

from accounts.selectors import account_is_editable
from kam.core.access import deny_forbidden, deny_not_found
from meetings.models import Commitment, Meeting


def meeting_get_for_user(*, user, pk: int) -> Meeting:
    """One meeting the user may see (whoever sees its account), with its account joined; or
    404 (logged)."""
    meeting = (
        Meeting.objects.visible_to(user)
        .select_related("account__industry", "account__region", "account__owner", "created_by")
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise deny_not_found(user, "view", f"meeting:{pk}")
    return meeting


def meeting_is_editable(*, user, meeting: Meeting) -> bool:
    """Whoever may change the account prepares and follows up its meetings."""
    return account_is_editable(user=user, account=meeting.account)


def meeting_get_for_edit(*, user, pk: int) -> Meeting:
    """One meeting the user may change: 404 if they may not see it, 403 if they only read it."""
    meeting = meeting_get_for_user(user=user, pk=pk)
    if not meeting_is_editable(user=user, meeting=meeting):
        raise deny_forbidden(user, "change", f"meeting:{pk}")
    return meeting


def commitment_get_for_user(*, user, pk: int) -> Commitment:
    """One commitment the user may see (through its account, or as its assignee or a member
    of the assigned department), with what its page shows joined in; or 404 (logged)."""
    commitment = (
        Commitment.objects.visible_to(user)
        .select_related("account__owner", "meeting", "assignee_user", "assignee_department", "created_by")
        .filter(pk=pk)
        .first()
    )
    if commitment is None:
        raise deny_not_found(user, "view", f"commitment:{pk}")
    return commitment


def commitment_is_editable(*, user, commitment: Commitment) -> bool:
    """Whoever may change the account edits a commitment's text, assignee and due date."""
    return account_is_editable(user=user, account=commitment.account)


def commitment_may_progress(*, user, commitment: Commitment) -> bool:
    """Who may move a commitment to in progress, done or back: the account's editors, the
    assigned person, and the members of the assigned department."""
    if not user.is_authenticated or not user.is_active:
        return False
    if commitment.assignee_user_id == user.pk:
        return True
    if commitment.assignee_department_id and commitment.assignee_department_id == user.department_id:
        return True
    return commitment_is_editable(user=user, commitment=commitment)


def commitment_get_for_progress(*, user, pk: int) -> Commitment:
    commitment = commitment_get_for_user(user=user, pk=pk)
    if not commitment_may_progress(user=user, commitment=commitment):
        raise deny_forbidden(user, "progress", f"commitment:{pk}")
    return commitment


def commitment_get_for_edit(*, user, pk: int) -> Commitment:
    commitment = commitment_get_for_user(user=user, pk=pk)
    if not commitment_is_editable(user=user, commitment=commitment):
        raise deny_forbidden(user, "change", f"commitment:{pk}")
    return commitment
