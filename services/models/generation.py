"""The data generation: a number per kind of public data, moved by every write."""

from django.db import connections, models


class GenerationQuerySet(models.QuerySet):
    def numbers(self):
        """{kind: number} for every kind, 0 for a kind never bumped (one small query).

        Plain SQL: every cached page pays for this query, and the ORM would triple its cost."""
        table = connections[self.db].ops.quote_name(Generation._meta.db_table)
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"SELECT kind, number FROM {table}")
            found = dict(cursor.fetchall())
        return {kind: found.get(kind, 0) for kind in Generation.Kind.values}


class Generation(models.Model):
    """How far the data behind one kind of answer has changed, for caches to key on.

    One row per kind, bumped by `actions.generation_bump` in the writer's own transaction: the
    UPDATE locks the row until the commit, so numbers follow the order of commits. A number is
    never reused, even after a database is restored from a backup: a bump sets it to at least
    the current time in microseconds.
    """

    class Kind(models.TextChoices):
        SEARCH = "search", "检索（名称、关键词、同义词）"
        PAGES = "pages", "页面与 API（全部公开数据）"

    kind = models.CharField("类别", max_length=16, choices=Kind.choices, primary_key=True)
    number = models.BigIntegerField("代数", default=0)
    changed_at = models.DateTimeField("变更时间", null=True, blank=True)

    objects = GenerationQuerySet.as_manager()

    class Meta:
        verbose_name = "数据代数"
        verbose_name_plural = "数据代数"

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"
