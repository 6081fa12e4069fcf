/**
 * The makers and part families the synthetic generator draws from: real manufacturers, real
 * part-number families, each maker printing its date code by one of the conventions in
 * `DATE_RULES`. Which convention a given maker uses on a given package varies in reality; the
 * assignment here is illustrative and chosen so that every convention is represented. The
 * North Korean maker is a placeholder state factory, not a real organisation.
 */

/** Rule ids as the identification engine (src/markings/rules.ts) names them. */
export const DATE_RULES = [
  'ecia-yyww',
  'ecia-yww',
  'ecia-wwyy',
  'ti-ym',
  'microchip-yywwnnn',
  'st-yww',
  'nxp-yyww',
  'freescale-awlyyww',
  'xilinx-yyww',
  'intel-altera-yyww',
  'infineon-yyww',
  'vishay-pyww',
  'onsemi-xxyy',
  'juche-year',
] as const;
export type DateRule = (typeof DATE_RULES)[number];

/** What a part is, and therefore how trade statistics and the CHPL classify it. */
interface Kind {
  category: string;
  hs6: string;
  /** Tier of the Common High Priority List (2024), or null when the HS code is not on it. */
  chplTier: string | null;
  /** Reference-designator letter on a circuit board. */
  designator: string;
}

export const KINDS = {
  mcu: { category: 'microcontroller', hs6: '854231', chplTier: '1', designator: 'U' },
  dsp: { category: 'processor', hs6: '854231', chplTier: '1', designator: 'U' },
  fpga: { category: 'FPGA', hs6: '854239', chplTier: '1', designator: 'U' },
  memory: { category: 'memory', hs6: '854232', chplTier: '1', designator: 'U' },
  amplifier: { category: 'amplifier', hs6: '854233', chplTier: '1', designator: 'U' },
  converter: { category: 'data converter', hs6: '854239', chplTier: '1', designator: 'U' },
  regulator: { category: 'voltage regulator', hs6: '854239', chplTier: '1', designator: 'U' },
  interface: { category: 'interface IC', hs6: '854239', chplTier: '1', designator: 'U' },
  rf: { category: 'RF transceiver', hs6: '854239', chplTier: '1', designator: 'U' },
  sensor: { category: 'MEMS sensor', hs6: '854239', chplTier: '1', designator: 'U' },
  logic: { category: 'logic IC', hs6: '854239', chplTier: '1', designator: 'U' },
  gnss: { category: 'GNSS receiver module', hs6: '852691', chplTier: '2', designator: 'M' },
  mosfet: { category: 'transistor', hs6: '854129', chplTier: '3.A', designator: 'Q' },
  bjt: { category: 'transistor', hs6: '854121', chplTier: '3.A', designator: 'Q' },
  diode: { category: 'diode', hs6: '854110', chplTier: '3.A', designator: 'D' },
  resistor: { category: 'resistor', hs6: '853321', chplTier: '3.A', designator: 'R' },
  imu: { category: 'inertial measurement unit', hs6: '901420', chplTier: null, designator: 'M' },
  connector: { category: 'connector', hs6: '853690', chplTier: null, designator: 'J' },
  motor: { category: 'electric motor', hs6: '850131', chplTier: null, designator: 'M' },
} satisfies Record<string, Kind>;
export type KindName = keyof typeof KINDS;

export interface Part {
  /** The part number as catalogued (orderable form). */
  partNumber: string;
  /** How the part number is printed, one entry per line. */
  printed: readonly string[];
  kind: KindName;
  /** Year the family was introduced: no part of it was made earlier. */
  introduced: number;
}

export interface SynthMaker {
  key: string;
  name: string;
  aliases: readonly string[];
  country: string;
  website: string | null;
  rule: DateRule | null;
  /** Relative share of components. Zero for parent companies that only appear as owners. */
  weight: number;
  /** The logo as an analyst transcribes it, printed as the first line (null: no logo line). */
  logo: string | null;
  parent: { key: string; from: string } | null;
  parts: readonly Part[];
}

const p = (partNumber: string, printed: readonly string[], kind: KindName, introduced: number): Part => ({ partNumber, printed, kind, introduced });

