"""URL map: /page/, /write/, /ping/."""
from django.urls import path

from . import views

urlpatterns = [
    path("page/", views.page),
    path("write/", views.write),
    path("ping/", views.ping),
]
