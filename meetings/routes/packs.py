from django.urls import path

from meetings.views import packs

urlpatterns = [
    path("meetings/<int:pk>/brief/", packs.pack_list, name="packs"),
    path("meetings/packs/<int:pk>/status/", packs.pack_status, name="pack_status"),
    path("meetings/packs/<int:pk>/retry/", packs.pack_retry, name="pack_retry"),
    path("meetings/packs/<int:pk>/download/", packs.pack_download, name="pack_download"),
]
