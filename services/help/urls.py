from django.contrib.auth import views as auth_views
from django.urls import path

from .forms import LoginForm
from .views import dashboard, public, work

app_name = "help"

urlpatterns = [
    path("", public.request_form, name="request"),
    path("track/", public.track, name="track"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="help/login.html",
            authentication_form=LoginForm,
            next_page="help:work",
            redirect_authenticated_user=True,
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(next_page="help:login"), name="logout"),
    path("work/", work.home, name="work"),
    path("work/queue/", work.queue, name="queue"),
    path("work/tasks/", work.tasks, name="tasks"),
    path("work/new/", work.new_request, name="new"),
    path("work/r/<str:number>/", work.detail, name="detail"),
    path("work/r/<str:number>/phone/", work.reveal_phone, name="phone"),
    path("work/r/<str:number>/<str:action>/", work.act, name="act"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
]
