"""The administrator keeps the scoring criteria and their weights here. Assessments are read
here only: they are recorded through the Scores tab, with the weights of the day."""

from django.contrib import admin

from analysis.models import AccountResult, Assessment, AssessmentScore, Criterion


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ("name", "dimension", "weight", "position", "measure", "active")
    list_editable = ("weight", "position", "active")
    list_filter = ("dimension", "active")
    search_fields = ("name", "code")
    fields = ("dimension", "code", "name", "description", "weight", "position", "measure", "active")


class AssessmentScoreInline(admin.TabularInline):
    model = AssessmentScore
    fields = ("dimension", "name", "weight", "value", "comment", "suggested_value", "suggestion_reason")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ("account", "assessed_on", "by", "competitiveness", "sales_interest")
    list_select_related = ("account", "by")
    search_fields = ("account__name",)
    date_hierarchy = "assessed_on"
    readonly_fields = ("account", "assessed_on", "by", "competitiveness", "sales_interest", "created_at")
    fields = (*readonly_fields, "notes")
    inlines = [AssessmentScoreInline]

    def has_add_permission(self, request):
        return False


@admin.register(AccountResult)
class AccountResultAdmin(admin.ModelAdmin):
    list_display = ("account", "year", "turnover", "profit", "client_total_purchases")
    list_select_related = ("account",)
    search_fields = ("account__name",)
    list_filter = ("year",)
    fields = ("account", "year", "turnover", "profit", "client_total_purchases", "notes")
    raw_id_fields = ("account",)
