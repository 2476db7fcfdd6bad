"""Preparation in place: agenda topics (add, edit, reorder, delete), negotiation targets and
the annual checklist, with htmx and without JavaScript."""

import pytest
from django.urls import reverse

from meetings.models import AgendaTopic, ChecklistItem, Meeting, NegotiationTarget
from meetings.tests.factories import AgendaTopicFactory, MeetingFactory, NegotiationTargetFactory, add_checklist

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


@pytest.fixture
def meeting(account):
    return MeetingFactory(account=account, kind=Meeting.Kind.ANNUAL, title="Annual review")


@pytest.fixture
def topic(meeting):
    return AgendaTopicFactory(meeting=meeting, title="Volumes", position=0)


def page(meeting, anchor=""):
    return reverse("meetings:detail", args=[meeting.pk]) + (f"#{anchor}" if anchor else "")


def topic_data(**overrides):
    data = {"title": "Payment terms", "strategic_goal": "Keep 45 days", "arguments": "", "objections": ""}
    return {**data, **overrides}


# Topics: add --------------------------------------------------------------------------------


def test_owner_adds_a_topic_and_returns_to_the_agenda(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:topic_add", args=[meeting.pk]), topic_data())
    assert response.status_code == 302
    assert response["Location"] == page(meeting, "topics")
    topic = AgendaTopic.objects.get(meeting=meeting)
    assert topic.strategic_goal == "Keep 45 days"
    assert topic.history.first().history_user == owner


def test_topic_added_with_htmx_returns_the_agenda_section_and_the_summary(client_for, team_member, meeting, topic):
    response = client_for(team_member).post(
        reverse("meetings:topic_add", args=[meeting.pk]), topic_data(), headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="topics"')
    assert "Payment terms" in response.text and "Volumes" in response.text
    assert 'id="summary" class="card meeting-summary" hx-swap-oob="true"' in response.text
    assert "<html" not in response.text
    new = AgendaTopic.objects.get(title="Payment terms")
    assert new.position == topic.position + 1


def test_blank_topic_title_is_a_form_error_on_the_page(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:topic_add", args=[meeting.pk]), topic_data(title=""))
    assert response.status_code == 200
    assert "<html" in response.text
    assert "This field is required." in response.text
    assert "Keep 45 days" in response.text  # the input is kept
    assert not AgendaTopic.objects.exists()


def test_blank_topic_title_with_htmx_returns_the_section_with_the_error(client_for, owner, meeting):
    response = client_for(owner).post(
        reverse("meetings:topic_add", args=[meeting.pk]), topic_data(title=""), headers=HTMX
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "This field is required." in response.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_kam", 404), ("other_director", 404), ("department_member", 404), ("director", 403)],
)
def test_topic_add_is_refused_to_who_may_not_change_the_meeting(request, client_for, meeting, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(
        reverse("meetings:topic_add", args=[meeting.pk]), topic_data()
    )
    assert response.status_code == status
    assert not AgendaTopic.objects.exists()


def test_topic_add_needs_login(client_for, meeting):
    response = client_for(None).post(reverse("meetings:topic_add", args=[meeting.pk]), topic_data())
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_add_topic_form_is_closed_on_a_page_with_an_agenda_and_opens_on_request(client_for, owner, meeting, topic):
    client = client_for(owner)
    add_url = reverse("meetings:topic_add", args=[meeting.pk])
    html = client.get(page(meeting)).text
    assert 'id="new-topic-title"' not in html
    assert f'hx-get="{add_url}" hx-trigger="toggle once" hx-target="#topics"' in html
    assert f'href="{add_url}#topics"' in html  # without JavaScript: the page with the form
    response = client.get(add_url)
    assert response.status_code == 200 and "<html" in response.text
    assert 'id="new-topic-title"' in response.text and "autofocus" in response.text


def test_add_topic_form_opens_in_place_with_htmx(client_for, team_member, meeting, topic):
    response = client_for(team_member).get(reverse("meetings:topic_add", args=[meeting.pk]), headers=HTMX)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="topics"')
    assert 'id="new-topic-title"' in response.text and "Add the topic" in response.text
    assert "<html" not in response.text
    assert "hx-swap-oob" not in response.text  # opening a form changes nothing else


def test_empty_agenda_shows_the_first_topics_form_open(client_for, owner, meeting):
    html = client_for(owner).get(page(meeting)).text
    assert '<details class="add-form d-print-none" open>' in html
    assert 'id="new-topic-title"' in html


@pytest.mark.parametrize("view", ["meetings:topic_add", "meetings:target_add"])
@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_kam", 404), ("other_director", 404), ("department_member", 404), ("director", 403)],
)
def test_add_form_is_refused_to_who_may_not_change_the_meeting(request, client_for, meeting, view, persona, status):
    assert client_for(request.getfixturevalue(persona)).get(reverse(view, args=[meeting.pk])).status_code == status


@pytest.mark.parametrize("view", ["meetings:topic_add", "meetings:target_add"])
def test_add_form_needs_login_and_answers_put_with_405(client_for, owner, meeting, view):
    url = reverse(view, args=[meeting.pk])
    response = client_for(None).get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_for(owner).put(url).status_code == 405


# Topics: edit -------------------------------------------------------------------------------


def test_edit_form_opens_in_place_with_htmx(client_for, owner, topic):
    response = client_for(owner).get(reverse("meetings:topic_edit", args=[topic.pk]), headers=HTMX)
    assert response.status_code == 200
    assert "<html" not in response.text
    assert f'id="topic-{topic.pk}-title"' in response.text
    assert f'name="version" value="{topic.version}"' in response.text


def test_edit_form_without_javascript_is_the_page_with_the_topic_as_a_form(client_for, owner, topic):
    response = client_for(owner).get(reverse("meetings:topic_edit", args=[topic.pk]))
    assert response.status_code == 200
    assert "<html" in response.text
    assert f'id="topic-{topic.pk}-title"' in response.text


def test_owner_edits_a_topic(client_for, owner, topic):
    response = client_for(owner).post(
        reverse("meetings:topic_edit", args=[topic.pk]),
        topic_data(title="Volumes 2027", arguments="New line", version=topic.version),
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert (topic.title, topic.arguments, topic.version) == ("Volumes 2027", "New line", 2)


def test_stale_version_on_topic_edit_shows_the_conflict_and_keeps_the_input(client_for, owner, team_member, topic):
    stale = topic.version
    client_for(team_member).post(
        reverse("meetings:topic_edit", args=[topic.pk]), topic_data(title="Teammate's title", version=stale)
    )
    response = client_for(owner).post(
        reverse("meetings:topic_edit", args=[topic.pk]),
        topic_data(title="My title", version=stale),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "while you were editing it" in response.text
    assert "Teammate&#x27;s title" in response.text  # their value, listed
    assert 'value="My title"' in response.text  # my input, kept
    topic.refresh_from_db()
    assert topic.title == "Teammate's title"


@pytest.mark.parametrize(
    ("persona", "status"),
    [("other_kam", 404), ("other_director", 404), ("department_member", 404), ("director", 403)],
)
def test_topic_edit_is_refused(request, client_for, topic, persona, status):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(reverse("meetings:topic_edit", args=[topic.pk])).status_code == status
    response = client.post(reverse("meetings:topic_edit", args=[topic.pk]), topic_data(version=topic.version))
    assert response.status_code == status
    topic.refresh_from_db()
    assert topic.title == "Volumes"


def test_topic_edit_by_put_is_405(client_for, owner, topic):
    assert client_for(owner).put(reverse("meetings:topic_edit", args=[topic.pk])).status_code == 405


# Topics: reorder and delete ------------------------------------------------------------------


def titles(meeting):
    return list(AgendaTopic.objects.filter(meeting=meeting).order_by("position", "pk").values_list("title", flat=True))


def test_moving_a_topic_up_swaps_it_with_the_one_above(client_for, owner, meeting):
    for title in ("A", "B", "C"):
        AgendaTopicFactory(meeting=meeting, title=title)
    c = AgendaTopic.objects.get(title="C")
    response = client_for(owner).post(reverse("meetings:topic_move", args=[c.pk]), {"direction": "up"})
    assert response.status_code == 302 and response["Location"] == page(meeting, "topics")
    assert titles(meeting) == ["A", "C", "B"]


def test_moving_a_topic_down_with_htmx_returns_the_reordered_list(client_for, owner, meeting):
    for title in ("A", "B", "C"):
        AgendaTopicFactory(meeting=meeting, title=title, position=0)  # equal positions still move by one
    a = AgendaTopic.objects.get(title="A")
    response = client_for(owner).post(reverse("meetings:topic_move", args=[a.pk]), {"direction": "down"}, headers=HTMX)
    assert titles(meeting) == ["B", "A", "C"]
    section = response.text.split('id="outcomes"')[0]
    position = {title: section.index(f'class="topic-title">{title}\n') for title in "ABC"}
    assert position["B"] < position["A"] < position["C"]


def test_moving_the_first_topic_up_changes_nothing(client_for, owner, meeting):
    for title in ("A", "B"):
        AgendaTopicFactory(meeting=meeting, title=title)
    a = AgendaTopic.objects.get(title="A")
    client_for(owner).post(reverse("meetings:topic_move", args=[a.pk]), {"direction": "up"})
    assert titles(meeting) == ["A", "B"]


def test_move_without_a_direction_is_404(client_for, owner, topic):
    assert client_for(owner).post(reverse("meetings:topic_move", args=[topic.pk]), {}).status_code == 404


def test_director_may_not_reorder(client_for, director, topic):
    response = client_for(director).post(reverse("meetings:topic_move", args=[topic.pk]), {"direction": "down"})
    assert response.status_code == 403


def test_move_by_get_is_405(client_for, owner, topic):
    assert client_for(owner).get(reverse("meetings:topic_move", args=[topic.pk])).status_code == 405


def test_owner_deletes_a_topic(client_for, owner, topic):
    response = client_for(owner).post(reverse("meetings:topic_delete", args=[topic.pk]))
    assert response.status_code == 302
    assert not AgendaTopic.objects.filter(pk=topic.pk).exists()
    assert AgendaTopic.history.filter(id=topic.pk, history_type="-").get().history_user == owner


@pytest.mark.parametrize(("persona", "status"), [("other_kam", 404), ("director", 403), ("department_member", 404)])
def test_topic_delete_is_refused(request, client_for, topic, persona, status):
    response = client_for(request.getfixturevalue(persona)).post(reverse("meetings:topic_delete", args=[topic.pk]))
    assert response.status_code == status
    assert AgendaTopic.objects.filter(pk=topic.pk).exists()


# Targets ------------------------------------------------------------------------------------


def target_data(**overrides):
    data = {
        "product_name": "Stretch film",
        "unit": "t",
        "planned_volume": "120",
        "target_price": "95",
        "target_discount": "5",
        "terms": "45 days",
        "min_volume": "100",
        "min_price": "90",
        "max_discount": "8",
    }
    return {**data, **overrides}


def test_owner_adds_a_target_with_its_limits(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:target_add", args=[meeting.pk]), target_data())
    assert response.status_code == 302 and response["Location"] == page(meeting, "targets")
    target = NegotiationTarget.objects.get(meeting=meeting)
    assert (target.target_price, target.min_price) == (95, 90)


def test_add_target_form_opens_only_on_request(client_for, owner, meeting):
    client = client_for(owner)
    assert 'id="new-target-product_name"' not in client.get(page(meeting)).text
    opened = client.get(reverse("meetings:target_add", args=[meeting.pk]))
    assert opened.status_code == 200 and "<html" in opened.text
    assert 'id="new-target-product_name"' in opened.text and "Add the target" in opened.text
    section = client.get(reverse("meetings:target_add", args=[meeting.pk]), headers=HTMX).text
    assert section.lstrip().startswith('<section id="targets"') and 'id="new-target-min_price"' in section


def test_invalid_target_without_javascript_is_the_page_with_the_form_open(client_for, owner, meeting):
    response = client_for(owner).post(reverse("meetings:target_add", args=[meeting.pk]), target_data(target_price="85"))
    assert response.status_code == 200 and "<html" in response.text
    section = response.text.split('<section id="targets"')[1]
    assert '<details class="add-form d-print-none" open>' in section
    assert "The target price is below the lowest price" in section
    assert 'value="85"' in section  # the input is kept


def test_target_price_below_the_lowest_price_is_a_form_error(client_for, owner, meeting):
    response = client_for(owner).post(
        reverse("meetings:target_add", args=[meeting.pk]), target_data(target_price="85"), headers=HTMX
    )
    assert response.status_code == 200
    assert "The target price is below the lowest price" in response.text
    assert not NegotiationTarget.objects.exists()


def test_target_edit_beyond_the_limit_is_refused_with_the_form(client_for, owner, meeting):
    target = NegotiationTargetFactory(meeting=meeting, target_discount=5, max_discount=8)
    response = client_for(owner).post(
        reverse("meetings:target_edit", args=[target.pk]),
        target_data(target_discount="10", max_discount="8", version=target.version),
    )
    assert response.status_code == 200
    assert "The discount is above the largest discount" in response.text
    target.refresh_from_db()
    assert target.target_discount == 5


def test_a_limit_without_a_target_is_allowed(client_for, owner, meeting):
    data = target_data(planned_volume="", target_price="", target_discount="", product_name="")
    response = client_for(owner).post(reverse("meetings:target_add", args=[meeting.pk]), data)
    assert response.status_code == 302
    target = NegotiationTarget.objects.get()
    assert target.target_price is None and target.min_price == 90
    assert str(target) == "Whole deal"


def test_target_edit_in_place_and_delete(client_for, owner, meeting):
    target = NegotiationTargetFactory(meeting=meeting, product_name="Labels")
    client = client_for(owner)
    form = client.get(reverse("meetings:target_edit", args=[target.pk]), headers=HTMX)
    assert f'id="target-{target.pk}-product_name"' in form.text
    client.post(
        reverse("meetings:target_edit", args=[target.pk]),
        target_data(product_name="Labels 58x40", version=target.version),
        headers=HTMX,
    )
    target.refresh_from_db()
    assert target.product_name == "Labels 58x40"
    assert client.post(reverse("meetings:target_delete", args=[target.pk])).status_code == 302
    assert not NegotiationTarget.objects.exists()


@pytest.mark.parametrize(("persona", "status"), [("other_kam", 404), ("director", 403), ("other_director", 404)])
def test_target_views_are_refused(request, client_for, meeting, persona, status):
    target = NegotiationTargetFactory(meeting=meeting)
    client = client_for(request.getfixturevalue(persona))
    assert client.post(reverse("meetings:target_add", args=[meeting.pk]), target_data()).status_code == status
    assert client.get(reverse("meetings:target_edit", args=[target.pk])).status_code == status
    assert client.post(reverse("meetings:target_delete", args=[target.pk])).status_code == status
    assert NegotiationTarget.objects.count() == 1


def test_target_delete_by_get_is_405(client_for, owner, meeting):
    target = NegotiationTargetFactory(meeting=meeting)
    assert client_for(owner).get(reverse("meetings:target_delete", args=[target.pk])).status_code == 405


# Checklist ----------------------------------------------------------------------------------


def item_url(meeting, item):
    return reverse("meetings:checklist_item", args=[meeting.pk, item])


def test_saving_a_checklist_item_updates_readiness_in_the_summary(client_for, owner, meeting):
    add_checklist(meeting)
    item = ChecklistItem.objects.get(meeting=meeting, item="financial_report")
    response = client_for(owner).post(
        item_url(meeting, "financial_report"),
        {"status": "ready", "content": "Turnover +12 %", "version": item.version},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Turnover +12 %" in response.text
    assert '<progress class="readiness" max="100" value="11"' in response.text  # 2 of 18 points
    item.refresh_from_db()
    assert item.status == "ready" and item.history.first().history_user == owner


def test_checklist_item_without_javascript_redirects_to_the_checklist(client_for, owner, meeting):
    add_checklist(meeting)
    item = ChecklistItem.objects.get(meeting=meeting, item="limits")
    response = client_for(owner).post(item_url(meeting, "limits"), {"status": "draft", "version": item.version})
    assert response.status_code == 302 and response["Location"] == page(meeting, "checklist")


def test_checklist_item_is_created_when_missing(client_for, owner, meeting):
    response = client_for(owner).get(item_url(meeting, "draft_proposal"), headers=HTMX)
    assert response.status_code == 200
    assert ChecklistItem.objects.filter(meeting=meeting).count() == 9


def test_invalid_checklist_status_is_a_form_error(client_for, owner, meeting):
    add_checklist(meeting)
    response = client_for(owner).post(item_url(meeting, "limits"), {"status": "perfect", "version": 1})
    assert response.status_code == 200
    assert "Select a valid choice" in response.text


def test_regular_meeting_has_no_checklist_item(client_for, owner, account):
    meeting = MeetingFactory(account=account, kind=Meeting.Kind.REGULAR)
    assert client_for(owner).get(item_url(meeting, "limits")).status_code == 404


def test_unknown_checklist_item_is_404(client_for, owner, meeting):
    assert client_for(owner).get(item_url(meeting, "horoscope")).status_code == 404


@pytest.mark.parametrize(("persona", "status"), [("other_kam", 404), ("director", 403), ("department_member", 404)])
def test_checklist_item_is_refused(request, client_for, meeting, persona, status):
    add_checklist(meeting)
    response = client_for(request.getfixturevalue(persona)).post(
        item_url(meeting, "limits"), {"status": "ready", "version": 1}
    )
    assert response.status_code == status
    assert not ChecklistItem.objects.filter(status="ready").exists()


def test_previous_results_are_filled_from_the_last_held_meeting(client_for, owner, meeting):
    from django.utils import timezone

    previous = MeetingFactory(
        account=meeting.account,
        title="Spring talks",
        status=Meeting.Status.HELD,
        starts_at=timezone.now() - timezone.timedelta(days=40),
    )
    AgendaTopicFactory(meeting=previous, title="Prices", outcome=AgendaTopic.Outcome.PARTLY)
    client_for(owner).get(page(meeting))
    item = ChecklistItem.objects.get(meeting=meeting, item="previous_results")
    assert item.status == "draft"
    assert "Spring talks" in item.content and "Prices: Partly achieved" in item.content
