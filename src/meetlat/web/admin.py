"""The researcher's administration of people, invitations and questionnaires."""

from django.contrib import admin

from meetlat.web.models import AuditEntry, CodingJob, Invitation, Person, Questionnaire


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "municipality_code")
    list_filter = ("role",)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("municipality_code", "edition", "role", "expires", "revoked_at", "last_used")
    list_filter = ("edition", "role")
    exclude = ("token_hash",)
    readonly_fields = ("user", "last_used", "created_by")


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ("municipality_code", "edition", "state", "updated_at", "submitted_at")
    list_filter = ("edition", "state")
    readonly_fields = ("state", "submitted_at")  # states change only through meetlat.web.states


@admin.register(AuditEntry)
class AuditAdmin(admin.ModelAdmin):
    list_display = ("questionnaire", "at", "who", "action")
    readonly_fields = ("questionnaire", "at", "who", "action", "details")


@admin.register(CodingJob)
class CodingJobAdmin(admin.ModelAdmin):
    list_display = ("name", "state", "sample_size", "overlap_pct", "seed", "created_at")
    list_filter = ("state",)
    # the sample and the state change only through meetlat.web.coding
    readonly_fields = ("state", "criteria", "seed", "sample_size", "overlap_pct", "created_by")
