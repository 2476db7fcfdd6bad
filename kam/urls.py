from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts.views import search
from kam.core import views as core_views

urlpatterns = [
    path("", core_views.home, name="home"),
    path("healthz", core_views.healthz, name="healthz"),
    path("login/", core_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/", include("accounts.urls")),
    path("search/", search.search, name="search"),
    path("profile/", include("kam.users.urls")),
    path("notifications/", include("kam.notifications.urls")),
    path("", include("meetings.urls")),
    path("", include("analysis.urls")),
    path("", include("planning.urls")),
    path("admin/", admin.site.urls),
]