export const MAKERS: readonly SynthMaker[] = [
  // Parents first: the owners that later acquired makers below.
  { key: 'amd', name: 'Advanced Micro Devices, Inc.', aliases: ['AMD'], country: 'US', website: 'https://www.amd.com', rule: null, weight: 0, logo: null, parent: null, parts: [] },
  { key: 'intel', name: 'Intel Corporation', aliases: ['Intel'], country: 'US', website: 'https://www.intel.com', rule: null, weight: 0, logo: null, parent: null, parts: [] },
  {
    key: 'ti', name: 'Texas Instruments Incorporated', aliases: ['Texas Instruments', 'TI'], country: 'US', website: 'https://www.ti.com',
    rule: 'ti-ym', weight: 16, logo: 'TI', parent: null,
    parts: [
      p('TPS54331DR', ['TPS54331'], 'regulator', 2008),
      p('LM2596S-5.0/NOPB', ['LM2596S', '-5.0'], 'regulator', 2002),
      p('TMS320F28335PGFA', ['TMS320F28335PGFA'], 'dsp', 2007),
      p('OPA2277UA', ['OPA2277', 'UA'], 'amplifier', 1999),
      p('ADS1115IDGSR', ['BOGI'], 'converter', 2009),
      p('SN65HVD230DR', ['VP230'], 'interface', 2001),
      p('DRV8833PWPR', ['DRV8833'], 'interface', 2011),
      p('SN74LVC1G14DBVR', ['C14F'], 'logic', 1999),
    ],
  },
  {
    key: 'adi', name: 'Analog Devices, Inc.', aliases: ['Analog Devices', 'ADI'], country: 'US', website: 'https://www.analog.com',
    rule: 'ecia-yyww', weight: 12, logo: 'ADI', parent: null,
    parts: [
      p('AD7606BSTZ', ['AD7606', 'BSTZ'], 'converter', 2010),
      p('ADUM1201ARZ', ['ADUM1201', 'ARZ'], 'interface', 2004),
      p('ADSP-BF533SBBCZ-500', ['ADSP-BF533', 'SBBCZ-500'], 'dsp', 2003),
      p('AD9361BBCZ', ['AD9361', 'BBCZ'], 'rf', 2013),
      p('ADXRS290BCEZ', ['XRS290', 'BCEZ'], 'sensor', 2014),
      p('ADIS16488BMLZ', ['ADIS16488', 'BMLZ'], 'imu', 2012),
      p('LTC2942CDCB', ['LDKF'], 'converter', 2009),
    ],
  },
  {
    key: 'maxim', name: 'Maxim Integrated Products, Inc.', aliases: ['Maxim', 'Maxim Integrated'], country: 'US', website: null,
    rule: 'ecia-yyww', weight: 5, logo: 'MAXIM', parent: { key: 'adi', from: '2021-08-26' },
    parts: [
      p('MAX3232ECWE+', ['MAX3232', 'ECWE+'], 'interface', 2003),
      p('MAX232ACPE+', ['MAX232ACPE'], 'interface', 1998),
      p('MAX1480BCPI', ['MAX1480', 'BCPI'], 'interface', 1998),
      p('MAX6675ISA+', ['MAX6675', 'ISA'], 'converter', 2002),
    ],
  },
  {
    key: 'microchip', name: 'Microchip Technology Incorporated', aliases: ['Microchip', 'Microchip Technology'], country: 'US', website: 'https://www.microchip.com',
    rule: 'microchip-yywwnnn', weight: 8, logo: 'MICROCHIP', parent: null,
    parts: [
      p('PIC16F877A-I/P', ['PIC16F877A', '-I/P'], 'mcu', 2003),
      p('PIC18F4550-I/PT', ['PIC18F4550', '-I/PT'], 'mcu', 2004),
      p('DSPIC33FJ128GP804-I/PT', ['DSPIC33FJ128', 'GP804-I/PT'], 'mcu', 2008),
      p('MCP2551-I/SN', ['MCP2551', 'I/SN'], 'interface', 2003),
      p('24LC256-I/SN', ['24LC256', 'I/SN'], 'memory', 2000),
    ],
  },
  {
    key: 'atmel', name: 'Atmel Corporation', aliases: ['Atmel'], country: 'US', website: null,
    rule: 'ecia-yyww', weight: 4, logo: 'ATMEL', parent: { key: 'microchip', from: '2016-04-04' },
    parts: [
      p('ATMEGA328P-AU', ['ATMEGA328P', 'AU'], 'mcu', 2009),
      p('ATMEGA2560-16AU', ['ATMEGA2560', '16AU'], 'mcu', 2005),
      p('AT91SAM7X512-AU', ['AT91SAM7X512', 'AU'], 'mcu', 2006),
    ],
  },
  {
    key: 'st', name: 'STMicroelectronics N.V.', aliases: ['STMicroelectronics', 'ST'], country: 'CH', website: 'https://www.st.com',
    rule: 'st-yww', weight: 8, logo: 'ST', parent: null,
    parts: [
      p('STM32F405RGT6', ['STM32F405', 'RGT6'], 'mcu', 2011),
      p('STM32F103C8T6', ['STM32F103', 'C8T6'], 'mcu', 2007),
      p('L7805CV', ['L7805CV'], 'regulator', 1998),
      p('LIS3DHTR', ['DH'], 'sensor', 2010),
      p('LSM6DS3TR', ['LSM6DS3'], 'sensor', 2014),
      p('VNH5019A-E', ['VNH5019A-E'], 'interface', 2010),
    ],
  },
  {
    key: 'nxp', name: 'NXP Semiconductors N.V.', aliases: ['NXP', 'NXP Semiconductors'], country: 'NL', website: 'https://www.nxp.com',
    rule: 'nxp-yyww', weight: 3, logo: 'NXP', parent: null,
    parts: [
      p('LPC1768FBD100', ['LPC1768FBD100'], 'mcu', 2009),
      p('PCA9685PW', ['PCA9685'], 'interface', 2008),
      p('TJA1050T', ['TJA1050T'], 'interface', 2003),
    ],
  },
  {
    key: 'freescale', name: 'Freescale Semiconductor, Inc.', aliases: ['Freescale', 'Motorola Semiconductor'], country: 'US', website: null,
    rule: 'freescale-awlyyww', weight: 3, logo: null, parent: { key: 'nxp', from: '2015-12-07' },
    parts: [
      p('MC9S12XEP100MAG', ['MC9S12XEP100MAG'], 'mcu', 2006),
      p('MPC5554MVR132', ['SPC5554MVR132'], 'mcu', 2004),
      p('MK60DN512VLQ10', ['MK60DN512VLQ10'], 'mcu', 2011),
    ],
  },
  {
    key: 'xilinx', name: 'Xilinx, Inc.', aliases: ['Xilinx'], country: 'US', website: null,
    rule: 'xilinx-yyww', weight: 3, logo: 'XILINX', parent: { key: 'amd', from: '2022-02-14' },
    parts: [
      p('XC7Z020-1CLG400C', ['XC7Z020'], 'fpga', 2012),
      p('XC6SLX45-2CSG324C', ['XC6SLX45'], 'fpga', 2009),
      p('XC3S500E-4FGG320C', ['XC3S500E'], 'fpga', 2005),
      p('XC7A35T-1CPG236C', ['XC7A35T'], 'fpga', 2011),
    ],
  },
  {
    key: 'altera', name: 'Altera Corporation', aliases: ['Altera'], country: 'US', website: null,
    rule: 'intel-altera-yyww', weight: 2, logo: 'ALTERA', parent: { key: 'intel', from: '2015-12-28' },
    parts: [
      p('EP4CE22F17C8N', ['EP4CE22F17C8N'], 'fpga', 2009),
      p('EPM240T100C5N', ['EPM240T100C5N'], 'fpga', 2004),
      p('10M08SAE144C8G', ['10M08SAE144C8G'], 'fpga', 2014),
      p('5CEBA4F23C7N', ['5CEBA4F23C7N'], 'fpga', 2012),
    ],
  },
  {
    key: 'infineon', name: 'Infineon Technologies AG', aliases: ['Infineon'], country: 'DE', website: 'https://www.infineon.com',
    rule: 'infineon-yyww', weight: 6, logo: 'INFINEON', parent: null,
    parts: [
      p('SAK-TC1797-512F180E', ['SAK-TC1797', '-512F180E'], 'mcu', 2008),
      p('IRF540NPBF', ['IRF540N'], 'mosfet', 2000),
      p('BSC0901NS', ['0901NS'], 'mosfet', 2011),
      p('TLE9180D-31QK', ['TLE9180D', '-31QK'], 'interface', 2015),
      p('XMC4500-F100K1024', ['XMC4500', '-F100K1024'], 'mcu', 2012),
    ],
  },
  {
    key: 'cypress', name: 'Cypress Semiconductor Corporation', aliases: ['Cypress'], country: 'US', website: null,
    rule: 'ecia-yyww', weight: 3, logo: 'CYPRESS', parent: { key: 'infineon', from: '2020-04-16' },
    parts: [
      p('CY7C68013A-56LTXC', ['CY7C68013A', '-56LTXC'], 'interface', 2003),
      p('CY8C29466-24PVXI', ['CY8C29466', '-24PVXI'], 'mcu', 2005),
      p('CY62256NLL-70SNXI', ['CY62256NLL', '-70SNXI'], 'memory', 2004),
    ],
  },
  {
    key: 'vishay', name: 'Vishay Intertechnology, Inc.', aliases: ['Vishay', 'Vishay Siliconix'], country: 'US', website: 'https://www.vishay.com',
    rule: 'vishay-pyww', weight: 6, logo: 'VISHAY', parent: null,
    parts: [
      p('SI2302CDS-T1-GE3', ['2302C'], 'mosfet', 2009),
      p('SS34-E3/57T', ['SS34'], 'diode', 2000),
      p('BZX84C5V1-E3-08', ['Z2'], 'diode', 2000),
      p('CRCW060310K0FKEA', ['1002'], 'resistor', 2000),
      p('IRFZ44PBF', ['IRFZ44'], 'mosfet', 2000),
    ],
  },
  {
    key: 'onsemi', name: 'Semiconductor Components Industries, LLC (onsemi)', aliases: ['onsemi', 'ON Semiconductor'], country: 'US', website: 'https://www.onsemi.com',
    rule: 'onsemi-xxyy', weight: 5, logo: 'ON', parent: null,
    parts: [
      p('MC7805CTG', ['MC7805CT'], 'regulator', 2000),
      p('MMBT3904LT1G', ['1AM'], 'bjt', 2000),
      p('NCP1117ST33T3G', ['117-33'], 'regulator', 2004),
      p('FQP30N06L', ['FQP30N06L'], 'mosfet', 2001),
    ],
  },
  {
    key: 'diodes', name: 'Diodes Incorporated', aliases: ['Diodes Inc'], country: 'US', website: 'https://www.diodes.com',
    rule: 'ecia-yww', weight: 3, logo: null, parent: null,
    parts: [
      p('AP2112K-3.3TRG1', ['GLZ'], 'regulator', 2008),
      p('BAT54S-7-F', ['KL4'], 'diode', 2000),
      p('DMG2302U-7', ['2302'], 'mosfet', 2010),
    ],
  },
  {
    key: 'holtek', name: 'Holtek Semiconductor Inc.', aliases: ['Holtek'], country: 'TW', website: 'https://www.holtek.com',
    rule: 'ecia-wwyy', weight: 2, logo: 'HOLTEK', parent: null,
    parts: [
      p('HT7333-A', ['HT7333-A'], 'regulator', 2005),
      p('HT1621B', ['HT1621B'], 'interface', 2004),
      p('HT66F0185', ['HT66F0185'], 'mcu', 2014),
    ],
  },
  {
    key: 'ublox', name: 'u-blox AG', aliases: ['u-blox'], country: 'CH', website: 'https://www.u-blox.com',
    rule: 'ecia-yyww', weight: 2, logo: 'u-blox', parent: null,
    parts: [
      p('NEO-M8N-0-10', ['NEO-M8N-0-10'], 'gnss', 2014),
      p('NEO-6M-0-001', ['NEO-6M-0-001'], 'gnss', 2011),
      p('ZED-F9P-01B', ['ZED-F9P'], 'gnss', 2019),
    ],
  },
  {
    key: 'gigadevice', name: 'GigaDevice Semiconductor Inc.', aliases: ['GigaDevice'], country: 'CN', website: 'https://www.gigadevice.com',
    rule: 'ecia-yyww', weight: 2, logo: 'GD', parent: null,
    parts: [
      p('GD32F103C8T6', ['GD32F103', 'C8T6'], 'mcu', 2013),
      p('GD25Q64CSIG', ['25Q64CSIG'], 'memory', 2012),
    ],
  },
  {
    key: 'kp-factory', name: 'State electronics factory (synthetic placeholder, DPRK)', aliases: [], country: 'KP', website: null,
    rule: 'juche-year', weight: 5, logo: null, parent: null,
    parts: [
      p('SYN-KP-CN24', ['CN-24'], 'connector', 2010),
      p('SYN-KP-SM12', ['SM-12'], 'motor', 2012),
      p('SYN-KP-HR07', ['HR-07'], 'connector', 2014),
    ],
  },
];

export const MAKER_BY_KEY: ReadonlyMap<string, SynthMaker> = new Map(MAKERS.map((m) => [m.key, m]));
/** The makers that print components, with their weights, in catalogue order. */
export const PRINTING_MAKERS: readonly SynthMaker[] = MAKERS.filter((m) => m.weight > 0);
export const PRINTING_WEIGHTS: readonly number[] = PRINTING_MAKERS.map((m) => m.weight);
