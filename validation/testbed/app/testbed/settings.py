"""Settings of the testbed app: one app, PostgreSQL over TCP on loopback, everything else Django's defaults.

The database's host, port and name come from the environment (`run` chooses the port at run time);
CONN_MAX_AGE too, because persistent connections (60) against one connection per request (0) is one
of the comparisons the testbed exists to measure.
"""
import os

_conn_max_age = os.environ.get("CONN_MAX_AGE", "0")
if _conn_max_age not in ("0", "60"):
    raise RuntimeError(f"CONN_MAX_AGE must be 0 or 60, was {_conn_max_age!r}")

# Not a secret: the testbed binds 127.0.0.1 only and stores nothing of value.
SECRET_KEY = "stagesim-testbed-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = ["testbed"]
# The usual stack of a small site, less sessions and auth (the views use neither). CSRF is on: the
# write view is exempted with @csrf_exempt because the load generator cannot fetch a token first.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
ROOT_URLCONF = "testbed.urls"
WSGI_APPLICATION = "testbed.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("TESTBED_DB_NAME", "testbed"),
        "USER": os.environ.get("TESTBED_DB_USER", "postgres"),
        "HOST": os.environ.get("TESTBED_DB_HOST", "127.0.0.1"),
        "PORT": os.environ.get("TESTBED_DB_PORT", "5432"),
        "CONN_MAX_AGE": int(_conn_max_age),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False
LOGGING = {"version": 1, "disable_existing_loggers": False}
