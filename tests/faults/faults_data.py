"""The small catalogue the fault tests serve (run in a process of its own, on their cluster):
`python manage.py shell -c "from faults_data import build; build()"` with tests/faults on the path."""

from tests import factories


def build():
    centre = factories.venue(code="V0001", name="测试政务服务中心")
    factories.weekday_hours(centre)
    for n, name in enumerate(["测试事项甲证明", "测试事项乙登记", "测试事项丙备案"], start=1):
        matter = factories.matter(code=f"M{n:06d}", name=name, keywords="测试")
        factories.handling(matter, centre)
