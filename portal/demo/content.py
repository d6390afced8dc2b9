"""The demo's hand-written content.

Schools are real (the 2019 "Double High" list in
``schools_double_high_2019_sample.csv``); their English names are the ones the
schools use abroad, their current name is the title and an earlier name goes in
``former_names``. Real foreign institutions come from
``foreign_institutions_sample.csv``. Everything else (programmes, invented
partners, partnerships, figures, enquiries) is invented and flagged
``is_sample``.

Texts are given per language as dicts keyed by language code (``en``,
``zh-hans``, ``fr``, ``es``, ``ru``, ``ar``).
"""

# Specialties used by the demo and the catalogue generator: Chinese name ->
# (English name, ISCED-F 2013 detailed field). The first 18 come from
# specialties_zh_en_sample.csv; the rest are the specialty groups of the demo
# schools, translated for the demo with an ISCED-F guess.
SPECIALTIES = {
    "通信技术": ("Communication Technology", "0714"),
    "软件技术": ("Software Technology", "0613"),
    "光伏发电技术与应用": ("Photovoltaic Power Generation Technology", "0713"),
    "物流管理": ("Logistics Management", "0413"),
    "电子商务": ("E-commerce", "0416"),
    "护理": ("Nursing", "0913"),
    "畜牧兽医": ("Animal Husbandry and Veterinary Medicine", "0841"),
    "水利水电建筑工程": ("Water Conservancy and Hydropower Engineering", "0732"),
    "城市轨道交通车辆技术": ("Urban Rail Transit Vehicle Technology", "0716"),
    "电气自动化技术": ("Electrical Automation Technology", "0714"),
    "数控技术": ("CNC Technology", "0715"),
    "大数据技术与应用": ("Big Data Technology", "0613"),
    "物联网应用技术": ("Internet of Things Application Technology", "0612"),
    "机电一体化技术": ("Mechatronics Technology", "0714"),
    "工业机器人技术": ("Industrial Robot Technology", "0714"),
    "市场营销": ("Marketing", "0414"),
    "模具设计与制造": ("Mould Design and Manufacturing", "0715"),
    "汽车制造与装配技术": ("Automotive Manufacturing and Assembly Technology", "0716"),
    "药品生物技术": ("Pharmaceutical Biotechnology", "0512"),
    "工程测量技术": ("Engineering Surveying Technology", "0532"),
    "现代农业技术": ("Modern Agricultural Technology", "0811"),
    "园林技术": ("Landscape Gardening Technology", "0812"),
    "建筑装饰工程技术": ("Architectural Decoration Engineering", "0732"),
    "云计算技术与应用": ("Cloud Computing Technology", "0612"),
    "新能源汽车技术": ("New Energy Vehicle Technology", "0716"),
    "石油化工技术": ("Petrochemical Technology", "0711"),
    "测绘地理信息技术": ("Surveying, Mapping and Geographic Information Technology", "0532"),
    "机械制造与自动化": ("Mechanical Manufacturing and Automation", "0715"),
    "材料成型与控制技术": ("Materials Forming and Control Technology", "0715"),
    "农业生物技术": ("Agricultural Biotechnology", "0811"),
    "水利工程": ("Water Conservancy Engineering", "0732"),
    "飞机机电设备维修": ("Aircraft Electromechanical Maintenance", "0716"),
    "无人机应用技术": ("Drone (UAV) Application Technology", "0716"),
    "黑色冶金技术": ("Ferrous Metallurgy Technology", "0715"),
    "汽车检测与维修技术": ("Automotive Testing and Maintenance", "0716"),
    "金融管理": ("Financial Management", "0412"),
    "国际贸易实务": ("International Trade Practice", "0416"),
    "鞋类设计与工艺": ("Footwear Design and Technology", "0723"),
    "电机与电器技术": ("Electric Machines and Appliances Technology", "0713"),
    "导游": ("Tour Guiding", "1015"),
    "移动通信技术": ("Mobile Communication Technology", "0714"),
    "发电厂及电力系统": ("Power Plants and Power Systems", "0713"),
    "计算机网络技术": ("Computer Network Technology", "0612"),
    "航海技术": ("Navigation Technology", "1041"),
    "安全技术与管理": ("Safety Technology and Management", "1022"),
    "高分子材料加工技术": ("Polymer Materials Processing Technology", "0722"),
    "船舶工程技术": ("Ship Engineering Technology", "0716"),
    "轮机工程技术": ("Marine Engineering Technology", "0716"),
    "动车组检修技术": ("High-speed Train (EMU) Maintenance", "0716"),
    "铁道机车车辆制造与维护": ("Railway Rolling Stock Manufacturing and Maintenance", "0716"),
    "铁道机车": ("Railway Locomotives", "0716"),
    "飞行器制造技术": ("Aircraft Manufacturing Technology", "0716"),
    "建筑工程技术": ("Building Engineering Technology", "0732"),
    "道路桥梁工程技术": ("Road and Bridge Engineering Technology", "0732"),
    "汽车运用与维修技术": ("Automotive Operation and Maintenance", "0716"),
    "作物生产技术": ("Crop Production Technology", "0811"),
    "风力发电工程技术": ("Wind Power Engineering Technology", "0713"),
    "机械设计与制造": ("Mechanical Design and Manufacturing", "0715"),
    "应用化工技术": ("Applied Chemical Technology", "0711"),
    "老年服务与管理": ("Elderly Care Services and Management", "0921"),
    "酒店管理": ("Hotel Management", "1013"),
    "烹调工艺与营养": ("Culinary Technology and Nutrition", "1013"),
    "学前教育": ("Preschool Education", "0112"),
    "服装设计与工艺": ("Clothing Design and Technology", "0723"),
    "会计": ("Accounting", "0411"),
    "焊接技术与自动化": ("Welding Technology and Automation", "0715"),
    "药学": ("Pharmacy", "0916"),
}

# Names of some specialties in the other four languages, for the programmes that
# are translated into all six.
SPECIALTY_TRANSLATIONS = {
    "通信技术": {
        "fr": "technologies de la communication",
        "es": "tecnología de las comunicaciones",
        "ru": "Технологии связи",
        "ar": "تكنولوجيا الاتصالات",
    },
    "软件技术": {
        "fr": "développement logiciel",
        "es": "tecnología de software",
        "ru": "Программная инженерия",
        "ar": "تكنولوجيا البرمجيات",
    },
    "汽车制造与装配技术": {
        "fr": "construction et assemblage automobiles",
        "es": "fabricación y montaje de automóviles",
        "ru": "Производство и сборка автомобилей",
        "ar": "تصنيع السيارات وتجميعها",
    },
    "药品生物技术": {
        "fr": "biotechnologie pharmaceutique",
        "es": "biotecnología farmacéutica",
        "ru": "Фармацевтическая биотехнология",
        "ar": "التكنولوجيا الحيوية الصيدلانية",
    },
    "数控技术": {
        "fr": "usinage à commande numérique (CNC)",
        "es": "tecnología de control numérico (CNC)",
        "ru": "Станки с ЧПУ",
        "ar": "تقنية التحكم الرقمي (CNC)",
    },
    "物联网应用技术": {
        "fr": "applications de l'Internet des objets",
        "es": "aplicaciones del Internet de las cosas",
        "ru": "Технологии интернета вещей",
        "ar": "تطبيقات إنترنت الأشياء",
    },
    "机械制造与自动化": {
        "fr": "fabrication mécanique et automatisation",
        "es": "fabricación mecánica y automatización",
        "ru": "Машиностроение и автоматизация",
        "ar": "التصنيع الميكانيكي والأتمتة",
    },
    "材料成型与控制技术": {
        "fr": "formage des matériaux",
        "es": "conformado de materiales",
        "ru": "Формообразование материалов",
        "ar": "تشكيل المواد والتحكم فيه",
    },
    "物流管理": {
        "fr": "gestion logistique",
        "es": "gestión logística",
        "ru": "Управление логистикой",
        "ar": "إدارة الخدمات اللوجستية",
    },
    "电子商务": {
        "fr": "commerce électronique",
        "es": "comercio electrónico",
        "ru": "Электронная коммерция",
        "ar": "التجارة الإلكترونية",
    },
}

CONTACT_DEPARTMENT = {
    "en": "International Office",
    "zh-hans": "国际交流与合作处",
    "fr": "Bureau des relations internationales",
    "es": "Oficina de Relaciones Internacionales",
    "ru": "Отдел международного сотрудничества",
    "ar": "مكتب التعاون الدولي",
}

