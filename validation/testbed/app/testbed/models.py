"""The one table: articles, listed newest first through the index on `published`."""
from django.db import models


class Article(models.Model):
    """A row of about 400 bytes; `published` is indexed so the page's ORDER BY … LIMIT 20 reads 20 rows."""

    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)
    body = models.TextField()
    score = models.IntegerField(default=0)
    published = models.DateTimeField(db_index=True)
