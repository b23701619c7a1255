"""Sinergi settings: one module, driven by environment variables.

Development defaults are safe and need no server: SQLite, DEBUG on, a throwaway key.
Production sets DATABASE_URL (PostgreSQL), SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-sinergi"  # nosec B105 # DEBUG only; production refuses to start without one
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# Absolute links made outside a request (QR codes in PDFs, e-mails, background tasks).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    "simple_history",
    "django_tasks_db",
    "axes",
    # "rest_framework" itself stays out: it only brings the browsable API's templates, which Sinergi does not
    # serve, and its Indonesian catalogue would reword Django's own form messages everywhere ("Bidang ini harus
    # diisi" for "Bidang ini tidak boleh kosong").
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Our apps, ground floor first: each imports only those above it in this list (pyproject.toml's
    # import-linter contract checks it).
    "units",
    "partners",
    "programs",
    "agreements",
    "monitoring",
    "exchange",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sinergi.middleware.indonesian_unless_chosen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sinergi.urls"
WSGI_APPLICATION = "sinergi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "monitoring.context_processors.unread_notifications",
                # The admin's few inline <style>/<script> blocks carry this nonce.
                "django.template.context_processors.csp",
            ],
            # Template helpers every app uses ({% load text %}), kept on the ground floor with the other shared code.
            "libraries": {"text": "sinergi.text"},
        },
    },
]

# Our own field template (templates/django/forms/field.html) wins over Django's.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Sinergi's queries are short; PostgreSQL's JIT compiler spends more time than it saves on them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if os.environ.get("DATABASE_REPLICA_URL"):
    # A read replica for reporting pages (sinergi/db.py); tests read the primary through it.
    DATABASES["replica"] = {
        **dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=DATABASES["default"]["CONN_MAX_AGE"]),
        "OPTIONS": DATABASES["default"].get("OPTIONS", {}),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["sinergi.db.ReportingRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "units.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "units.lockout.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Repeated failed logins lock the account for the address they came from (so a guesser cannot lock a person
# out of every computer), until the cool-off ends or an administrator unlocks it in the admin. Successful and
# failed logins are kept and shown to administrators in the admin.
AXES_FAILURE_LIMIT = int(os.environ.get("SINERGI_LOGIN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
_lockout_minutes = int(os.environ.get("SINERGI_LOCKOUT_MINUTES", "30"))
# 0 minutes: locked until an administrator unlocks.
AXES_COOLOFF_TIME = datetime.timedelta(minutes=_lockout_minutes) if _lockout_minutes else None
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "units.lockout.locked_out"
AXES_CLIENT_IP_CALLABLE = "units.lockout.client_address"
# units/admin.py registers the login records with Sinergi's own rule: administrators only.
AXES_ENABLE_ADMIN = False
# How many reverse proxies stand in front of the app and append to X-Forwarded-For (0: none).
SINERGI_PROXY_COUNT = int(os.environ.get("SINERGI_PROXY_COUNT", "0"))

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# Offices share computers: a session lasts one working day at most and ends with the browser; logging out
# ends every session of the account (units/sessions.py).
SESSION_ENGINE = "units.sessions"
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Django's own Indonesian formats abbreviate months ("30 Des. 2024"); ours spell them out.
FORMAT_MODULE_PATH = ["sinergi.formats"]
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production WhiteNoise serves what collectstatic gathered, under hashed names. In development, and in the
# demo (scripts/start, DEBUG off), it serves the files where they lie: no collectstatic, no --insecure.
STATIC_FROM_SOURCE = env_bool("STATIC_FROM_SOURCE", DEBUG)
WHITENOISE_USE_FINDERS = STATIC_FROM_SOURCE
STORAGES = {
    # Uploads on local disk by default; several app servers share them through a shared disk or, with
    # MEDIA_STORAGE=s3, S3-compatible object storage (django-storages; docs/deploy.md).
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": os.environ.get("S3_BUCKET", ""),
                "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if os.environ.get("MEDIA_STORAGE") == "s3"
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_SOURCE
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded scans are never served directly: only through views that check access.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
SINERGI_MAX_UPLOAD_MB = int(os.environ.get("SINERGI_MAX_UPLOAD_MB", "20"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Domain settings.
SINERGI_ENDING_SOON_DAYS = int(os.environ.get("SINERGI_ENDING_SOON_DAYS", "90"))
SINERGI_DORMANT_DAYS = int(os.environ.get("SINERGI_DORMANT_DAYS", "90"))
# Figures covering at least this many agreements (Ditjenpas's, a large Kanwil's) are read from a snapshot the task
# worker recounts when it is older than SINERGI_FIGURES_MAX_AGE seconds; smaller sides are counted live
# (monitoring/snapshots.py).
SINERGI_FIGURES_LIVE_LIMIT = int(os.environ.get("SINERGI_FIGURES_LIVE_LIMIT", "50000"))
SINERGI_FIGURES_MAX_AGE = int(os.environ.get("SINERGI_FIGURES_MAX_AGE", "600"))
# Days before an agreement's last day in force at which its unit's head and operators are reminded.
SINERGI_REMINDER_DAYS = [int(day) for day in env_list("SINERGI_REMINDER_DAYS", "180,90,30,7")]
# Printed registers longer than this are made by the background worker instead of while the user waits.
SINERGI_REGISTER_INLINE_LIMIT = int(os.environ.get("SINERGI_REGISTER_INLINE_LIMIT", "200"))
# The most people of one group (narapidana, petugas…) one activity can have; more is a typing slip.
SINERGI_MAX_PARTICIPANTS = int(os.environ.get("SINERGI_MAX_PARTICIPANTS", "10000"))
# A register asked for again within this many minutes of the last identical one is that one, not a new job.
SINERGI_EXPORT_REUSE_MINUTES = int(os.environ.get("SINERGI_EXPORT_REUSE_MINUTES", "10"))
# A background export "being made" for longer than this lost its worker: it is tried again, at most
# SINERGI_EXPORT_MAX_ATTEMPTS times in all, then reported as failed.
SINERGI_EXPORT_TIMEOUT_MINUTES = int(os.environ.get("SINERGI_EXPORT_TIMEOUT_MINUTES", "10"))
SINERGI_EXPORT_MAX_ATTEMPTS = int(os.environ.get("SINERGI_EXPORT_MAX_ATTEMPTS", "3"))

# Imports: files up to this size are checked while the user waits; larger ones (thousands of rows) by the
# background worker, with a progress page.
SINERGI_IMPORT_INLINE_BYTES = int(os.environ.get("SINERGI_IMPORT_INLINE_BYTES", str(256 * 1024)))
SINERGI_IMPORT_INLINE_ROWS = int(os.environ.get("SINERGI_IMPORT_INLINE_ROWS", "500"))

# The read API (exchange/api): read-only, per-user tokens (revocable on the "Akses API" page), the same scope as
# the pages. The session lets a signed-in user try it on the documentation page.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "exchange.api.pagination.Pagination",
    "PAGE_SIZE": 25,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Sinergi API",
    "DESCRIPTION": "Read-only access to the agreements, partners, programs and activities a user may read.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    # Swagger UI's files come from the installed drf-spectacular-sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Without deep links an operation's path is plain text, not a link inside the button that opens it (axe:
    # nested-interactive; a screen reader could not reach it).
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
    # The deploy check would generate the schema and warn that filters with computed choices (years, catalogue
    # ids) are typed as strings, which the API accepts; tests/test_exchange_api.py generates and checks the schema.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Django 6.1 mailers. In development without EMAIL_HOST, and in the demo (EMAIL_CONSOLE=1, scripts/demo-env), mail
# is printed to the console; in production it goes to EMAIL_HOST, by default the intranet's local relay.
EMAIL_CONSOLE = env_bool("EMAIL_CONSOLE", DEBUG and not os.environ.get("EMAIL_HOST"))
if not EMAIL_CONSOLE:
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sinergi@localhost")

# Only our own files run or style a page: no inline scripts, styles or event handlers (static/js, static/css),
# nothing from other hosts. The nonce admits the admin's inline blocks.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # data: images are pictures only (no script runs from an <img>); Swagger UI's stylesheet draws its icons so.
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SILENCED_SYSTEM_CHECKS = []

# Served over HTTPS (production): redirect plain HTTP, cookies only over HTTPS, HSTS. On by default when DEBUG is
# off; the demo (scripts/start) runs with DEBUG off on plain http://127.0.0.1 and turns it off.
HTTPS = env_bool("HTTPS", not DEBUG)
if HTTPS:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    # Preloading puts the whole domain into the browsers' HTTPS-only list, hard to undo: the domain's owner
    # decides (SECURE_HSTS_PRELOAD=1), not the app. check --deploy's reminder about it is therefore silenced.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")

# Covering indexes (Index(include=...)) serve PostgreSQL, the production database; SQLite, the embedded
# development default, builds them without the extra columns, which is all it needs.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    SILENCED_SYSTEM_CHECKS.append("models.W040")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
