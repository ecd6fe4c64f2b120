"""Masking of personal data outside the roles that need it (roles.may_see_full)."""

import re

PHONE = re.compile(r"^1[3-9]\d{9}$")


def mask_phone(phone):
    """138****5678: enough to recognise one's own number, not enough to call it."""
    if not phone:
        return ""
    if len(phone) < 7:
        return "*" * len(phone)
    return f"{phone[:3]}****{phone[-4:]}"


def mask_name(name):
    """张** : the family name only."""
    return f"{name[0]}{'*' * max(len(name) - 1, 1)}" if name else ""


def mask_address(address):
    return "（已隐藏）" if address else ""
