"""The ceilings of the machine in views of their own, served by bench.ceiling_wsgi (and mounted
in-process with override_settings) so the app's own URLs never carry them. Both run through the
app's full middleware and render the same 50-row template:

- the bare view (`/`) reads no database: anonymous and public, none of the middleware touches
  the database either;
- the logged-in view (`/logged-in/`) is the reference the benchmark's issue quotes beside it, a
  page behind the login reading 50 rows through the ORM: the session and the user are read
  as on every page of the app, then the first 50 accounts by name with their industry, region
  and manager. It is no page of the app: it applies no one's scope and counts nothing.
"""

from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.http import require_GET

from accounts.models import Account

TEMPLATE = engines["django"].from_string((Path(__file__).parent / "templates" / "ceiling.html").read_text())
ROWS = [
    {
        "pk": n,
        "name": f"Клиент {n:02d}",
        "industry": "Manufacturing",
        "region": "Volga",
        "status": "active",
        "owner": "Анна Кузнецова",
        "contacts": n % 17,
        "updated": date(2026, 1, 1) + timedelta(days=n),
    }
    for n in range(1, 51)
]


@login_not_required
@require_GET
def bare_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse(TEMPLATE.render({"title": "Accounts", "rows": ROWS}, request))


@require_GET
def logged_in_view(request: HttpRequest) -> HttpResponse:
    accounts = Account.objects.select_related("industry", "region", "owner").order_by("name", "pk")[:50]
    rows = [
        {
            "pk": account.pk,
            "name": account.name,
            "industry": account.industry.name,
            "region": account.region.name,
            "status": account.status,
            "owner": str(account.owner),
            "contacts": None,
            "updated": account.updated_at,
        }
        for account in accounts
    ]
    return HttpResponse(TEMPLATE.render({"title": "Accounts", "rows": rows}, request))


urlpatterns = [
    path("", bare_view, name="ceiling"),
    path("logged-in/", logged_in_view, name="ceiling_logged_in"),
]
