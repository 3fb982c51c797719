//! Agency names built from real-looking parts: province × city × county × township, street
//! office or department.

use super::rng::Rng;
use serde::{Deserialize, Serialize};

/// What kind of body publishes the report; decides the statutory deadline (FORMAT.md §8 T01).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A county-level people's government (县/市/区): deadline March 31.
    CountyGovernment,
    /// A township or town government (乡/镇): January 31.
    Township,
    /// A street office (街道办事处/办事处): January 31.
    StreetOffice,
    /// A department of a county government (局/委/办): January 31.
    Department,
}

impl AgencyKind {
    /// (month, day) of the publication deadline in the year after the report year.
    pub fn deadline(self) -> (u32, u32) {
        match self {
            AgencyKind::CountyGovernment => (3, 31),
            _ => (1, 31),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Agency {
    /// The name as the title writes it (the same every year).
    pub name: String,
    /// A short name used in prose and page chrome (`漫路乡`, `循化县`).
    pub short: String,
    pub kind: AgencyKind,
    /// The county-level government above it (for page chrome: 主办, site name).
    pub county: String,
    pub province: &'static str,
    pub city: &'static str,
    /// Telephone area code, for the page footer.
    pub area_code: &'static str,
}

struct Region {
    province: &'static str,
    /// Full city name and the short form used inside longer names.
    city: &'static str,
    city_short: &'static str,
    area_code: &'static str,
    counties: &'static [&'static str],
}

const REGIONS: &[Region] = &[
    Region {
        province: "甘肃省",
        city: "临夏回族自治州",
        city_short: "临夏州",
        area_code: "0930",
        counties: &["临夏县", "康乐县", "永靖县", "广河县", "和政县", "积石山县"],
    },
    Region {
        province: "甘肃省",
        city: "庆阳市",
        city_short: "庆阳市",
        area_code: "0934",
        counties: &[
            "庆城县",
            "环县",
            "华池县",
            "合水县",
            "正宁县",
            "宁县",
            "镇原县",
            "西峰区",
        ],
    },
    Region {
        province: "青海省",
        city: "海东市",
        city_short: "海东市",
        area_code: "0972",
        counties: &["循化县", "化隆县", "民和县", "乐都区", "平安区", "互助县"],
    },
    Region {
        province: "河南省",
        city: "郑州市",
        city_short: "郑州市",
        area_code: "0371",
        counties: &[
            "中牟县",
            "新郑市",
            "登封市",
            "荥阳市",
            "金水区",
            "二七区",
            "管城区",
            "惠济区",
        ],
    },
    Region {
        province: "云南省",
        city: "迪庆藏族自治州",
        city_short: "迪庆州",
        area_code: "0887",
        counties: &["香格里拉市", "德钦县", "维西县"],
    },
    Region {
        province: "四川省",
        city: "凉山彝族自治州",
        city_short: "凉山州",
        area_code: "0834",
        counties: &[
            "西昌市",
            "木里县",
            "盐源县",
            "德昌县",
            "会理市",
            "会东县",
            "宁南县",
        ],
    },
    Region {
        province: "湖南省",
        city: "邵阳市",
        city_short: "邵阳市",
        area_code: "0739",
        counties: &[
            "邵东市",
            "新邵县",
            "隆回县",
            "洞口县",
            "绥宁县",
            "新宁县",
            "武冈市",
        ],
    },
    Region {
        province: "山西省",
        city: "吕梁市",
        city_short: "吕梁市",
        area_code: "0358",
        counties: &[
            "离石区",
            "文水县",
            "交城县",
            "兴县",
            "临县",
            "柳林县",
            "石楼县",
            "岚县",
            "方山县",
            "孝义市",
            "汾阳市",
        ],
    },
    Region {
        province: "广西壮族自治区",
        city: "百色市",
        city_short: "百色市",
        area_code: "0776",
        counties: &[
            "右江区",
            "田阳区",
            "田东县",
            "德保县",
            "那坡县",
            "凌云县",
            "乐业县",
            "西林县",
            "靖西市",
        ],
    },
    Region {
        province: "贵州省",
        city: "黔东南苗族侗族自治州",
        city_short: "黔东南州",
        area_code: "0855",
        counties: &[
            "凯里市",
            "黄平县",
            "施秉县",
            "镇远县",
            "天柱县",
            "锦屏县",
            "黎平县",
            "榕江县",
            "从江县",
            "雷山县",
            "丹寨县",
        ],
    },
    Region {
        province: "河北省",
        city: "保定市",
        city_short: "保定市",
        area_code: "0312",
        counties: &[
            "涞水县",
            "阜平县",
            "定兴县",
            "唐县",
            "高阳县",
            "涞源县",
            "望都县",
            "易县",
            "曲阳县",
            "顺平县",
            "博野县",
            "竞秀区",
        ],
    },
    Region {
        province: "江西省",
        city: "赣州市",
        city_short: "赣州市",
        area_code: "0797",
        counties: &[
            "章贡区",
            "南康区",
            "信丰县",
            "大余县",
            "上犹县",
            "崇义县",
            "安远县",
            "定南县",
            "全南县",
            "宁都县",
            "于都县",
            "兴国县",
            "会昌县",
            "寻乌县",
            "石城县",
            "瑞金市",
        ],
    },
];

/// Township and town names (without 乡/镇).
const TOWNS: &[&str] = &[
    "漫路",
    "驿马",
    "建塘",
    "尹集",
    "北塬",
    "韩集",
    "土桥",
    "麻尼寺沟",
    "营滩",
    "河西",
    "先锋",
    "桥寺",
    "刁祁",
    "井沟",
    "莲花",
    "新集",
    "马集",
    "黄泥湾",
    "红台",
    "坡头",
    "安家坡",
    "掌子沟",
    "白银",
    "街子",
    "积石",
    "清水",
    "查汗都斯",
    "白庄",
    "文都",
    "岗察",
    "道帏",
    "尕楞",
    "高桥",
    "石门",
    "太平",
    "金龙",
    "三岔",
    "五里",
    "柳树",
    "杨庄",
    "王家",
    "李家",
    "赵家庄",
    "双河",
    "龙泉",
    "青山",
    "大坪",
    "小河",
    "平安",
    "永和",
    "长宁",
    "东升",
    "西坡",
    "南湖",
    "北关",
    "城关",
    "古城",
    "新华",
    "兴隆",
    "富民",
    "和平",
    "团结",
    "红星",
    "胜利",
    "民主",
    "光明",
    "上坪",
    "下寨",
    "中庄",
    "沙沟",
    "水泉",
    "松树",
    "桃园",
    "梨园",
    "杏林",
    "柏树",
    "槐树",
    "白杨",
    "苍溪",
    "玉泉",
    "金沙",
    "银滩",
    "铜川",
    "铁岭",
    "花园",
    "草滩",
    "马场",
    "牛家",
];

/// Parts of more township names: one of each (`石坪`, `杨寨`).
const TOWN_FIRST: &[&str] = &[
    "大", "小", "上", "下", "东", "西", "南", "北", "新", "老", "马", "牛", "杨", "李", "王", "张",
    "刘", "陈", "黄", "白", "黑", "红", "青", "石", "沙", "河", "山", "水", "龙", "凤", "金", "银",
    "铜", "花", "草", "松", "柏", "桃", "柳", "安", "平", "永", "长", "太", "和", "兴", "福", "高",
];
const TOWN_SECOND: &[&str] = &[
    "坪", "寨", "集", "庄", "沟", "湾", "滩", "塬", "岭", "坡", "桥", "营", "堡", "台", "店", "坝",
    "川", "场", "峪", "口", "铺", "屯", "关", "园", "林", "溪", "湖", "源", "泉", "阳",
];

/// Street office names (without 街道办事处).
const STREETS: &[&str] = &[
    "商都路",
    "经八路",
    "人民路",
    "解放路",
    "建设路",
    "文化路",
    "花园路",
    "丰产路",
    "东风路",
    "南阳路",
    "北环路",
    "西大街",
    "东大街",
    "城东",
    "城西",
    "城南",
    "城北",
    "新华",
    "和平",
    "友谊",
    "红旗",
    "前进",
    "长江路",
    "黄河路",
    "淮河路",
    "嵩山路",
    "金海",
    "如意湖",
    "龙子湖",
    "博学路",
    "白沙",
    "祭城路",
];

/// Departments of a county government.
const DEPARTMENTS: &[&str] = &[
    "教育局",
    "财政局",
    "人力资源和社会保障局",
    "自然资源局",
    "住房和城乡建设局",
    "交通运输局",
    "水务局",
    "农业农村局",
    "商务局",
    "文化和旅游局",
    "卫生健康局",
    "退役军人事务局",
    "应急管理局",
    "审计局",
    "市场监督管理局",
    "统计局",
    "医疗保障局",
    "林业和草原局",
    "民政局",
    "司法局",
    "发展和改革局",
    "工业和信息化局",
    "科学技术局",
    "乡村振兴局",
    "信访局",
    "人民政府办公室",
    "生态环境分局",
    "政务服务中心",
    "体育局",
    "粮食和物资储备局",
];

/// Draw an agency from the name parts. Callers deduplicate by name.
pub fn draw(rng: &mut Rng) -> Agency {
    let region = rng.pick(REGIONS);
    let county = *rng.pick(region.counties);
    let is_district = county.ends_with('区') || county.ends_with('市');
    let kind = match rng.weighted(&[14, 48, if is_district { 14 } else { 4 }, 30]) {
        0 => AgencyKind::CountyGovernment,
        1 => AgencyKind::Township,
        2 => AgencyKind::StreetOffice,
        _ => AgencyKind::Department,
    };
    let (name, short) = match kind {
        AgencyKind::CountyGovernment => {
            let name = match rng.below(4) {
                0 => format!("{}{}人民政府", region.city_short, county),
                _ => format!("{county}人民政府"),
            };
            (name, county.to_string())
        }
        AgencyKind::Township => {
            let town = if rng.chance(0.5) {
                rng.pick(TOWNS).to_string()
            } else {
                format!("{}{}", rng.pick(TOWN_FIRST), rng.pick(TOWN_SECOND))
            };
            let suffix = if rng.chance(0.5) { "乡" } else { "镇" };
            let short = format!("{town}{suffix}");
            let name = match rng.below(5) {
                0 => format!(
                    "{}{}{}{}",
                    region.province, region.city_short, county, short
                ),
                1 => format!("{short}人民政府"),
                2 => short.clone(),
                _ => format!("{county}{short}"),
            };
            (name, short)
        }
        AgencyKind::StreetOffice => {
            let street = *rng.pick(STREETS);
            match rng.below(3) {
                0 => (
                    format!("{}{}{}办事处", region.city, county, street),
                    format!("{street}办事处"),
                ),
                _ => (
                    format!("{county}{street}街道办事处"),
                    format!("{street}街道"),
                ),
            }
        }
        AgencyKind::Department => {
            let dept = *rng.pick(DEPARTMENTS);
            (format!("{county}{dept}"), format!("{county}{dept}"))
        }
    };
    Agency {
        name,
        short,
        kind,
        county: county.to_string(),
        province: region.province,
        city: region.city,
        area_code: region.area_code,
    }
}
