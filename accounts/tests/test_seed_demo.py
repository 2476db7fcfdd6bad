import datetime
import re
import sys
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q
from django.utils import timezone

from accounts import demo
from accounts.models import Account, BusinessPartner, Contact, DossierEntry, SearchEntry
from accounts.tests.factories import AccountFactory
from kam.users.models import Role, User
from kam.users.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    # PBKDF2 at full strength costs ~0.3 s a password; the demo's logins are what is tested here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict[str, object]:
    return {
        "users": User.objects.count(),
        "accounts": sorted(Account.objects.values_list("name", "tax_id", "owner__username", "status")),
        "contacts": sorted(Contact.objects.values_list("account__name", "first_name", "last_name", "buying_role")),
        "partners": BusinessPartner.objects.count(),
        "entries": sorted(DossierEntry.objects.values_list("account__name", "category", "title")),
    }


@pytest.fixture
def seeded():
    output = seed()
    assert "Demo data loaded" in output
    return output


def test_demo_logins_work_with_password_demo(seeded):
    expected = {
        "kam1": Role.KAM,
        "kam2": Role.KAM,
        "kam3": Role.KAM,
        "kam4": Role.KAM,
        "director": Role.DIRECTOR,
        "logistics": Role.DEPARTMENT,
        "finance": Role.DEPARTMENT,
        "production": Role.DEPARTMENT,
        "admin": Role.ADMIN,
    }
    users = {user.username: user for user in User.objects.filter(username__in=expected)}
    assert set(users) == set(expected)
    for username, role in expected.items():
        user = users[username]
        assert user.role == role, username
        assert user.check_password("demo"), username
        assert user.is_active
        assert user.get_full_name(), username
    assert users["director"].regions.count() == 0  # all regions
    assert {users[name].department.slug for name in ("logistics", "finance", "production")} == {
        "logistics",
        "finance",
        "production",
    }
    assert users["admin"].is_superuser and users["admin"].is_staff
    assert not any(users[name].is_staff for name in expected if name != "admin")


def test_forty_accounts_spread_over_kams_regions_industries_and_statuses(seeded):
    accounts = Account.objects.select_related("owner", "region", "industry")
    assert accounts.count() == 40
    owners = accounts.values("owner__username").annotate(n=Count("pk"))
    assert {row["owner__username"] for row in owners} == {"kam1", "kam2", "kam3", "kam4"}
    assert all(row["n"] >= 5 for row in owners)
    assert {a.region.name for a in accounts} == {"Moscow & Center", "North-West", "Volga"}
    assert {a.industry.name for a in accounts} == {
        "Manufacturing",
        "Retail",
        "Automotive & parts",
        "E-commerce & fulfilment",
        "Food & fresh",
    }
    statuses = [a.status for a in accounts]
    assert statuses.count(Account.Status.ACTIVE) > 20
    for status in (Account.Status.AT_RISK, Account.Status.PROSPECT, Account.Status.DORMANT):
        assert status in statuses
    assert len({a.tier for a in accounts}) == 3
    tax_ids = [a.tax_id for a in accounts]
    assert all(re.fullmatch(r"\d{10}", tax_id) for tax_id in tax_ids)
    assert len(set(tax_ids)) == 40
    assert any(a.legal_name.startswith(("ООО", "АО")) for a in accounts)
    assert any(a.legal_name.endswith(("LLC", "JSC")) for a in accounts)
    assert Account.team.through.objects.exists()


def test_each_kam_sees_only_their_own_and_team_accounts(seeded):
    everything = set(Account.objects.values_list("pk", flat=True))
    for username in ("kam1", "kam2", "kam3", "kam4"):
        kam = User.objects.get(username=username)
        visible = set(Account.objects.visible_to(kam).values_list("pk", flat=True))
        theirs = set(Account.objects.filter(Q(owner=kam) | Q(team=kam)).values_list("pk", flat=True))
        assert visible == theirs, username
        assert 5 <= len(visible) < len(everything)
    assert set(Account.objects.visible_to(User.objects.get(username="director")).values_list("pk", flat=True)) == (
        everything
    )
    assert not Account.objects.visible_to(User.objects.get(username="logistics")).exists()


def test_contacts_form_an_org_chart_per_account(seeded):
    for account in Account.objects.prefetch_related("contacts__reports_to"):
        contacts = list(account.contacts.all())
        assert 3 <= len(contacts) <= 8, account.name
        tops = [c for c in contacts if c.reports_to is None]
        assert len(tops) == 1, account.name
        assert all(c.reports_to.account_id == account.pk for c in contacts if c.reports_to)
        assert any(c.reports_to and c.reports_to.reports_to for c in contacts) or len(contacts) <= 3
        assert all(1 <= c.influence <= 5 for c in contacts)


