"""Chinese vocational specialties (专业) and the ISCED-F 2013 fields of study
they fall in, for the imports that read a programme's specialties as a
register publishes them (``ministry.register``).

A specialty is found, in this order, by:

1. an ISCED-F code (``0714``; ``714`` as a spreadsheet keeps it);
2. the name of a field of study in any of the site's languages
   (电子与自动化, Electronics and automation);
3. a specialty of the national catalogue listed in ``data/specialties.csv``
   (数控技术 → 0715), by its Chinese or English name;
4. a word of its name (汽车运用与维修技术 → 汽车 → 0716), the longest word that
   fits: catalogues rename specialties often, their words stay.
"""

import csv
import re

from django.conf import settings

from modeltranslation.utils import build_localized_fieldname

from programmes.models import FieldOfStudy, school_name_key
from programmes.reference_data import DATA_DIR

# Words of specialty names and the detailed field they point to. The longest
# word contained in a name wins: 电子商务 (0416) before 电子 (0714).
SPECIALTY_WORDS = {
    "0112": ["学前教育", "preschool", "early childhood"],
    "0111": ["教育"],
    "0211": ["摄影", "影视", "动漫", "传媒", "media production"],
    "0212": ["设计", "design"],
    "0213": ["美术", "fine arts"],
    "0214": ["工艺美术", "陶瓷", "刺绣", "handicraft"],
    "0215": ["音乐", "舞蹈", "表演", "music"],
    "0231": ["汉语", "中文", "英语", "外语", "语言", "chinese language", "language"],
    "0411": ["会计", "财务", "审计", "税务", "accounting"],
    "0412": ["金融", "保险", "银行", "finance", "banking"],
    "0413": ["管理", "物流", "management", "logistics"],
    "0414": ["营销", "广告", "marketing"],
    "0415": ["文秘", "secretarial"],
    "0416": ["电子商务", "贸易", "商务", "商贸", "零售", "连锁经营", "e-commerce", "trade", "retail"],
    "0421": ["法律", "law"],
    "0532": ["测绘", "测量", "地质", "surveying"],
    "0542": ["统计", "statistics"],
    "0611": ["计算机应用", "办公自动化"],
    "0612": ["网络", "物联网", "云计算", "数据库", "network", "internet of things", "cloud"],
    "0613": ["软件", "计算机", "大数据", "人工智能", "信息技术", "区块链", "software", "computer", "big data"],
    "0711": ["化工", "chemical"],
    "0712": ["环境", "环保", "environmental"],
    "0713": ["新能源", "光伏", "风力", "风电", "发电", "电力", "供用电", "能源", "photovoltaic", "energy", "power"],
    "0714": [
        "机电",
        "电气",
        "自动化",
        "电子",
        "通信",
        "机器人",
        "智能控制",
        "铁道信号",
        "mechatronic",
        "electrical",
        "automation",
        "electronic",
        "robot",
        "communication",
    ],
    "0715": [
        "数控",
        "模具",
        "机械",
        "焊接",
        "机床",
        "冶金",
        "铸造",
        "制造",
        "cnc",
        "machining",
        "welding",
        "mould",
        "mechanical",
        "manufacturing",
    ],
    "0716": [
        "汽车",
        "车辆",
        "动车",
        "机车",
        "船舶",
        "轮机",
        "飞机",
        "飞行器",
        "航空",
        "无人机",
        "automotive",
        "vehicle",
        "aircraft",
        "ship",
    ],
    "0721": ["食品", "food"],
    "0722": ["材料", "materials"],
    "0723": ["服装", "纺织", "鞋", "textile", "clothing", "footwear"],
    "0724": ["采矿", "矿", "石油", "mining"],
    "0731": ["城乡规划", "建筑设计", "architecture"],
    "0732": [
        "建筑",
        "土木",
        "工程造价",
        "道路",
        "桥梁",
        "隧道",
        "水利",
        "铁道工程",
        "construction",
        "civil engineering",
    ],
    "0811": ["农业", "作物", "种植", "畜牧", "茶", "agricultur"],
    "0812": ["园艺", "园林", "horticulture"],
    "0821": ["林业", "forestry"],
    "0831": ["水产", "渔业", "fisheries"],
    "0841": ["兽医", "动物医学", "veterinary"],
    "0911": ["口腔", "dental"],
    "0912": ["临床医学", "medicine"],
    "0913": ["护理", "助产", "nursing", "midwifery"],
    "0914": ["医学影像", "医学检验", "医学技术"],
    "0915": ["康复", "rehabilitation"],
    "0916": ["药学", "药品经营", "药物制剂", "pharmac"],
    "0917": ["中医", "中药", "针灸", "推拿", "traditional chinese medicine"],
    "0921": ["老年", "养老", "elderly"],
    "0922": ["婴幼儿", "早期教育", "child care"],
    "1012": ["美容", "美发", "化妆", "beauty"],
    "1013": ["酒店", "烹饪", "烹调", "餐饮", "西餐", "中餐", "hotel", "culinary", "cooking", "catering"],
    "1014": ["体育", "运动", "sport"],
    "1015": ["旅游", "导游", "休闲", "tourism", "tourist"],
    "1022": ["安全", "safety"],
    "1032": ["消防", "安保", "security"],
    "1041": ["航海", "港口", "运输", "交通运营", "navigation", "transport"],
}


