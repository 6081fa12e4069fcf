/**
 * Makers in the demo case: real companies, with the country of their headquarters and parent links
 * as publicly known (acquisition dates to the month or year; check before citing). These records
 * are facts about companies, not evidence about the missiles: which of their parts sit in which
 * remnant is illustrative (see bom.ts). HQ countries cover the eight published for the Kharkiv
 * missile (China, Germany, Japan, Netherlands, Singapore, Switzerland, Taiwan, United States).
 */
export interface DemoMaker {
  key: string;
  name: string;
  aliases: string[];
  country: string;
  parent?: { key: string; from: string; note?: string };
  /** Printed on parts (used to build illustrative markings). */
  logo: string;
}

export const MAKERS: DemoMaker[] = [
  // United States
  { key: 'ti', name: 'Texas Instruments', aliases: ['TI', 'Texas Instruments Incorporated'], country: 'US', logo: 'TI' },
  { key: 'adi', name: 'Analog Devices', aliases: ['ADI', 'Analog Devices, Inc.'], country: 'US', logo: 'ADI' },
  { key: 'lt', name: 'Linear Technology', aliases: ['LTC', 'Linear Technology Corporation'], country: 'US', parent: { key: 'adi', from: '2017-03-10' }, logo: 'LT' },
  { key: 'maxim', name: 'Maxim Integrated', aliases: ['Maxim', 'Maxim Integrated Products'], country: 'US', parent: { key: 'adi', from: '2021-08-26' }, logo: 'MAXIM' },
  { key: 'mchp', name: 'Microchip Technology', aliases: ['Microchip', 'Microchip Technology Inc.'], country: 'US', logo: 'MICROCHIP' },
  { key: 'atmel', name: 'Atmel', aliases: ['Atmel Corporation'], country: 'US', parent: { key: 'mchp', from: '2016-04-04' }, logo: 'ATMEL' },
  { key: 'xilinx', name: 'Xilinx', aliases: ['Xilinx, Inc.'], country: 'US', parent: { key: 'amd', from: '2022-02-14' }, logo: 'XILINX' },
  { key: 'altera', name: 'Altera', aliases: ['Altera Corporation'], country: 'US', parent: { key: 'intel', from: '2015-12-28', note: 'Intel sold a majority stake in 2025; the link is kept as in force for the demo' }, logo: 'ALTERA' },
  { key: 'cypress', name: 'Cypress Semiconductor', aliases: ['Cypress'], country: 'US', parent: { key: 'ifx', from: '2020-04-16' }, logo: 'CYPRESS' },
  { key: 'ir', name: 'International Rectifier', aliases: ['IR', 'International Rectifier Corporation'], country: 'US', parent: { key: 'ifx', from: '2015-01-13' }, logo: 'IR' },
  { key: 'vishay', name: 'Vishay Intertechnology', aliases: ['Vishay'], country: 'US', logo: 'VISHAY' },
  { key: 'onsemi', name: 'onsemi', aliases: ['ON Semiconductor', 'Semiconductor Components Industries'], country: 'US', logo: 'ON' },
  { key: 'micron', name: 'Micron Technology', aliases: ['Micron'], country: 'US', logo: 'MICRON' },
  { key: 'intersil', name: 'Intersil', aliases: ['Intersil Corporation'], country: 'US', parent: { key: 'renesas', from: '2017-02-24' }, logo: 'INTERSIL' },
  // Germany
  { key: 'ifx', name: 'Infineon Technologies', aliases: ['Infineon', 'Infineon Technologies AG'], country: 'DE', logo: 'INFINEON' },
  { key: 'epcos', name: 'EPCOS', aliases: ['EPCOS AG'], country: 'DE', parent: { key: 'tdk', from: '2008-10-01' }, logo: 'EPCOS' },
  { key: 'wurth', name: 'Würth Elektronik', aliases: ['Wurth Elektronik', 'Würth Elektronik eiSos'], country: 'DE', logo: 'WE' },
  // Japan
  { key: 'murata', name: 'Murata Manufacturing', aliases: ['Murata'], country: 'JP', logo: 'MURATA' },
  { key: 'renesas', name: 'Renesas Electronics', aliases: ['Renesas'], country: 'JP', logo: 'RENESAS' },
  // Netherlands
  { key: 'nxp', name: 'NXP Semiconductors', aliases: ['NXP'], country: 'NL', logo: 'NXP' },
  { key: 'nexperia', name: 'Nexperia', aliases: ['Nexperia B.V.'], country: 'NL', parent: { key: 'wingtech', from: '2019-06-01', note: 'the Dutch government intervened in its governance in 2025' }, logo: 'NEXPERIA' },
  // Switzerland
  { key: 'st', name: 'STMicroelectronics', aliases: ['ST', 'STMicroelectronics N.V.'], country: 'CH', logo: 'ST' },
  // Singapore
  { key: 'avago', name: 'Avago Technologies', aliases: ['Avago'], country: 'SG', parent: { key: 'broadcom', from: '2016-02-01', note: 'Avago acquired Broadcom Corporation and took its name; the group later moved its domicile to the United States' }, logo: 'AVAGO' },
  // Taiwan
  { key: 'nuvoton', name: 'Nuvoton Technology', aliases: ['Nuvoton'], country: 'TW', parent: { key: 'winbond', from: '2008-07-01', note: 'spun off from Winbond, which remains its largest shareholder' }, logo: 'NUVOTON' },
  { key: 'winbond', name: 'Winbond Electronics', aliases: ['Winbond'], country: 'TW', logo: 'WINBOND' },
  // China
  { key: 'gd', name: 'GigaDevice', aliases: ['GigaDevice Semiconductor'], country: 'CN', logo: 'GD' },
  // Parents that make none of the demo's parts themselves.
  { key: 'amd', name: 'Advanced Micro Devices', aliases: ['AMD'], country: 'US', logo: 'AMD' },
  { key: 'intel', name: 'Intel', aliases: ['Intel Corporation'], country: 'US', logo: 'INTEL' },
  { key: 'tdk', name: 'TDK', aliases: ['TDK Corporation'], country: 'JP', logo: 'TDK' },
  { key: 'wingtech', name: 'Wingtech Technology', aliases: ['Wingtech'], country: 'CN', logo: 'WINGTECH' },
  { key: 'broadcom', name: 'Broadcom', aliases: ['Broadcom Inc.'], country: 'US', logo: 'BROADCOM' },
  // Only in the July–August 2024 remnants.
  { key: 'wch', name: 'Nanjing Qinheng Microelectronics (WCH)', aliases: ['WCH'], country: 'CN', logo: 'WCH' },
  { key: 'ublox', name: 'u-blox', aliases: ['u-blox AG'], country: 'CH', logo: 'u-blox' },
];

export type MakerKey = (typeof MAKERS)[number]['key'];
