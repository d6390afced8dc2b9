"""More starter synonyms, now that a group can be one-way.

- **Words of specialty names in every language** (技术 technology, 管理
  management, 维修 maintenance …): a programme a school published only in
  Chinese is found by a partner searching its specialty in English, French or
  Russian, word by word ("Automobile Inspection and Maintenance Technology"
  finds 汽车检测与维修技术).
- **Broader terms** (one-way groups, the broader term first): a search for
  agriculture finds tea and crop programmes, a search for Chinese cuisine
  finds Sichuan cuisine, a search for renewable energy finds photovoltaic and
  wind power; never the other way.
- Renewable energy is taken out of the "new energy" starter group into its
  own: 新能源 also names new energy vehicles, which a search for énergies
  renouvelables does not want. An editor's changed group is left as it is.

Migrating back removes only these groups (when unchanged) and restores the
starter "new energy" group."""

from django.db import migrations

# (terms, one way, note)
WORD_GROUPS = [
    ("技术\ntechnology\ntechnologie\ntecnología\nтехнология\nтехнологии\nتكنولوجيا\nتقنية", "technology"),
    ("管理\nmanagement\ngestion\ngestión\nуправление\nменеджмент\nإدارة", "management"),
    (
        "培训\n研修\ntraining\nformation\nformación\ncapacitación\nобучение\nподготовка\nتدريب",
        "training",
    ),
    (
        "维修\n检修\n维护\nmaintenance\nrepair\nservicing\nentretien\nréparation\nmantenimiento\nreparación\nремонт\n"
        "техническое обслуживание\nصيانة\nإصلاح",
        "maintenance",
    ),
    ("检测\n检验\ninspection\ntesting\ninspección\nдиагностика\nفحص", "inspection"),
    ("工程\nengineering\ningénierie\ngénie\ningeniería\nинженерия\nهندسة", "engineering"),
    ("设计\ndesign\nconception\ndiseño\nдизайн\nпроектирование\nتصميم", "design"),
    ("制造\nmanufacturing\nmanufacture\nfabrication\nfabricación\nmanufactura\nизготовление\nتصنيع", "manufacturing"),
    ("自动化\nautomation\nautomatisation\nautomatización\nавтоматизация\nأتمتة", "automation"),
    ("机械\nmechanical\nmachinery\nmécanique\nmecánica\nмеханика\nميكانيكا", "mechanical"),
    ("汽车\nautomobile\nautomotive\nvoiture\nautomóvil\nавтомобиль\nسيارة", "automobile"),
    ("生产\nproduction\nproducción\nпроизводство\nإنتاج", "production"),
    ("加工\nprocessing\nmachining\nusinage\nmecanizado\nобработка\nمعالجة", "processing"),
    ("营养\nnutrition\nnutrición\nпитание\nتغذية", "nutrition"),
    ("航运\nshipping\ntransport maritime\ntransporte marítimo\nсудоходство\nالشحن البحري", "shipping"),
]
TERM_GROUPS = [
    (
        "加工中心\nmachining centre\nmachining center\ncentre d'usinage\ncentro de mecanizado\nобрабатывающий центр",
        "machining centre",
    ),
    (
        "城市轨道交通车辆\n城轨车辆\nurban rail transit vehicle\nurban rail vehicle\nmetro train\nsubway train\n"
        "metro vehicle\nrame de métro\nvagón de metro\nвагон метро",
        "urban rail vehicle",
    ),
    ("川菜\n四川菜\nSichuan cuisine\ncuisine du Sichuan\ncocina de Sichuan\nсычуаньская кухня", "Sichuan cuisine"),
    ("粤菜\nCantonese cuisine\ncuisine cantonaise\ncocina cantonesa\nкантонская кухня", "Cantonese cuisine"),
    ("鲁菜\nShandong cuisine", "Shandong cuisine"),
    ("淮扬菜\nHuaiyang cuisine", "Huaiyang cuisine"),
    ("湘菜\nHunan cuisine", "Hunan cuisine"),
    (
        "西餐\n西式烹饪\nwestern cuisine\nwestern cooking\ncuisine occidentale\ncocina occidental\nевропейская кухня",
        "western cuisine",
    ),
    (
        "可再生能源\nrenewable energy\nrenewable energies\nrenewables\nénergies renouvelables\nénergie renouvelable\n"
        "energía renovable\nenergías renovables\nвозобновляемая энергетика\nвозобновляемые источники энергии\n"
        "الطاقة المتجددة",
        "renewable energy",
    ),
    ("太阳能\nsolar energy\nsolar\nénergie solaire\nenergía solar\nсолнечная энергия\nالطاقة الشمسية", "solar energy"),
    ("光热\nsolar thermal", "solar thermal"),
    ("生物质能\nbiomass energy\nbiomass", "biomass energy"),
    ("水电\nhydropower\nhydroelectric power", "hydropower"),
    (
        "电力\nelectric power\nelectricity\npower grid\n电网\nélectricité\nenergía eléctrica\nэлектроэнергетика\nالكهرباء",
        "electric power",
    ),
    ("电力系统\npower system\npower systems", "power system"),
    ("作物\n作物生产\ncrop\ncrops\ncrop production\ncultivos\nрастениеводство\nالمحاصيل", "crops"),
    ("植物保护\n植保\nplant protection\ncrop protection\nprotection des cultures\nзащита растений", "plant protection"),
    ("中药\n中药学\nChinese materia medica\nChinese herbal medicine", "Chinese materia medica"),
    ("中医康复\nTCM rehabilitation", "TCM rehabilitation"),
    ("船舶工程\nship engineering\nship building", "ship engineering"),
]
# The broader term first.
ONE_WAY_GROUPS = [
    ("中餐\n川菜\n粤菜\n鲁菜\n淮扬菜\n湘菜\n中式面点", "kinds of Chinese cuisine"),
    ("烹饪\n面点\n烘焙\n西餐", "kinds of cooking"),
    ("中医\n针灸推拿\n中医康复\n中药", "branches of traditional Chinese medicine"),
    ("农业\n作物\n园艺\n茶叶\n植物保护", "the agriculture class of the national specialty catalogue (livestock is a class of its own)"),
    ("新能源\n可再生能源", "new energy includes renewable energy"),
    ("可再生能源\n太阳能\n光伏\n风力发电\n水电\n生物质能", "kinds of renewable energy"),
    ("太阳能\n光伏\n光热", "uses of solar energy"),
    ("电力\n供用电\n发电厂\n电力系统\n铁道供电", "branches of electric power"),
    ("铁路\n高铁\n动车组", "kinds of railway"),
    ("高铁\n动车组", "high-speed trains are EMUs"),
    ("城轨\n城市轨道交通车辆", "urban rail vehicles"),
    ("船舶\n船舶工程\n轮机", "ship and marine engineering"),
]
NEW_ENERGY_BEFORE = (
    "新能源\nnew energy\nrenewable energy\nénergies renouvelables\nenergía renovable\nenergías renovables\n"
    "возобновляемая энергетика\nالطاقة المتجددة"
)
NEW_ENERGY_AFTER = "新能源\nnew energy\nnouvelles énergies\nnuevas energías\nновая энергетика"

ADDED = [(terms, False, note) for terms, note in WORD_GROUPS + TERM_GROUPS] + [
    (terms, True, note) for terms, note in ONE_WAY_GROUPS
]


def add_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms=NEW_ENERGY_BEFORE).update(terms=NEW_ENERGY_AFTER)
    for terms, one_way, note in ADDED:
        SynonymGroup.objects.get_or_create(terms=terms, one_way=one_way, defaults={"note": note})


def remove_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, one_way, _note in ADDED:
        SynonymGroup.objects.filter(terms=terms, one_way=one_way).delete()
    SynonymGroup.objects.filter(terms=NEW_ENERGY_AFTER).update(terms=NEW_ENERGY_BEFORE)


class Migration(migrations.Migration):
    dependencies = [("search", "0006_synonym_group_one_way")]

    operations = [migrations.RunPython(add_synonyms, remove_synonyms)]