# The demo schools. ``name_zh`` is the name in the CSV (the key to its province,
# tier and specialty groups); ``title_zh`` the current Chinese name where it
# changed; ``former`` earlier Chinese and English names; ``level`` the school's
# level. Schools with ``translations`` are shown in all six languages.
SCHOOLS = [
    {
        "name_zh": "深圳职业技术大学",
        "former": "深圳职业技术学院; Shenzhen Polytechnic",
        "en": "Shenzhen Polytechnic University",
        "slug": "shenzhen-polytechnic-university",
        "city": {
            "en": "Shenzhen",
            "zh-hans": "深圳",
            "fr": "Shenzhen",
            "es": "Shenzhen",
            "ru": "Шэньчжэнь",
            "ar": "شنتشن",
        },
        "level": "undergraduate",
        "founded_year": 1993,
        # Not in the CSV sample; on the 2019 list as a high-level school (tier A).
        "csv": {
            "province_zh": "广东",
            "category": "高水平学校建设单位",
            "tier": "A",
            "major_group_zh": "通信技术、软件技术",
        },
        "languages": ["zh", "en", "es", "th"],
        "translations": {
            "title": {
                "fr": "Université polytechnique de Shenzhen",
                "es": "Universidad Politécnica de Shenzhen",
                "ru": "Шэньчжэньский политехнический университет",
                "ar": "جامعة شنتشن البوليتكنيكية",
            },
            "introduction": {
                "fr": "<p>Fondée en 1993 sous le nom d'École polytechnique de Shenzhen, l'Université polytechnique de "
                "Shenzhen est devenue une université professionnelle de premier cycle en 2023. Elle figure parmi les "
                "établissements de haut niveau du plan national « Double excellence » de 2019 et accueille un centre "
                "UNESCO-UNEVOC.</p>",
                "es": "<p>Fundada en 1993 como Politécnico de Shenzhen, la Universidad Politécnica de Shenzhen pasó a "
                "ser una universidad de formación profesional de grado en 2023. Forma parte de las instituciones de "
                "alto nivel del plan nacional «Doble Excelencia» de 2019 y alberga un centro UNESCO-UNEVOC.</p>",
                "ru": "<p>Шэньчжэньский политехнический университет основан в 1993 году как Шэньчжэньский "
                "политехнический колледж и в 2023 году получил статус профессионального университета бакалавриата. "
                "Входит в число учебных заведений высокого уровня национального плана «Двойное превосходство» 2019 "
                "года; при университете работает центр ЮНЕСКО-ЮНЕВОК.</p>",
                "ar": "<p>تأسست جامعة شنتشن البوليتكنيكية عام 1993 باسم معهد شنتشن البوليتكنيكي، وأصبحت جامعة مهنية "
                "تمنح درجة البكالوريوس عام 2023. وهي من المؤسسات رفيعة المستوى في الخطة الوطنية «التميز المزدوج» "
                "لعام 2019، وتستضيف مركزًا تابعًا لشبكة اليونسكو-يونيفوك.</p>",
            },
        },
        "introduction_en": "<p>Shenzhen Polytechnic University was founded in 1993 as Shenzhen Polytechnic and "
        "became a vocational undergraduate university in 2023. It is one of the high-level schools of the national "
        '"Double High" plan of 2019 and hosts a UNESCO-UNEVOC Centre.</p>',
        "introduction_zh": "<p>深圳职业技术大学前身为1993年创办的深圳职业技术学院，2023年升格为职业本科大学。"
        "学校于2019年入选国家“双高计划”高水平学校建设单位，并设有联合国教科文组织国际职业技术教育与培训中心（UNEVOC）。</p>",
    },
    {
        "name_zh": "北京电子科技职业学院",
        "en": "Beijing Polytechnic",
        "slug": "beijing-polytechnic",
        "city": {"en": "Beijing", "zh-hans": "北京", "fr": "Pékin", "es": "Pekín", "ru": "Пекин", "ar": "بكين"},
        "languages": ["zh", "en", "fr"],
        "translations": {
            "title": {
                "fr": "Institut polytechnique de Pékin",
                "es": "Politécnico de Pekín",
                "ru": "Пекинский политехнический колледж",
                "ar": "معهد بكين البوليتكنيكي",
            },
            "introduction": {
                "fr": "<p>L'Institut polytechnique de Pékin est un établissement d'enseignement professionnel "
                "supérieur de la capitale. Retenu en 2019 parmi les établissements de haut niveau (catégorie A) du "
                "plan « Double excellence », il développe deux groupes de spécialités : construction et assemblage "
                "automobiles, et biotechnologie pharmaceutique.</p>",
                "es": "<p>El Politécnico de Pekín es una institución de formación profesional superior de la capital. "
                "Seleccionado en 2019 entre las instituciones de alto nivel (categoría A) del plan «Doble "
                "Excelencia», desarrolla dos grupos de especialidades: fabricación y montaje de automóviles, y "
                "biotecnología farmacéutica.</p>",
                "ru": "<p>Пекинский политехнический колледж — учебное заведение высшего профессионального "
                "образования в столице Китая. В 2019 году вошёл в число учебных заведений высокого уровня "
                "(категория A) плана «Двойное превосходство»; развивает две группы специальностей: производство и "
                "сборка автомобилей и фармацевтическая биотехнология.</p>",
                "ar": "<p>معهد بكين البوليتكنيكي مؤسسة للتعليم المهني العالي في العاصمة الصينية. اختير عام 2019 ضمن "
                "المؤسسات رفيعة المستوى (الفئة أ) في خطة «التميز المزدوج»، ويطوّر مجموعتين من التخصصات: تصنيع "
                "السيارات وتجميعها، والتكنولوجيا الحيوية الصيدلانية.</p>",
            },
        },
    },
    {
        "name_zh": "无锡职业技术学院",
        "en": "Wuxi Institute of Technology",
        "slug": "wuxi-institute-of-technology",
        "city": {"en": "Wuxi", "zh-hans": "无锡", "fr": "Wuxi", "es": "Wuxi", "ru": "Уси", "ar": "ووشي"},
        "languages": ["zh", "en", "ru"],
        "translations": {
            "title": {
                "fr": "Institut de technologie de Wuxi",
                "es": "Instituto de Tecnología de Wuxi",
                "ru": "Технологический институт Уси",
                "ar": "معهد ووشي للتكنولوجيا",
            },
            "introduction": {
                "fr": "<p>L'Institut de technologie de Wuxi, dans la province du Jiangsu, forme des techniciens pour "
                "l'industrie manufacturière. Établissement de haut niveau (catégorie A) du plan « Double excellence » "
                "depuis 2019, il est reconnu pour l'usinage à commande numérique et les applications de l'Internet "
                "des objets.</p>",
                "es": "<p>El Instituto de Tecnología de Wuxi, en la provincia de Jiangsu, forma técnicos para la "
                "industria manufacturera. Institución de alto nivel (categoría A) del plan «Doble Excelencia» desde "
                "2019, destaca en control numérico (CNC) y en aplicaciones del Internet de las cosas.</p>",
                "ru": "<p>Технологический институт Уси (провинция Цзянсу) готовит техников для обрабатывающей "
                "промышленности. С 2019 года входит в число учебных заведений высокого уровня (категория A) плана "
                "«Двойное превосходство»; сильные стороны — станки с ЧПУ и технологии интернета вещей.</p>",
                "ar": "<p>يُعِدّ معهد ووشي للتكنولوجيا في مقاطعة جيانغسو فنيين للصناعات التحويلية. وهو منذ عام 2019 "
                "من المؤسسات رفيعة المستوى (الفئة أ) في خطة «التميز المزدوج»، ويتميز في تقنية التحكم الرقمي "
                "وتطبيقات إنترنت الأشياء.</p>",
            },
        },
    },
    {
        "name_zh": "陕西工业职业技术学院",
        "en": "Shaanxi Polytechnic Institute",
        "slug": "shaanxi-polytechnic-institute",
        "city": {
            "en": "Xianyang",
            "zh-hans": "咸阳",
            "fr": "Xianyang",
            "es": "Xianyang",
            "ru": "Сяньян",
            "ar": "شيانيانغ",
        },
        "languages": ["zh", "en", "ru"],
        "translations": {
            "title": {
                "fr": "Institut polytechnique du Shaanxi",
                "es": "Instituto Politécnico de Shaanxi",
                "ru": "Шэньсийский политехнический институт",
                "ar": "معهد شنشي البوليتكنيكي",
            },
            "introduction": {
                "fr": "<p>L'Institut polytechnique du Shaanxi, à Xianyang, forme aux métiers de la fabrication "
                "mécanique. Établissement de haut niveau (catégorie A) du plan « Double excellence », il accueille "
                "un centre UNESCO-UNEVOC.</p>",
                "es": "<p>El Instituto Politécnico de Shaanxi, en Xianyang, forma en los oficios de la fabricación "
                "mecánica. Institución de alto nivel (categoría A) del plan «Doble Excelencia», alberga un centro "
                "UNESCO-UNEVOC.</p>",
                "ru": "<p>Шэньсийский политехнический институт (город Сяньян) готовит специалистов для "
                "машиностроения. Учебное заведение высокого уровня (категория A) плана «Двойное превосходство»; "
                "при институте работает центр ЮНЕСКО-ЮНЕВОК.</p>",
                "ar": "<p>يقع معهد شنشي البوليتكنيكي في مدينة شيانيانغ ويُدرّب على مهن التصنيع الميكانيكي. وهو من "
                "المؤسسات رفيعة المستوى (الفئة أ) في خطة «التميز المزدوج»، ويستضيف مركزًا تابعًا لشبكة "
                "اليونسكو-يونيفوك.</p>",
            },
        },
    },
    {
        "name_zh": "浙江经济职业技术学院",
        "en": "Zhejiang Technical Institute of Economics",
        "slug": "zhejiang-technical-institute-of-economics",
        "city": {
            "en": "Hangzhou",
            "zh-hans": "杭州",
            "fr": "Hangzhou",
            "es": "Hangzhou",
            "ru": "Ханчжоу",
            "ar": "هانغتشو",
        },
        "languages": ["zh", "en", "ar"],
        "translations": {
            "title": {
                "fr": "Institut technique d'économie du Zhejiang",
                "es": "Instituto Técnico de Economía de Zhejiang",
                "ru": "Чжэцзянский технический институт экономики",
                "ar": "معهد تشجيانغ التقني للاقتصاد",
            },
            "introduction": {
                "fr": "<p>L'Institut technique d'économie du Zhejiang, à Hangzhou, forme aux métiers du commerce et "
                "de la logistique. Son groupe de spécialités en gestion logistique a été retenu en 2019 par le plan "
                "« Double excellence ». Il accueille un centre UNESCO-UNEVOC.</p>",
                "es": "<p>El Instituto Técnico de Economía de Zhejiang, en Hangzhou, forma en comercio y logística. "
                "Su grupo de especialidades de gestión logística fue seleccionado en 2019 por el plan «Doble "
                "Excelencia». Alberga un centro UNESCO-UNEVOC.</p>",
                "ru": "<p>Чжэцзянский технический институт экономики (город Ханчжоу) готовит специалистов в области "
                "торговли и логистики. Его группа специальностей «Управление логистикой» в 2019 году вошла в план "
                "«Двойное превосходство». При институте работает центр ЮНЕСКО-ЮНЕВОК.</p>",
                "ar": "<p>يقع معهد تشجيانغ التقني للاقتصاد في مدينة هانغتشو ويُدرّب على مهن التجارة والخدمات "
                "اللوجستية. اختيرت مجموعة تخصصاته في إدارة الخدمات اللوجستية عام 2019 ضمن خطة «التميز المزدوج». "
                "ويستضيف مركزًا تابعًا لشبكة اليونسكو-يونيفوك.</p>",
            },
        },
    },
    {"name_zh": "北京工业职业技术学院", "en": "Beijing Polytechnic College", "city": ("Beijing", "北京")},
    {
        "name_zh": "江苏农林职业技术学院",
        "en": "Jiangsu Vocational College of Agriculture and Forestry",
        "city": ("Jurong", "句容"),
    },
    {
        "name_zh": "常州机电职业技术学院",
        "en": "Changzhou Vocational Institute of Mechatronic Technology",
        "city": ("Changzhou", "常州"),
    },
    {
        "name_zh": "江苏建筑职业技术学院",
        "en": "Jiangsu Vocational Institute of Architectural Technology",
        "city": ("Xuzhou", "徐州"),
    },
    {
        "name_zh": "山东商业职业技术学院",
        "en": "Shandong Institute of Commerce and Technology",
        "city": ("Jinan", "济南"),
    },
    {"name_zh": "淄博职业学院", "en": "Zibo Vocational Institute", "city": ("Zibo", "淄博")},
    {"name_zh": "东营职业学院", "en": "Dongying Vocational Institute", "city": ("Dongying", "东营")},
    {
        "name_zh": "黄河水利职业技术学院",
        "en": "Yellow River Conservancy Technical Institute",
        "city": ("Kaifeng", "开封"),
    },
    {"name_zh": "河南职业技术学院", "en": "Henan Polytechnic", "city": ("Zhengzhou", "郑州")},
    {"name_zh": "杨凌职业技术学院", "en": "Yangling Vocational and Technical College", "city": ("Yangling", "杨凌")},
    {"name_zh": "西安航空职业技术学院", "en": "Xi'an Aeronautical Polytechnic Institute", "city": ("Xi'an", "西安")},
    {
        "name_zh": "河北工业职业技术大学",
        "en": "Hebei Vocational University of Industry and Technology",
        "city": ("Shijiazhuang", "石家庄"),
        "level": "undergraduate",
        "former": "河北工业职业技术学院; Hebei College of Industry and Technology",
    },
    {"name_zh": "邢台职业技术学院", "en": "Xingtai Polytechnic College", "city": ("Xingtai", "邢台")},
    {"name_zh": "浙江金融职业学院", "en": "Zhejiang Financial College", "city": ("Hangzhou", "杭州")},
    {"name_zh": "温州职业技术学院", "en": "Wenzhou Polytechnic", "city": ("Wenzhou", "温州")},
    {"name_zh": "浙江旅游职业学院", "en": "Tourism College of Zhejiang", "city": ("Hangzhou", "杭州")},
    {
        "name_zh": "深圳信息职业技术学院",
        "en": "Shenzhen Institute of Information Technology",
        "city": ("Shenzhen", "深圳"),
    },
    {"name_zh": "广州民航职业技术学院", "en": "Guangzhou Civil Aviation College", "city": ("Guangzhou", "广州")},
    {"name_zh": "重庆工业职业技术学院", "en": "Chongqing Industry Polytechnic College", "city": ("Chongqing", "重庆")},
    {"name_zh": "重庆电力高等专科学校", "en": "Chongqing Electric Power College", "city": ("Chongqing", "重庆")},
    {
        "name_zh": "长春职业技术学院",
        "en": "Changchun Vocational Institute of Technology",
        "city": ("Changchun", "长春"),
    },
    {"name_zh": "福建船政交通职业学院", "en": "Fujian Chuanzheng Communications College", "city": ("Fuzhou", "福州")},
    {"name_zh": "黎明职业大学", "en": "Liming Vocational University", "city": ("Quanzhou", "泉州")},
    {"name_zh": "九江职业技术学院", "en": "Jiujiang Vocational and Technical College", "city": ("Jiujiang", "九江")},
    {"name_zh": "武汉船舶职业技术学院", "en": "Wuhan Institute of Shipbuilding Technology", "city": ("Wuhan", "武汉")},
    {
        "name_zh": "武汉铁路职业技术学院",
        "en": "Wuhan Railway Vocational College of Technology",
        "city": ("Wuhan", "武汉"),
    },
    {
        "name_zh": "湖南铁道职业技术学院",
        "en": "Hunan Railway Professional Technology College",
        "city": ("Zhuzhou", "株洲"),
    },
    {"name_zh": "湖南工业职业技术学院", "en": "Hunan Industry Polytechnic", "city": ("Changsha", "长沙")},
    {"name_zh": "成都航空职业技术学院", "en": "Chengdu Aeronautic Polytechnic", "city": ("Chengdu", "成都")},
    {
        "name_zh": "四川建筑职业技术学院",
        "en": "Sichuan College of Architectural Technology",
        "city": ("Deyang", "德阳"),
    },
    {
        "name_zh": "贵州交通职业大学",
        "en": "Guizhou Communications Vocational University",
        "city": ("Guiyang", "贵阳"),
        "level": "undergraduate",
        "former": "贵州交通职业技术学院; Guizhou Communications Polytechnic",
    },
    {"name_zh": "宁夏职业技术学院", "en": "Ningxia Polytechnic", "city": ("Yinchuan", "银川")},
    {
        "name_zh": "黑龙江农业经济职业学院",
        "en": "Heilongjiang Agricultural Economy Vocational College",
        "city": ("Mudanjiang", "牡丹江"),
    },
    {
        "name_zh": "安徽机电职业技术学院",
        "en": "Anhui Technical College of Mechanical and Electrical Engineering",
        "city": ("Wuhu", "芜湖"),
    },
    {"name_zh": "酒泉职业技术学院", "en": "Jiuquan Vocational and Technical College", "city": ("Jiuquan", "酒泉")},
    {"name_zh": "沈阳职业技术学院", "en": "Shenyang Polytechnic College", "city": ("Shenyang", "沈阳")},
    {
        "name_zh": "昆明工业职业技术学院",
        "en": "Kunming Vocational and Technical College of Industry",
        "city": ("Kunming", "昆明"),
    },
    {
        "name_zh": "新疆轻工职业技术学院",
        "en": "Xinjiang Light Industry Vocational Technical College",
        "city": ("Urumqi", "乌鲁木齐"),
    },
]