def specialty_key(name):
    """A specialty's name as a matching key: as a school's name, case folded,
    without spaces."""
    return school_name_key(name)


def catalogue_specialties():
    """``[(Chinese name, English name, ISCED-F code)]`` of ``data/specialties.csv``."""
    with open(DATA_DIR / "specialties.csv", encoding="utf-8", newline="") as handle:
        return [(row["name_zh"], row["name_en"], row["isced_f"]) for row in csv.DictReader(handle)]


class SpecialtyIndex:
    """Every way of naming a field of study, for matching a register's
    specialties in one query."""

    def __init__(self):
        names = [build_localized_fieldname("name", code) for code, _label in settings.LANGUAGES]
        self.fields = {}  # pk → FieldOfStudy
        self.by_code = {}
        self.by_name = {}
        for field in FieldOfStudy.objects.only("pk", "code", "name", *names):
            self.fields[field.pk] = field
            self.by_code[field.code] = field.pk
            for name in names:
                key = specialty_key(getattr(field, name))
                if key:
                    self.by_name.setdefault(key, field.pk)
        self.by_specialty = {}
        for name_zh, name_en, code in catalogue_specialties():
            if code in self.by_code:
                for name in (name_zh, name_en):
                    self.by_specialty.setdefault(specialty_key(name), self.by_code[code])
        self.words = sorted(
            (
                (specialty_key(word), self.by_code[code])
                for code, words in SPECIALTY_WORDS.items()
                if code in self.by_code
                for word in words
            ),
            key=lambda item: -len(item[0]),
        )

    def match(self, text):
        """``(field of study id, how, word)`` for a specialty as written, or
        ``None``: ``how`` is "code", "name", "specialty" or "word" (then
        ``word`` is the word that decided)."""
        key = specialty_key(text)
        if not key:
            return None
        # A code, alone or before the field's name; a spreadsheet drops its leading 0.
        digits = re.match(r"\d{2,4}", key)
        if digits:
            for candidate in (digits.group(), "0" + digits.group()):
                if candidate in self.by_code:
                    return self.by_code[candidate], "code", ""
        if key in self.by_name:
            return self.by_name[key], "name", ""
        if key in self.by_specialty:
            return self.by_specialty[key], "specialty", ""
        for word, pk in self.words:
            if word in key:
                return pk, "word", word
        return None

    def label(self, pk):
        """A field's code and name in the active language, for the preview."""
        field = self.fields[pk]
        return f"{field.code} {field.name}"
