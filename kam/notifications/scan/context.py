"""What every source of the reminder scan shares: the moment of the scan, each person's own
"today" (in their time zone), the directors of each region, and the log of what was skipped."""

import datetime
import logging
import zoneinfo
from collections import defaultdict
from functools import cached_property

from django.conf import settings
from django.db.models import Max

from kam.users.models import Role, User

logger = logging.getLogger("kam.reminders")

# The furthest a zone runs ahead of UTC (UTC+14): no one's today is later than this.
LATEST_OFFSET = datetime.timedelta(hours=14)


class ScanContext:
    def __init__(self, now: datetime.datetime):
        self.now = now
        self.skipped: list[str] = []
        self._zones: dict[str, zoneinfo.ZoneInfo] = {}

    def zone_for(self, user: User) -> zoneinfo.ZoneInfo:
        name = user.time_zone or settings.TIME_ZONE
        if name not in self._zones:
            try:
                self._zones[name] = zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError):
                self._zones[name] = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        return self._zones[name]

    def today_for(self, user: User) -> datetime.date:
        """The user's own date now (their zone, else the company's)."""
        return self.now.astimezone(self.zone_for(user)).date()

    def local_date(self, moment: datetime.datetime, user: User) -> datetime.date:
        return moment.astimezone(self.zone_for(user)).date()

    @cached_property
    def company_zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @cached_property
    def latest_today(self) -> datetime.date:
        """The latest date anyone can have now: the upper bound for "due within lead time"."""
        return (self.now.astimezone(datetime.UTC) + LATEST_OFFSET).date()

    @cached_property
    def longest_lead_days(self) -> int:
        """The longest lead time any active user chose (one query, once per scan)."""
        return User.objects.filter(is_active=True).aggregate(days=Max("reminder_lead_days"))["days"] or 0

    @cached_property
    def _directors(self) -> tuple[dict[int, list[User]], list[User]]:
        """Active directors by region, and those with no regions (who direct every region):
        two queries, once per scan."""
        directors = {user.pk: user for user in User.objects.filter(role=Role.DIRECTOR, is_active=True)}
        by_region: dict[int, list[User]] = defaultdict(list)
        links = User.regions.through.objects.filter(user_id__in=directors).values_list("user_id", "region_id")
        with_regions = set()
        for user_id, region_id in links:
            by_region[region_id].append(directors[user_id])
            with_regions.add(user_id)
        everywhere = [user for pk, user in directors.items() if pk not in with_regions]
        return by_region, everywhere

    def directors_of(self, region_id: int | None) -> list[User]:
        """The region's own directors; when it has none, the directors of every region (as
        planning.selectors.plans.directs_region reads a director with no regions)."""
        by_region, everywhere = self._directors
        if region_id is not None and by_region.get(region_id):
            return by_region[region_id]
        return everywhere

    def skip(self, message: str, *args) -> None:
        """Record a reminder skipped or rerouted, with the reason, in the log."""
        text = message % args if args else message
        self.skipped.append(text)
        logger.warning("reminder scan: %s", text)
