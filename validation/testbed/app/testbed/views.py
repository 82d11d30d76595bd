"""Three views: a page (one indexed 20-row query and a template), a write (one INSERT) and a ping (no database)."""
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from .models import Article

PAGE_SIZE = 20


@require_GET
def page(request):
    """The 20 newest articles: SELECT … ORDER BY published DESC LIMIT 20, rendered to a few KB of HTML."""
    articles = list(Article.objects.order_by("-published")[:PAGE_SIZE])
    return render(request, "testbed/page.html", {"articles": articles})


@csrf_exempt  # the load generator posts without first fetching a CSRF token
@require_POST
def write(request):
    """Inserts one article from the form fields `title` and `body`; answers 201 with its id."""
    title = request.POST.get("title", "")
    body = request.POST.get("body", "")
    if not title or len(title) > 200:
        return HttpResponseBadRequest("title: 1 to 200 characters\n")
    article = Article.objects.create(
        title=title, author="wrk", body=body, score=0, published=timezone.now()
    )
    return HttpResponse(f"{article.pk}\n", status=201, content_type="text/plain")


@require_GET
def ping(request):
    """Django's request path alone: no database, no template."""
    return HttpResponse("pong\n", content_type="text/plain")
