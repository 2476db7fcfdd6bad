"""The packs of a meeting: requesting one (from the meeting page or the packs page), the
status fragment htmx polls, downloading, retrying; who may do each."""

import datetime
from unittest import mock

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerDown

from meetings import tasks
from meetings.models import BriefingPack, Meeting
from meetings.packs import services
from meetings.packs.render import RenderedPack
from meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

Status = BriefingPack.Status
HTMX = {"HTTP_HX_REQUEST": "true"}
SEE = ["owner", "team_member", "director", "admin_user"]
MAY_NOT_SEE = ["other_kam", "other_director", "department_member"]


@pytest.fixture
def meeting(account, owner):
    return MeetingFactory(
        account=account,
        kind=Meeting.Kind.ANNUAL,
        title="Годовая встреча",
        starts_at=datetime.datetime(2031, 3, 4, 9, 0, tzinfo=datetime.UTC),
    )


@pytest.fixture
def ready_pack(meeting, owner):
    pack = BriefingPack(
        meeting=meeting, requested_by=owner, status=Status.READY, pages=9, size=11, finished_at=timezone.now()
    )
    pack.file.save("pack.pdf", ContentFile(b"%PDF-1.7 x"), save=False)
    pack.save()
    return pack


@pytest.fixture
def no_render(monkeypatch):
    monkeypatch.setattr(
        services, "render_pack", lambda content: RenderedPack(pdf=b"%PDF-1.7 y", pages=5, html_seconds=0, pdf_seconds=0)
    )


def brief_url(meeting):
    return reverse("meetings:packs", args=[meeting.pk])


# Requesting -------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SEE)
def test_who_sees_the_meeting_may_request_a_pack(request, client_for, meeting, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(brief_url(meeting), {"from": "meeting"})
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk]) + "#briefing-pack"
    pack = BriefingPack.objects.get()
    assert pack.requested_by == user and pack.status == Status.QUEUED


@pytest.mark.parametrize("persona", MAY_NOT_SEE)
def test_who_may_not_see_the_meeting_gets_404_on_request(request, client_for, meeting, persona):
    assert client_for(request.getfixturevalue(persona)).post(brief_url(meeting)).status_code == 404
    assert not BriefingPack.objects.exists()


