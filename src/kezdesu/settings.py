"""Kezdesu settings: one module, every value read from the environment with a safe default.

The defaults run the embedded demo on a bare machine: SQLite, no Redis, Celery eager,
mail printed to the console. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and SITE_URL.

SITE_URL is the site's public address (e.g. https://kezdesu.example.kz): links built without a request — mail
sent by background tasks, documents, press releases — start with it. Pages link to the host they are asked
under (checked against ALLOWED_HOSTS; behind a reverse proxy, KEZDESU_BEHIND_PROXY=true also trusts its
X-Forwarded-Host, and X-Forwarded-Proto tells https). `manage.py check` warns when DEBUG is off and SITE_URL is
still the loopback default or not https (kezdesu.core.checks).
"""

import os
import re
import secrets
from pathlib import Path

import environ
from celery.schedules import crontab

SRC_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = SRC_DIR.parent
VAR_DIR = Path(environ.Env().str("KEZDESU_VAR_DIR", default=str(REPO_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()


def _default_secret_key() -> str:
    """A random key kept in var/ so that sessions survive a restart of the demo."""
    path = VAR_DIR / "secret_key"
    if not path.exists():  # written whole, then linked: processes starting together (test workers) agree on one key
        draft = path.with_name(f".secret_key.{os.getpid()}")
        draft.write_text(secrets.token_urlsafe(50))
        draft.chmod(0o600)
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="") or _default_secret_key()
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'kezdesu.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
# Parallel test workers (pytest-xdist: gw0, gw1...) each get their own Redis database, as they get their own
# test database.
_TEST_WORKER = env.str("PYTEST_XDIST_WORKER", default="")
if REDIS_URL and re.fullmatch(r"gw\d+", _TEST_WORKER):
    REDIS_URL = re.sub(r"(/\d*)?$", f"/{int(_TEST_WORKER[2:]) + 1}", REDIS_URL, count=1)

INSTALLED_APPS = [
    "modeltranslation",  # must precede the admin so translated fields appear there
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "kezdesu.core",
    "kezdesu.organisations",
    "kezdesu.regulations",
    "kezdesu.planning",
    "kezdesu.meetings",
    "kezdesu.questions",
    "kezdesu.followup",
    "kezdesu.subscriptions",
    "kezdesu.reports",
    "kezdesu.office",
    "kezdesu.portal",
    "kezdesu.api",
    "kezdesu.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "kezdesu.urls"
WSGI_APPLICATION = "kezdesu.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "kezdesu" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kezdesu.core.context_processors.site",
            ],
        },
    },
]

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "office:login"
LOGIN_REDIRECT_URL = "office:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Languages: Kazakh is the state language and the default; Russian and English follow.
LANGUAGE_CODE = "kk"
LANGUAGES = [("kk", "Қазақша"), ("ru", "Русский"), ("en", "English")]
LOCALE_PATHS = [SRC_DIR / "kezdesu" / "locale"]
FORMAT_MODULE_PATH = ["kezdesu.formats"]  # Kazakh date formats (Django ships none)
USE_I18N = True
TIME_ZONE = "Asia/Almaty"
USE_TZ = True
MODELTRANSLATION_DEFAULT_LANGUAGE = "kk"
MODELTRANSLATION_LANGUAGES = ("kk", "ru", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("kk", "ru", "en")}

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise scans it at start-up, before any collectstatic
STATICFILES_DIRS = [SRC_DIR / "kezdesu" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Background work. Without a broker, tasks run eagerly in the calling process.
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"  # never used while eager; a host keeps kombu quiet
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "send-deadline-reminders": {
        "task": "kezdesu.regulations.tasks.task_send_deadline_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
    "delete-unconfirmed-subscriptions": {
        "task": "kezdesu.subscriptions.tasks.task_delete_unconfirmed_subscriptions",
        "schedule": crontab(hour=3, minute=40),
    },
    "erase-reception-personal-data": {
        "task": "kezdesu.meetings.tasks.task_erase_reception_personal_data",
        "schedule": crontab(hour=3, minute=30),
    },
    "remind-visits-to-close": {
        "task": "kezdesu.meetings.tasks.task_remind_visits_to_close",
        "schedule": crontab(hour=7, minute=10),
    },
    "notify-overdue-measures": {
        "task": "kezdesu.followup.tasks.task_notify_overdue_measures",
        "schedule": crontab(hour=7, minute=15),
    },
    "notify-overdue-instructions": {
        "task": "kezdesu.reports.tasks.task_notify_overdue_instructions",
        "schedule": crontab(hour=7, minute=20),
    },
    # After the morning's reminders, so that they go in the same digest (core/domain/digest.py).
    "send-notification-digests": {
        "task": "kezdesu.core.tasks.task_send_notification_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    # The live page's queued questions (questions/domain/live_queue.py); the intake also starts the drain.
    "drain-live-questions": {"task": "kezdesu.questions.tasks.task_drain_live_questions", "schedule": 5.0},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Kezdesu <noreply@kezdesu.kz>")

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.BasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.LimitOffsetPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kezdesu API",
    "DESCRIPTION": (
        "Open data and integrations for the meetings of the heads of central executive bodies with the population."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Choice sets whose field names repeat across the API get names of their own.
    "ENUM_NAME_OVERRIDES": {
        "QuestionChannelEnum": "kezdesu.questions.models.Channel",
        "ScheduleVersionStatusEnum": "kezdesu.planning.models.ScheduleVersion.Status",
        "OrganisationKindEnum": "kezdesu.organisations.models.Organisation.Kind",
        "IssueEventKindEnum": "kezdesu.followup.models.IssueEvent.Kind",
        "ProblemIssueStatusEnum": "kezdesu.followup.models.ProblemIssue.Status",
        "MeasureStatusEnum": "kezdesu.followup.models.MeasureStatus",
        "VisitPartOutcomeEnum": "kezdesu.meetings.models.VisitPart.Outcome",
        "QuestionOutcomeEnum": "kezdesu.questions.models.Outcome",
        "RecordedPartOutcomeEnum": ["took_place", "not_held"],
    },
}

# Production hardening; `manage.py check --deploy` is clean with DEBUG off.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG and SECURE_SSL_REDIRECT)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=SECURE_HSTS_SECONDS >= 31536000)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Reminders: how many days before a deadline the debtor is reminded (S5).
KEZDESU_REMINDER_DAYS = (7, 3, 1)

# The draft schedule warns when more first heads than this visit one region on one day (issue 3).
KEZDESU_MAX_MINISTERS_PER_REGION_DAY = env.int("KEZDESU_MAX_MINISTERS_PER_REGION_DAY", default=1)

# The vote on a visit's date (R9): votes one network address may cast per visit (shared Wi-Fi and NAT
# put many residents behind one address), attempts per address per minute, and whether the app runs
# behind a reverse proxy whose X-Forwarded-For may be trusted for the client's address.
KEZDESU_DATE_VOTES_PER_NETWORK = env.int("KEZDESU_DATE_VOTES_PER_NETWORK", default=30)
KEZDESU_DATE_VOTE_ATTEMPTS_PER_MINUTE = env.int("KEZDESU_DATE_VOTE_ATTEMPTS_PER_MINUTE", default=10)
KEZDESU_BEHIND_PROXY = env.bool("KEZDESU_BEHIND_PROXY", default=False)
# Behind the proxy, the host a page was asked under comes from it (still checked against ALLOWED_HOSTS).
USE_X_FORWARDED_HOST = KEZDESU_BEHIND_PROXY
# S4: a reception booking's personal data is kept this many days after the reception, then erased.
KEZDESU_RECEPTION_RETENTION_DAYS = env.int("KEZDESU_RECEPTION_RETENTION_DAYS", default=90)
# The public live page of a meeting (issue 5): votes for one question from one address (a hall's Wi-Fi
# puts many people behind one), vote attempts and live questions per address and minute.
KEZDESU_LIVE_VOTES_PER_NETWORK = env.int("KEZDESU_LIVE_VOTES_PER_NETWORK", default=50)
KEZDESU_LIVE_VOTE_ATTEMPTS_PER_MINUTE = env.int("KEZDESU_LIVE_VOTE_ATTEMPTS_PER_MINUTE", default=60)
KEZDESU_LIVE_QUESTIONS_PER_MINUTE = env.int("KEZDESU_LIVE_QUESTIONS_PER_MINUTE", default=20)
