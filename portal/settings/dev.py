"""Local development: debug on, a fixed insecure key, the embedded defaults."""

from .base import *  # noqa: F403
from .base import _env_bool

DEBUG = _env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-do-not-use-in-production"  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
