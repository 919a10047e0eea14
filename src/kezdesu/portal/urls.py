from django.urls import path

from kezdesu.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("about/data/", views.about_data, name="about_data"),
]
