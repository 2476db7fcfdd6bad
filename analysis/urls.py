"""The Scores tab of an account (/accounts/<id>/scores/…) and the portfolio matrix
(/analysis/portfolio/): one namespace, `analysis:`."""

from django.urls import path

from analysis.views import portfolio, scores

app_name = "analysis"

urlpatterns = [
    path("accounts/<int:pk>/scores/", scores.scores_tab, name="scores"),
    path("accounts/<int:pk>/scores/new/", scores.assessment_create, name="assessment_create"),
    path("accounts/<int:pk>/scores/preview/", scores.assessment_preview, name="assessment_preview"),
    path("accounts/<int:pk>/results/", scores.result_edit, name="result_edit"),
    path("analysis/portfolio/", portfolio.portfolio, name="portfolio"),
    path("analysis/portfolio/csv/", portfolio.portfolio_csv, name="portfolio_csv"),
]
