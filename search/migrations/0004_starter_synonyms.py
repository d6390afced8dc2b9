"""A starter list of synonyms and abbreviations that partners and Chinese
vocational schools use for the same specialty; ministry editors keep the list
in the admin from here on. Migrating back removes only these groups, and only
when an editor has not changed them."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

SYNONYM_PERMISSIONS = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"]

STARTER_SYNONYMS = [
    (
        "城轨\n城市轨道交通\nurban rail transit\nmetro\n地铁\nsubway\nunderground railway\nmétro\nметро\nметрополитен\nمترو",
        "urban rail transit",
    ),
    (
        "养老\n老年服务与管理\n智慧健康养老服务与管理\nelderly care\naged care\ncare for the elderly\nsoins aux personnes âgées\ncuidado de personas mayores\nуход за пожилыми\nرعاية المسنين",
        "elderly care",
    ),
    ("CNC\n数控\nnumerical control\ncommande numérique\ncontrol numérico\nЧПУ\nالتحكم الرقمي", "CNC"),
    (
        "EV\nnew energy vehicle\nelectric vehicle\n新能源汽车\n新能源车\n电动汽车\nelectric car\nvéhicule électrique\nvoiture électrique\nvehículo eléctrico\ncoche eléctrico\nэлектромобиль\nэлектромобили\nسيارة كهربائية\nمركبة كهربائية",
        "EV",
    ),
    (
        "TVET\nvocational education\n职业教育\ntechnical and vocational education and training\nenseignement professionnel\nformation professionnelle\nformación profesional\nпрофессиональное образование\nالتعليم المهني",
        "TVET",
    ),
    (
        "汽修\n汽车维修\n汽车检测与维修\nautomotive repair\ncar repair\nautomobile maintenance\nréparation automobile\nmécanique automobile\nreparación de automóviles\nремонт автомобилей\nавтомеханик\nصيانة السيارات",
        "automotive repair",
    ),
    (
        "高铁\n高速铁路\n高速铁道\nhigh-speed railway\nhigh-speed rail\ntrain à grande vitesse\nalta velocidad\nвысокоскоростная железная дорога\nالقطار السريع",
        "high-speed railway",
    ),
    ("动车组\n动车\nEMU\nelectric multiple unit", "EMU"),
    (
        "铁路\n铁道\nrailway\nchemin de fer\nferroviaire\nferrocarril\nferroviario\nferroviaria\nжелезная дорога\nжелезнодорожный\nسكك حديدية\nسكة حديد",
        "railway",
    ),
    (
        "无人机\ndrone\nUAV\nunmanned aerial vehicle\ndron\nбеспилотник\nдрон\nбеспилотный летательный аппарат\nطائرة مسيرة\nطائرات بدون طيار",
        "drone",
    ),
    ("植保无人机\ncrop protection drone\nagricultural drone", "crop protection drone"),
    ("机电一体化\nmechatronics\nmécatronique\nmecatrónica\nмехатроника\nالميكاترونكس", "mechatronics"),
    (
        "电商\n电子商务\ne-commerce\necommerce\ncommerce électronique\ncomercio electrónico\nэлектронная коммерция\nالتجارة الإلكترونية",
        "e-commerce",
    ),
    ("跨境电商\n跨境电子商务\ncross-border e-commerce", "cross-border e-commerce"),
    ("物联网\nIoT\ninternet of things", "IoT"),
    (
        "人工智能\nAI\nartificial intelligence\nintelligence artificielle\ninteligencia artificial\nискусственный интеллект\nالذكاء الاصطناعي",
        "AI",
    ),
    ("大数据\nbig data\ndonnées massives\nmacrodatos\nбольшие данные\nالبيانات الضخمة", "big data"),
    ("云计算\ncloud computing", "cloud computing"),
    ("虚拟现实\nVR\nvirtual reality", "VR"),
    ("信息安全\n网络安全\ncybersecurity\ncyber security\ninformation security", "cybersecurity"),
    ("集成电路\n芯片\nintegrated circuit\nchip design", "integrated circuit"),
    (
        "中餐\n中餐烹饪\n中式烹调\n烹饪工艺与营养\nChinese cuisine\nChinese cooking\ncuisine chinoise\ncocina china\nкитайская кухня\nالمطبخ الصيني",
        "Chinese cuisine",
    ),
    ("烹饪\ncooking\nculinary arts\ncuisine\nchef\ncocina\nкулинария\nповар\nالطهي\nطبخ", "cooking"),
    (
        "面点\n烘焙\nbaking\npastry\nbakery\npâtisserie\nrepostería\npastelería\nвыпечка\nкондитер\nالمعجنات\nحلويات",
        "baking",
    ),
    ("酒店\nhotel\nhospitality\nhôtellerie\nhotelería\nгостиничный бизнес\nالفندقة\nالفنادق", "hotel"),
    (
        "学前教育\n幼教\n幼师\npreschool education\nearly childhood education\nkindergarten\néducation préscolaire\neducación infantil\nдошкольное образование\nرياض الأطفال",
        "preschool education",
    ),
    ("托育\n婴幼儿托育\nchildcare\ninfant care", "childcare"),
    ("护理\nnursing\nnurse\nsoins infirmiers\ninfirmier\nenfermería\nсестринское дело\nмедсестра\nالتمريض", "nursing"),
    ("助产\nmidwifery\nmidwife", "midwifery"),
    ("药学\npharmacy", "pharmacy"),
    ("康复治疗\n康复\nrehabilitation\nphysiotherapy\nphysical therapy", "rehabilitation"),
    ("针灸推拿\n针灸\nacupuncture\ntuina", "acupuncture"),
    (
        "中医\n中医药\ntraditional Chinese medicine\nChinese medicine\nTCM\nmédecine chinoise\nmedicina china\nкитайская медицина\nالطب الصيني",
        "traditional Chinese medicine",
    ),
    ("医学检验\nmedical laboratory\nclinical laboratory", "medical laboratory"),
    (
        "会计\naccounting\naccountancy\ncomptabilité\ncontabilidad\nбухгалтерский учёт\nбухгалтерия\nالمحاسبة",
        "accounting",
    ),
    ("物流\nlogistics\nlogistique\nlogística\nлогистика\nلوجستية\nالخدمات اللوجستية", "logistics"),
    ("冷链物流\ncold chain logistics\ncold chain", "cold chain logistics"),
    ("国际贸易\n国际经济与贸易\ninternational trade", "international trade"),
    ("市场营销\n营销\nmarketing", "marketing"),
    ("金融\nfinance\nfinancial services", "finance"),
    ("商务英语\nbusiness English", "business English"),
    (
        "焊接\n焊工\nwelding\nwelder\nsoudage\nsoudure\nsoudeur\nsoldadura\nsoldador\nсварка\nсварщик\nсварочные технологии\nلحام",
        "welding",
    ),
    ("模具\nmould\nmold\ndie making", "mould"),
    (
        "工业机器人\nindustrial robot\nindustrial robotics\nrobotique\nrobot industriel\nrobótica\nrobot industrial\nробототехника\nпромышленный робот\nالروبوتات",
        "industrial robot",
    ),
    (
        "光伏\nphotovoltaic\nsolar photovoltaic\nsolar panel\nsolar power\nénergie solaire\nphotovoltaïque\nenergía solar\nfotovoltaica\nсолнечная энергетика\nфотовольтаика\nالطاقة الشمسية",
        "photovoltaic",
    ),
    ("风力发电\n风电\nwind power\nwind energy", "wind power"),
    ("供用电\n供电\npower supply", "power supply"),
    ("发电厂\npower plant\npower station", "power plant"),
    (
        "汉语\n中文\nChinese language\nMandarin\nchinois\nlangue chinoise\nchino\nкитайский язык\nاللغة الصينية",
        "Chinese language",
    ),
    ("鲁班工坊\nLuban Workshop\natelier Luban\ntaller Luban\nмастерская Лубань\nورشة لوبان", "Luban Workshop"),
    ("智能制造\nintelligent manufacturing\nsmart manufacturing", "intelligent manufacturing"),
    ("增材制造\n3D打印\nadditive manufacturing\n3D printing", "additive manufacturing"),
    ("PLC\n可编程控制器\nprogrammable logic controller", "PLC"),
    ("BIM\n建筑信息模型\nbuilding information modelling\nbuilding information modeling", "BIM"),
    (
        "新能源\nnew energy\nrenewable energy\nénergies renouvelables\nenergía renovable\nenergías renovables\nвозобновляемая энергетика\nالطاقة المتجددة",
        "new energy",
    ),
    ("计算机\ncomputer\ninformatique\ninformática\nинформатика\nкомпьютер\nالحاسوب", "computer"),
    ("软件\nsoftware\nlogiciel\nпрограммное обеспечение\nالبرمجيات", "software"),
    ("旅游\ntourism\ntourisme\nturismo\nтуризм\nالسياحة", "tourism"),
    ("导游\ntour guide", "tour guide"),
    ("空中乘务\n空乘\nflight attendant\ncabin crew", "flight attendant"),
    ("民航\ncivil aviation", "civil aviation"),
    ("飞机维修\n飞机机电设备维修\naircraft maintenance\naviation maintenance", "aircraft maintenance"),
    ("船舶\n造船\nshipbuilding\nnaval architecture", "shipbuilding"),
    ("轮机\nmarine engineering\nmarine engine", "marine engineering"),
    ("航海\nnavigation\nseafaring", "navigation"),
    ("港口\nport\nharbour\nharbor\nportuaire\npuerto\nпорт\nميناء", "port"),
    ("工程造价\nquantity surveying\ncost engineering\nconstruction cost", "quantity surveying"),
    ("工程测量\n测量\nsurveying", "surveying"),
    ("测绘\nsurveying and mapping\ngeomatics", "surveying and mapping"),
    ("装配式建筑\nprefabricated building\nprefabricated construction", "prefabricated building"),
    ("建筑装饰\ninterior decoration\ninterior design", "interior decoration"),
    ("路桥\n道路与桥梁\nroad and bridge", "road and bridge"),
    ("水产养殖\naquaculture\nfish farming\nacuicultura\nаквакультура\nрыбоводство\nالاستزراع السمكي", "aquaculture"),
    ("畜牧\n畜牧兽医\nlivestock\nanimal husbandry\nveterinary", "livestock"),
    ("园艺\nhorticulture", "horticulture"),
    ("园林\nlandscape architecture\nlandscaping", "landscape architecture"),
    ("茶叶\ntea\nthé\nté\nчай\nشاي", "tea"),
    ("林业\nforestry", "forestry"),
    (
        "服装设计\nfashion design\ngarment design\nclothing design\nstylisme\ndiseño de moda\nдизайн одежды\nتصميم الأزياء",
        "fashion design",
    ),
    ("鞋类设计\nfootwear design\nshoe design", "footwear design"),
    ("纺织\ntextile", "textile"),
    ("工艺美术\narts and crafts\nhandicrafts", "arts and crafts"),
    ("动画\nanimation", "animation"),
    ("石油化工\npetrochemical\npetrochemistry", "petrochemical"),
    ("冶金\nmetallurgy", "metallurgy"),
    ("煤矿\ncoal mining", "coal mining"),
    ("环境工程\nenvironmental engineering", "environmental engineering"),
    ("食品检验\nfood testing\nfood inspection", "food testing"),
    ("武术\n民族传统体育\nmartial arts\nwushu\nkung fu", "martial arts"),
    ("桥梁\nbridge\npont\npuente\nмост\nجسر\nجسور", "bridge"),
    ("现代农业\n农业\nagriculture\nagricultura\nсельское хозяйство\nالزراعة", "agriculture"),
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
