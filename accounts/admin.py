from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from accounts.models import Account, Attachment, BusinessPartner, Contact, DossierEntry, Industry


@admin.register(Industry)
class IndustryAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Account)
class AccountAdmin(SimpleHistoryAdmin):
    list_display = ("name", "industry", "region", "owner", "status", "tier")
    list_filter = ("status", "tier", "industry", "region")
    search_fields = ("name", "legal_name", "tax_id", "external_code")
    list_select_related = ("industry", "region", "owner")
    autocomplete_fields = ("owner",)
    filter_horizontal = ("team",)
    fields = (
        "name",
        "legal_name",
        "tax_id",
        "external_code",
        "industry",
        "region",
        "owner",
        "team",
        "status",
        "tier",
        "website",
        "phone",
        "address",
        "base_information",
    )


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "account", "position", "buying_role", "attitude")
    list_select_related = ("account",)
    search_fields = ("first_name", "last_name", "account__name")
    raw_id_fields = ("account", "reports_to", "relationship_owner")
    fields = (
        "account",
        "first_name",
        "last_name",
        "position",
        "department",
        "email",
        "phone",
        "buying_role",
        "attitude",
        "influence",
        "reports_to",
        "birthday",
        "interests",
        "preferences",
        "personal_notes",
        "relationship_owner",
        "relationship_level",
        "relationship_aim",
        "last_contacted",
    )


@admin.register(BusinessPartner)
class BusinessPartnerAdmin(SimpleHistoryAdmin):
    list_display = ("name", "kind", "account")
    list_select_related = ("account",)
    raw_id_fields = ("account",)
    fields = ("account", "name", "kind", "website", "notes")


class AttachmentInline(admin.TabularInline):
    model = Attachment
    fields = ("original_name", "content_type", "size", "uploaded_by", "uploaded_at")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(DossierEntry)
class DossierEntryAdmin(SimpleHistoryAdmin):
    list_display = ("title", "account", "category", "occurred_on", "author")
    list_select_related = ("account", "author")
    list_filter = ("category",)
    raw_id_fields = ("account", "author")
    fields = ("account", "category", "occurred_on", "title", "text", "author")
    inlines = [AttachmentInline]
