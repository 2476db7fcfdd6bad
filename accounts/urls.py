from django.urls import path

from accounts.views import accounts, attachments, contacts, entries, partners

app_name = "accounts"

urlpatterns = [
    path("", accounts.account_list, name="list"),
    path("export.<str:fmt>", accounts.account_export, name="export"),
    path("new/", accounts.account_create, name="create"),
    path("<int:pk>/", accounts.account_detail, name="detail"),
    path("<int:pk>/edit/", accounts.account_edit, name="edit"),
    path("<int:pk>/history/", accounts.account_history, name="history"),
    # Contacts and the relationship map
    path("<int:pk>/contacts/", contacts.contact_tab, name="contacts"),
    path("<int:pk>/contacts/new/", contacts.contact_create, name="contact_create"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/delete/", contacts.contact_delete, name="contact_delete"),
    # Business partners
    path("<int:pk>/partners/", partners.partner_tab, name="partners"),
    path("<int:pk>/partners/new/", partners.partner_create, name="partner_create"),
    path("partners/<int:pk>/edit/", partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/delete/", partners.partner_delete, name="partner_delete"),
    # Dossier timeline and attachments
    path("<int:pk>/dossier/", entries.entry_tab, name="dossier"),
    path("<int:pk>/dossier/new/", entries.entry_create, name="entry_create"),
    path("entries/<int:pk>/edit/", entries.entry_edit, name="entry_edit"),
    path("entries/<int:pk>/delete/", entries.entry_delete, name="entry_delete"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", attachments.attachment_delete, name="attachment_delete"),
]