# Partners. ``real`` ones come from foreign_institutions_sample.csv (their CSV
# name is ``csv_name``); the others are invented for the demo. ``texts`` holds a
# partner's title and city in languages beyond English and Chinese.
PARTNERS = [
    # Real institutions (foreign_institutions_sample.csv; those in China are left out).
    {
        "slug": "ovgu-magdeburg-unevoc",
        "real": True,
        "csv_name": "Otto-von-Guericke-Universität Magdeburg (UNESCO UNEVOC Centre Magdeburg)",
        "en": "Otto von Guericke University Magdeburg (UNEVOC Centre)",
        "zh": "马格德堡奥托·冯·格里克大学（UNEVOC中心）",
        "native": "Otto-von-Guericke-Universität Magdeburg",
        "country": "DE",
        "city": ("Magdeburg", "马格德堡"),
        "kind": "university",
        "texts": {
            "fr": ("Université Otto-von-Guericke de Magdebourg (centre UNEVOC)", "Magdebourg"),
            "es": ("Universidad Otto von Guericke de Magdeburgo (centro UNEVOC)", "Magdeburgo"),
            "ru": ("Магдебургский университет имени Отто фон Герике (центр ЮНЕВОК)", "Магдебург"),
            "ar": ("جامعة أوتو فون غيريكه في ماغدبورغ (مركز يونيفوك)", "ماغدبورغ"),
        },
    },
    {
        "slug": "arusha-technical-college",
        "real": True,
        "csv_name": "Arusha Technical College (ATC)",
        "en": "Arusha Technical College",
        "zh": "阿鲁沙技术学院",
        "native": "",
        "country": "TZ",
        "city": ("Arusha", "阿鲁沙"),
        "kind": "college",
        "texts": {
            "fr": ("Collège technique d'Arusha", "Arusha"),
            "es": ("Colegio Técnico de Arusha", "Arusha"),
            "ru": ("Технический колледж Аруши", "Аруша"),
            "ar": ("كلية أروشا التقنية", "أروشا"),
        },
    },
    {
        "slug": "yaba-college-of-technology",
        "real": True,
        "csv_name": "Yaba College of Technology (Yabatech)",
        "en": "Yaba College of Technology",
        "zh": "亚巴理工学院",
        "native": "",
        "country": "NG",
        "city": ("Lagos", "拉各斯"),
        "kind": "polytechnic",
        "texts": {
            "fr": ("Collège de technologie de Yaba", "Lagos"),
            "es": ("Colegio de Tecnología de Yaba", "Lagos"),
            "ru": ("Технологический колледж Яба", "Лагос"),
            "ar": ("كلية يابا للتكنولوجيا", "لاغوس"),
        },
    },
    {
        "slug": "federal-tvet-institute",
        "real": True,
        "csv_name": "Federal TVET Institute",
        "en": "Federal TVET Institute",
        "zh": "埃塞俄比亚联邦职业技术教育与培训学院",
        "native": "",
        "country": "ET",
        "city": ("Addis Ababa", "亚的斯亚贝巴"),
        "kind": "college",
    },
    {
        "slug": "kazimierz-wielki-university",
        "real": True,
        "csv_name": "Kazimierz Wielki University (UKW) UNEVOC Centre",
        "en": "Kazimierz Wielki University",
        "zh": "卡齐米日大帝大学",
        "native": "Uniwersytet Kazimierza Wielkiego w Bydgoszczy",
        "country": "PL",
        "city": ("Bydgoszcz", "比得哥什"),
        "kind": "university",
    },
    {
        "slug": "tvec-sri-lanka",
        "real": True,
        "csv_name": "Tertiary and Vocational Education Commission (TVEC)",
        "en": "Tertiary and Vocational Education Commission",
        "zh": "斯里兰卡高等与职业教育委员会",
        "native": "",
        "country": "LK",
        "city": ("Colombo", "科伦坡"),
        "kind": "agency",
    },
    {
        "slug": "ifsc-santa-catarina",
        "real": True,
        "csv_name": "Federal Institute of Santa Catarina (IFSC)",
        "en": "Federal Institute of Santa Catarina",
        "zh": "圣卡塔琳娜联邦学院",
        "native": "Instituto Federal de Santa Catarina",
        "country": "BR",
        "city": ("Florianópolis", "弗洛里亚诺波利斯"),
        "kind": "college",
        "texts": {"es": ("Instituto Federal de Santa Catarina", "Florianópolis")},
    },
    {
        "slug": "university-of-antananarivo",
        "real": True,
        "csv_name": "University of Antananarivo",
        "en": "University of Antananarivo",
        "zh": "塔那那利佛大学",
        "native": "Université d'Antananarivo",
        "country": "MG",
        "city": ("Antananarivo", "塔那那利佛"),
        "kind": "university",
        "texts": {"fr": ("Université d'Antananarivo", "Antananarivo")},
    },
    {
        "slug": "mns-university-of-agriculture-multan",
        "real": True,
        "csv_name": "MNS University of Agriculture, Multan",
        "en": "MNS University of Agriculture, Multan",
        "zh": "木尔坦MNS农业大学",
        "native": "",
        "country": "PK",
        "city": ("Multan", "木尔坦"),
        "kind": "university",
    },
    {
        "slug": "meru-university",
        "real": True,
        "csv_name": "Meru University",
        "en": "Meru University of Science and Technology",
        "zh": "梅鲁科技大学",
        "native": "",
        "country": "KE",
        "city": ("Meru", "梅鲁"),
        "kind": "university",
    },
    # Invented partners (sample content).
    {
        "slug": "chao-phraya-technical-college",
        "en": "Chao Phraya Technical College",
        "zh": "湄南河技术学院",
        "native": "วิทยาลัยเทคนิคเจ้าพระยา",
        "country": "TH",
        "city": ("Bangkok", "曼谷"),
        "kind": "college",
        "texts": {
            "fr": ("Collège technique Chao Phraya", "Bangkok"),
            "es": ("Colegio Técnico Chao Phraya", "Bangkok"),
            "ru": ("Технический колледж Чаопхрая", "Бангкок"),
            "ar": ("كلية تشاو فرايا التقنية", "بانكوك"),
        },
    },
    {
        "slug": "siam-auto-parts",
        "en": "Siam Auto Parts Co., Ltd.",
        "zh": "暹罗汽车零部件有限公司",
        "native": "",
        "country": "TH",
        "city": ("Rayong", "罗勇"),
        "kind": "enterprise",
    },
    {
        "slug": "red-river-polytechnic",
        "en": "Red River Polytechnic College",
        "zh": "红河职业技术学院",
        "native": "Trường Cao đẳng Bách khoa Sông Hồng",
        "country": "VN",
        "city": ("Hanoi", "河内"),
        "kind": "polytechnic",
    },
    {
        "slug": "nusantara-vocational-polytechnic",
        "en": "Nusantara Vocational Polytechnic",
        "zh": "努山塔拉职业理工学院",
        "native": "Politeknik Vokasi Nusantara",
        "country": "ID",
        "city": ("Surabaya", "泗水"),
        "kind": "polytechnic",
    },
    {
        "slug": "straits-institute-of-applied-technology",
        "en": "Straits Institute of Applied Technology",
        "zh": "海峡应用技术学院",
        "native": "Institut Teknologi Gunaan Selat",
        "country": "MY",
        "city": ("George Town", "乔治市"),
        "kind": "applied_sciences",
    },
    {
        "slug": "mekong-skills-institute",
        "en": "Mekong Skills Institute",
        "zh": "湄公河技能学院",
        "native": "",
        "country": "KH",
        "city": ("Phnom Penh", "金边"),
        "kind": "college",
    },
    {
        "slug": "lane-xang-technical-institute",
        "en": "Lane Xang Technical Institute",
        "zh": "澜沧技术学院",
        "native": "",
        "country": "LA",
        "city": ("Vientiane", "万象"),
        "kind": "college",
    },
    {
        "slug": "steppe-polytechnic-college",
        "en": "Steppe Polytechnic College",
        "zh": "草原理工学院",
        "native": "Степной политехнический колледж",
        "country": "KZ",
        "city": ("Almaty", "阿拉木图"),
        "kind": "polytechnic",
        "texts": {
            "fr": ("Collège polytechnique de la Steppe", "Almaty"),
            "es": ("Colegio Politécnico de la Estepa", "Almaty"),
            "ru": ("Степной политехнический колледж", "Алматы"),
            "ar": ("كلية السهوب البوليتكنيكية", "ألماتي"),
        },
    },
    {
        "slug": "samarkand-silk-road-technical-college",
        "en": "Samarkand Silk Road Technical College",
        "zh": "撒马尔罕丝路技术学院",
        "native": "Самаркандский технический колледж «Шёлковый путь»",
        "country": "UZ",
        "city": ("Samarkand", "撒马尔罕"),
        "kind": "college",
        "texts": {"ru": ("Самаркандский технический колледж «Шёлковый путь»", "Самарканд")},
    },
    {
        "slug": "kazan-college-of-engineering-trades",
        "en": "Kazan College of Engineering Trades",
        "zh": "喀山工程技术学院",
        "native": "Казанский колледж инженерных профессий",
        "country": "RU",
        "city": ("Kazan", "喀山"),
        "kind": "college",
        "texts": {"ru": ("Казанский колледж инженерных профессий", "Казань")},
    },
    {
        "slug": "nile-delta-technical-institute",
        "en": "Nile Delta Technical Institute",
        "zh": "尼罗河三角洲技术学院",
        "native": "معهد دلتا النيل التقني",
        "country": "EG",
        "city": ("Cairo", "开罗"),
        "kind": "college",
        "texts": {
            "ar": ("معهد دلتا النيل التقني", "القاهرة"),
            "fr": ("Institut technique du delta du Nil", "Le Caire"),
        },
    },
    {
        "slug": "institut-metiers-automobile-tanger",
        "en": "Tangier Institute of Automotive Trades",
        "zh": "丹吉尔汽车职业学院",
        "native": "Institut des métiers de l'automobile de Tanger",
        "country": "MA",
        "city": ("Tangier", "丹吉尔"),
        "kind": "college",
        "texts": {
            "fr": ("Institut des métiers de l'automobile de Tanger", "Tanger"),
            "es": ("Instituto de Oficios del Automóvil de Tánger", "Tánger"),
            "ru": ("Институт автомобильных профессий Танжера", "Танжер"),
            "ar": ("معهد مهن السيارات في طنجة", "طنجة"),
        },
    },
    {
        "slug": "institut-superieur-metiers-thies",
        "en": "Thiès Higher Institute of Trades",
        "zh": "捷斯高等职业学院",
        "native": "Institut supérieur des métiers de Thiès",
        "country": "SN",
        "city": ("Thiès", "捷斯"),
        "kind": "college",
        "texts": {"fr": ("Institut supérieur des métiers de Thiès", "Thiès")},
    },
    {
        "slug": "lycee-metiers-mecanique-lyon",
        "en": "Lyon Vocational School of Mechanics",
        "zh": "里昂机械职业高中",
        "native": "Lycée des métiers de la mécanique de Lyon",
        "country": "FR",
        "city": ("Lyon", "里昂"),
        "kind": "college",
        "texts": {"fr": ("Lycée des métiers de la mécanique de Lyon", "Lyon")},
    },
    {
        "slug": "ifp-costa-del-sol",
        "en": "Costa del Sol Vocational Training Institute",
        "zh": "太阳海岸职业培训学院",
        "native": "Instituto de Formación Profesional Costa del Sol",
        "country": "ES",
        "city": ("Málaga", "马拉加"),
        "kind": "college",
        "texts": {
            "es": ("Instituto de Formación Profesional Costa del Sol", "Málaga"),
            "fr": ("Institut de formation professionnelle Costa del Sol", "Malaga"),
            "ru": ("Институт профессионального образования «Коста-дель-Соль»", "Малага"),
            "ar": ("معهد كوستا ديل سول للتدريب المهني", "مالقة"),
        },
    },
    {
        "slug": "colegio-tecnico-del-bajio",
        "en": "Bajío Technical College",
        "zh": "巴希奥技术学院",
        "native": "Colegio Técnico del Bajío",
        "country": "MX",
        "city": ("León", "莱昂"),
        "kind": "college",
        "texts": {"es": ("Colegio Técnico del Bajío", "León")},
    },
    {
        "slug": "instituto-profesional-andes-sur",
        "en": "Andes Sur Professional Institute",
        "zh": "南安第斯职业学院",
        "native": "Instituto Profesional Andes Sur",
        "country": "CL",
        "city": ("Concepción", "康塞普西翁"),
        "kind": "applied_sciences",
        "texts": {"es": ("Instituto Profesional Andes Sur", "Concepción")},
    },
    {
        "slug": "instituto-tecnico-rio-de-la-plata",
        "en": "Río de la Plata Technical Institute",
        "zh": "拉普拉塔河技术学院",
        "native": "Instituto Técnico Río de la Plata",
        "country": "AR",
        "city": ("Buenos Aires", "布宜诺斯艾利斯"),
        "kind": "college",
        "texts": {"es": ("Instituto Técnico Río de la Plata", "Buenos Aires")},
    },
    {
        "slug": "emirates-institute-of-applied-logistics",
        "en": "Emirates Institute of Applied Logistics",
        "zh": "阿联酋应用物流学院",
        "native": "معهد الإمارات للخدمات اللوجستية التطبيقية",
        "country": "AE",
        "city": ("Dubai", "迪拜"),
        "kind": "applied_sciences",
        "texts": {
            "ar": ("معهد الإمارات للخدمات اللوجستية التطبيقية", "دبي"),
            "fr": ("Institut émirien de logistique appliquée", "Dubaï"),
            "es": ("Instituto Emiratí de Logística Aplicada", "Dubái"),
            "ru": ("Эмиратский институт прикладной логистики", "Дубай"),
        },
    },
    {
        "slug": "petra-college-of-applied-technology",
        "en": "Petra College of Applied Technology",
        "zh": "佩特拉应用技术学院",
        "native": "كلية البترا للتكنولوجيا التطبيقية",
        "country": "JO",
        "city": ("Amman", "安曼"),
        "kind": "college",
        "texts": {"ar": ("كلية البترا للتكنولوجيا التطبيقية", "عمّان")},
    },
    {
        "slug": "highveld-tvet-college",
        "en": "Highveld TVET College",
        "zh": "高地职业技术教育学院",
        "native": "",
        "country": "ZA",
        "city": ("Johannesburg", "约翰内斯堡"),
        "kind": "college",
    },
    {
        "slug": "copperbelt-skills-academy",
        "en": "Copperbelt Skills Academy",
        "zh": "铜带省技能学院",
        "native": "",
        "country": "ZM",
        "city": ("Kitwe", "基特韦"),
        "kind": "college",
    },
    {
        "slug": "bbz-rhein-ruhr",
        "en": "Rhine-Ruhr Vocational Training Centre",
        "zh": "莱茵-鲁尔职业培训中心",
        "native": "Berufsbildungszentrum Rhein-Ruhr",
        "country": "DE",
        "city": ("Duisburg", "杜伊斯堡"),
        "kind": "college",
    },
    {
        "slug": "danube-technical-college",
        "en": "Danube Technical College",
        "zh": "多瑙河技术学院",
        "native": "Tehnički koledž Dunav",
        "country": "RS",
        "city": ("Novi Sad", "诺维萨德"),
        "kind": "applied_sciences",
    },
    {
        "slug": "zhongtai-rail-services-thailand",
        "en": "Zhongtai Rail Services (Thailand) Co., Ltd.",
        "zh": "中泰轨道服务（泰国）有限公司",
        "native": "",
        "country": "TH",
        "city": ("Nakhon Ratchasima", "呵叻"),
        "kind": "chinese_enterprise",
    },
    {
        "slug": "huaxin-construction-kenya",
        "en": "Huaxin Construction Kenya Ltd.",
        "zh": "华信建设（肯尼亚）有限公司",
        "native": "",
        "country": "KE",
        "city": ("Mombasa", "蒙巴萨"),
        "kind": "chinese_enterprise",
    },
    {
        "slug": "indus-engineering-services",
        "en": "Indus Engineering Services (Pvt) Ltd.",
        "zh": "印度河工程服务有限公司",
        "native": "",
        "country": "PK",
        "city": ("Karachi", "卡拉奇"),
        "kind": "enterprise",
    },
    {
        "slug": "awash-industrial-skills-centre",
        "en": "Awash Industrial Skills Centre",
        "zh": "阿瓦什工业技能中心",
        "native": "",
        "country": "ET",
        "city": ("Adama", "阿达马"),
        "kind": "agency",
    },
    {
        "slug": "escola-tecnica-vale-do-paraiba",
        "en": "Paraíba Valley Technical School",
        "zh": "帕拉伊巴河谷技术学校",
        "native": "Escola Técnica Vale do Paraíba",
        "country": "BR",
        "city": ("São José dos Campos", "圣若泽杜斯坎普斯"),
        "kind": "college",
    },
    {
        "slug": "indian-ocean-vocational-training-network",
        "en": "Indian Ocean Vocational Training Network",
        "zh": "印度洋职业培训网络",
        "native": "Réseau de la formation professionnelle de l'océan Indien",
        "country": "MU",
        "city": ("Port Louis", "路易港"),
        "kind": "international",
        "texts": {"fr": ("Réseau de la formation professionnelle de l'océan Indien", "Port-Louis")},
    },
]

