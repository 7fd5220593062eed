import { ComandaError } from '../common/errors';
import type { OrderStatus } from './schemas';

/** Codes of order rule violations (other than lifecycle transitions). */
export type OrderErrorCode =
  | 'ORDER_LINE_NOT_FOUND'
  | 'ORDER_ITEM_UNAVAILABLE'
  | 'ORDER_INVALID_QUANTITY'
  | 'ORDER_INVALID_AMOUNT'
  | 'ORDER_OVERPAYMENT'
  | 'ORDER_HAS_PAYMENTS'
  | 'ORDER_EMPTY'
  | 'ORDER_NOTHING_TO_SEND'
  | 'ORDER_PRINT_REQUEST_NOT_FOUND'
  | 'ORDER_KITCHEN_TICKET_NOT_FOUND'
  | 'ORDER_NOTHING_TO_BUMP'
  | 'ORDER_NOTHING_TO_RECALL'
  | 'ORDER_INVALID_INPUT';

/** Thrown when an order operation breaks a business rule. */
export class OrderError extends ComandaError {
  declare readonly code: OrderErrorCode;
  /**
   * @param code which rule
   * @param message human-readable explanation
   */
  constructor(code: OrderErrorCode, message: string) {
    super(code, message);
  }
}

/** Thrown when an action is not allowed in the order's current lifecycle state. */
export class IllegalTransitionError extends ComandaError {
  /** The state the order is in. */
  readonly from: OrderStatus;
  /** The action or target state attempted. */
  readonly action: string;
  /**
   * @param from current status
   * @param action attempted action (e.g. `addLine`, `pay`)
   */
  constructor(from: OrderStatus, action: string) {
    super('ORDER_ILLEGAL_TRANSITION', `cannot ${action} an order that is ${from}`);
    this.from = from;
    this.action = action;
  }
}

/** Thrown when an action needs a manager's approval (`approvedBy`) and none was given. */
export class ManagerApprovalRequiredError extends ComandaError {
  /** What needed approval. */
  readonly action: string;
  /**
   * @param action what needed approval
   * @param message why
   */
  constructor(action: string, message: string) {
    super('MANAGER_APPROVAL_REQUIRED', message);
    this.action = action;
  }
}

/** Thrown when a refund would pay back more than was paid (in total or for a line). */
export class RefundExceedsPaidError extends ComandaError {
  /** The most that can still be refunded (amount, or units for a line). */
  readonly refundable: number;
  /**
   * @param refundable the remaining refundable amount or quantity
   * @param message explanation
   */
  constructor(refundable: number, message: string) {
    super('REFUND_EXCEEDS_PAID', message);
    this.refundable = refundable;
  }
}
