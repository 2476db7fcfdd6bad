import datetime

import factory

from accounts.models import Account, BusinessPartner, Contact, DossierEntry, Industry
from kam.users.tests.factories import RegionFactory, UserFactory


class IndustryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Industry
        django_get_or_create = ("name",)

    name = factory.Iterator(
        ["Manufacturing", "Retail", "Automotive & parts", "E-commerce & fulfilment", "Food & fresh"]
    )


class AccountFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Account
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Client {n:04d}")
    legal_name = factory.LazyAttribute(lambda a: f"{a.name} LLC")
    industry = factory.SubFactory(IndustryFactory)
    region = factory.SubFactory(RegionFactory)
    owner = factory.SubFactory(UserFactory)

    @factory.post_generation
    def team(self, create, extracted, **kwargs):
        if create and extracted:
            self.team.set(extracted)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    account = factory.SubFactory(AccountFactory)
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    position = "Purchasing manager"
    buying_role = Contact.BuyingRole.INFLUENCER
    last_contacted = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=10))


class BusinessPartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessPartner

    account = factory.SubFactory(AccountFactory)
    name = factory.Sequence(lambda n: f"Partner {n}")
    kind = BusinessPartner.Kind.SUPPLIER


class DossierEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DossierEntry

    account = factory.SubFactory(AccountFactory)
    title = factory.Sequence(lambda n: f"Entry {n}")
    text = "Notes from the last visit."
    author = factory.LazyAttribute(lambda e: e.account.owner)