# What each real partner is, from the CSV's "relation" column, in six languages.
PARTNER_FACTS = {
    "unevoc": {
        "en": "It is a member of UNESCO's UNEVOC network of technical and vocational education and training centres.",
        "zh-hans": "该机构是联合国教科文组织国际职业技术教育与培训中心（UNEVOC）网络成员。",
        "fr": "Membre du réseau UNEVOC de l'UNESCO des centres d'enseignement et de formation techniques et "
        "professionnels.",
        "es": "Es miembro de la red UNEVOC de la UNESCO de centros de educación y formación técnica y profesional.",
        "ru": "Организация входит в сеть центров технического и профессионального образования ЮНЕСКО-ЮНЕВОК.",
        "ar": "والمؤسسة عضو في شبكة اليونسكو-يونيفوك لمراكز التعليم والتدريب التقني والمهني.",
    },
}

KIND_WORDS = {
    "college": {
        "en": "a college",
        "zh-hans": "学院",
        "fr": "un établissement d'enseignement",
        "es": "un centro de formación",
        "ru": "учебное заведение",
        "ar": "مؤسسة تعليمية",
    },
    "applied_sciences": {
        "en": "a university of applied sciences",
        "zh-hans": "应用技术大学",
        "fr": "une haute école spécialisée",
        "es": "una universidad de ciencias aplicadas",
        "ru": "университет прикладных наук",
        "ar": "جامعة للعلوم التطبيقية",
    },
    "polytechnic": {
        "en": "a polytechnic",
        "zh-hans": "理工学院",
        "fr": "un institut polytechnique",
        "es": "un instituto politécnico",
        "ru": "политехнический колледж",
        "ar": "معهد بوليتكنيكي",
    },
    "university": {
        "en": "a university",
        "zh-hans": "大学",
        "fr": "une université",
        "es": "una universidad",
        "ru": "университет",
        "ar": "جامعة",
    },
    "agency": {
        "en": "a public body for vocational education",
        "zh-hans": "职业教育公共机构",
        "fr": "un organisme public de la formation professionnelle",
        "es": "un organismo público de formación profesional",
        "ru": "государственный орган профессионального образования",
        "ar": "هيئة عامة للتعليم المهني",
    },
    "enterprise": {
        "en": "a company",
        "zh-hans": "企业",
        "fr": "une entreprise",
        "es": "una empresa",
        "ru": "компания",
        "ar": "شركة",
    },
    "chinese_enterprise": {
        "en": "a Chinese company abroad",
        "zh-hans": "中资海外企业",
        "fr": "une entreprise chinoise à l'étranger",
        "es": "una empresa china en el extranjero",
        "ru": "китайская компания за рубежом",
        "ar": "شركة صينية في الخارج",
    },
    "international": {
        "en": "an international network",
        "zh-hans": "国际网络",
        "fr": "un réseau international",
        "es": "una red internacional",
        "ru": "международная сеть",
        "ar": "شبكة دولية",
    },
}

