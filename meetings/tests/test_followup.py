"""Follow-up on the meeting page: marking it held, outcomes, agreed values (flagged beyond
their limits), interest signals and minutes."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from meetings.models import AgendaTopic, Meeting
from meetings.tests.factories import AgendaTopicFactory, MeetingFactory, NegotiationTargetFactory

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account, starts_at=timezone.now() - datetime.timedelta(hours=2))


@pytest.fixture
def future_meeting(account):
    return MeetingFactory(account=account, starts_at=timezone.now() + datetime.timedelta(days=2))


def page(meeting, anchor):
    return reverse("meetings:detail", args=[meeting.pk]) + f"#{anchor}"


# Mark as held -------------------------------------------------------------------------------


def test_owner_marks_the_meeting_held(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:hold", args=[meeting.pk]))
    assert response.status_code == 302 and response["Location"] == page(meeting, "followup")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.HELD
    assert meeting.history.first().history_user == owner


def test_a_meeting_not_yet_started_cannot_be_held(client_for, owner, future_meeting):
    client = client_for(owner)
    response = client.post(reverse("meetings:hold", args=[future_meeting.pk]), follow=True)
    assert "The meeting has not started yet." in response.text
    future_meeting.refresh_from_db()
    assert future_meeting.status == Meeting.Status.PLANNED


def test_a_cancelled_meeting_cannot_be_held(client_for, owner, meeting):
    meeting.status = Meeting.Status.CANCELLED
    meeting.save()
    client_for(owner).post(reverse("meetings:hold", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CANCELLED


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_kam", 404), ("other_director", 404), ("department_member", 404), ("director", 403)],
)
def test_hold_is_refused(request, client_for, meeting, persona, status):
    assert (
        client_for(request.getfixturevalue(persona)).post(reverse("meetings:hold", args=[meeting.pk])).status_code
        == status
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.PLANNED


def test_hold_needs_login_and_post(client_for, owner, meeting):
    response = client_for(None).post(reverse("meetings:hold", args=[meeting.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(owner).get(reverse("meetings:hold", args=[meeting.pk])).status_code == 405


# Outcomes -----------------------------------------------------------------------------------


def test_team_member_records_a_topic_outcome_in_place(client_for, team_member, meeting):
    topic = AgendaTopicFactory(meeting=meeting, title="Prices")
    client = client_for(team_member)
    form = client.get(reverse("meetings:topic_outcome", args=[topic.pk]), headers=HTMX)
    assert f'id="outcome-{topic.pk}-outcome_notes"' in form.text
    response = client.post(
        reverse("meetings:topic_outcome", args=[topic.pk]),
        {"outcome": "partly", "outcome_notes": "Only for half the volume", "version": topic.version},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Partly achieved" in response.text and "Only for half the volume" in response.text
    topic.refresh_from_db()
    assert topic.outcome == AgendaTopic.Outcome.PARTLY


def test_outcome_is_required(client_for, owner, meeting):
    topic = AgendaTopicFactory(meeting=meeting)
    response = client_for(owner).post(
        reverse("meetings:topic_outcome", args=[topic.pk]), {"outcome": "", "version": topic.version}
    )
    assert response.status_code == 200
    assert "This field is required." in response.text


def test_outcome_before_the_meeting_is_refused_with_a_message(client_for, owner, future_meeting):
    topic = AgendaTopicFactory(meeting=future_meeting)
    client = client_for(owner)
    url = reverse("meetings:topic_outcome", args=[topic.pk])
    response = client.post(url, {"outcome": "achieved", "version": topic.version}, follow=True)
    assert response.redirect_chain[0] == (page(future_meeting, "followup"), 302)
    assert "The follow-up opens when the meeting&#x27;s time has come." in response.text
    htmx = client.post(url, {"outcome": "achieved", "version": topic.version}, headers=HTMX)
    assert htmx["HX-Redirect"] == page(future_meeting, "followup")
    topic.refresh_from_db()
    assert topic.outcome == ""


@pytest.mark.parametrize(("persona", "status"), [("other_kam", 404), ("director", 403), ("department_member", 404)])
def test_outcome_is_refused(request, client_for, meeting, persona, status):
    topic = AgendaTopicFactory(meeting=meeting)
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("meetings:topic_outcome", args=[topic.pk]), {"outcome": "achieved", "version": topic.version}
    )
    assert response.status_code == status


# Agreed values ------------------------------------------------------------------------------


def test_agreed_price_below_limit_is_flagged_with_the_size_of_the_breach(client_for, owner, meeting):
    target = NegotiationTargetFactory(meeting=meeting, target_price=110, min_price=100)
    response = client_for(owner).post(
        reverse("meetings:target_agreed", args=[target.pk]),
        {"agreed_price": "92.50", "agreed_volume": "", "agreed_discount": "", "agreed_terms": "", "version": 1},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "price below the lowest price (100) by 7.50" in response.text
    assert "figure-agreed is-breach" in response.text
    # The preparation's target table shows the same flag, swapped out of band.
    assert '<section id="targets" class="prep-block" hx-swap-oob="true"' in response.text
    page_html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert page_html.count("by 7.50") == 2
    assert "1 limit crossed" in page_html


def test_agreed_values_within_limits_are_not_flagged(client_for, owner, meeting):
    target = NegotiationTargetFactory(meeting=meeting, min_price=100, max_discount=10, min_volume=50)
    client_for(owner).post(
        reverse("meetings:target_agreed", args=[target.pk]),
        {"agreed_price": "100", "agreed_volume": "50", "agreed_discount": "10", "version": 1},
    )
    html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "is-breach" not in html
    assert "limit crossed" not in html


def test_agreed_discount_over_100_is_a_form_error(client_for, owner, meeting):
    target = NegotiationTargetFactory(meeting=meeting)
    response = client_for(owner).post(
        reverse("meetings:target_agreed", args=[target.pk]), {"agreed_discount": "120", "version": 1}
    )
    assert "Ensure this value is less than or equal to 100." in response.text
    target.refresh_from_db()
    assert target.agreed_discount is None


@pytest.mark.parametrize(("persona", "status"), [("other_kam", 404), ("director", 403), ("other_director", 404)])
def test_agreed_is_refused(request, client_for, meeting, persona, status):
    target = NegotiationTargetFactory(meeting=meeting)
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("meetings:target_agreed", args=[target.pk])).status_code == status


# Signals and minutes ------------------------------------------------------------------------


def signals(**overrides):
    data = {
        "client_questions": "4",
        "tone": "warm",
        "expression": "neutral",
        "took_notes": "true",
        "other_signs": "none",
        "signals_notes": "",
        "version": 1,
    }
    return {**data, **overrides}


def test_signals_give_the_engagement_score_with_the_rule_beside_it(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:signals", args=[meeting.pk]), signals(), headers=HTMX)
    assert response.status_code == 200
    assert '<span class="score">7</span>' in response.text  # 2 + 2 + 1 + 2 + 0
    assert "Client questions: none 0, 1–2 → 1, 3–5 → 2, 6 or more → 3 points." in response.text
    # The minutes form is left as the user has it; only the version it saves against moves on.
    assert '<section id="minutes"' not in response.text
    assert (
        '<span id="minutes-version-slot" hx-swap-oob="true">'
        '<input type="hidden" name="version" value="2" id="minutes-version"></span>'
    ) in response.text
    meeting.refresh_from_db()
    assert meeting.took_notes is True and meeting.version == 2


def test_minutes_after_signals_is_not_a_conflict_with_fresh_version(client_for, owner, meeting):
    client = client_for(owner)
    client.post(reverse("meetings:signals", args=[meeting.pk]), signals())
    response = client.post(reverse("meetings:minutes", args=[meeting.pk]), {"minutes": "Agreed", "version": 1})
    assert "while you were editing it" in response.text  # a stale form is a conflict…
    response = client.post(reverse("meetings:minutes", args=[meeting.pk]), {"minutes": "Agreed", "version": 2})
    assert response.status_code == 302 and response["Location"] == page(meeting, "minutes")
    meeting.refresh_from_db()
    assert meeting.minutes == "Agreed" and meeting.tone == "warm"


def test_negative_question_count_is_a_form_error(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:signals", args=[meeting.pk]), signals(client_questions="-1"))
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in response.text


@pytest.mark.parametrize("view", ["meetings:signals", "meetings:minutes"])
@pytest.mark.parametrize(("persona", "status"), [("other_kam", 404), ("director", 403), ("department_member", 404)])
def test_signals_and_minutes_are_refused(request, client_for, meeting, view, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(reverse(view, args=[meeting.pk]), signals(minutes="x"))
    assert response.status_code == status
    meeting.refresh_from_db()
    assert meeting.version == 1


@pytest.mark.parametrize(
    ("view", "field"), [("meetings:signals", "signals-tone"), ("meetings:minutes", "minutes-minutes")]
)
def test_signals_and_minutes_get_shows_the_form(client_for, owner, meeting, view, field):
    client = client_for(owner)
    assert f'id="{field}"' in client.get(reverse(view, args=[meeting.pk])).text
    section = client.get(reverse(view, args=[meeting.pk]), headers=HTMX).text
    assert "<html" not in section and f'id="{field}"' in section


@pytest.mark.parametrize("view", ["meetings:signals", "meetings:minutes"])
def test_signals_and_minutes_answer_put_with_405(client_for, owner, meeting, view):
    assert client_for(owner).put(reverse(view, args=[meeting.pk])).status_code == 405


def test_signals_before_the_meeting_are_refused(client_for, owner, future_meeting):
    response = client_for(owner).post(reverse("meetings:signals", args=[future_meeting.pk]), signals())
    assert response.status_code == 302
    future_meeting.refresh_from_db()
    assert future_meeting.client_questions is None


def test_recorded_signals_and_minutes_show_read_only_with_an_edit_button(client_for, owner, meeting):
    meeting.client_questions, meeting.tone, meeting.minutes = 4, "warm", "Agreed on 45 days"
    meeting.save()
    html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert 'id="signals-tone"' not in html and 'id="minutes-minutes"' not in html
    assert "Warm, interested" in html and "Agreed on 45 days" in html
    for view, section in (("meetings:signals", "signals"), ("meetings:minutes", "minutes")):
        edit_url = reverse(view, args=[meeting.pk])
        assert f'href="{edit_url}#{section}" hx-get="{edit_url}" hx-target="#{section}"' in html
    assert "Edit the signals" in html and "Edit the minutes" in html


def test_empty_signals_and_minutes_are_open_forms(client_for, owner, meeting):
    html = client_for(owner).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert 'id="signals-tone"' in html and 'id="minutes-minutes"' in html
    assert "Edit the signals" not in html and "Edit the minutes" not in html


def test_editing_recorded_minutes_opens_the_form_with_a_cancel(client_for, owner, meeting):
    meeting.minutes = "Agreed on 45 days"
    meeting.save()
    section = client_for(owner).get(reverse("meetings:minutes", args=[meeting.pk]), headers=HTMX).text
    assert section.lstrip().startswith('<section id="minutes"')
    assert 'id="minutes-minutes"' in section and "Agreed on 45 days</textarea>" in section
    assert ">Cancel</a>" in section and "hx-swap-oob" not in section


def test_signals_saved_with_htmx_come_back_read_only(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:signals", args=[meeting.pk]), signals(), headers=HTMX)
    section = response.text.split('<section id="minutes"')[0]
    assert 'id="signals-tone"' not in section and "Edit the signals" in section


def test_director_reads_signals_and_minutes_without_forms(client_for, director, meeting):
    meeting.status = Meeting.Status.HELD
    meeting.client_questions, meeting.tone, meeting.minutes = 6, "warm", "Good talk"
    meeting.save()
    html = client_for(director).get(reverse("meetings:detail", args=[meeting.pk])).text
    assert "Good talk" in html and "Warm, interested" in html
    assert '<span class="score">5</span>' in html
    assert reverse("meetings:signals", args=[meeting.pk]) not in html


def test_every_state_of_the_minutes_section_has_the_slot_the_signals_save_fills(client_for, owner, meeting):
    client = client_for(owner)
    page_html = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    assert page_html.count('id="minutes-version-slot"') == 1  # empty minutes: the form is open
    client.post(reverse("meetings:minutes", args=[meeting.pk]), {"minutes": "Agreed", "version": 1})
    page_html = client.get(reverse("meetings:detail", args=[meeting.pk])).text
    assert page_html.count('id="minutes-version-slot"') == 1  # written minutes: shown read-only