def test_anonymous_is_sent_to_log_in(client_for, meeting):
    response = client_for(None).post(brief_url(meeting))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_request_renders_the_pack_once_committed(
    client_for, owner, meeting, django_capture_on_commit_callbacks, tasks_run_here, no_render
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(brief_url(meeting))
    assert response.status_code == 302 and response["Location"] == brief_url(meeting)
    assert BriefingPack.objects.get().status == Status.READY


def test_a_broker_outage_still_redirects_and_leaves_the_pack_queued(
    client_for, owner, meeting, django_capture_on_commit_callbacks, caplog
):
    down = mock.patch.object(tasks.render_briefing_pack, "apply_async", side_effect=BrokerDown("refused"))
    with down, django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(brief_url(meeting), {"from": "meeting"})
    assert response.status_code == 302
    assert BriefingPack.objects.get().status == Status.QUEUED
    assert "broker unreachable" in caplog.text


def test_htmx_request_answers_with_the_polling_panel(client_for, owner, meeting):
    response = client_for(owner).post(brief_url(meeting), {"from": "meeting"}, **HTMX)
    assert response.status_code == 200
    pack = BriefingPack.objects.get()
    assert 'id="briefing-pack-body"' in response.text
    assert reverse("meetings:pack_status", args=[pack.pk]) in response.text
    assert 'hx-trigger="every 2s"' in response.text
    assert "pack-prepare" not in response.text  # no second button while one is being made


def test_a_second_click_shows_the_pack_in_progress(client_for, owner, team_member, meeting):
    client_for(owner).post(brief_url(meeting))
    client_for(team_member).post(brief_url(meeting))
    assert BriefingPack.objects.count() == 1


def test_wrong_method_on_the_packs_page_is_405(client_for, owner, meeting):
    assert client_for(owner).put(brief_url(meeting)).status_code == 405


# The packs page and the status fragment -----------------------------------------------------


@pytest.mark.parametrize("persona", SEE)
def test_the_packs_page_lists_when_and_by_whom(request, client_for, meeting, ready_pack, persona):
    BriefingPack.objects.create(meeting=meeting, automatic=True, status=Status.FAILED, error="Шрифт не найден")
    response = client_for(request.getfixturevalue(persona)).get(brief_url(meeting))
    assert response.status_code == 200
    assert "Olga Owner" in response.text and "automatically" in response.text
    assert reverse("meetings:pack_download", args=[ready_pack.pk]) in response.text
    assert "Шрифт не найден" in response.text and "Try again" in response.text


@pytest.mark.parametrize("persona", MAY_NOT_SEE)
def test_who_may_not_see_the_meeting_gets_404_on_its_packs(request, client_for, meeting, ready_pack, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(brief_url(meeting)).status_code == 404
    assert client.get(reverse("meetings:pack_status", args=[ready_pack.pk]), **HTMX).status_code == 404
    assert client.get(reverse("meetings:pack_download", args=[ready_pack.pk])).status_code == 404
    assert client.post(reverse("meetings:pack_retry", args=[ready_pack.pk])).status_code == 404


def test_an_empty_packs_page_invites_the_first(client_for, owner, meeting):
    assert "No pack has been prepared for this meeting yet" in client_for(owner).get(brief_url(meeting)).text


def test_the_status_fragment_polls_while_in_progress_and_stops_when_ready(client_for, owner, meeting):
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)
    url = reverse("meetings:pack_status", args=[pack.pk])
    client = client_for(owner)
    queued = client.get(url, **HTMX)
    assert queued.status_code == 200 and "Queued" in queued.text and 'hx-trigger="every 2s"' in queued.text
    BriefingPack.objects.filter(pk=pack.pk).update(status=Status.RENDERING)
    assert 'hx-trigger="every 2s"' in client.get(url, **HTMX).text
    BriefingPack.objects.filter(pk=pack.pk).update(status=Status.READY, file="packs/x.pdf", pages=6, size=2048)
    ready = client.get(url, **HTMX)
    assert "hx-trigger" not in ready.text
    assert reverse("meetings:pack_download", args=[pack.pk]) in ready.text and "6 pages" in ready.text
    BriefingPack.objects.filter(pk=pack.pk).update(status=Status.FAILED, error="Нет памяти")
    failed = client.get(url, **HTMX)
    assert "hx-trigger" not in failed.text and "Нет памяти" in failed.text
    assert reverse("meetings:pack_retry", args=[pack.pk]) in failed.text


def test_the_status_without_htmx_goes_to_the_packs_page(client_for, owner, meeting, ready_pack):
    response = client_for(owner).get(reverse("meetings:pack_status", args=[ready_pack.pk]))
    assert response.status_code == 302 and response["Location"] == brief_url(meeting)


def test_wrong_method_on_status_is_405(client_for, owner, ready_pack):
    assert client_for(owner).post(reverse("meetings:pack_status", args=[ready_pack.pk])).status_code == 405


def test_the_meeting_page_shows_the_newest_pack(client_for, director, meeting, ready_pack):
    html = client_for(director).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert 'id="briefing-pack"' in html
    assert reverse("meetings:pack_download", args=[ready_pack.pk]) in html
    assert "Prepare a fresh pack" in html


# Download -----------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SEE)
def test_who_sees_the_meeting_downloads_the_pdf(request, client_for, ready_pack, persona):
    response = client_for(request.getfixturevalue(persona)).get(reverse("meetings:pack_download", args=[ready_pack.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == b"%PDF-1.7 x"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    # Cyrillic client and title, readable, with the meeting's date.
    assert "filename*=utf-8''" in disposition and "2031-03-04.pdf" in disposition
    assert "%D0%93%D0%BE%D0%B4%D0%BE%D0%B2%D0%B0%D1%8F" in disposition  # «Годовая»


def test_a_pack_not_ready_cannot_be_downloaded(client_for, owner, meeting):
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner)
    assert client_for(owner).get(reverse("meetings:pack_download", args=[pack.pk])).status_code == 404


def test_a_missing_file_is_404_not_500(client_for, owner, meeting):
    pack = BriefingPack.objects.create(meeting=meeting, requested_by=owner, status=Status.READY, file="packs/gone.pdf")
    assert client_for(owner).get(reverse("meetings:pack_download", args=[pack.pk])).status_code == 404


def test_anonymous_download_is_sent_to_log_in(client_for, ready_pack):
    response = client_for(None).get(reverse("meetings:pack_download", args=[ready_pack.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_wrong_method_on_download_is_405(client_for, owner, ready_pack):
    assert client_for(owner).post(reverse("meetings:pack_download", args=[ready_pack.pk])).status_code == 405


# Retry --------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", SEE)
def test_a_failed_pack_is_retried_by_who_sees_the_meeting(request, client_for, meeting, persona):
    failed = BriefingPack.objects.create(meeting=meeting, status=Status.FAILED, error="x")
    response = client_for(request.getfixturevalue(persona)).post(reverse("meetings:pack_retry", args=[failed.pk]))
    assert response.status_code == 302 and response["Location"] == brief_url(meeting)
    assert BriefingPack.objects.filter(status=Status.QUEUED).count() == 1


def test_retrying_a_pack_that_did_not_fail_says_so(client_for, owner, meeting, ready_pack):
    response = client_for(owner).post(reverse("meetings:pack_retry", args=[ready_pack.pk]), follow=True)
    assert "Only a pack that failed can be retried." in response.text
    assert BriefingPack.objects.count() == 1


def test_wrong_method_on_retry_is_405(client_for, owner, ready_pack):
    assert client_for(owner).get(reverse("meetings:pack_retry", args=[ready_pack.pk])).status_code == 405
