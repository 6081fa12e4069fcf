/**
 * ILLUSTRATIVE bill of materials. The component-level lists behind the published KN-23 figures are
 * not public; these lines are invented to show how Remnant computes and traces such figures. Every
 * record built from them is loaded with `illustrative = true`. The per-maker unit counts are chosen
 * so that the Kharkiv item's findings land near the published ones (≈290+ components, 26 makers,
 * 8 countries, ≈75 % US, about half with readable date codes, most of those 2021–2023, newest part
 * March 2023) — near, not equal, and labelled as illustrative wherever they appear.
 */
import type { DateRule } from './dates.js';
import type { MakerKey } from './makers.js';

export type Sub = 'guidance computer' | 'inertial measurement unit' | 'power conversion' | 'actuator control' | 'telemetry' | 'harness' | 'satellite navigation';

export interface BomLine {
  /** Stable key, so that variants can refer to a line. */
  key: string;
  sub: Sub;
  /** Reference designator letter (U chips, C capacitors, R resistors, L inductors, D diodes, Q transistors, J connectors). */
  ref: 'U' | 'C' | 'R' | 'L' | 'D' | 'Q' | 'J';
  part: string;
  maker: MakerKey;
  category: string;
  hs6: string;
  units: number;
  /** Units per record: passives on a reel are often documented as one record. Default 1. */
  perRecord?: number;
  /** The printed date code and the convention it follows; absent when the part carries none. */
  date?: { code: string; rule: DateRule };
}

type Row = [key: string, sub: Sub, ref: BomLine['ref'], part: string, maker: MakerKey, category: string, hs6: string, units: number, date?: [string, DateRule], perRecord?: number];

const line = ([key, sub, ref, part, maker, category, hs6, units, date, perRecord]: Row): BomLine => ({
  key, sub, ref, part, maker, category, hs6, units, ...(perRecord ? { perRecord } : {}), ...(date ? { date: { code: date[0], rule: date[1] } } : {}),
});

const GC: Sub = 'guidance computer';
const IMU: Sub = 'inertial measurement unit';
const PWR: Sub = 'power conversion';
const ACT: Sub = 'actuator control';
const TLM: Sub = 'telemetry';
const HRN: Sub = 'harness';
const GNSS: Sub = 'satellite navigation';

