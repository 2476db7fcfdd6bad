from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from kam.users.models import Department, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "get_full_name", "email", "role", "department", "is_active")
    list_filter = ("role", "department", "regions", "is_active")
    filter_horizontal = ("regions", "groups", "user_permissions")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        (_("Role in KAM"), {"fields": ("role", "department", "regions")}),
    )


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
