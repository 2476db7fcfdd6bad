"""Who asks and what for, chosen from the data: the same on every run of one dataset.

- kam: an account manager with the median number of visible accounts,
- director_region: the director of the region of the dossier account,
- director_all: the director of every region,
- department: a member of the logistics department (the commitments queue);
the dossier pages show one account of that KAM whose numbers of contacts and entries are
closest to the medians, the meeting page that account's latest held meeting with agenda
topics, negotiation targets and commitments. The plan pages show the plans of one account of
that KAM (`plan_account`): its sales plan of the latest year, whose number of lines is closest
to the median (an account that also has a development plan first), and its development plan
(`account_plan`); the regional plan is that of the dossier account's region.
"""

import statistics
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.db.models import Count, Exists, OuterRef

from accounts.models import Account, Contact, DossierEntry, SearchEntry
from accounts.search import SEARCH_CONFIG
from kam.users.models import Role, User
from meetings.models import AgendaTopic, Commitment, Meeting, NegotiationTarget
from planning.models import AccountPlan, SalesPlan, SalesPlanLine
from planning.selectors.plans import plan_list_for_user

# A word found in a good share of the dossier (an inflected form: stemming must find the rest).
COMMON_QUERY = "упаковки"


class BenchError(Exception):
    """A page did not answer 200, or a measurement could not be made."""


@dataclass
class Subjects:
    """Who asks and what for: chosen from the data, the same on every run of one dataset."""

    users: dict[str, User]
    account: Account
    common_query: str
    rare_query: str
    about: dict
    meeting: Meeting | None = None
    # An account of the KAM's with this year's plans, its sales and development plans, and the
    # plan of the dossier account's region.
    plan_account: Account | None = None
    sales_plan: SalesPlan | None = None
    account_plan: AccountPlan | None = None
    regional_plan: SalesPlan | None = None


def _median_low(values: list[int]) -> int:
    return statistics.median_low(values) if values else 0


def pick_subjects() -> Subjects:
    owned: dict[int, set[int]] = {}
    for account_id, owner_id in Account.objects.values_list("pk", "owner_id"):
        owned.setdefault(owner_id, set()).add(account_id)
    visible = {kam: set(ids) for kam, ids in owned.items()}
    for account_id, user_id in Account.team.through.objects.values_list("account_id", "user_id"):
        visible.setdefault(user_id, set()).add(account_id)
    kam_ids = list(User.objects.filter(role=Role.KAM, pk__in=owned).order_by("pk").values_list("pk", flat=True))
    if not kam_ids:
        raise BenchError("the dataset has no account manager with accounts")
    typical = _median_low([len(visible[k]) for k in kam_ids])
    typical_kams = [k for k in kam_ids if len(visible[k]) == typical]

    contacts = dict(Contact.objects.order_by().values_list("account").annotate(n=Count("pk")))
    entries = dict(DossierEntry.objects.order_by().values_list("account").annotate(n=Count("pk")))
    median_contacts = _median_low(list(contacts.values())) or 1
    median_entries = _median_low(list(entries.values())) or 1

    def distance(account_id: int) -> tuple[float, int]:
        c, e = contacts.get(account_id, 0), entries.get(account_id, 0)
        return abs(c - median_contacts) / median_contacts + abs(e - median_entries) / median_entries, account_id

    # The most typical account among those owned by KAMs with a typical portfolio; its owner asks.
    account = Account.objects.select_related("region", "owner").get(
        pk=min((a for k in typical_kams for a in owned[k]), key=distance)
    )
    kam = account.owner
    director_region = User.objects.filter(role=Role.DIRECTOR, regions=account.region).order_by("pk").first()
    director_all = User.objects.filter(role=Role.DIRECTOR, regions__isnull=True).order_by("pk").first()
    if director_region is None or director_all is None:
        raise BenchError("the dataset needs a director of the account's region and one of all regions")
    # The rare query: the account's own name, found in its card and the entries that name it.
    rare_query = account.name.split()[0]
    department = (
        User.objects.filter(role=Role.DEPARTMENT, department__slug="logistics").order_by("pk").first()
        or User.objects.filter(role=Role.DEPARTMENT, department__isnull=False).order_by("pk").first()
    )
    if department is None:
        raise BenchError("the dataset needs a department member")
    meeting = _typical_meeting(account)
    plans = _typical_plans(kam, account, director_all)
    users = {"kam": kam, "director_region": director_region, "director_all": director_all, "department": department}
    about = {
        "personas": {
            "kam": {"username": kam.username, "visible_accounts": typical},
            "director_region": {
                "username": director_region.username,
                "visible_accounts": Account.objects.filter(region=account.region).count(),
            },
            "director_all": {"username": director_all.username, "visible_accounts": Account.objects.count()},
            "department": {
                "username": department.username,
                "open_commitments": Commitment.objects.visible_to(department).open().count(),
            },
        },
        "meeting": {
            "id": meeting.pk,
            "title": meeting.title,
            "topics": meeting.topics.count(),
            "targets": meeting.targets.count(),
            "commitments": meeting.commitments.count(),
            "account_meetings": account.meetings.count(),
        },
        "account": {
            "id": account.pk,
            "name": account.name,
            "contacts": contacts.get(account.pk, 0),
            "entries": entries.get(account.pk, 0),
            "assessments": account.assessments.count(),
            "median_contacts": median_contacts,
            "median_entries": median_entries,
        },
        "search": {
            "common": {"query": COMMON_QUERY, "hits_all": _hits(COMMON_QUERY)},
            "rare": {"query": rare_query, "hits_all": _hits(rare_query)},
        },
        "plans": plans.pop("about"),
    }
    return Subjects(
        users=users,
        account=account,
        common_query=COMMON_QUERY,
        rare_query=rare_query,
        about=about,
        meeting=meeting,
        **plans,
    )