/** The Kharkiv item (2 January 2024): 294 units. */
export const KHARKIV_BOM: BomLine[] = ([
  // Texas Instruments — 40
  ['ti-dsp', GC, 'U', 'TMS320F28335PGFA', 'ti', 'digital signal processor', '854231', 2, ['33G', 'ti-yms']],
  ['ti-buck', PWR, 'U', 'TPS54331DR', 'ti', 'switching regulator', '854239', 6],
  ['ti-ldo', PWR, 'U', 'TPS7A4701RGWR', 'ti', 'low-dropout regulator', '854239', 4, ['19T', 'ti-yms']],
  ['ti-buffer', ACT, 'U', 'SN74LVC245APWR', 'ti', 'logic buffer', '854239', 8],
  ['ti-opamp', IMU, 'U', 'OPA2277UA', 'ti', 'operational amplifier', '854233', 6, ['27D', 'ti-yms']],
  ['ti-iso', TLM, 'U', 'ISO7241CDWR', 'ti', 'digital isolator', '854239', 4],
  ['ti-can', GC, 'U', 'SN65HVD230DR', 'ti', 'CAN transceiver', '854239', 4, ['1BA', 'ti-yms']],
  ['ti-lm2596', PWR, 'U', 'LM2596S-5.0', 'ti', 'switching regulator', '854239', 6, ['2048', 'ecia-yyww']],
  // Analog Devices — 30
  ['adi-gyro', IMU, 'U', 'ADXRS453BRGZ', 'adi', 'MEMS gyroscope', '854151', 3, ['2310', 'ecia-yyww']],
  ['adi-accel', IMU, 'U', 'ADXL357BEZ', 'adi', 'MEMS accelerometer', '854151', 3, ['2245', 'ecia-yyww']],
  ['adi-adc', IMU, 'U', 'AD7609BSTZ', 'adi', 'analogue-to-digital converter', '854239', 2, ['2218', 'ecia-yyww']],
  ['adi-isolator', GC, 'U', 'ADUM1201ARZ', 'adi', 'digital isolator', '854239', 6],
  ['adi-inamp', IMU, 'U', 'AD8221ARZ', 'adi', 'instrumentation amplifier', '854233', 4, ['2139', 'ecia-yyww']],
  ['adi-ldo', PWR, 'U', 'ADP3338AKCZ-3.3', 'adi', 'low-dropout regulator', '854239', 6],
  ['adi-dac', IMU, 'U', 'AD5662BRMZ', 'adi', 'digital-to-analogue converter', '854239', 2, ['2150', 'ecia-yyww']],
  ['adi-rs485', GC, 'U', 'ADM3485EARZ', 'adi', 'RS-485 transceiver', '854239', 4],
  // Linear Technology — 18
  ['lt-buckboost', PWR, 'U', 'LTC3780EG', 'lt', 'buck-boost controller', '854239', 2, ['2036', 'ecia-yyww']],
  ['lt-ref', IMU, 'U', 'LT1461AIS8-2.5', 'lt', 'voltage reference', '854239', 3, ['2128', 'ecia-yyww']],
  ['lt-module', PWR, 'U', 'LTM4644EY', 'lt', 'power module', '850440', 2, ['2114', 'ecia-yyww']],
  ['lt-opamp', ACT, 'U', 'LTC6244HVCMS8', 'lt', 'operational amplifier', '854233', 4],
  ['lt-monitor', GC, 'U', 'LTC2945CMS', 'lt', 'power monitor', '854239', 3, ['1932', 'ecia-yyww']],
  ['lt-buck', PWR, 'U', 'LT8610EMSE', 'lt', 'switching regulator', '854239', 4],
  // Maxim — 14
  ['max-rs232', GC, 'U', 'MAX3232ECAE', 'maxim', 'RS-232 transceiver', '854239', 4, ['2209A', 'ecia-yyww']],
  ['max-rtc', GC, 'U', 'DS3231MZ', 'maxim', 'real-time clock', '854239', 2, ['2125A', 'ecia-yyww']],
  ['max-mux', ACT, 'U', 'MAX4617CUE', 'maxim', 'analogue multiplexer', '854239', 4],
  ['max-ref', IMU, 'U', 'MAX6126AASA25', 'maxim', 'voltage reference', '854239', 2, ['2133', 'ecia-yyww']],
  ['max-rs422', TLM, 'U', 'MAX3490EESA', 'maxim', 'RS-422 transceiver', '854239', 2],
  // Microchip — 16
  ['mchp-pic', ACT, 'U', 'PIC18F46K22-I/PT', 'mchp', 'microcontroller', '854231', 4, ['2231147', 'microchip-yywwnnn']],
  ['mchp-eeprom', GC, 'U', '24LC256-I/SN', 'mchp', 'EEPROM', '854232', 6],
  ['mchp-can', TLM, 'U', 'MCP2515-I/SO', 'mchp', 'CAN controller', '854239', 4, ['2302128', 'microchip-yywwnnn']],
  ['mchp-ldo', GC, 'U', 'MCP1703T-3302E/CB', 'mchp', 'low-dropout regulator', '854239', 2],
  // Atmel — 8
  ['atmel-mega', ACT, 'U', 'ATMEGA2560-16AU', 'atmel', 'microcontroller', '854231', 2, ['1948', 'ecia-yyww']],
  ['atmel-flash', GC, 'U', 'AT45DB321E-SHF', 'atmel', 'flash memory', '854232', 4, ['2033', 'ecia-yyww']],
  ['atmel-tiny', ACT, 'U', 'ATTINY85-20SU', 'atmel', 'microcontroller', '854231', 2],
  // Xilinx — 6
  ['xlnx-fpga', GC, 'U', 'XC7A100T-2FGG484I', 'xilinx', 'FPGA', '854231', 2, ['FGG484AGQ2140', 'xilinx-line2']],
  ['xlnx-prom', GC, 'U', 'XCF32PVOG48C', 'xilinx', 'configuration memory', '854232', 2],
  ['xlnx-cpld', TLM, 'U', 'XC2C64A-7VQG44I', 'xilinx', 'CPLD', '854231', 2, ['VQG44DMS2118', 'xilinx-line2']],
  // Altera — 4
  ['altera-cpld', ACT, 'U', 'EPM570T100I5N', 'altera', 'CPLD', '854231', 2, ['K6A1QZ2129A', 'altera-11']],
  ['altera-max10', ACT, 'U', '10M08SCE144I7G', 'altera', 'FPGA', '854231', 2],
  // Cypress — 10
  ['cy-sram', GC, 'U', 'CY62157EV30LL-45ZSXI', 'cypress', 'SRAM', '854232', 4, ['2115', 'ecia-yyww']],
  ['cy-usb', TLM, 'U', 'CY7C68013A-56LTXI', 'cypress', 'USB microcontroller', '854231', 2, ['2022', 'ecia-yyww']],
  ['cy-flash', GC, 'U', 'S25FL256SAGMFI001', 'cypress', 'flash memory', '854232', 4],
  // International Rectifier — 12
  ['ir-mosfet', PWR, 'Q', 'IRF7413TRPBF', 'ir', 'power MOSFET', '854129', 8, ['218', 'ecia-yww']],
  ['ir-pmos', ACT, 'Q', 'IRLML6402TRPBF', 'ir', 'MOSFET', '854121', 4],
  // Vishay — 34
  ['vsh-schottky', PWR, 'D', 'SS34-E3/57T', 'vishay', 'Schottky diode', '854110', 10],
  ['vsh-res', PWR, 'R', 'CRCW060310K0FKEA', 'vishay', 'thick-film resistor', '853321', 12, undefined, 6],
  ['vsh-tant', PWR, 'C', 'TR3D107K016C0100', 'vishay', 'tantalum capacitor', '853221', 6],
  ['vsh-mosfet', ACT, 'Q', 'SI2302CDS-T1-GE3', 'vishay', 'MOSFET', '854121', 6, ['P244XA', 'vishay-pywwxx']],
  // onsemi — 14
  ['on-schottky', PWR, 'D', 'MBRS340T3G', 'onsemi', 'Schottky diode', '854110', 6],
  ['on-ldo', ACT, 'U', 'NCP1117ST33T3G', 'onsemi', 'low-dropout regulator', '854239', 4, ['H222', 'onsemi-ayww']],
  ['on-shift', GC, 'U', 'MC74HC595ADR2G', 'onsemi', 'shift register', '854239', 4, ['A113', 'onsemi-ayww']],
  // Micron — 6
  ['mu-ddr3', GC, 'U', 'MT41K256M16TW-107:P', 'micron', 'DDR3 SDRAM', '854232', 4, ['142', 'ecia-yww']],
  ['mu-flash', GC, 'U', 'MT25QL128ABA1ESE', 'micron', 'flash memory', '854232', 2],
  // Intersil — 10
  ['isl-ctrl', ACT, 'U', 'ISL8117FRZ', 'intersil', 'buck controller', '854239', 2, ['2117', 'ecia-yyww']],
  ['isl-bridge', TLM, 'U', 'HIP4082IBZ', 'intersil', 'H-bridge driver', '854239', 4, ['1844', 'ecia-yyww']],
  ['isl-monitor', PWR, 'U', 'ISL28022FRZ', 'intersil', 'power monitor', '854239', 4],
  // Infineon — 20
  ['ifx-mosfet', ACT, 'Q', 'BSC016N06NS', 'ifx', 'power MOSFET', '854129', 8, ['G2147', 'infineon-gyyww']],
  ['ifx-motor', ACT, 'U', 'TLE9879QXA40', 'ifx', 'motor-control microcontroller', '854231', 2, ['G2249', 'infineon-gyyww']],
  ['ifx-switch', PWR, 'Q', 'BTS5016-1EKB', 'ifx', 'smart high-side switch', '854129', 4],
  ['ifx-xmc', GC, 'U', 'XMC4500-F100K1024', 'ifx', 'microcontroller', '854231', 2, ['H2205', 'infineon-gyyww']],
  ['ifx-diode', TLM, 'D', 'BAT54S', 'ifx', 'Schottky diode', '854110', 4],
  // EPCOS — 9
  ['epcos-alu', PWR, 'C', 'B41851F7107M', 'epcos', 'aluminium electrolytic capacitor', '853222', 5, undefined, 5],
  ['epcos-ind', PWR, 'L', 'B82464G4103M', 'epcos', 'power inductor', '850450', 4],
  // Würth Elektronik — 6
  ['we-header', HRN, 'J', '61300411121', 'wurth', 'pin header', '853669', 6],
  // Murata — 6
  ['mu-mlcc', GC, 'C', 'GRM188R71H104KA93D', 'murata', 'multilayer ceramic capacitor', '853224', 6, undefined, 6],
  // Renesas — 3
  ['rns-rx', GC, 'U', 'R5F562N8BDFB', 'renesas', 'microcontroller', '854231', 3, ['2137', 'ecia-yyww']],
  // STMicroelectronics — 8
  ['st-stm32', GC, 'U', 'STM32F405RGT6', 'st', 'microcontroller', '854231', 3, ['236', 'st-yww']],
  ['st-imu', IMU, 'U', 'LSM6DSLTR', 'st', 'MEMS inertial module', '854151', 2],
  ['st-rs232', TLM, 'U', 'ST3232EBDR', 'st', 'RS-232 transceiver', '854239', 2, ['4521', 'ecia-wwyy']],
  ['st-7805', PWR, 'U', 'L7805CV', 'st', 'linear regulator', '854239', 1],
  // NXP — 4
  ['nxp-lpc', GC, 'U', 'LPC1768FBD100', 'nxp', 'microcontroller', '854231', 2, ['HNN2218A', 'nxp-site-yyww']],
  ['nxp-can', TLM, 'U', 'TJA1050T', 'nxp', 'CAN transceiver', '854239', 2, ['ZSD1924', 'nxp-site-yyww']],
  // Nexperia — 3
  ['nex-fet', ACT, 'Q', 'BSS138,215', 'nexperia', 'MOSFET', '854121', 3],
  // Nuvoton — 2
  ['nuv-mcu', TLM, 'U', 'NUC123LD4AN0', 'nuvoton', 'microcontroller', '854231', 2, ['2104', 'ecia-yyww']],
  // Winbond — 4
  ['wb-flash', GC, 'U', 'W25Q128JVSIQ', 'winbond', 'flash memory', '854232', 4, ['2142', 'ecia-yyww']],
  // Avago — 4
  ['avg-opto', TLM, 'U', 'HCPL-0631', 'avago', 'optocoupler', '854149', 4, ['2105', 'ecia-yyww']],
  // GigaDevice — 3
  ['gd-mcu', GC, 'U', 'GD32F103CBT6', 'gd', 'microcontroller', '854231', 3, ['2215', 'ecia-yyww']],
] as Row[]).map(line);

