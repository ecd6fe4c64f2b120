"""Uploaded images are checked by content (JPEG/PNG/WebP, ≤ 2 MB, ≤ 4000 px) and stored as media
files under a random name with the real format's extension."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from services.outreach.models import Policy
from services.roles import DATA_OFFICE
from tests import benefit_factories, factories

pytestmark = pytest.mark.django_db


def picture(kind="PNG", size=(40, 30), name="poster.png"):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def checked(upload):
    policy = benefit_factories.policy()
    policy.poster = upload
    policy.poster_alt = "流程图"
    policy.full_clean()
    return policy


def test_a_png_is_accepted():
    checked(picture())


@pytest.mark.parametrize(
    "upload, says",
    [
        (SimpleUploadedFile("x.png", b"<script>alert(1)</script>"), "不是可以识别的图片"),
        (picture("GIF", name="x.gif"), "不支持 GIF"),
        (picture(size=(4100, 10)), "不能超过 4000 像素"),
    ],
)
def test_what_is_not_an_allowed_image_is_refused(upload, says):
    with pytest.raises(ValidationError) as error:
        checked(upload)
    assert says in str(error.value)


def test_a_file_over_the_size_limit_is_refused(settings):
    settings.POLICY_IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError) as error:
        checked(picture())
    assert "不能超过" in str(error.value)


def test_a_poster_needs_a_description():
    policy = benefit_factories.policy()
    policy.poster = picture()
    with pytest.raises(ValidationError) as error:
        policy.full_clean()
    assert "poster_alt" in error.value.message_dict


def test_the_admin_stores_an_upload_under_a_random_name_with_the_real_extension(client, media):
    client.force_login(factories.staff_user(DATA_OFFICE))
    department = factories.department()
    response = client.post(
        "/admin/outreach/policy/add/",
        {
            "title": "社保权益单自助打印",
            "published_on": "2026-05-01",
            "department": department.pk,
            "summary": "在自助机上打印。",
            "body": "正文",
            "poster": picture(kind="JPEG", name="我的 海报.JPEG"),
            "poster_alt": "自助机",
            "published": "on",
            "images-TOTAL_FORMS": "0",
            "images-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, [str(e) for e in response.context["errors"]]
    stored = Policy.objects.get().poster
    assert stored.name.startswith("policies/") and stored.name.endswith(".jpg")
    assert "海报" not in stored.name
    assert (media / stored.name).exists()
