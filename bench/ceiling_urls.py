"""The bare-view ceiling: a Django view that renders a 50-row template and reads no database.

Served by bench.ceiling_wsgi (and mounted in-process with override_settings) so the app's own
URLs never carry it. It runs through the app's full middleware; as an anonymous, public view
none of that middleware touches the database either.
"""

from datetime import date, timedelta
from pathlib import Path

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.http import require_GET

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


urlpatterns = [path("", bare_view, name="ceiling")]