/** How another item's component set differs from a base bill of materials. */
export interface Variant {
  /** Lines left out. */
  drop?: string[];
  /** Lines whose part, maker, units or date code differ (same positions unless `shift` is set). */
  change?: Record<string, Partial<Omit<BomLine, 'key' | 'sub' | 'ref'>> & { shift?: number }>;
  /** Lines only in this item. */
  add?: BomLine[];
  /** Keep only these lines (for partial remnants). */
  only?: string[];
}

/**
 * Kyiv (early 2024): near-identical to Kharkiv — one regulator swapped for another TI part, an ST
 * original where Kharkiv has a GigaDevice look-alike, a moved microcontroller, and later date codes
 * on some parts (date codes do not count towards similarity).
 */
export const KYIV_VARIANT: Variant = {
  change: {
    'ti-lm2596': { part: 'TPS5430DDAR', date: { code: '31K', rule: 'ti-yms' } },
    'gd-mcu': { part: 'STM32F103CBT6', maker: 'st', date: { code: '249', rule: 'st-yww' } },
    // Moved to another place on the telemetry board (designators beyond any the board otherwise uses).
    'nuv-mcu': { shift: 50 },
    'adi-gyro': { date: { code: '2319', rule: 'ecia-yyww' } },
    'adi-accel': { date: { code: '2302', rule: 'ecia-yyww' } },
    'mchp-can': { date: { code: '2311057', rule: 'microchip-yywwnnn' } },
    'ifx-motor': { date: { code: 'G2305', rule: 'infineon-gyyww' } },
  },
};