def _typical_meeting(account: Account) -> Meeting:
    """The account's latest held meeting with agenda topics, targets and commitments (the
    fullest page), else its latest meeting."""
    meetings = Meeting.objects.filter(account=account).order_by("-starts_at", "-pk")
    full = meetings.filter(
        Exists(AgendaTopic.objects.filter(meeting=OuterRef("pk"))),
        Exists(NegotiationTarget.objects.filter(meeting=OuterRef("pk"))),
        Exists(Commitment.objects.filter(meeting=OuterRef("pk"))),
        status=Meeting.Status.HELD,
    ).first()
    meeting = full or meetings.first()
    if meeting is None:
        raise BenchError(f"the dossier account {account.pk} has no meeting")
    return meeting


def _typical_plans(kam: User, account: Account, director_all: User) -> dict:
    """The plan subjects (see the module docstring) and what describes them (`about`)."""
    year = SalesPlan.objects.filter(account__isnull=False).order_by("-year").values_list("year", flat=True).first()
    if year is None:
        raise BenchError("the dataset has no sales plan")
    lines = dict(
        SalesPlanLine.objects.filter(plan__year=year, plan__account__isnull=False)
        .order_by()
        .values_list("plan")
        .annotate(n=Count("pk"))
    )
    median_lines = _median_low(list(lines.values()))
    developed = set(AccountPlan.objects.filter(year=year).values_list("account_id", flat=True))
    # The KAM's accounts are in their region: the region's director sees the same plans.
    candidates = SalesPlan.objects.filter(year=year, account__owner=kam, account__region_id=account.region_id)
    chosen = min(
        candidates.values_list("pk", "account_id"),
        key=lambda c: (c[1] not in developed, abs(lines.get(c[0], 0) - median_lines), c[0]),
        default=None,
    )
    if chosen is None:
        raise BenchError(f"the KAM {kam.username} has no sales plan for {year}")
    sales_plan = SalesPlan.objects.select_related("account").get(pk=chosen[0])
    development = AccountPlan.objects.filter(year=year, account__owner=kam, account__region_id=account.region_id)
    account_plan = (
        development.filter(account_id=sales_plan.account_id).first() or development.order_by("account_id").first()
    )
    regional_plan = SalesPlan.objects.filter(region_id=account.region_id, year=year).first()
    if regional_plan is None:
        raise BenchError(f"the region {account.region} has no sales plan for {year}")
    about = {
        "year": year,
        "account": {"id": sales_plan.account_id, "name": sales_plan.account.name},
        "sales_plan": {
            "id": sales_plan.pk,
            "status": sales_plan.status,
            "lines": lines.get(sales_plan.pk, 0),
            "median_lines": median_lines,
            "transitions": sales_plan.transitions.count(),
        },
        "account_plan": {"id": account_plan.pk, "stages": account_plan.stages.count()} if account_plan else None,
        "regional_plan": {
            "id": regional_plan.pk,
            "status": regional_plan.status,
            "lines": regional_plan.lines.count(),
            "region_accounts_with_plans": SalesPlan.objects.filter(year=year, account__region=account.region).count(),
        },
        "visible_plans": {
            "kam": plan_list_for_user(user=kam).count(),
            "director_all": plan_list_for_user(user=director_all).count(),
        },
    }
    return {
        "plan_account": sales_plan.account,
        "sales_plan": sales_plan,
        "account_plan": account_plan,
        "regional_plan": regional_plan,
        "about": about,
    }


def _hits(query: str) -> int:
    return SearchEntry.objects.filter(vector=SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")).count()
