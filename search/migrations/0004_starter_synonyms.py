"""A starter list of synonyms and abbreviations that partners and Chinese
vocational schools use for the same specialty; ministry editors keep the list
in the admin from here on. Migrating back removes only these groups, and only
when an editor has not changed them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SYNONYM_PERMISSIONS = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"]

STARTER_SYNONYMS = [
    ("城轨\n城市轨道交通\nurban rail transit\nmetro\n地铁\nsubway\nunderground railway", "underground railway"),
    (
        "养老\n老年服务与管理\n智慧健康养老服务与管理\nelderly care\naged care\ncare for the elderly",
        "care for the elderly",
    ),
    ("CNC\n数控\nnumerical control", "numerical control"),
    ("EV\nnew energy vehicle\nelectric vehicle\n新能源汽车\n新能源车\n电动汽车\nelectric car", "electric car"),
    (
        "TVET\nvocational education\n职业教育\ntechnical and vocational education and training",
        "technical and vocational education and training",
    ),
    ("汽修\n汽车维修\n汽车检测与维修\nautomotive repair\ncar repair\nautomobile maintenance", "automobile maintenance"),
    ("高铁\n高速铁路\n高速铁道\nhigh-speed railway\nhigh-speed rail", "high-speed rail"),
    ("动车组\n动车\nEMU\nelectric multiple unit", "electric multiple unit"),
    ("铁路\n铁道\nrailway", "railway"),
    ("无人机\ndrone\nUAV\nunmanned aerial vehicle", "unmanned aerial vehicle"),
    ("植保无人机\ncrop protection drone\nagricultural drone", "agricultural drone"),
    ("机电一体化\nmechatronics", "mechatronics"),
    ("电商\n电子商务\ne-commerce\necommerce", "ecommerce"),
    ("跨境电商\n跨境电子商务\ncross-border e-commerce", "cross-border e-commerce"),
    ("物联网\nIoT\ninternet of things", "internet of things"),
    ("人工智能\nAI\nartificial intelligence", "artificial intelligence"),
    ("大数据\nbig data", "big data"),
    ("云计算\ncloud computing", "cloud computing"),
    ("虚拟现实\nVR\nvirtual reality", "virtual reality"),
    ("信息安全\n网络安全\ncybersecurity\ncyber security\ninformation security", "information security"),
    ("集成电路\n芯片\nintegrated circuit\nchip design", "chip design"),
    ("中餐\n中餐烹饪\n中式烹调\nChinese cuisine\nChinese cooking", "Chinese cooking"),
    ("烹饪\ncooking\nculinary arts\ncuisine\nchef", "chef"),
    ("面点\n烘焙\nbaking\npastry\nbakery", "bakery"),
    ("酒店\nhotel\nhospitality", "hospitality"),
    ("学前教育\n幼教\n幼师\npreschool education\nearly childhood education\nkindergarten", "kindergarten"),
    ("托育\n婴幼儿托育\nchildcare\ninfant care", "infant care"),
    ("护理\nnursing\nnurse", "nurse"),
    ("助产\nmidwifery\nmidwife", "midwife"),
    ("药学\npharmacy", "pharmacy"),
    ("康复治疗\n康复\nrehabilitation\nphysiotherapy\nphysical therapy", "physical therapy"),
    ("针灸推拿\n针灸\nacupuncture\ntuina", "tuina"),
    ("中医\n中医药\ntraditional Chinese medicine\nChinese medicine\nTCM", "TCM"),
    ("医学检验\nmedical laboratory\nclinical laboratory", "clinical laboratory"),
    ("会计\naccounting\naccountancy", "accountancy"),
    ("物流\nlogistics", "logistics"),
    ("冷链物流\ncold chain logistics\ncold chain", "cold chain"),
    ("国际贸易\n国际经济与贸易\ninternational trade", "international trade"),
    ("市场营销\n营销\nmarketing", "marketing"),
    ("金融\nfinance\nfinancial services", "financial services"),
    ("商务英语\nbusiness English", "business English"),
    ("焊接\n焊工\nwelding\nwelder", "welder"),
    ("模具\nmould\nmold\ndie making", "die making"),
    ("工业机器人\nindustrial robot\nindustrial robotics", "industrial robotics"),
    ("光伏\nphotovoltaic\nsolar photovoltaic\nsolar panel\nsolar power", "solar power"),
    ("风力发电\n风电\nwind power\nwind energy", "wind energy"),
    ("供用电\n供电\npower supply", "power supply"),
    ("发电厂\npower plant\npower station", "power station"),
    ("汉语\n中文\nChinese language\nMandarin", "Mandarin"),
    ("鲁班工坊\nLuban Workshop", "Luban Workshop"),
    ("智能制造\nintelligent manufacturing\nsmart manufacturing", "smart manufacturing"),
    ("增材制造\n3D打印\nadditive manufacturing\n3D printing", "3D printing"),
    ("PLC\n可编程控制器\nprogrammable logic controller", "programmable logic controller"),
    (
        "BIM\n建筑信息模型\nbuilding information modelling\nbuilding information modeling",
        "building information modeling",
    ),
    ("新能源\nnew energy\nrenewable energy", "renewable energy"),
    ("计算机\ncomputer", "computer"),
    ("软件\nsoftware", "software"),
    ("旅游\ntourism", "tourism"),
    ("导游\ntour guide", "tour guide"),
    ("空中乘务\n空乘\nflight attendant\ncabin crew", "cabin crew"),
    ("民航\ncivil aviation", "civil aviation"),
    ("飞机维修\n飞机机电设备维修\naircraft maintenance\naviation maintenance", "aviation maintenance"),
    ("船舶\n造船\nshipbuilding\nnaval architecture", "naval architecture"),
    ("轮机\nmarine engineering\nmarine engine", "marine engine"),
    ("航海\nnavigation\nseafaring", "seafaring"),
    ("港口\nport\nharbour\nharbor", "harbor"),
    ("工程造价\nquantity surveying\ncost engineering\nconstruction cost", "construction cost"),
    ("工程测量\n测量\nsurveying", "surveying"),
    ("测绘\nsurveying and mapping\ngeomatics", "geomatics"),
    ("装配式建筑\nprefabricated building\nprefabricated construction", "prefabricated construction"),
    ("建筑装饰\ninterior decoration\ninterior design", "interior design"),
    ("路桥\n道路与桥梁\nroad and bridge", "road and bridge"),
    ("水产养殖\naquaculture\nfish farming", "fish farming"),
    ("畜牧\n畜牧兽医\nlivestock\nanimal husbandry\nveterinary", "veterinary"),
    ("园艺\nhorticulture", "horticulture"),
    ("园林\nlandscape architecture\nlandscaping", "landscaping"),
    ("茶叶\ntea", "tea"),
    ("林业\nforestry", "forestry"),
    ("服装设计\nfashion design\ngarment design\nclothing design", "clothing design"),
    ("鞋类设计\nfootwear design\nshoe design", "shoe design"),
    ("纺织\ntextile", "textile"),
    ("工艺美术\narts and crafts\nhandicrafts", "handicrafts"),
    ("动画\nanimation", "animation"),
    ("石油化工\npetrochemical\npetrochemistry", "petrochemistry"),
    ("冶金\nmetallurgy", "metallurgy"),
    ("煤矿\ncoal mining", "coal mining"),
    ("环境工程\nenvironmental engineering", "environmental engineering"),
    ("食品检验\nfood testing\nfood inspection", "food inspection"),
    ("武术\n民族传统体育\nmartial arts\nwushu\nkung fu", "kung fu"),
]


def add_starter_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    for terms, note in STARTER_SYNONYMS:
        SynonymGroup.objects.get_or_create(terms=terms, defaults={"note": note})


def let_ministry_editors_keep_synonyms(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate).
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="search", codename__in=SYNONYM_PERMISSIONS)
    for group in Group.objects.filter(name="Ministry editors"):
        group.permissions.add(*permissions)


def remove_starter_synonyms(apps, schema_editor):
    SynonymGroup = apps.get_model("search", "SynonymGroup")
    SynonymGroup.objects.filter(terms__in=[terms for terms, _note in STARTER_SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0003_synonym_group"), ("portal", "0002_ministry_editors")]

    operations = [
        migrations.RunPython(add_starter_synonyms, remove_starter_synonyms),
        migrations.RunPython(let_ministry_editors_keep_synonyms, migrations.RunPython.noop),
    ]
