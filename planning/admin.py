from django.contrib import admin

from planning.models import Competitor, CompetitorProduct, Product, ProductGroup, Region, SalesImport


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")


@admin.register(ProductGroup)
class ProductGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "position")
    list_editable = ("position",)
    search_fields = ("name", "code")


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "group", "unit", "active")
    list_filter = ("group", "active")
    list_select_related = ("group",)
    search_fields = ("code", "name")


class CompetitorProductInline(admin.TabularInline):
    model = CompetitorProduct
    extra = 1


@admin.register(Competitor)
class CompetitorAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    inlines = [CompetitorProductInline]


@admin.register(SalesImport)
class SalesImportAdmin(admin.ModelAdmin):
    """A record of what was loaded: read only, written by the import alone."""

    list_display = (
        "imported_at",
        "file_name",
        "imported_by",
        "rows",
        "replaced",
        "first_month",
        "last_month",
        "seconds",
    )
    list_select_related = ("imported_by",)
    date_hierarchy = "imported_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
