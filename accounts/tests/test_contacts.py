"""The Contacts tab, the contact form and the relationship map."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Contact
from accounts.tests.factories import AccountFactory, ContactFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(account, owner):
    return ContactFactory(
        account=account,
        first_name="Irina",
        last_name="Volkova",
        position="Head of purchasing",
        attitude=Contact.Attitude.SUPPORTER,
        relationship_owner=owner,
    )


def tab_url(account):
    return reverse("accounts:contacts", args=[account.pk])


def create_url(account):
    return reverse("accounts:contact_create", args=[account.pk])


def edit_url(contact):
    return reverse("accounts:contact_edit", args=[contact.pk])


def delete_url(contact):
    return reverse("accounts:contact_delete", args=[contact.pk])


def form_data(**overrides):
    data = {
        "first_name": "Pavel",
        "last_name": "Smirnov",
        "position": "Logistics director",
        "department": "Logistics",
        "email": "p.smirnov@example.com",
        "phone": "+7 495 123-45-67",
        "buying_role": Contact.BuyingRole.DECISION_MAKER,
        "attitude": Contact.Attitude.NEUTRAL,
        "influence": 4,
        "reports_to": "",
        "birthday": "1975-03-12",
        "interests": "Ice hockey, fishing",
        "preferences": "Calls before 10:00",
        "personal_notes": "",
        "relationship_owner": "",
        "relationship_level": Contact.Relationship.ACQUAINTED,
        "relationship_aim": Contact.Relationship.TRUSTED,
        "last_contacted": "",
    }
    data.update(overrides)
    return data


def edit_data(contact, **overrides):
    data = form_data(
        first_name=contact.first_name,
        last_name=contact.last_name,
        position=contact.position,
        buying_role=contact.buying_role,
        attitude=contact.attitude,
        influence=contact.influence,
        reports_to=contact.reports_to_id or "",
        relationship_owner=contact.relationship_owner_id or "",
        version=contact.version,
    )
    data.update(overrides)
    return data


def map_svg(response) -> str:
    match = re.search(r'<svg class="relationship-map".*</svg>(?=\s*<figcaption)', response.content.decode(), re.S)
    assert match, "no relationship map on the page"
    return match.group(0)


# Who may do what ---------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member", "admin_user", "director"])
def test_who_may_see_the_account_sees_the_contacts_tab(request, client_for, account, contact, persona):
    response = client_for(request.getfixturevalue(persona)).get(tab_url(account))
    assert response.status_code == 200
    assert "Irina Volkova" in response.content.decode()


@pytest.mark.parametrize("persona", ["other_kam", "other_director", "department_member"])
def test_who_may_not_see_the_account_gets_404_everywhere(request, client_for, account, contact, persona):
    c = client_for(request.getfixturevalue(persona))
    assert c.get(tab_url(account)).status_code == 404
    assert c.get(create_url(account)).status_code == 404
    assert c.post(create_url(account), form_data()).status_code == 404
    assert c.get(edit_url(contact)).status_code == 404
    assert c.post(edit_url(contact), edit_data(contact, first_name="Hacked")).status_code == 404
    assert c.post(delete_url(contact)).status_code == 404
    contact.refresh_from_db()
    assert contact.first_name == "Irina"
    assert Contact.objects.count() == 1


def test_director_reads_but_gets_403_on_every_change(client_for, director, account, contact):
    c = client_for(director)
    response = c.get(tab_url(account))
    assert response.status_code == 200
    assert edit_url(contact) not in response.content.decode()
    assert delete_url(contact) not in response.content.decode()
    assert c.get(create_url(account)).status_code == 403
    assert c.post(create_url(account), form_data()).status_code == 403
    assert c.get(edit_url(contact)).status_code == 403
    assert c.post(edit_url(contact), edit_data(contact, first_name="Changed")).status_code == 403
    assert c.post(delete_url(contact)).status_code == 403
    contact.refresh_from_db()
    assert contact.first_name == "Irina"
    assert Contact.objects.count() == 1


def test_anonymous_is_sent_to_login(client_for, account, contact):
    c = client_for(None)
    for response in (
        c.get(tab_url(account)),
        c.get(create_url(account)),
        c.post(create_url(account), form_data()),
        c.get(edit_url(contact)),
        c.post(delete_url(contact)),
    ):
        assert response.status_code == 302
        assert response.url.startswith("/login/")
    assert Contact.objects.count() == 1


def test_wrong_methods_get_405(client_for, owner, account, contact):
    c = client_for(owner)
    assert c.get(delete_url(contact)).status_code == 405
    assert c.post(tab_url(account)).status_code == 405
    assert c.delete(edit_url(contact)).status_code == 405
    assert c.put(create_url(account)).status_code == 405
    assert Contact.objects.filter(pk=contact.pk).exists()


def test_owner_sees_edit_and_delete_buttons(client_for, owner, account, contact):
    html = client_for(owner).get(tab_url(account)).content.decode()
    assert edit_url(contact) in html
    assert delete_url(contact) in html
    assert 'data-confirm="Delete Irina Volkova?' in html


# Creating, editing, deleting ---------------------------------------------------------------


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_owner_and_team_member_add_a_contact(request, client_for, account, persona):
    user = request.getfixturevalue(persona)
    c = client_for(user)
    assert c.get(create_url(account)).status_code == 200
    response = c.post(create_url(account), form_data(relationship_owner=user.pk))
    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response.url == f"{tab_url(account)}#contact-{contact.pk}"
    assert contact.account == account
    assert (contact.full_name, contact.influence, contact.birthday) == ("Pavel Smirnov", 4, datetime.date(1975, 3, 12))
    assert contact.relationship_owner == user
    assert contact.history.get().history_user == user
    assert "Pavel Smirnov added" in c.get(response.url).content.decode()


def test_the_account_comes_from_the_url_never_from_the_post(client_for, owner, other_kam, account):
    elsewhere = AccountFactory(owner=other_kam)
    client_for(owner).post(create_url(account), form_data(account=elsewhere.pk))
    assert Contact.objects.get().account == account
    assert not elsewhere.contacts.exists()


def test_create_form_offers_the_current_user_as_relationship_owner(client_for, team_member, account):
    form = client_for(team_member).get(create_url(account)).context["form"]
    assert form["relationship_owner"].value() == team_member.pk


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_owner_and_team_member_edit_a_contact_and_history_records_who(request, client_for, account, contact, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(edit_url(contact), edit_data(contact, position="Commercial director"))
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.position == "Commercial director"
    assert contact.version == 2
    latest = contact.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == user


@pytest.mark.parametrize("persona", ["owner", "team_member"])
def test_owner_and_team_member_delete_a_contact(request, client_for, account, contact, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).post(delete_url(contact))
    assert response.status_code == 302
    assert response.url == tab_url(account)
    assert not Contact.objects.filter(pk=contact.pk).exists()
    deleted = Contact.history.filter(id=contact.pk).first()
    assert deleted.history_type == "-"
    assert deleted.history_user == user


def test_deleting_a_manager_keeps_their_reports_without_a_manager(client_for, owner, account, contact):
    report = ContactFactory(account=account, reports_to=contact)
    client_for(owner).post(delete_url(contact))
    report.refresh_from_db()
    assert report.reports_to is None
    assert report.version == 2
    latest = report.history.first()
    assert (latest.history_type, latest.reports_to_id, latest.history_user) == ("~", None, owner)


# Form errors -------------------------------------------------------------------------------


def test_influence_out_of_range_is_refused(client_for, owner, account):
    response = client_for(owner).post(create_url(account), form_data(influence=9))
    assert response.status_code == 200
    assert response.context["form"].errors["influence"]
    assert "is-invalid" in response.content.decode()
    assert not Contact.objects.exists()


def test_required_names_are_shown_as_errors(client_for, owner, account):
    response = client_for(owner).post(create_url(account), form_data(first_name="", last_name=""))
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "last_name"}


def test_a_contact_cannot_report_to_themselves(client_for, owner, account, contact):
    response = client_for(owner).post(edit_url(contact), edit_data(contact, reports_to=contact.pk))
    assert response.status_code == 200
    assert "nor anyone who reports to them" in response.content.decode()
    contact.refresh_from_db()
    assert contact.reports_to is None


def test_a_contact_cannot_report_to_someone_below_them(client_for, owner, account, contact):
    deputy = ContactFactory(account=account, reports_to=contact)
    assistant = ContactFactory(account=account, reports_to=deputy)
    response = client_for(owner).post(edit_url(contact), edit_data(contact, reports_to=assistant.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["reports_to"]
    contact.refresh_from_db()
    assert contact.reports_to is None


def test_reports_to_offers_other_people_of_the_account_only(client_for, owner, other_kam, account, contact):
    deputy = ContactFactory(account=account, reports_to=contact)
    peer = ContactFactory(account=account)
    stranger = ContactFactory(account=AccountFactory(owner=other_kam))
    form = client_for(owner).get(edit_url(contact)).context["form"]
    assert list(form.fields["reports_to"].queryset) == [peer]
    response = client_for(owner).post(edit_url(deputy), edit_data(deputy, reports_to=stranger.pk))
    assert response.context["form"].errors["reports_to"]


def test_relationship_owner_is_the_owner_or_a_team_member(client_for, owner, team_member, other_kam, account):
    c = client_for(owner)
    form = c.get(create_url(account)).context["form"]
    assert set(form.fields["relationship_owner"].queryset) == {owner, team_member}
    response = c.post(create_url(account), form_data(relationship_owner=other_kam.pk))
    assert response.context["form"].errors["relationship_owner"]
    assert not Contact.objects.exists()


def test_concurrent_edit_shows_conflict_keeps_input_and_does_not_overwrite(
    client_for, owner, team_member, account, contact
):
    stale_form = edit_data(contact)
    theirs = client_for(team_member).post(edit_url(contact), {**stale_form, "phone": "+7 495 000-00-01"})
    assert theirs.status_code == 302
    response = client_for(owner).post(edit_url(contact), {**stale_form, "phone": "+7 812 111-11-11"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "while you were editing" in html
    assert "+7 495 000-00-01" in html  # their value, listed in the conflict
    form = response.context["form"]
    assert form["phone"].value() == "+7 812 111-11-11"
    assert form["version"].value() == 2
    contact.refresh_from_db()
    assert contact.phone == "+7 495 000-00-01"
    assert contact.history.first().history_user == team_member
    # Saving again, knowingly, keeps the owner's version.
    client_for(owner).post(edit_url(contact), {**stale_form, "phone": "+7 812 111-11-11", "version": 2})
    contact.refresh_from_db()
    assert contact.phone == "+7 812 111-11-11"


# The tab and the map -----------------------------------------------------------------------


def test_empty_account_shows_an_invitation_to_add_the_first_contact(client_for, owner, account):
    html = client_for(owner).get(tab_url(account)).content.decode()
    assert "No contacts yet." in html
    assert create_url(account) in html
    assert "No decision maker" not in html
    assert '<svg class="relationship-map"' not in html


def test_director_sees_the_empty_state_without_the_add_button(client_for, director, account):
    html = client_for(director).get(tab_url(account)).content.decode()
    assert "No contacts yet." in html
    assert create_url(account) not in html


def test_missing_decision_maker_and_champion_are_warned_about(client_for, owner, account, contact):
    html = client_for(owner).get(tab_url(account)).content.decode()
    assert "No decision maker is known" in html
    assert "No champion" in html


def test_no_warning_when_decision_maker_and_champion_are_known(client_for, owner, account):
    ContactFactory(account=account, buying_role=Contact.BuyingRole.DECISION_MAKER)
    ContactFactory(account=account, buying_role=Contact.BuyingRole.CHAMPION)
    html = client_for(owner).get(tab_url(account)).content.decode()
    assert "No decision maker is known" not in html
    assert "No champion" not in html


def test_map_draws_every_person_coloured_by_attitude(client_for, owner, account, contact):
    ContactFactory(
        account=account,
        first_name="Boris",
        last_name="Kozlov",
        attitude=Contact.Attitude.OPPONENT,
        buying_role=Contact.BuyingRole.ECONOMIC_BUYER,
        reports_to=contact,
        relationship_level=Contact.Relationship.ACQUAINTED,
        relationship_aim=Contact.Relationship.TRUSTED,
    )
    svg = map_svg(client_for(owner).get(tab_url(account)))
    assert "Irina Volkova" in svg and "Boris Kozlov" in svg
    assert 'stroke="#2e8b57"' in svg  # supporter
    assert 'stroke="#c0392b"' in svg  # opponent
    assert ">EB</text>" in svg
    assert "Acquainted → Trusted" in svg
    assert svg.count("<polyline") == 1
    assert 'role="img"' in svg and "aria-label=" in svg and "<title>" in svg
    assert "style=" not in svg  # the CSP forbids inline styles


def test_map_numbers_are_not_localised(client_for, owner, account, contact, settings):
    settings.USE_THOUSAND_SEPARATOR = True
    ContactFactory.create_batch(3, account=account, reports_to=contact)
    with_russian = client_for(owner).get(tab_url(account), HTTP_ACCEPT_LANGUAGE="ru")
    assert re.search(r'viewBox="0 0 \d+(\.\d+)? \d+(\.\d+)?"', map_svg(with_russian))
    assert not re.search(r"translate\([^)]*,", map_svg(with_russian))


def test_a_loop_in_the_data_does_not_break_the_map(client_for, owner, account, contact):
    other = ContactFactory(account=account, first_name="Anna", last_name="Loop", reports_to=contact)
    Contact.objects.filter(pk=contact.pk).update(reports_to=other)
    response = client_for(owner).get(tab_url(account))
    assert response.status_code == 200
    svg = map_svg(response)
    assert "Irina Volkova" in svg and "Anna Loop" in svg


@time_machine.travel(datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.UTC))
def test_stale_contacts_are_marked_in_the_table_and_on_the_map(client_for, owner, account, settings):
    settings.KAM_CONTACT_STALE_DAYS = 90
    today = timezone.localdate()
    ContactFactory(account=account, last_name="Fresh", last_contacted=today - datetime.timedelta(days=90))
    ContactFactory(account=account, last_name="Old", last_contacted=today - datetime.timedelta(days=91))
    ContactFactory(account=account, last_name="Never", last_contacted=None)
    response = client_for(owner).get(tab_url(account))
    html = response.content.decode()
    svg = map_svg(response)
    assert svg.count('stroke-dasharray="6 4"') == 2
    assert html.count('class="badge badge-stale"') == 2
    rows = {c.last_name: c.is_stale for c in response.context["contacts"]}
    assert rows == {"Fresh": False, "Old": True, "Never": True}


def test_personal_information_is_shown_compactly(client_for, owner, account, contact):
    contact.birthday = datetime.date(1980, 5, 17)
    contact.interests = "Sailing, jazz"
    contact.preferences = "Prefers Telegram to e-mail"
    contact.save()
    html = client_for(owner).get(tab_url(account)).content.decode()
    assert "17 May" in html
    assert "Sailing, jazz" in html
    assert "Prefers Telegram to e-mail" in html


@pytest.mark.parametrize("count", [2, 20])
def test_tab_query_count_does_not_grow_with_contacts(
    client_for, owner, team_member, account, count, django_assert_max_num_queries
):
    boss = ContactFactory(account=account, relationship_owner=owner)
    for n in range(count - 1):
        ContactFactory(account=account, reports_to=boss, relationship_owner=team_member if n % 2 else owner)
    c = client_for(team_member)
    with django_assert_max_num_queries(7):
        response = c.get(tab_url(account))
    assert response.status_code == 200
    assert len(response.context["contacts"]) == count


def test_role_mark_is_shown_in_the_table_and_on_the_map_for_people_with_a_role(client_for, owner, account):
    ContactFactory(account=account, last_name="Decides", buying_role=Contact.BuyingRole.DECISION_MAKER)
    ContactFactory(account=account, last_name="Unknown", buying_role="")
    response = client_for(owner).get(tab_url(account))
    page = response.content.decode()
    # The row of the decision maker, and the legend (which lists every role).
    assert page.count('<abbr class="role-mark" title="Decision maker">DM</abbr> Decision maker') == 2
    assert page.count('<abbr class="role-mark"') == 1 + len(Contact.BuyingRole)
    svg = map_svg(response)
    assert svg.count(">DM</text>") == 1
    assert svg.count('text-anchor="middle" font-size="10.5"') == 1  # no mark for the unknown role


@pytest.mark.parametrize("language", ["en-gb", "ru"])
def test_choice_labels_match_django_own_display(account, language):
    from django.utils import translation

    contact = ContactFactory(account=account)
    with translation.override(language):
        for name in ("buying_role", "attitude", "relationship_level", "relationship_aim"):
            field = Contact._meta.get_field(name)
            for value, _label in [("", ""), *field.flatchoices]:
                setattr(contact, name, value)
                assert getattr(contact, f"get_{name}_display")() == contact._get_FIELD_display(field)
        for name in ("status", "tier"):
            field = type(account)._meta.get_field(name)
            for value, _label in field.flatchoices:
                setattr(account, name, value)
                assert getattr(account, f"get_{name}_display")() == account._get_FIELD_display(field)
