"""Text messages through a pluggable backend, chosen by settings.HELP_SMS_BACKEND.

A backend is a class with `send_messages(messages) -> int`, each message a (phone, text)
pair. Two ship: ConsoleBackend (development: prints them, phone masked) and LocmemBackend
(tests: keeps them in `outbox`). A gateway's backend is written the same way, e.g. a class
that posts to the operator's HTTPS API, and named in the setting.
"""

import sys
import threading

from django.conf import settings
from django.utils.module_loading import import_string

from .privacy import mask_phone

DEFAULT = "services.help.sms.ConsoleBackend"
SIGNATURE = "【二七区人民帮办】"

outbox = []
_lock = threading.Lock()


def get_backend():
    return import_string(getattr(settings, "HELP_SMS_BACKEND", DEFAULT))()


def send(messages):
    """Send (phone, text) pairs that have a phone; returns how many were sent."""
    messages = [(phone, f"{SIGNATURE}{text}") for phone, text in messages if phone]
    return get_backend().send_messages(messages) if messages else 0


class ConsoleBackend:
    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send_messages(self, messages):
        for phone, text in messages:
            self.stream.write(f"短信 → {mask_phone(phone)}：{text}\n")
        self.stream.flush()
        return len(messages)


class LocmemBackend:
    def send_messages(self, messages):
        with _lock:
            outbox.extend(messages)
        return len(messages)