const GUIDANCE_LINES = [
  'ti-dsp', 'ti-ldo', 'ti-opamp', 'ti-can', 'adi-gyro', 'adi-accel', 'adi-adc', 'adi-inamp', 'adi-dac', 'lt-ref', 'max-ref', 'max-rtc',
  'mchp-eeprom', 'xlnx-fpga', 'xlnx-prom', 'cy-sram', 'mu-ddr3', 'rns-rx', 'st-stm32', 'st-imu', 'wb-flash', 'mu-mlcc', 'ifx-xmc', 'nxp-lpc',
];

/** July–August 2024, remnant A (the one with a Juche 113 mark): guidance section and actuator control. */
export const JULY_A_VARIANT: Variant = {
  only: [...GUIDANCE_LINES, 'ifx-mosfet', 'ifx-motor', 'mchp-pic', 'altera-cpld', 'vsh-mosfet', 'on-ldo'],
  change: {
    'adi-gyro': { date: { code: '2345', rule: 'ecia-yyww' } },
    'adi-accel': { date: { code: '2338', rule: 'ecia-yyww' } },
    'ti-dsp': { date: { code: '36C', rule: 'ti-yms' } },
    'mchp-pic': { date: { code: '2327031', rule: 'microchip-yywwnnn' } },
    'ifx-motor': { date: { code: 'G2331', rule: 'infineon-gyyww' } },
    'st-stm32': { date: { code: '318', rule: 'st-yww' } },
  },
  add: [
    line(['ublox-gnss', GNSS, 'U', 'NEO-M8N-0-10', 'ublox', 'GNSS receiver module', '852691', 1, ['2322', 'ecia-yyww']]),
    line(['wch-mcu', ACT, 'U', 'CH32V203C8T6', 'wch', 'microcontroller', '854231', 2, ['2329', 'ecia-yyww']]),
  ],
};

