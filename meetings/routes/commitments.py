from django.urls import path

from meetings.views import commitments

urlpatterns = [
    path("commitments/", commitments.commitment_queue, name="commitments"),
    path("commitments/<int:pk>/", commitments.commitment_detail, name="commitment"),
    path("commitments/<int:pk>/progress/", commitments.commitment_progress, name="commitment_progress"),
]
