from django.db import models
from django.utils import timezone


class SearchQuerySet(models.QuerySet):
    def between(self, start=None, end=None):
        """Searches made on or after the date `start` and on or before the date `end`."""
        found = self
        if start:
            found = found.filter(searched_at__date__gte=start)
        if end:
            found = found.filter(searched_at__date__lte=end)
        return found

    def zero_results(self):
        return self.filter(results=0)

    def older_than(self, days):
        return self.filter(searched_at__lt=timezone.now() - timezone.timedelta(days=days))


class SearchQuery(models.Model):
    """One public search: what was asked (normalised, long digit runs masked) and how many
    matters it found. Nothing about who searched: no address, cookie or user."""

    query = models.CharField("查询词", max_length=100, db_index=True)
    results = models.PositiveIntegerField("结果数")
    searched_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    objects = SearchQuerySet.as_manager()

    class Meta:
        verbose_name = "搜索记录"
        verbose_name_plural = "搜索记录"
        ordering = ["-searched_at"]

    def __str__(self):
        return self.query


class OpenQuerySet(models.QuerySet):
    def between(self, start=None, end=None):
        found = self
        if start:
            found = found.filter(opened_at__date__gte=start)
        if end:
            found = found.filter(opened_at__date__lte=end)
        return found

    def older_than(self, days):
        return self.filter(opened_at__lt=timezone.now() - timezone.timedelta(days=days))


class SearchOpen(models.Model):
    """A result opened from a search's result list (through the result link, which carries
    the query), and its place in the list."""

    query = models.CharField("查询词", max_length=100, db_index=True)
    matter_code = models.CharField("事项编码", max_length=64)
    position = models.PositiveIntegerField("结果中的位置")
    opened_at = models.DateTimeField("时间", default=timezone.now, db_index=True)

    objects = OpenQuerySet.as_manager()

    class Meta:
        verbose_name = "结果点击"
        verbose_name_plural = "结果点击"
        ordering = ["-opened_at"]

    def __str__(self):
        return f"{self.query} → {self.matter_code}"