/** July–August 2024, remnant B: guidance section only, no production mark of its own. */
export const JULY_B_VARIANT: Variant = {
  only: GUIDANCE_LINES,
  change: {
    'adi-gyro': { date: { code: '2336', rule: 'ecia-yyww' } },
    'ti-dsp': { date: { code: '35K', rule: 'ti-yms' } },
    'st-stm32': { date: { code: '322', rule: 'st-yww' } },
    'mu-mlcc': { units: 4, perRecord: 4 },
  },
  add: [line(['ublox-gnss', GNSS, 'U', 'NEO-M8N-0-10', 'ublox', 'GNSS receiver module', '852691', 1, ['2317', 'ecia-yyww']])],
};

export function applyVariant(base: readonly BomLine[], v: Variant): (BomLine & { shift?: number })[] {
  const kept = base.filter((l) => (!v.only || v.only.includes(l.key)) && !(v.drop ?? []).includes(l.key));
  const changed = kept.map((l) => ({ ...l, ...(v.change?.[l.key] ?? {}) }));
  return [...changed, ...(v.add ?? [])];
}

/** CHPL tier of each HS6 code the demo uses (Common High Priority List, February 2024). */
export const CHPL_TIER: Record<string, string | null> = {
  '854231': '1', '854232': '1', '854233': '1', '854239': '1',
  '853221': '2', '853224': '2', '852691': '2',
  '854110': '3.A', '854121': '3.A', '854129': '3.A', '854149': '3.A', '854151': '3.A', '853669': '3.A', '850440': '3.A',
  '853321': null, '853222': null, '850450': null,
};
