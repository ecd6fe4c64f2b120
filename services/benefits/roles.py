"""Benefit rules are the district data office's: its group gets every permission on them
(through services.roles.grant). Other roles read the rules on the public site."""

from services.roles import DATA_OFFICE, grant


def grant_roles():
    grant(DATA_OFFICE, "benefits")
