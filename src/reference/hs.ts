/**
 * Part category → HS6 rules (HS 2022). Integrated circuits are split by function the way heading
 * 8542 is; discretes, passives, modules and mechanical parts by their own headings.
 */
import rules from './data/hs-rules.json' with { type: 'json' };

export interface HsRule {
  category: string;
  label: string;
  hs6: string;
  reason: string;
}

export const HS_RULES_VERSION: string = rules.version;
export const HS_RULES: readonly HsRule[] = rules.rules;
export const HS_RULE_BY_CATEGORY: ReadonlyMap<string, HsRule> = new Map(HS_RULES.map((r) => [r.category, r]));