def test_some_accounts_lack_a_decision_maker_or_champion_but_most_do_not(seeded):
    complete = incomplete = 0
    for account in Account.objects.prefetch_related("contacts"):
        roles = {c.buying_role for c in account.contacts.all()}
        if {Contact.BuyingRole.DECISION_MAKER, Contact.BuyingRole.CHAMPION} <= roles:
            complete += 1
        else:
            incomplete += 1
    assert incomplete >= 3
    assert complete > incomplete


def test_relationships_have_owners_attitudes_and_stale_contacts(seeded):
    contacts = Contact.objects.all()
    assert set(contacts.values_list("attitude", flat=True)) == {"supporter", "neutral", "opponent"}
    assert not contacts.filter(relationship_owner__isnull=True).exists()
    assert not contacts.filter(relationship_aim__lt=F("relationship_level")).exists()
    stale_before = timezone.localdate() - datetime.timedelta(days=90)
    stale = contacts.filter(Q(last_contacted__lt=stale_before) | Q(last_contacted__isnull=True)).count()
    assert 0 < stale < contacts.count() / 2
    assert contacts.exclude(birthday=None).exists()
    assert contacts.exclude(interests="").exists()


def test_names_and_texts_mix_russian_and_english(seeded):
    assert Contact.objects.filter(first_name="Ирина", last_name="Соколова").exists()
    assert Contact.objects.filter(first_name="Дмитрий", last_name="Волков").exists()
    names = list(Contact.objects.values_list("last_name", flat=True))
    assert any(CYRILLIC.search(name) for name in names)
    assert any(not CYRILLIC.search(name) for name in names)
    texts = list(DossierEntry.objects.values_list("text", flat=True))
    assert sum(bool(CYRILLIC.search(text)) for text in texts) > len(texts) / 4
    assert sum(not CYRILLIC.search(text) for text in texts) > len(texts) / 4


def test_partners_and_dossier_entries_per_account(seeded):
    today = timezone.localdate()
    for account in Account.objects.annotate(
        partner_count=Count("partners", distinct=True), entry_count=Count("entries", distinct=True)
    ):
        assert 1 <= account.partner_count <= 4, account.name
        assert 3 <= account.entry_count <= 10, account.name
    dates = DossierEntry.objects.values_list("occurred_on", flat=True)
    assert min(dates) >= today - datetime.timedelta(days=550)
    assert max(dates) <= today
    assert DossierEntry.objects.values("category").distinct().count() == len(DossierEntry.Category.choices)


def test_records_have_their_initial_history_and_are_searchable(seeded):
    assert Account.history.filter(history_type="+").count() == 40
    assert Contact.history.filter(history_type="+").count() == Contact.objects.count()
    assert DossierEntry.history.filter(history_type="+").count() == DossierEntry.objects.count()
    assert not Account.history.filter(history_user__isnull=True).exists()
    assert SearchEntry.objects.values("account").distinct().count() == 40


def test_running_twice_changes_nothing(seeded):
    before = snapshot()
    output = seed()
    assert "already loaded" in output
    assert snapshot() == before


def test_reset_reloads_the_same_demo_and_keeps_other_data():
    real_owner = UserFactory(username="real-kam", role=Role.KAM)
    real_account = AccountFactory(name="Real client", owner=real_owner)
    seed()
    before = snapshot()
    Account.objects.filter(owner__username="kam1").first().delete()
    output = seed("--reset")
    assert "Removed the previous demo data" in output
    assert snapshot() == before
    assert Account.objects.filter(pk=real_account.pk).exists()
    assert User.objects.filter(username="real-kam").exists()


def test_seed_works_without_the_search_module(monkeypatch):
    # None in sys.modules makes the import fail as if accounts/search.py did not exist.
    monkeypatch.setitem(sys.modules, "accounts.search", None)
    output = seed()
    assert "search index was not rebuilt" in output
    assert Account.objects.count() == 40


def test_demo_tables_are_consistent():
    assert demo.SENTINEL_USERNAME in demo.DEMO_USERNAMES
    assert len(demo.ACCOUNTS) == sum(demo.STATUS_MIX.values()) == sum(demo.TIER_MIX.values()) == 40
    assert len({name for name, *_ in demo.ACCOUNTS}) == 40
    assert {city for *_, city in demo.ACCOUNTS} <= set(demo.CITIES)
    assert demo.inn_check_digit("770708389") == "3"  # a published, valid tax id: 7707083893
