"""The everyday words that search expands (生孩子 → 生育 出生), edited by staff."""

from django.db import models
from simple_history.models import HistoricalRecords


class Synonym(models.Model):
    """An everyday word and the catalogue words it stands for, edited by staff."""

    term = models.CharField(
        "群众说法", max_length=32, unique=True, help_text="如 生孩子、丢了、开饭馆"
    )
    expansions = models.CharField(
        "对应的规范用词",
        max_length=400,
        help_text="用空格或逗号分隔，如“生育 出生”",
    )
    note = models.CharField("备注", max_length=200, blank=True)

    history = HistoricalRecords(verbose_name="同义词历史")

    class Meta:
        verbose_name = "同义词"
        verbose_name_plural = "同义词"
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} → {self.expansions}"
