import { ComandaError } from '../common/errors';
import type { LineModifier } from '../orders/schemas';
import type { ModifierGroupDoc } from './schemas';

/** Which modifier rule a selection broke. */
export type ModifierRule = 'min' | 'max' | 'unknownGroup' | 'unknownOption' | 'duplicateOption';

/** A modifier selection that breaks a group's rule; names the group and the rule. */
export class ModifierSelectionError extends ComandaError {
  /** The group whose rule is broken. */
  readonly groupId: string;
  /** Display name of the group (or its id when unknown). */
  readonly groupName: string;
  /** The broken rule. */
  readonly rule: ModifierRule;

  /**
   * @param groupId offending group
   * @param groupName its display name
   * @param rule broken rule
   * @param message human-readable explanation
   */
  constructor(groupId: string, groupName: string, rule: ModifierRule, message: string) {
    super('MODIFIER_SELECTION_INVALID', message);
    this.groupId = groupId;
    this.groupName = groupName;
    this.rule = rule;
  }
}

/** One chosen option. */
export interface ModifierChoice {
  readonly groupId: string;
  readonly optionId: string;
}

/** The minimal item shape modifier validation needs. */
export interface ModifierTarget {
  readonly name: string;
  readonly modifierGroupIds: readonly string[];
}

/**
 * Checks a modifier selection against the item's groups (min/max per group,
 * options belong to their group, no option twice). Returns the first problem
 * in the item's group order, or `null` when valid, so the UI can show it next
 * to the group. Use {@link buildLineModifiers} to validate and snapshot at once.
 * @param item the item (its `modifierGroupIds` order decides which error comes first)
 * @param groups modifier groups by id
 * @param selection chosen options
 */
export function validateModifierSelection(
  item: ModifierTarget,
  groups: Readonly<Record<string, ModifierGroupDoc>>,
  selection: readonly ModifierChoice[],
): ModifierSelectionError | null {
  for (const choice of selection) {
    if (!item.modifierGroupIds.includes(choice.groupId) || !groups[choice.groupId]) {
      return new ModifierSelectionError(
        choice.groupId,
        groups[choice.groupId]?.name ?? choice.groupId,
        'unknownGroup',
        `"${item.name}" has no modifier group "${groups[choice.groupId]?.name ?? choice.groupId}"`,
      );
    }
  }
  for (const groupId of item.modifierGroupIds) {
    const group = groups[groupId];
    if (!group) {
      return new ModifierSelectionError(
        groupId,
        groupId,
        'unknownGroup',
        `modifier group "${groupId}" of "${item.name}" is missing from the menu`,
      );
    }
    const chosen = selection.filter((c) => c.groupId === groupId);
    const seen = new Set<string>();
    for (const c of chosen) {
      if (!group.options.some((o) => o.id === c.optionId)) {
        return new ModifierSelectionError(
          groupId,
          group.name,
          'unknownOption',
          `${group.name}: "${c.optionId}" is not one of its options`,
        );
      }
      if (seen.has(c.optionId)) {
        return new ModifierSelectionError(
          groupId,
          group.name,
          'duplicateOption',
          `${group.name}: an option was chosen twice`,
        );
      }
      seen.add(c.optionId);
    }
    if (chosen.length < group.min) {
      return new ModifierSelectionError(
        groupId,
        group.name,
        'min',
        `${group.name}: choose at least ${group.min} (chosen ${chosen.length})`,
      );
    }
    if (chosen.length > group.max) {
      return new ModifierSelectionError(
        groupId,
        group.name,
        'max',
        `${group.name}: choose at most ${group.max} (chosen ${chosen.length})`,
      );
    }
  }
  return null;
}

/**
 * Validates a selection and returns the snapshot stored on the order line
 * (names and price deltas as of now), in the item's group order.
 * @throws {ModifierSelectionError} when the selection breaks a rule
 */
export function buildLineModifiers(
  item: ModifierTarget,
  groups: Readonly<Record<string, ModifierGroupDoc>>,
  selection: readonly ModifierChoice[],
): LineModifier[] {
  const error = validateModifierSelection(item, groups, selection);
  if (error) throw error;
  const result: LineModifier[] = [];
  for (const groupId of item.modifierGroupIds) {
    const group = groups[groupId];
    if (!group) continue;
    for (const c of selection) {
      if (c.groupId !== groupId) continue;
      const option = group.options.find((o) => o.id === c.optionId);
      if (option) {
        result.push({
          groupId,
          groupName: group.name,
          optionId: option.id,
          name: option.name,
          priceDelta: option.priceDelta,
        });
      }
    }
  }
  return result;
}
