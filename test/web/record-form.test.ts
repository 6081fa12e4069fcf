import { describe, expect, it } from 'vitest';
import { bodyFor, dateEntry, dateRange, listOf, numberOrText } from '../../src/web/lib/record-form.js';

/** The record forms' input conversions: what a person typed becomes the body the API validates. */
describe('record form input', () => {
  it('turns a month or a year into the whole span, and reads it back with the same precision', () => {
    expect(dateRange({ precision: 'month', value: '2024-02', to: '' })).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(dateRange({ precision: 'month', value: '2023-02', to: '' })).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(dateRange({ precision: 'year', value: '2024', to: '' })).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(dateRange({ precision: 'day', value: '2024-01-02', to: '2024-05-01' })).toEqual({ from: '2024-01-02', to: null });
    expect(dateRange({ precision: 'range', value: '2024-01-02', to: '2024-01-05' })).toEqual({ from: '2024-01-02', to: '2024-01-05' });
    expect(dateEntry('2024-02-01', '2024-02-29')).toEqual({ precision: 'month', value: '2024-02', to: '' });
    expect(dateEntry('2024-01-01', '2024-12-31')).toEqual({ precision: 'year', value: '2024', to: '' });
    expect(dateEntry('2024-02-01', '2024-02-28')).toEqual({ precision: 'range', value: '2024-02-01', to: '2024-02-28' });
    expect(dateEntry('2024-01-02', null)).toEqual({ precision: 'day', value: '2024-01-02', to: '' });
  });

  it('passes unreadable dates and numbers through as typed, for the API to name', () => {
    expect(dateRange({ precision: 'month', value: 'spring', to: '' })).toEqual({ from: 'spring', to: null });
    expect(numberOrText('49.99')).toBe(49.99);
    expect(numberOrText(' ')).toBeNull();
    expect(numberOrText('north')).toBe('north');
  });

  it('leaves blanks out of a create and clears them in a change', () => {
    expect(bodyFor('create', { title: ' Strike ', placeName: '', lat: null, weaponTypes: ['KN-23'], locationSensitive: false }))
      .toEqual({ title: 'Strike', weaponTypes: ['KN-23'], locationSensitive: false });
    expect(bodyFor('edit', { title: 'Strike', placeName: '', lat: null })).toEqual({ title: 'Strike', placeName: null, lat: null });
    expect(listOf('KN-23, KN-24\nHwasong-11 ,')).toEqual(['KN-23', 'KN-24', 'Hwasong-11']);
  });
});
