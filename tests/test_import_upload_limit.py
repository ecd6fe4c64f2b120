"""An upload over the limit is refused as it arrives, with a Chinese message, and never kept:
when its Content-Length says so, before any of the file is read; otherwise at the limit."""

import pytest
from django.core.files.uploadhandler import StopUpload
from django.urls import reverse

from services.models import Matter
from services.roles import DATA_OFFICE
from services.uploads import LimitedUploadHandler
from tests import factories
from tests.data.sample_catalogue import csv_bytes, row

pytestmark = pytest.mark.django_db

IMPORT = reverse("admin:services_matter_import")
MB = 1024 * 1024


@pytest.fixture
def office(client, settings):
    settings.UPLOAD_MAX_BYTES = 1 * MB
    client.force_login(factories.staff_user(DATA_OFFICE))
    return client


def csv_file(tmp_path, size):
    """A valid catalogue CSV of about `size` bytes: rows of 3,000 characters of conditions."""
    rows, data = [], csv_bytes([])
    while len(data) < size - 10_000:
        rows.append(row(code=f"MZ-{len(rows)}", conditions="条" * 3000))
        data = csv_bytes(rows)
    path = tmp_path / "big.csv"
    path.write_bytes(data)
    return path


def post(client, path):
    with open(path, "rb") as f:
        return client.post(IMPORT, {"file": f})


def test_a_file_declared_over_the_limit_is_refused_with_a_message(tmp_path, office):
    response = post(office, csv_file(tmp_path, 3 * MB))
    assert response.status_code == 200
    assert "文件超过 1 MB，请分批导入。" in response.content.decode()
    assert not Matter.objects.exists()


def test_a_file_just_over_the_limit_is_dropped_as_it_streams_in(tmp_path, office):
    # Within the multipart envelope's allowance, so only the streamed size tells.
    response = post(office, csv_file(tmp_path, MB + 20_000))
    assert response.status_code == 200
    assert "文件超过 1 MB，请分批导入。" in response.content.decode()


def test_a_file_under_the_limit_is_read(tmp_path, office):
    factories.department(name="区民政局")
    response = post(office, csv_file(tmp_path, MB - 20_000))
    assert response.status_code == 200
    assert "文件超过" not in response.content.decode()
    assert "plan" in response.context


def test_nothing_of_a_file_declared_too_large_is_read(rf, settings):
    settings.UPLOAD_MAX_BYTES = MB
    request = rf.post(IMPORT)
    handler = LimitedUploadHandler(request)
    handler.handle_raw_input(None, request.META, 50 * MB, b"boundary")
    with pytest.raises(StopUpload) as stopped:
        handler.new_file("file", "big.csv", "text/csv", None)
    assert stopped.value.connection_reset  # the rest of the body is not even read
    assert request.upload_too_large
