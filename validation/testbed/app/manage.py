#!/usr/bin/python3
"""Django's command line for the testbed app (`manage.py migrate --run-syncdb`, `manage.py load_articles`)."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "testbed.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
