"""The Scores tab of an account (/accounts/<id>/scores/…), the portfolio matrix
(/analysis/portfolio/) and the sales director's dashboard (/dashboard/): one namespace,
`analysis:`."""

from django.urls import path

from analysis.views import dashboard, portfolio, scores

app_name = "analysis"

urlpatterns = [
    path("accounts/<int:pk>/scores/", scores.scores_tab, name="scores"),
    path("accounts/<int:pk>/scores/new/", scores.assessment_create, name="assessment_create"),
    path("accounts/<int:pk>/scores/preview/", scores.assessment_preview, name="assessment_preview"),
    path("accounts/<int:pk>/results/", scores.result_edit, name="result_edit"),
    path("analysis/portfolio/", portfolio.portfolio, name="portfolio"),
    path("analysis/portfolio/csv/", portfolio.portfolio_csv, name="portfolio_csv"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("dashboard/export.xlsx", dashboard.dashboard_xlsx, name="dashboard_xlsx"),
]
