/**
 * The tile grid of China's 31 provincial-level divisions on the mainland (22 provinces, 5 autonomous regions,
 * 4 municipalities): one equal square each, placed by the rough longitude (column) and latitude (row) of its
 * centre and nudged so that most neighbours stay neighbours. No boundary is drawn, so no boundary data is
 * needed and no disputed line is shown.
 *
 *        0      1      2      3      4      5      6
 *   0                                              黑龙江
 *   1                         内蒙古  北京   辽宁   吉林
 *   2    新疆   甘肃   宁夏   山西   河北   天津
 *   3    西藏   青海   陕西   河南   山东
 *   4           四川   重庆   湖北   安徽   江苏   上海
 *   5           云南   贵州   湖南   江西   浙江
 *   6                  广西   广东   福建
 *   7                  海南
 *
 * Hong Kong, Macao and Taiwan are left out: no list of characteristic towns names a town there. A place the
 * data files under a name outside this grid (such as 新疆生产建设兵团, which the national batches list apart
 * from Xinjiang) keeps its row in the map's table and is named under the map rather than given a made-up tile.
 *
 * `name` is the name the data uses (data/provinces.csv); `short` the usual short form; `en` is split where a
 * name is too long for one line of a tile.
 */
export interface ProvinceTile {
  name: string;
  short: string;
  en: string[];
  col: number;
  row: number;
}

export const GRID_COLUMNS = 7;
export const GRID_ROWS = 8;

/** In the order of the official division codes (GB/T 2260), which is also the order of the table. */
export const PROVINCE_TILES: readonly ProvinceTile[] = [
  { name: '北京市', short: '北京', en: ['Beijing'], col: 4, row: 1 },
  { name: '天津市', short: '天津', en: ['Tianjin'], col: 5, row: 2 },
  { name: '河北省', short: '河北', en: ['Hebei'], col: 4, row: 2 },
  { name: '山西省', short: '山西', en: ['Shanxi'], col: 3, row: 2 },
  { name: '内蒙古自治区', short: '内蒙古', en: ['Inner', 'Mongolia'], col: 3, row: 1 },
  { name: '辽宁省', short: '辽宁', en: ['Liaoning'], col: 5, row: 1 },
  { name: '吉林省', short: '吉林', en: ['Jilin'], col: 6, row: 1 },
  { name: '黑龙江省', short: '黑龙江', en: ['Heilong-', 'jiang'], col: 6, row: 0 },
  { name: '上海市', short: '上海', en: ['Shanghai'], col: 6, row: 4 },
  { name: '江苏省', short: '江苏', en: ['Jiangsu'], col: 5, row: 4 },
  { name: '浙江省', short: '浙江', en: ['Zhejiang'], col: 5, row: 5 },
  { name: '安徽省', short: '安徽', en: ['Anhui'], col: 4, row: 4 },
  { name: '福建省', short: '福建', en: ['Fujian'], col: 4, row: 6 },
  { name: '江西省', short: '江西', en: ['Jiangxi'], col: 4, row: 5 },
  { name: '山东省', short: '山东', en: ['Shandong'], col: 4, row: 3 },
  { name: '河南省', short: '河南', en: ['Henan'], col: 3, row: 3 },
  { name: '湖北省', short: '湖北', en: ['Hubei'], col: 3, row: 4 },
  { name: '湖南省', short: '湖南', en: ['Hunan'], col: 3, row: 5 },
  { name: '广东省', short: '广东', en: ['Guang-', 'dong'], col: 3, row: 6 },
  { name: '广西壮族自治区', short: '广西', en: ['Guangxi'], col: 2, row: 6 },
  { name: '海南省', short: '海南', en: ['Hainan'], col: 2, row: 7 },
  { name: '重庆市', short: '重庆', en: ['Chong-', 'qing'], col: 2, row: 4 },
  { name: '四川省', short: '四川', en: ['Sichuan'], col: 1, row: 4 },
  { name: '贵州省', short: '贵州', en: ['Guizhou'], col: 2, row: 5 },
  { name: '云南省', short: '云南', en: ['Yunnan'], col: 1, row: 5 },
  { name: '西藏自治区', short: '西藏', en: ['Xizang'], col: 0, row: 3 },
  { name: '陕西省', short: '陕西', en: ['Shaanxi'], col: 2, row: 3 },
  { name: '甘肃省', short: '甘肃', en: ['Gansu'], col: 1, row: 2 },
  { name: '青海省', short: '青海', en: ['Qinghai'], col: 1, row: 3 },
  { name: '宁夏回族自治区', short: '宁夏', en: ['Ningxia'], col: 2, row: 2 },
  { name: '新疆维吾尔自治区', short: '新疆', en: ['Xinjiang'], col: 0, row: 2 },
];
