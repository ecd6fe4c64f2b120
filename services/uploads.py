"""Uploads larger than settings.UPLOAD_MAX_BYTES are refused while they arrive, never stored.

The first upload handler (settings.FILE_UPLOAD_HANDLERS): a request whose Content-Length is
already over the limit has its file skipped before any of it is read; a file that turns out
larger while it streams in is dropped at the limit. Either way the request is marked
(`request.upload_too_large`) so that the view can say why, and the form's other fields (the
CSRF token comes first) are kept. The web server in front should refuse such bodies even
earlier (see the README).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

# What a multipart body adds around the file itself: boundaries, headers, the CSRF token.
ENVELOPE = 64 * 1024


def upload_limit():
    return getattr(settings, "UPLOAD_MAX_BYTES", 10 * 1024 * 1024)


class LimitedUploadHandler(FileUploadHandler):
    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.declared_too_large = (content_length or 0) > upload_limit() + ENVELOPE

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        if self.declared_too_large:
            self._refuse(connection_reset=True)  # nothing of the file is read

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > upload_limit():
            # The rest of the body is read and thrown away chunk by chunk, never kept.
            self._refuse(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handlers (memory, then temporary file) keep the file

    def _refuse(self, *, connection_reset):
        if self.request is not None:
            self.request.upload_too_large = True
        raise StopUpload(connection_reset=connection_reset)
