/**
 * Chinese name pools for the synthetic demo city. Names are invented or generic; any likeness
 * to a real place, unit or estate is only there to make the demo read naturally.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/**
 * Chinese numeral for 1–99, Arabic digits above.
 * @example chineseNumber(12) // '十二'
 */
export function chineseNumber(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tenPart = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  return tenPart + (ones === 0 ? '' : DIGITS[ones]);
}

/** Hands out names once: a repeated base gets a variant (`variant(2)`, `variant(3)`, …). */
export class UniqueNamer {
  private readonly used = new Set<string>();
  private readonly nextVariant = new Map<string, number>();

  take(base: string, variant: (k: number) => string = (k) => `${base}${chineseNumber(k)}区`): string {
    if (!this.used.has(base)) {
      this.used.add(base);
      return base;
    }
    for (let k = this.nextVariant.get(base) ?? 2; ; k++) {
      const name = variant(k);
      if (!this.used.has(name)) {
        this.used.add(name);
        this.nextVariant.set(base, k + 1);
        return name;
      }
    }
  }

  has(name: string): boolean {
    return this.used.has(name);
  }
}

export const DEMO_DISTRICT = { code: '450202', name: '城中区' } as const;

export const DEMO_SUBDISTRICT_NAMES = ['城中街道', '公园街道', '中南街道', '潭中街道', '水上街道', '河东街道', '静兰街道'] as const;

/** Words for naming beyond the demo's fixed lists (districts, sub-districts, roads). */
export const PLACE_WORDS = [
  '龙城',
  '文惠',
  '潭中',
  '鹿鸣',
  '桂花',
  '红光',
  '东风',
  '新华',
  '和平',
  '团结',
  '光明',
  '胜利',
  '曙光',
  '朝阳',
  '青云',
  '映山',
  '景行',
  '柳侯',
  '雅儒',
  '弯塘',
  '水南',
  '箭盘',
  '南环',
  '城站',
  '屏山',
  '马鞍',
  '河西',
  '罗池',
  '驾鹤',
  '立新',
  '红星',
  '向阳',
  '前进',
  '工农',
  '建设',
  '兴华',
  '长青',
  '荣军',
  '友谊',
  '育才',
  '春晖',
  '翠竹',
  '荷塘',
  '榕荫',
  '樟木',
  '紫荆',
  '金桂',
  '银桦',
  '灯台',
  '龙潭',
  '江滨',
  '沙塘',
  '雀山',
  '五星',
  '三中',
  '公园',
  '仁义',
  '小南',
  '双拥',
  '飞鹅',
  '鱼峰',
  '静兰',
  '河东',
  '柳石',
  '航生',
  '窑埠',
  '白沙',
  '洛维',
  '官塘',
  '阳和',
  '古亭',
  '谷埠',
  '西堤',
  '东堤',
  '广雅',
  '启明',
  '宝山',
  '西江',
  '文昌',
  '环江',
  '太平',
  '荔园',
  '蟠龙',
  '羊角',
  '马厂',
  '木材',
  '华丰',
  '华林',
  '跃进',
  '龙屯',
] as const;

export const COMMUNITY_WORDS = [
  '中山',
  '文惠',
  '五星',
  '映山',
  '景行',
  '雅儒',
  '曙光',
  '青云',
  '弯塘',
  '箭盘',
  '柳侯',
  '三中',
  '鹿鸣',
  '红光',
  '东环',
  '水南',
  '屏山',
  '马鞍',
  '桂花',
  '河西',
  '新华',
  '和平',
  '解放',
  '民主',
  '东门',
  '西门',
  '南门',
  '北门',
  '罗池',
  '驾鹤',
  '立新',
  '潭中',
  '龙城',
  '仁义',
  '小南',
  '双拥',
  '长青',
  '荣军',
  '翠竹',
  '荷塘',
  '榕荫',
  '紫荆',
  '金桂',
  '灯台',
  '江滨',
] as const;

/** Arterial bases: vertical arterials become X北路/X南路, horizontal ones X东路/X西路. */
export const ARTERIAL_BASES = ['解放', '中山', '五一', '八一', '东环', '桂中', '屏山', '广场', '胜利', '跃进', '城站', '航生'] as const;

/** Secondary and branch street names, used in this order before generated ones. */
export const STREET_NAMES = [
  '龙城路',
  '文惠路',
  '五星街',
  '公园路',
  '曙光路',
  '弯塘路',
  '青云路',
  '三中路',
  '映山街',
  '景行路',
  '雅儒路',
  '柳侯路',
  '水南路',
  '学院路',
  '潭中路',
  '鹿鸣路',
  '箭盘路',
  '马鞍路',
  '东门街',
  '西门街',
  '南门街',
  '北门街',
  '小南路',
  '仁义街',
  '罗池路',
  '驾鹤路',
  '双拥路',
  '立新路',
  '飞鹅路',
  '红光路',
  '新华路',
  '团结路',
  '光明路',
  '民主路',
  '建设路',
  '人民路',
  '前进路',
  '长青路',
  '桂花路',
  '荣军路',
  '友谊路',
  '河西路',
] as const;

