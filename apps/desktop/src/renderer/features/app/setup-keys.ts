/** Device settings behind the first-run checklist: set once, kept across restarts. */
export const SETUP_KEYS = {
  printerTested: 'setup:printerTestedAt',
  shiftOpened: 'setup:shiftOpenedAt',
  dismissed: 'setup:checklistDismissedAt',
} as const;
