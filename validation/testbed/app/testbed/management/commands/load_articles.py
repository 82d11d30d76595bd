"""`manage.py load_articles --rows N`: fills the table with N articles in one INSERT … SELECT, then ANALYZE."""
from django.core.management.base import BaseCommand
from django.db import connection

from testbed.models import Article


class Command(BaseCommand):
    help = "Loads N synthetic articles (idempotent: does nothing if the table already has N rows or more)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)

    def handle(self, *args, rows, **options):
        if rows < 1:
            raise ValueError(f"--rows must be >= 1, was {rows}")
        have = Article.objects.count()
        if have >= rows:
            self.stdout.write(f"load_articles: {have} rows already, nothing to do")
            return
        table = Article._meta.db_table
        # Generated in the database: 100k rows in a second or two instead of minutes through the ORM.
        # Publication times one minute apart, so the 20 newest are a real index range scan.
        with connection.cursor() as cursor:
            cursor.execute(
                f"""
                INSERT INTO {table} (title, author, body, score, published)
                SELECT 'Article number ' || g || ': notes on capacity',
                       'author' || (g %% 97),
                       repeat('Lorem ipsum dolor sit amet, consectetur adipiscing elit. ', 6) || g,
                       (g * 7919) %% 1000,
                       timestamp with time zone '2026-01-01 00:00:00+00' + g * interval '1 minute'
                FROM generate_series(%s, %s) AS g
                """,
                [have + 1, rows],
            )
            cursor.execute(f"ANALYZE {table}")
        self.stdout.write(f"load_articles: {rows - have} rows inserted, {rows} in all")