export const RIVER_NAME = '柳江';

/** Original property units (原产权单位): full name and the short form used in 宿舍 names. */
export const OWNER_UNITS: readonly { full: string; short: string }[] = [
  { full: '柳州机械厂', short: '柳州机械厂' },
  { full: '柳州市水电局', short: '水电局' },
  { full: '柳州市粮食局', short: '粮食局' },
  { full: '柳州供电局', short: '供电局' },
  { full: '柳州第一棉纺厂', short: '棉纺厂' },
  { full: '柳州搪瓷厂', short: '搪瓷厂' },
  { full: '柳州市第一中学', short: '一中教工' },
  { full: '柳州市人民医院', short: '人民医院' },
  { full: '柳州市工人医院', short: '工人医院' },
  { full: '柳州卷烟厂', short: '卷烟厂' },
  { full: '柳州市邮电局', short: '邮电局' },
  { full: '柳州市自来水公司', short: '自来水公司' },
  { full: '柳州市百货公司', short: '百货公司' },
  { full: '柳州市交通局', short: '交通局' },
  { full: '柳州市第二建筑工程公司', short: '二建公司' },
  { full: '柳州印刷厂', short: '印刷厂' },
  { full: '柳州轴承厂', short: '轴承厂' },
  { full: '柳州电机厂', short: '电机厂' },
  { full: '柳州化工厂', short: '化工厂' },
  { full: '柳州火柴厂', short: '火柴厂' },
  { full: '柳州市公安局', short: '公安局' },
  { full: '柳州市财政局', short: '财政局' },
  { full: '柳州市税务局', short: '税务局' },
  { full: '柳州铁路分局', short: '铁路分局' },
  { full: '柳州市教育局', short: '教育局' },
  { full: '柳州市文化局', short: '文化局' },
  { full: '柳州日报社', short: '日报社' },
  { full: '柳州市物资局', short: '物资局' },
  { full: '柳州市商业局', short: '商业局' },
  { full: '柳州市外贸局', short: '外贸局' },
  { full: '柳州糖厂', short: '糖厂' },
  { full: '柳州市食品公司', short: '食品公司' },
  { full: '柳州市蔬菜公司', short: '蔬菜公司' },
  { full: '柳州市第二运输公司', short: '二运公司' },
  { full: '柳州市公共汽车公司', short: '公交公司' },
  { full: '柳州市房产管理局', short: '房管局' },
  { full: '柳州市中医医院', short: '中医院' },
  { full: '柳州市妇幼保健院', short: '妇幼保健院' },
  { full: '柳州水泥厂', short: '水泥厂' },
  { full: '柳州造纸厂', short: '造纸厂' },
  { full: '柳州市建设委员会', short: '建委' },
  { full: '中国银行柳州分行', short: '中行' },
  { full: '中国工商银行柳州分行', short: '工行' },
  { full: '柳州市五金交电公司', short: '五金公司' },
  { full: '柳州针织厂', short: '针织厂' },
  { full: '柳州木材厂', short: '木材厂' },
  { full: '柳州市气象局', short: '气象局' },
  { full: '柳州市电信局', short: '电信局' },
  { full: '柳州市人民检察院', short: '检察院' },
  { full: '柳州市中级人民法院', short: '中院' },
];

export const OLD_ESTATE_SUFFIXES = ['小区', '小区', '小区', '新村', '里', '大院'] as const;
export const NEW_ESTATE_WORDS = [
  '阳光',
  '锦绣',
  '金色',
  '翡翠',
  '碧水',
  '江景',
  '御景',
  '名都',
  '世纪',
  '盛世',
  '嘉和',
  '金域',
  '丽景',
  '悦澜',
  '锦江',
  '华庭',
  '天悦',
  '君临',
  '滨江',
  '壶城',
  '半岛',
  '星河',
  '凯旋',
  '恒丰',
  '书香',
  '尚品',
  '雅苑',
  '东方',
  '国际',
  '金港',
] as const;
export const NEW_ESTATE_SUFFIXES = ['花园', '苑', '家园', '公寓', '雅居', '新城', '小区'] as const;

export const CONVENIENCE_BRANDS = ['美宜佳', '天福便利店', '红旗超市', '百佳惠便利店', '邻里便利店', '惠万家'] as const;
export const PARCEL_POINT_BRANDS = ['菜鸟驿站', '丰巢快递柜', '邮政快递驿站', '兔喜生活', '妈妈驿站'] as const;

export const URGENT_NOTES = [
  '雨污合流，化粪池堵塞严重',
  '屋面渗漏，外墙墙皮脱落',
  '供水管网老化，爆管频繁',
  '电线私拉乱接，消防隐患突出',
  '道路破损，雨天积水',
  '楼道照明缺失，消防通道被占',
] as const;

export const GENERAL_NOTES = [
  '居民加装电梯意愿强烈',
  '停车位严重不足',
  '缺少充电桩，电动车飞线充电',
  '绿化杂乱，违章搭建较多',
  '缺少适老化设施',
  '无障碍通道缺失',
  '管线“蜘蛛网”待整治',
  '已完成雨污分流设计',
] as const;
