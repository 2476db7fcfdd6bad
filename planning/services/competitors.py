"""Writes of the competitors known at an account. The caller has fetched the account or the
record through an editing selector; these services check the right again, as every write does."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import Account
from accounts.services.access import require_edit
from planning.models import Competitor, CompetitorPresence, ProductGroup


def _duplicate_error(competitor: Competitor, group: ProductGroup | None) -> ValidationError:
    if group is None:
        message = _("%(competitor)s is already recorded at this client in general.")
    else:
        message = _("%(competitor)s is already recorded at this client in %(group)s.")
    return ValidationError(message % {"competitor": competitor, "group": group}, code="duplicate")


@transaction.atomic
def competitor_presence_add(
    *, by, account: Account, competitor: Competitor, group: ProductGroup | None, notes: str = ""
) -> CompetitorPresence:
    """Record that `competitor` supplies the account in `group` (None: in general). The same
    competitor twice in one group (or twice in general) is refused with a ValidationError."""
    require_edit(by=by, account=account)
    if CompetitorPresence.objects.filter(account=account, competitor=competitor, group=group).exists():
        raise _duplicate_error(competitor, group)
    presence = CompetitorPresence(account=account, competitor=competitor, group=group, notes=notes, recorded_by=by)
    try:
        # A savepoint, so that a concurrent duplicate leaves the outer transaction usable.
        with transaction.atomic():
            presence.save()
    except IntegrityError as error:
        raise _duplicate_error(competitor, group) from error
    return presence


@transaction.atomic
def competitor_presence_remove(*, by, presence: CompetitorPresence) -> None:
    """Forget a competitor at the account (in one group or in general)."""
    require_edit(by=by, account=presence.account)
    presence.delete()
