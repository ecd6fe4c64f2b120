"""Staff: who maintains which department or venue (the roles themselves are in roles.py)."""

from django.conf import settings
from django.db import models

from .catalogue import Department
from .network import Venue


class StaffProfile(models.Model):
    """Ties a staff member to the department or venue they maintain (set by the data office)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="用户",
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    department = models.ForeignKey(
        Department, verbose_name="所属部门", on_delete=models.SET_NULL, null=True, blank=True
    )
    venue = models.ForeignKey(
        Venue, verbose_name="所属场所", on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = "工作人员归属"
        verbose_name_plural = "工作人员归属"

    def __str__(self):
        return str(self.user)