# "{name} is {kind} in {city} ({country})." in each language.
PARTNER_SENTENCE = {
    "en": "{name} is {kind} in {city}, {country}.",
    "zh-hans": "{name}是位于{country}{city}的{kind}。",
    "fr": "{name} : {kind} à {city} ({country}).",
    "es": "{name} es {kind} con sede en {city} ({country}).",
    "ru": "{name} — {kind} в городе {city} ({country}).",
    "ar": "{name} {kind} في مدينة {city} ({country}).",
}
SAMPLE_PARTNER_SENTENCE = {
    "en": "It works with Chinese vocational schools on training, exchanges and curricula.",
    "zh-hans": "该机构与中国职业院校在培训、交流和课程开发方面开展合作。",
    "fr": "Partenaire des établissements professionnels chinois pour la formation, les échanges et les "
    "programmes d'études.",
    "es": "Colabora con centros chinos de formación profesional en formación, intercambios y planes de estudio.",
    "ru": "Сотрудничает с китайскими профессиональными учебными заведениями в области обучения, обменов и учебных "
    "программ.",
    "ar": "وتتعاون المؤسسة مع مؤسسات التعليم المهني الصينية في التدريب والتبادل وتطوير المناهج.",
}

# Programme titles: {spec} the specialty, {place} the city where delivered.
PROGRAMME_TITLES = {
    "training_centre": {
        "en": "{spec} Training Centre, {place}",
        "zh-hans": "{spec}海外培训中心（{place}）",
        "fr": "Centre de formation en {spec} ({place})",
        "es": "Centro de formación en {spec} ({place})",
        "ru": "Учебный центр «{spec}» ({place})",
        "ar": "مركز تدريب {spec} ({place})",
    },
    "joint_programme": {
        "en": "{spec} Joint Diploma Programme",
        "zh-hans": "{spec}中外合作办学项目",
        "fr": "Diplôme conjoint en {spec}",
        "es": "Programa de doble titulación en {spec}",
        "ru": "Совместная программа «{spec}»",
        "ar": "برنامج الشهادة المشتركة في {spec}",
    },
    "exchange": {
        "en": "{spec} Student Exchange, {place}",
        "zh-hans": "{spec}学生交流项目（{place}）",
        "fr": "Échange d'étudiants en {spec} ({place})",
        "es": "Intercambio de estudiantes de {spec} ({place})",
        "ru": "Студенческий обмен «{spec}» ({place})",
        "ar": "تبادل طلابي في {spec} ({place})",
    },
    "teacher_training": {
        "en": "{spec} Teacher Training, {place}",
        "zh-hans": "{spec}师资培训项目（{place}）",
        "fr": "Formation de formateurs en {spec} ({place})",
        "es": "Formación de docentes en {spec} ({place})",
        "ru": "Подготовка преподавателей «{spec}» ({place})",
        "ar": "تدريب المعلمين في {spec} ({place})",
    },
    "short_course": {
        "en": "{spec} Short Course",
        "zh-hans": "{spec}短期研修班",
        "fr": "Stage court en {spec}",
        "es": "Curso corto de {spec}",
        "ru": "Краткий курс «{spec}»",
        "ar": "دورة قصيرة في {spec}",
    },
    "online_course": {
        "en": "{spec} Online Course",
        "zh-hans": "{spec}在线课程",
        "fr": "Cours en ligne de {spec}",
        "es": "Curso en línea de {spec}",
        "ru": "Онлайн-курс «{spec}»",
        "ar": "دورة عبر الإنترنت في {spec}",
    },
    "standard": {
        "en": "{spec} Professional Standard",
        "zh-hans": "{spec}专业教学标准共建项目",
        "fr": "Référentiel de formation en {spec}",
        "es": "Estándar de formación en {spec}",
        "ru": "Образовательный стандарт «{spec}»",
        "ar": "معيار التدريب المهني في {spec}",
    },
}

