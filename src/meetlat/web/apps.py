from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "meetlat.web"
    label = "meetlat"
    verbose_name = "Meetlat"
    default_auto_field = "django.db.models.BigAutoField"
