"""On the demo catalogue, everyday phrasings that are not in the benchmark's dev set find the
right matter among the first three (the dev set is only a sample of how residents ask)."""

from django.test import TestCase

from services.models import Matter

PHRASINGS = [
    ("补办身份证", "居民身份证补领"),
    ("身份证过期了", "居民身份证换领"),
    ("生小孩", "生育登记"),
    ("新生儿落户", "出生登记"),
    ("开餐馆", "食品经营许可"),
    ("开个体户", "个体工商户设立登记"),
    ("注册公司", "公司设立登记"),
    ("营业执照丢了", "营业执照补领"),
    ("医保转移", "基本医疗保险关系转移接续"),
    ("外地看病", "异地就医备案"),
    ("医药费报销", "医疗费用手工报销"),
    ("领失业金", "失业保险金申领"),
    ("补结婚证", "补领婚姻登记证"),
    ("五保户", "特困人员认定"),
    ("老年证", "老年人优待证办理"),
    ("高龄补贴", "80周岁以上老年人高龄津贴发放"),
    ("残疾补贴", "困难残疾人生活补贴和重度残疾人护理补贴申请"),
    ("小孩上学", "义务教育阶段入学报名"),
    ("个税退税", "个人所得税综合所得汇算清缴"),
    ("无犯罪证明", "无犯罪记录证明开具"),
    ("暂住证", "居住证申领"),
    ("找律师", "法律援助申请"),
    ("juzhuzheng", "居住证申领"),
    ("身份正丢了", "居民身份证补领"),
    ("結婚登記", "内地居民结婚登记"),
]


class DemoSearchTests(TestCase):
    fixtures = ["erqi"]

    def test_everyday_phrasings_find_the_right_matter_among_the_first_three(self):
        for query, expected in PHRASINGS:
            with self.subTest(query=query):
                first = list(Matter.objects.search(query).values_list("name", flat=True)[:3])
                self.assertIn(expected, first)