# Programme descriptions: {school}, {spec}, {partner}, {place} (city and country).
PROGRAMME_DESCRIPTIONS = {
    "training_centre": {
        "en": "<p>{school} runs this training centre with {partner} in {place}. It trains local technicians and "
        "employees of companies in {spec} on Chinese equipment, with Chinese and local teachers.</p>",
        "zh-hans": "<p>{school}与{partner}在{place}共建海外培训中心，使用中国设备，"
        "由中外教师联合授课，为当地技术人员和企业员工提供{spec}培训。</p>",
        "fr": "<p>{school} gère ce centre de formation avec {partner} à {place}. Il forme des techniciens locaux et "
        "des salariés d'entreprises en {spec} sur des équipements chinois, avec des formateurs chinois et locaux.</p>",
        "es": "<p>{school} gestiona este centro de formación con {partner} en {place}. Forma a técnicos locales y "
        "a empleados de empresas en {spec} con equipos chinos y docentes chinos y locales.</p>",
        "ru": "<p>{school} совместно с партнёром «{partner}» ведёт этот учебный центр (место: {place}). Центр "
        "обучает местных техников и сотрудников предприятий по направлению «{spec}» на китайском оборудовании; "
        "занятия ведут китайские и местные преподаватели.</p>",
        "ar": "<p>يدير {school} مركز التدريب هذا بالشراكة مع {partner} في {place}. ويُدرّب المركز الفنيين المحليين "
        "وموظفي الشركات في مجال {spec} على معدات صينية، بمشاركة مدربين صينيين ومحليين.</p>",
    },
    "joint_programme": {
        "en": "<p>A joint diploma programme in {spec} run by {school} and {partner}. Students study the first part "
        "of the programme at {school} and the second at the partner, and receive the diplomas of both.</p>",
        "zh-hans": "<p>{school}与{partner}合作举办的{spec}专业中外合作办学项目。学生先在{school}学习，"
        "后赴合作院校学习，毕业获得双方文凭。</p>",
        "fr": "<p>Un diplôme conjoint en {spec} proposé par {school} et {partner}. Les étudiants suivent la première "
        "partie du cursus à {school} et la seconde chez le partenaire, et reçoivent les diplômes des deux "
        "établissements.</p>",
        "es": "<p>Un programa de doble titulación en {spec} ofrecido por {school} y {partner}. Los estudiantes cursan "
        "la primera parte en {school} y la segunda en la institución socia, y obtienen los títulos de ambas.</p>",
        "ru": "<p>Совместная программа по направлению «{spec}», которую ведут {school} и «{partner}». Первую часть "
        "программы студенты проходят в Китае, вторую — у партнёра, и получают дипломы обоих учебных заведений.</p>",
        "ar": "<p>برنامج شهادة مشتركة في {spec} يقدّمه {school} بالشراكة مع {partner}. يدرس الطلاب الجزء الأول من "
        "البرنامج في الصين والجزء الثاني لدى الشريك، ويحصلون على شهادتي المؤسستين.</p>",
    },
    "exchange": {
        "en": "<p>Students of {spec} at {school} and at {partner} spend a semester at each other's school in "
        "{place}, with internships in local companies.</p>",
        "zh-hans": "<p>{school}{spec}专业与{partner}互派学生交换学习一个学期（{place}），并在当地企业实习。</p>",
        "fr": "<p>Les étudiants en {spec} de {school} et de {partner} passent un semestre dans l'établissement "
        "partenaire ({place}), avec un stage en entreprise.</p>",
        "es": "<p>Los estudiantes de {spec} de {school} y de {partner} pasan un semestre en la institución socia "
        "({place}), con prácticas en empresas locales.</p>",
        "ru": "<p>Студенты направления «{spec}» ({school} и «{partner}») проводят семестр в учебном заведении-партнёре "
        "(место: {place}) и проходят практику на местных предприятиях.</p>",
        "ar": "<p>يقضي طلاب {spec} في {school} وفي {partner} فصلًا دراسيًا لدى المؤسسة الشريكة ({place})، مع تدريب "
        "عملي في الشركات المحلية.</p>",
    },
    "teacher_training": {
        "en": "<p>{school} trains teachers of {partner} in {spec}: teaching methods, workshop practice and the "
        "Chinese equipment used in class. Sessions take place in {place} and in China.</p>",
        "zh-hans": "<p>{school}为{partner}教师开展{spec}师资培训，内容包括教学方法、"
        "实训操作和课堂所用中国设备，培训在{place}和中国两地进行。</p>",
        "fr": "<p>{school} forme les enseignants de {partner} en {spec} : méthodes pédagogiques, pratique en atelier "
        "et équipements chinois utilisés en cours. Les sessions ont lieu à {place} et en Chine.</p>",
        "es": "<p>{school} forma a los docentes de {partner} en {spec}: métodos de enseñanza, práctica en taller y "
        "los equipos chinos usados en clase. Las sesiones se imparten en {place} y en China.</p>",
        "ru": "<p>{school} обучает преподавателей партнёра «{partner}» по направлению «{spec}»: методика, "
        "практика в мастерских и китайское учебное оборудование. Занятия проходят на месте ({place}) и в "
        "Китае.</p>",
        "ar": "<p>يُدرّب {school} معلمي {partner} في مجال {spec}: طرق التدريس والتطبيق العملي في الورش والمعدات "
        "الصينية المستخدمة في الفصول. وتُعقد الدورات في {place} وفي الصين.</p>",
    },
    "short_course": {
        "en": "<p>A short course in {spec} at {school} for international students and professionals, with "
        "visits to companies and a certificate of completion.</p>",
        "zh-hans": "<p>{school}面向国际学生和从业人员开设的{spec}短期研修班，包含企业参访，结业颁发证书。</p>",
        "fr": "<p>Un stage court en {spec} à {school} pour des étudiants et des professionnels étrangers, avec des "
        "visites d'entreprises et une attestation de fin de stage.</p>",
        "es": "<p>Un curso corto de {spec} en {school} para estudiantes y profesionales extranjeros, con visitas a "
        "empresas y un certificado de aprovechamiento.</p>",
        "ru": "<p>Краткий курс по направлению «{spec}» ({school}) для иностранных студентов и специалистов: "
        "занятия, посещение предприятий и сертификат об окончании.</p>",
        "ar": "<p>دورة قصيرة في {spec} لدى {school} للطلاب والمهنيين الأجانب، تشمل زيارات إلى الشركات وشهادة "
        "إتمام.</p>",
    },
    "online_course": {
        "en": "<p>An online course in {spec} by {school}: recorded lessons, virtual workshops and live sessions "
        "with teachers, open to learners abroad.</p>",
        "zh-hans": "<p>{school}面向海外学习者开设的{spec}在线课程，包括录播课程、虚拟仿真实训和教师直播答疑。</p>",
        "fr": "<p>Un cours en ligne de {spec} proposé par {school} : leçons enregistrées, ateliers virtuels et "
        "séances en direct avec les enseignants, ouvert aux apprenants à l'étranger.</p>",
        "es": "<p>Un curso en línea de {spec} de {school}: clases grabadas, talleres virtuales y sesiones en "
        "directo con los docentes, abierto a estudiantes de otros países.</p>",
        "ru": "<p>Онлайн-курс по направлению «{spec}» ({school}): записанные уроки, виртуальные практикумы и "
        "занятия с преподавателями в прямом эфире; открыт для слушателей из других стран.</p>",
        "ar": "<p>دورة عبر الإنترنت في {spec} يقدّمها {school}: دروس مسجّلة وورش افتراضية وجلسات مباشرة مع "
        "المعلمين، ومفتوحة للمتعلمين في الخارج.</p>",
    },
    "standard": {
        "en": "<p>{school} and {partner} write a professional and curriculum standard for {spec}, adopted by the "
        "partner's national training system in {place}.</p>",
        "zh-hans": "<p>{school}与{partner}共同制定{spec}专业教学标准和课程标准，"
        "并纳入合作方所在国（{place}）的国家培训体系。</p>",
        "fr": "<p>{school} et {partner} rédigent ensemble un référentiel de métier et de formation en {spec}, "
        "adopté par le système national de formation du partenaire ({place}).</p>",
        "es": "<p>{school} y {partner} elaboran juntos un estándar profesional y curricular de {spec}, adoptado "
        "por el sistema nacional de formación del país socio ({place}).</p>",
        "ru": "<p>{school} и «{partner}» совместно разрабатывают профессиональный и образовательный стандарт по "
        "направлению «{spec}», принятый национальной системой подготовки страны-партнёра ({place}).</p>",
        "ar": "<p>يعدّ {school} و{partner} معًا معيارًا مهنيًا ومنهجيًا في {spec}، تعتمده منظومة التدريب الوطنية "
        "في بلد الشريك ({place}).</p>",
    },
}

