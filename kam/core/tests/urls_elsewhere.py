"""A URL configuration that puts "home" elsewhere, for test_fixed_urls."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [path("elsewhere/", lambda request: HttpResponse(), name="home")]
