"""What the web application stores: people and their roles, invitations, one
questionnaire per municipality and edition with its answers, an audit trail, and the
coding jobs with their sampled posts, coders and labels (meetlat.web.coding).

Submitted answers are also stored in the workspace (``meetlat.app.questionnaire.
store_response``), where ``meetlat assess`` and ``meetlat survey summary`` read them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from meetlat.app.serving import ROLES

# the people of the web application; coders are made only by a coding job's invitation
PERSON_ROLES = (*ROLES, "coder")


class Person(models.Model):
    """A user's role; respondents and coordinators belong to one municipality."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    role = models.CharField(max_length=16, choices=[(r, r) for r in PERSON_ROLES])
    municipality_code = models.CharField(max_length=6, blank=True)

    def __str__(self) -> str:
        return f"{self.user.username} ({self.role} {self.municipality_code})".strip()


class Invitation(models.Model):
    """A personal link for one municipality and edition; only the token's hash is kept."""

    edition = models.CharField(max_length=32)
    municipality_code = models.CharField(max_length=6, db_index=True)
    role = models.CharField(
        max_length=16,
        choices=[("coordinator", "coordinator"), ("respondent", "respondent"), ("coder", "coder")],
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    last_used = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.municipality_code} {self.edition} ({self.role})"


class Questionnaire(models.Model):
    """One municipality's questionnaire of one edition and its state (meetlat.web.states)."""

    edition = models.CharField(max_length=32)
    municipality_code = models.CharField(max_length=6)
    state = models.CharField(max_length=16, default="draft")
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "municipality_code"], name="one_per_edition")
        ]

    def __str__(self) -> str:
        return f"{self.municipality_code} {self.edition} ({self.state})"


class Answer(models.Model):
    """One question's answer; ``revision`` counts its changes (the conflict check)."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="answers"
    )
    question_id = models.CharField(max_length=80)
    value = models.JSONField(null=True)
    revision = models.PositiveIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "question_id"], name="one_answer")
        ]


class AuditEntry(models.Model):
    """Who did what to a questionnaire, when (answers changed, state transitions)."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="audit")
    at = models.DateTimeField(auto_now_add=True)
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=32)
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]


class Attempt(models.Model):
    """A failed login or invitation try, for the rate limit (meetlat.web.limits)."""

    scope = models.CharField(max_length=16)
    key = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)


class CodingJob(models.Model):
    """A researcher's coding job: a sample of posts that coders label; its state changes
    only through meetlat.web.coding.change."""

    name = models.CharField(max_length=200)
    state = models.CharField(max_length=16, default="concept")
    criteria = models.JSONField(default=dict)  # start, end, accounts, terms, platform
    seed = models.BigIntegerField()  # random.Random(seed) drew the sample
    sample_size = models.PositiveIntegerField()  # as asked; len(units) may be fewer
    overlap_pct = models.PositiveSmallIntegerField()  # share coded by every coder
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.name} ({self.state})"


class Coder(models.Model):
    """A person coding one job, invited by a personal link (an Invitation of role coder)."""

    job = models.ForeignKey(CodingJob, on_delete=models.CASCADE, related_name="coders")
    number = models.PositiveSmallIntegerField()  # 1, 2, ... within the job
    name = models.CharField(max_length=100)  # as the researcher calls them
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="coder"
    )

    class Meta:
        ordering = ["job", "number"]
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="one_coder_number")]


class CodingUnit(models.Model):
    """One sampled post; ``coder`` is empty for the overlap (coded by every coder) and,
    until the job opens, for every post."""

    job = models.ForeignKey(CodingJob, on_delete=models.CASCADE, related_name="units")
    position = models.PositiveIntegerField()
    platform = models.CharField(max_length=16)
    post_id = models.CharField(max_length=64)
    author = models.CharField(max_length=100)  # handle of a public body, else pseudonym
    created_at = models.DateTimeField()
    text = models.TextField()
    overlap = models.BooleanField(default=False)
    coder = models.ForeignKey(
        Coder, null=True, blank=True, on_delete=models.SET_NULL, related_name="units"
    )

    class Meta:
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "platform", "post_id"], name="one_unit_per_post")
        ]


class CodingLabel(models.Model):
    """One coder's labels of one post."""

    unit = models.ForeignKey(CodingUnit, on_delete=models.CASCADE, related_name="labels")
    coder = models.ForeignKey(Coder, on_delete=models.CASCADE, related_name="labels")
    teneur = models.CharField(max_length=16)
    theme = models.CharField(max_length=80)
    action = models.CharField(max_length=4)  # ja | nee
    coded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["unit", "coder"], name="one_label")]


class CodingEvent(models.Model):
    """Who changed a coding job's state, when."""

    job = models.ForeignKey(CodingJob, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    who = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=32)
    details = models.JSONField(default=dict)

    class Meta:
        ordering = ["at", "id"]
