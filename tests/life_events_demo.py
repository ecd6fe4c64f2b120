"""The 11 life events of ../shared/catalogue/life-events.tsv by name, for search tests: the
life-situation clues are data keyed on these names (services/search/data/life_events/)."""

from tests import factories as f

PERSON = ["新生儿出生一件事", "入学前一件事", "婚育一件事", "退休一件事", "身后一件事", "残疾人服务一件事", "军人退役一件事"]  # fmt: skip
ENTERPRISE = ["开办餐饮店一件事", "企业信息变更一件事", "企业注销一件事", "个体工商户转型为企业一件事"]  # fmt: skip


def life_events():
    """{name: LifeEvent} for all 11, codes LE01 …"""
    events = {}
    for i, name in enumerate(PERSON + ENTERPRISE, start=1):
        audience = "person" if name in PERSON else "enterprise"
        events[name] = f.life_event(code=f"LE{i:02d}", name=name, audience=audience, position=i)
    return events
