"""Reminders and notifications in the admin: to look up who was reminded of what, read-only
(they are made by the scan and the services, never by hand)."""

from django.contrib import admin

from kam.notifications.models import DigestSent, Notification, Reminder


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "content_type", "object_id", "occasion", "channel", "emailed_at"]
    list_filter = ["kind", "channel"]
    list_select_related = ["recipient", "content_type"]
    search_fields = ["recipient__username", "recipient__last_name"]
    date_hierarchy = "created_at"


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "url", "read_at"]
    list_filter = ["kind"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__username", "recipient__last_name"]
    date_hierarchy = "created_at"


@admin.register(DigestSent)
class DigestSentAdmin(ReadOnlyAdmin):
    list_display = ["date", "user", "sent_at"]
    list_select_related = ["user"]