DURATIONS = {
    "3y": {"en": "3 years", "zh-hans": "3年", "fr": "3 ans", "es": "3 años", "ru": "3 года", "ar": "3 سنوات"},
    "2y": {"en": "2 years", "zh-hans": "2年", "fr": "2 ans", "es": "2 años", "ru": "2 года", "ar": "سنتان"},
    "1s": {
        "en": "1 semester",
        "zh-hans": "1学期",
        "fr": "1 semestre",
        "es": "1 semestre",
        "ru": "1 семестр",
        "ar": "فصل دراسي واحد",
    },
    "12w": {
        "en": "12 weeks",
        "zh-hans": "12周",
        "fr": "12 semaines",
        "es": "12 semanas",
        "ru": "12 недель",
        "ar": "12 أسبوعًا",
    },
    "4w": {
        "en": "4 weeks",
        "zh-hans": "4周",
        "fr": "4 semaines",
        "es": "4 semanas",
        "ru": "4 недели",
        "ar": "4 أسابيع",
    },
    "2w": {"en": "2 weeks", "zh-hans": "2周", "fr": "2 semaines", "es": "2 semanas", "ru": "2 недели", "ar": "أسبوعان"},
    "18m": {
        "en": "18 months",
        "zh-hans": "18个月",
        "fr": "18 mois",
        "es": "18 meses",
        "ru": "18 месяцев",
        "ar": "18 شهرًا",
    },
}
# The duration that suits each programme type.
TYPE_DURATIONS = {
    "training_centre": ["12w", "4w"],
    "joint_programme": ["3y", "2y"],
    "exchange": ["1s"],
    "teacher_training": ["4w", "2w"],
    "short_course": ["2w", "4w"],
    "online_course": ["12w"],
    "standard": ["18m"],
}
INTAKES = {
    "september": {
        "en": "Every September",
        "zh-hans": "每年9月",
        "fr": "Chaque année en septembre",
        "es": "Cada año en septiembre",
        "ru": "Ежегодно в сентябре",
        "ar": "كل عام في سبتمبر",
    },
    "march_september": {
        "en": "March and September",
        "zh-hans": "每年3月和9月",
        "fr": "En mars et en septembre",
        "es": "En marzo y septiembre",
        "ru": "В марте и сентябре",
        "ar": "في مارس وسبتمبر",
    },
    "rolling": {
        "en": "All year round",
        "zh-hans": "全年滚动招生",
        "fr": "Toute l'année",
        "es": "Todo el año",
        "ru": "Круглый год",
        "ar": "على مدار العام",
    },
    "july": {
        "en": "Every July",
        "zh-hans": "每年7月",
        "fr": "Chaque année en juillet",
        "es": "Cada año en julio",
        "ru": "Ежегодно в июле",
        "ar": "كل عام في يوليو",
    },
}
FEES = {
    "free": {
        "en": "No tuition fees",
        "zh-hans": "免学费",
        "fr": "Pas de frais de scolarité",
        "es": "Sin tasas de matrícula",
        "ru": "Обучение бесплатное",
        "ar": "بدون رسوم دراسية",
    },
    "employer": {
        "en": "Paid by the employer",
        "zh-hans": "由用人企业支付",
        "fr": "Pris en charge par l'employeur",
        "es": "A cargo del empleador",
        "ru": "Оплачивает работодатель",
        "ar": "يتحملها صاحب العمل",
    },
    "tuition": {
        "en": "CNY 16,000 a year",
        "zh-hans": "每年16,000元人民币",
        "fr": "16 000 CNY par an",
        "es": "16.000 CNY al año",
        "ru": "16 000 юаней в год",
        "ar": "16,000 يوان سنويًا",
    },
}
SCHOLARSHIPS = {
    "en": "Scholarships of the school cover accommodation for the best applicants.",
    "zh-hans": "学校为优秀申请者提供奖学金，覆盖住宿费用。",
    "fr": "Des bourses de l'établissement couvrent le logement des meilleurs candidats.",
    "es": "Las becas del centro cubren el alojamiento de los mejores candidatos.",
    "ru": "Стипендии учебного заведения покрывают проживание лучших кандидатов.",
    "ar": "تغطي منح المؤسسة تكاليف السكن لأفضل المتقدمين.",
}
CERTIFICATES = {
    "diploma": {
        "en": "Diploma of higher vocational education",
        "zh-hans": "高等职业教育毕业证书",
        "fr": "Diplôme de l'enseignement professionnel supérieur",
        "es": "Título de formación profesional superior",
        "ru": "Диплом о высшем профессиональном образовании",
        "ar": "شهادة التعليم المهني العالي",
    },
    "skill": {
        "en": "Vocational skill level certificate",
        "zh-hans": "职业技能等级证书",
        "fr": "Certificat de niveau de compétence professionnelle",
        "es": "Certificado de nivel de competencia profesional",
        "ru": "Сертификат уровня профессиональной квалификации",
        "ar": "شهادة مستوى المهارة المهنية",
    },
    "completion": {
        "en": "Certificate of completion",
        "zh-hans": "结业证书",
        "fr": "Attestation de fin de formation",
        "es": "Certificado de aprovechamiento",
        "ru": "Сертификат об окончании",
        "ar": "شهادة إتمام",
    },
}
TYPE_CERTIFICATES = {
    "training_centre": ["skill", "completion"],
    "joint_programme": ["diploma", "skill"],
    "exchange": ["completion"],
    "teacher_training": ["completion"],
    "short_course": ["completion"],
    "online_course": ["completion"],
    "standard": [],
}

