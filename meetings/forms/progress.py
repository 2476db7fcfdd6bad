"""The form that moves a commitment to its next status, with a note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kam.core.forms import VersionedModelForm
from meetings.models import Commitment
from meetings.services.progress import next_statuses, note_required

# What the buttons and the choice say: the action, not the resulting state's name.
ACTION_LABELS = {
    Commitment.Status.IN_PROGRESS: _("Start"),
    Commitment.Status.DONE: _("Mark done"),
    Commitment.Status.CANCELLED: _("Cancel the commitment"),
}
REOPEN_LABEL = _("Reopen")


def action_label(*, from_status: str, to_status: str) -> str:
    if from_status == Commitment.Status.DONE and to_status == Commitment.Status.IN_PROGRESS:
        return str(REOPEN_LABEL)
    return str(ACTION_LABELS[to_status])


class CommitmentProgressForm(VersionedModelForm):
    """Carries the commitment's version, so a move made on a stale page is refused and shown
    as a conflict rather than undoing a colleague's move. The widget offers the moves this
    user may make from the current status; the field accepts any status, so that a stale
    page's move reaches the service and is reported as the conflict it is (the service
    refuses moves its table does not allow)."""

    to_status = forms.ChoiceField(label=_("Change to"))
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when reopening or cancelling."),
    )

    class Meta:
        model = Commitment
        fields: list[str] = []

    def __init__(self, *args, may_cancel: bool, **kwargs):
        super().__init__(*args, **kwargs)
        status = self.instance.status
        self.moves = [
            (to, action_label(from_status=status, to_status=to))
            for to in next_statuses(status=status, may_cancel=may_cancel)
        ]
        self.fields["to_status"].choices = Commitment.Status.choices
        self.fields["to_status"].widget.choices = self.moves

    def clean(self):
        cleaned = super().clean()
        to_status = cleaned.get("to_status")
        note = (cleaned.get("note") or "").strip()
        # On a stale page the service reports the conflict; the note is judged after that.
        current = cleaned.get("version") == self.instance.version
        if current and to_status and not note and note_required(from_status=self.instance.status, to_status=to_status):
            self.add_error("note", _("Say why: a note is required for this change."))
        return cleaned

    def report_conflict(self, current: Commitment) -> None:
        super().report_conflict(current)
        self.conflicts.append((str(_("Status")), current.get_status_display()))
