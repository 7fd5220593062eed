import {
  newlyReady,
  orderDocSchema,
  readyBoard,
  type OrderDoc,
  type ReadyBoard,
} from '@comanda/core';
import { createBackofficeI18n, type BackofficeI18n, type BackofficeKey } from '@comanda/ui';
import {
  boardClient,
  loadCredential,
  pairBoard,
  saveCredential,
  type BoardClient,
} from './board-api';
import { playChime } from './chime';
import './board.css';

/**
 * The customer ready board (`/board`): a TV paired as the branch's `board` device. It pulls the
 * branch's orders (the till pull), pulls again whenever `sync.changes` says orders changed, and
 * draws core's `readyBoard`; a number that becomes ready is highlighted with a chime.
 */
const root = document.getElementById('board')!;
const HIGHLIGHT_MS = 8_000;
const PAGE = 200;

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: { className?: string; text?: string } = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.text !== undefined) el.textContent = props.text;
  el.append(...children);
  return el;
}

function localeOf(language: string): 'en' | 'fr' {
  return language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

function showPairing(i18n: BackofficeI18n): void {
  document.documentElement.lang = i18n.locale;
  const t = (key: BackofficeKey) => i18n.t(key);
  const input = h('input');
  input.id = 'board-code';
  input.autocomplete = 'off';
  input.required = true;
  input.maxLength = 20;
  const label = h('label', { text: t('bo.board.code') });
  label.htmlFor = input.id;
  const error = h('p', { className: 'board-error' });
  error.setAttribute('role', 'alert');
  const form = h(
    'form',
    { className: 'board-pair' },
    h('h1', { text: t('bo.board.pairTitle') }),
    h('p', { text: t('bo.board.pairHelp') }),
    label,
    input,
    h('button', { text: t('bo.board.pair') }),
    error,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    playChime(true); // unlocks audio while the click counts as a user gesture
    pairBoard(input.value.trim(), 'Ready board').then(
      (credential) => void start(credential.branchId),
      () => (error.textContent = t('bo.board.pairFailed')),
    );
  });
  root.replaceChildren(form);
  input.focus();
}

async function pullOrders(
  client: BoardClient,
  orders: Map<string, OrderDoc>,
  checkpoint: { txid: string; id: string } | null,
) {
  for (;;) {
    const page = await client.sync.pull.query({ collection: 'orders', checkpoint, limit: PAGE });
    for (const doc of page.documents) {
      const parsed = orderDocSchema.safeParse(doc);
      if (doc._deleted || !parsed.success) orders.delete(doc.id);
      else orders.set(doc.id, parsed.data);
    }
    checkpoint = page.checkpoint ?? checkpoint;
    if (page.documents.length < PAGE) return checkpoint;
  }
}

/** The board's translator in its branch's language and time zone. */
async function branchI18n(client: BoardClient, branchId: string): Promise<BackofficeI18n> {
  const page = await client.sync.pull.query({
    collection: 'branches',
    checkpoint: null,
    limit: 50,
  });
  const branch = page.documents.find((d) => d.id === branchId);
  const locale = localeOf(typeof branch?.locale === 'string' ? branch.locale : navigator.language);
  const timeZone = typeof branch?.timeZone === 'string' ? branch.timeZone : undefined;
  return createBackofficeI18n(locale, undefined, timeZone);
}

async function start(branchId: string): Promise<void> {
  const credential = loadCredential();
  if (!credential) return showPairing(createBackofficeI18n(localeOf(navigator.language)));
  const client = boardClient(credential);
  let i18n: BackofficeI18n;
  try {
    i18n = await branchI18n(client, branchId);
  } catch (error) {
    // A revoked board (or a wiped server) pairs again; a network failure retries.
    if (String(error).includes('revoked') || String(error).includes('not valid')) {
      saveCredential(null);
      return showPairing(createBackofficeI18n(localeOf(navigator.language)));
    }
    setTimeout(() => void start(branchId), 5_000);
    return;
  }
  document.documentElement.lang = i18n.locale;
  const orders = new Map<string, OrderDoc>();
  let checkpoint: { txid: string; id: string } | null = null;
  let shown: ReadyBoard = { preparing: [], ready: [] };
  const highlighted = new Map<string, number>();
  const status = h('p', { className: 'board-status' });
  status.setAttribute('role', 'status');
  const preparingList = h('ol', { className: 'board-numbers' });
  const readyList = h('ol', { className: 'board-numbers' });
  const column = (key: BackofficeKey, list: HTMLElement, className: string) => {
    const heading = h('h2', { text: i18n.t(key) });
    heading.id = `board-${className}`;
    list.setAttribute('aria-labelledby', heading.id);
    return h('section', { className: `board-column ${className}` }, heading, list);
  };
  root.replaceChildren(
    h('h1', { className: 'board-title', text: i18n.t('bo.board.title') }),
    h(
      'div',
      { className: 'board-columns' },
      column('bo.board.preparing', preparingList, 'preparing'),
      column('bo.board.ready', readyList, 'ready'),
    ),
    status,
  );

  const render = () => {
    const now = Date.now();
    const next = readyBoard([...orders.values()], { now });
    const fresh = newlyReady(shown, next);
    if (fresh.length > 0) playChime();
    for (const id of fresh) highlighted.set(id, now + HIGHLIGHT_MS);
    shown = next;
    // The time the guest was told, when the till recorded an estimate with the send.
    preparingList.replaceChildren(
      ...next.preparing.map((e) =>
        h(
          'li',
          { text: e.label },
          ...(e.readyAt === null
            ? []
            : [
                h('span', {
                  className: 'board-eta',
                  text: i18n.t('bo.board.readyAround', { time: i18n.when(e.readyAt, now) }),
                }),
              ]),
        ),
      ),
    );
    readyList.replaceChildren(
      ...next.ready.map((e) =>
        h('li', {
          className: (highlighted.get(e.orderId) ?? 0) > now ? 'fresh' : '',
          text: e.label,
        }),
      ),
    );
  };
  let pulling: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (pulling) {
      again = true;
      return pulling;
    }
    const pull = pullOrders(client, orders, checkpoint)
      .then((next) => {
        checkpoint = next;
        status.textContent = '';
        render();
      })
      .catch(() => {
        status.textContent = i18n.t('bo.board.offline');
      })
      .finally(() => {
        pulling = null;
        if (again) {
          again = false;
          void refresh();
        }
      });
    pulling = pull;
    return pull;
  };
  client.sync.changes.subscribe(
    {},
    {
      onStarted: () => void refresh(),
      onData: (event) => {
        if (event === 'RESYNC' || ('changed' in event && event.changed.includes('orders')))
          void refresh();
      },
      onError: () => (status.textContent = i18n.t('bo.board.offline')),
    },
  );
  await refresh();
  // Ready numbers time out and highlights fade without any change on the server.
  setInterval(render, 1_000);
}

const saved = loadCredential();
if (saved) void start(saved.branchId);
else showPairing(createBackofficeI18n(localeOf(navigator.language)));