# The ten programmes shown in all six languages: (school slug, specialty,
# type, partner slug or None, delivery country, city in six languages).
FULLY_TRANSLATED_PROGRAMMES = [
    (
        "shenzhen-polytechnic-university",
        "通信技术",
        "training_centre",
        "chao-phraya-technical-college",
        "TH",
        {"en": "Bangkok", "zh-hans": "曼谷", "fr": "Bangkok", "es": "Bangkok", "ru": "Бангкок", "ar": "بانكوك"},
    ),
    (
        "shenzhen-polytechnic-university",
        "软件技术",
        "online_course",
        None,
        "CN",
        {"en": "Shenzhen", "zh-hans": "深圳", "fr": "Shenzhen", "es": "Shenzhen", "ru": "Шэньчжэнь", "ar": "شنتشن"},
    ),
    (
        "beijing-polytechnic",
        "汽车制造与装配技术",
        "joint_programme",
        "institut-metiers-automobile-tanger",
        "MA",
        {"en": "Tangier", "zh-hans": "丹吉尔", "fr": "Tanger", "es": "Tánger", "ru": "Танжер", "ar": "طنجة"},
    ),
    (
        "beijing-polytechnic",
        "药品生物技术",
        "short_course",
        None,
        "CN",
        {"en": "Beijing", "zh-hans": "北京", "fr": "Pékin", "es": "Pekín", "ru": "Пекин", "ar": "بكين"},
    ),
    (
        "wuxi-institute-of-technology",
        "数控技术",
        "training_centre",
        "steppe-polytechnic-college",
        "KZ",
        {"en": "Almaty", "zh-hans": "阿拉木图", "fr": "Almaty", "es": "Almaty", "ru": "Алматы", "ar": "ألماتي"},
    ),
    (
        "wuxi-institute-of-technology",
        "物联网应用技术",
        "exchange",
        "ovgu-magdeburg-unevoc",
        "DE",
        {
            "en": "Magdeburg",
            "zh-hans": "马格德堡",
            "fr": "Magdebourg",
            "es": "Magdeburgo",
            "ru": "Магдебург",
            "ar": "ماغدبورغ",
        },
    ),
    (
        "shaanxi-polytechnic-institute",
        "机械制造与自动化",
        "teacher_training",
        "yaba-college-of-technology",
        "NG",
        {"en": "Lagos", "zh-hans": "拉各斯", "fr": "Lagos", "es": "Lagos", "ru": "Лагос", "ar": "لاغوس"},
    ),
    (
        "shaanxi-polytechnic-institute",
        "材料成型与控制技术",
        "standard",
        "arusha-technical-college",
        "TZ",
        {"en": "Arusha", "zh-hans": "阿鲁沙", "fr": "Arusha", "es": "Arusha", "ru": "Аруша", "ar": "أروشا"},
    ),
    (
        "zhejiang-technical-institute-of-economics",
        "物流管理",
        "short_course",
        "emirates-institute-of-applied-logistics",
        "AE",
        {"en": "Dubai", "zh-hans": "迪拜", "fr": "Dubaï", "es": "Dubái", "ru": "Дубай", "ar": "دبي"},
    ),
    (
        "zhejiang-technical-institute-of-economics",
        "电子商务",
        "exchange",
        "ifp-costa-del-sol",
        "ES",
        {"en": "Málaga", "zh-hans": "马拉加", "fr": "Malaga", "es": "Málaga", "ru": "Малага", "ar": "مالقة"},
    ),
]

# Teaching languages that go with the country where a programme is delivered.
COUNTRY_LANGUAGES = {
    "TH": "th",
    "VN": "vi",
    "ID": "id",
    "MY": "ms",
    "KH": "km",
    "LA": "en",
    "KZ": "ru",
    "UZ": "ru",
    "RU": "ru",
    "EG": "ar",
    "AE": "ar",
    "JO": "ar",
    "MA": "fr",
    "SN": "fr",
    "FR": "fr",
    "MG": "fr",
    "MU": "fr",
    "ES": "es",
    "MX": "es",
    "CL": "es",
    "AR": "es",
    "BR": "pt",
    "DE": "de",
    "PL": "pl",
    "RS": "en",
    "GB": "en",
    "NG": "en",
    "TZ": "sw",
    "KE": "sw",
    "ET": "en",
    "ZA": "en",
    "ZM": "en",
    "PK": "ur",
    "LK": "en",
}

BATCH_NAMES = {
    1: {"en": "First batch (2024)", "zh-hans": "第一批（2024年）"},
    2: {"en": "Second batch (2025)", "zh-hans": "第二批（2025年）"},
    3: {"en": "Third batch (2026)", "zh-hans": "第三批（2026年）"},
}

ENQUIRIES = [
    # (school slug, name, institution, country, language, email, message)
    (
        "shenzhen-polytechnic-university",
        "Somchai Wongsakul",
        "Chao Phraya Technical College",
        "TH",
        "en",
        "somchai.w@example.org",
        "We would like to extend the communication technology centre to a second campus.",
    ),
    (
        "beijing-polytechnic",
        "Claire Martin",
        "Lycée des métiers de la mécanique de Lyon",
        "FR",
        "fr",
        "claire.martin@example.org",
        "Bonjour, nous cherchons un partenaire pour un échange d'apprentis en mécanique.",
    ),
    (
        "wuxi-institute-of-technology",
        "Айгерим Сагинтаева",
        "Степной политехнический колледж",
        "KZ",
        "ru",
        "aigerim.s@example.org",
        "Здравствуйте! Хотели бы обсудить подготовку наших преподавателей по станкам с ЧПУ.",
    ),
    (
        "zhejiang-technical-institute-of-economics",
        "Omar Haddad",
        "Emirates Institute of Applied Logistics",
        "AE",
        "ar",
        "omar.haddad@example.org",
        "نرغب في معرفة مواعيد الدورة القصيرة القادمة في إدارة الخدمات اللوجستية.",
    ),
    (
        "shaanxi-polytechnic-institute",
        "Lucía Fernández",
        "Instituto Técnico Río de la Plata",
        "AR",
        "es",
        "lucia.fernandez@example.org",
        "Buenos días, nos interesa un programa de formación docente en fabricación mecánica.",
    ),
]
