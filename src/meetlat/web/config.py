"""Django's settings for Meetlat, all derived from ``meetlat.settings`` (docs/settings.md)."""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

from meetlat import settings as meetlat_settings

HERE = Path(__file__).parent
WEB = meetlat_settings.load_web()
HOME = meetlat_settings.load().home.resolve()


def database(url: str, home: Path) -> dict:
    """Django's DATABASES entry for a MEETLAT_DATABASE_URL ("" → SQLite in the workspace)."""
    if not url:
        return sqlite(home / "web.sqlite3")
    parts = urlsplit(url)
    if parts.scheme in ("postgres", "postgresql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    if parts.scheme == "sqlite":
        return sqlite(Path(unquote(parts.path)))
    raise meetlat_settings.InvalidSetting(
        "MEETLAT_DATABASE_URL", f"{parts.scheme}://…", "postgres://… or sqlite:///…"
    )


def sqlite(path: Path) -> dict:
    """SQLite for several server processes: WAL, write transactions that take the lock at
    their start (no deadlock between two upgrades) and a 20 s wait for it."""
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def secret_key(given: str, home: Path) -> str:
    """The given key, or one generated once and kept in the workspace (mode 600)."""
    if given:
        return given
    file = home / ".web-secret-key"
    try:
        return file.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(50)
    if not home.is_dir():
        return key  # no workspace (yet): this process's own key
    try:
        temporary = file.with_name(f"{file.name}.{secrets.token_hex(4)}.tmp")
        temporary.write_text(key)
        temporary.chmod(0o600)
        temporary.replace(file)
    except OSError:
        return key  # a read-only workspace: this process's key (sessions end with it)
    return file.read_text().strip()


SECRET_KEY = secret_key(WEB.secret_key, HOME)
DEBUG = WEB.debug
ALLOWED_HOSTS = list(WEB.allowed_hosts)
DATABASES = {"default": database(WEB.database_url, HOME)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "meetlat.web.apps.WebConfig",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "meetlat.web.middleware.language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "meetlat.web.middleware.content_security_policy",
]
ROOT_URLCONF = "meetlat.web.urls"
WSGI_APPLICATION = "meetlat.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "meetlat.web.middleware.page_context",
            ]
        },
    }
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = None  # served from the package by WhiteNoise (WHITENOISE_USE_FINDERS)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # the app's static files straight from the package
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "meetlat:login"
LOGIN_REDIRECT_URL = "meetlat:home"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # htmx reads the token from the page, not from the cookie
SESSION_COOKIE_AGE = 14 * 24 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if WEB.https:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    CSRF_TRUSTED_ORIGINS = [WEB.base_url] if WEB.base_url.startswith("https://") else []

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING"}},
}
