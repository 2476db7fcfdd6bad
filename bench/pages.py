"""What is measured: every main page, as the personas it names (bench.subjects), with its
median target. A feature that adds a page adds a Page here (and its data in bench.generate)."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from bench.report import LIST_MS, MATRIX_MS, SEARCH_MS
from bench.subjects import Subjects


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[Subjects], str]
    personas: tuple[str, ...]
    p50_target_ms: float | None


ALL = ("kam", "director_region", "director_all")
DOSSIER = ("kam", "director_region")
# The commitments queue is also a department member's page.
QUEUE = ("kam", "director_region", "department")
# The plan list: a KAM's few plans, and every plan of the company.
PLAN_LIST = ("kam", "director_all")
# A region's own plan is its director's page.
REGIONAL = ("director_region",)


def _search(query_of: Callable[[Subjects], str]) -> Callable[[Subjects], str]:
    return lambda s: f"{reverse('search')}?{urlencode({'q': query_of(s)})}"


PAGES: list[Page] = [
    Page("account_list", lambda s: reverse("accounts:list"), ALL, LIST_MS),
    Page("account_export", lambda s: reverse("accounts:export", args=["csv"]), ("kam", "director_all"), None),
    Page("dossier_overview", lambda s: reverse("accounts:detail", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("contacts", lambda s: reverse("accounts:contacts", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("partners", lambda s: reverse("accounts:partners", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("dossier_timeline", lambda s: reverse("accounts:dossier", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("history", lambda s: reverse("accounts:history", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("search", _search(lambda s: s.common_query), ALL, SEARCH_MS),
    Page("search_rare", _search(lambda s: s.rare_query), ("kam", "director_all"), SEARCH_MS),
    Page("meeting_list", lambda s: reverse("meetings:list"), ALL, LIST_MS),
    Page("meeting_page", lambda s: reverse("meetings:detail", args=[s.meeting.pk]), DOSSIER, LIST_MS),
    Page("account_meetings_tab", lambda s: reverse("meetings:account_tab", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("commitment_queue", lambda s: reverse("meetings:commitments"), QUEUE, LIST_MS),
    # A department member's "my day" is their queue, and "/" sends directors to their dashboard:
    # my day is measured at its own address.
    Page("my_day", lambda s: reverse("meetings:my_day"), DOSSIER, LIST_MS),
    Page("portfolio_matrix", lambda s: reverse("analysis:portfolio"), ALL, MATRIX_MS),
    Page("scores_tab", lambda s: reverse("analysis:scores", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("sales_tab", lambda s: reverse("planning:sales", args=[s.account.pk]), DOSSIER, LIST_MS),
    Page("plan_list", lambda s: reverse("planning:plans"), PLAN_LIST, LIST_MS),
    Page("plan_page", lambda s: reverse("planning:plan", args=[s.sales_plan.pk]), DOSSIER, LIST_MS),
    Page("plan_page_regional", lambda s: reverse("planning:plan", args=[s.regional_plan.pk]), REGIONAL, LIST_MS),
    Page("account_plans_tab", lambda s: reverse("planning:account_plans", args=[s.plan_account.pk]), DOSSIER, LIST_MS),
    Page("development_plan", lambda s: reverse("planning:account_plan", args=[s.account_plan.pk]), DOSSIER, LIST_MS),
    # A region's accounts × product groups, summed from the records: a map, like the matrix.
    Page("whitespace_grid", lambda s: reverse("planning:whitespace"), DOSSIER, MATRIX_MS),
    Page("dashboard", lambda s: reverse("analysis:dashboard"), ALL, MATRIX_MS),
    Page("notifications", lambda s: reverse("notifications:list"), ("kam",), LIST_MS),
]


def selected(page: Page, persona: str, only: list[str]) -> bool:
    return not only or page.name in only or f"{page.name}/{persona}" in only
