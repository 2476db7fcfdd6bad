"""People who log in to KAM and their roles.

The `accounts` app is about key accounts (clients); login accounts live here.
"""

from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


def person_name(first_name: str, last_name: str, username: str) -> str:
    """How a user is named (User.__str__): the full name, else the username. For lists that
    read the three columns instead of loading users."""
    return f"{first_name} {last_name}".strip() or username


class Department(models.Model):
    """One of our departments that meetings assign commitments to (logistics, finance …)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("code"), max_length=50, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    KAM = "kam", _("Account manager")
    DIRECTOR = "director", _("Sales director")
    DEPARTMENT = "department", _("Department member")
    ADMIN = "admin", _("Administrator")


class EmailMode(models.TextChoices):
    """How a user wants their reminders by e-mail (they always see them in the app)."""

    EACH = "each", _("An e-mail for each reminder")
    DIGEST = "digest", _("One daily digest at 8:00")
    NONE = "none", _("No e-mail (in the application only)")


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.KAM)
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    # A director sees the accounts of these regions; none means every region.
    regions = models.ManyToManyField("planning.Region", verbose_name=_("regions"), blank=True, related_name="directors")
    # Pages show times in this zone; empty means the company's (settings.TIME_ZONE).
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True)
    # Reminders: how many days before a due date they start, and whether they come by e-mail.
    reminder_lead_days = models.PositiveSmallIntegerField(
        _("remind me this many days ahead"), default=3, validators=[MinValueValidator(0), MaxValueValidator(30)]
    )
    email_mode = models.CharField(
        _("reminders by e-mail"), max_length=10, choices=EmailMode.choices, default=EmailMode.EACH
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return person_name(self.first_name, self.last_name, self.username)

    @property
    def region_ids(self) -> list[int]:
        """The regions a director oversees, read once per request (empty: all regions)."""
        if not hasattr(self, "_region_ids"):
            self._region_ids = list(self.regions.values_list("pk", flat=True))
        return self._region_ids

    @property
    def is_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN

    @property
    def is_director(self) -> bool:
        return self.role == Role.DIRECTOR

    @property
    def is_kam(self) -> bool:
        return self.role == Role.KAM

    @property
    def is_department_member(self) -> bool:
        return self.role == Role.DEPARTMENT
