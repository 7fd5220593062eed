import { createContext, memo, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '@comanda/ui';
import { allergenLabel } from '@comanda/core/menu';
import type { OrderDoc } from '@comanda/core/orders';
import { applyKitchenKey, DEFAULT_BUMP_KEYS, type KitchenKeyAction } from './kitchen-keys';
import {
  ageLevel,
  ageText,
  allDayCounts,
  DEFAULT_AGE_THRESHOLDS,
  expoCards,
  stationCards,
  SILENCE_ALARM_MS,
  type AgeThresholds,
  type ExpoCard,
  type KitchenCard,
  type KitchenScope,
} from './kitchen-view';
import { beep, useNewTicketBeep } from './use-new-ticket-beep';
import './kitchen.css';

export interface KitchenDisplayProps {
  orders: readonly OrderDoc[];
  scope: KitchenScope;
  now: number;
  /** Nothing heard from the hub or server for 10 s (see `silenceAlarm`). */
  alarm: boolean;
  onBump: (card: KitchenCard) => void;
  /** Expo: the order was handed over (served / collected). */
  onServe: (card: ExpoCard) => void;
  onRecall: () => void;
  thresholds?: AgeThresholds;
  keys?: Readonly<Record<string, KitchenKeyAction>>;
  sound?: () => void;
}

/**
 * The clock of the age timers. Only the timers read it, so the one-second tick re-renders 200
 * `<time>` elements, not 200 cards (memoised cards skip a context change they do not read).
 */
const NowContext = createContext(0);

function Age({ sentAt, orderType, thresholds }: { sentAt: number; orderType: KitchenCard['orderType']; thresholds: AgeThresholds }) {
  const now = useContext(NowContext);
  const level = ageLevel(sentAt, orderType, now, thresholds);
  return (
    <time className={`kitchen-age kitchen-age-${level}`} data-testid="kitchen-age" data-level={level}>
      {ageText(sentAt, now)}
    </time>
  );
}

function Heading({ card, thresholds }: { card: Pick<KitchenCard, 'label' | 'orderType' | 'table' | 'customerName' | 'sentAt'>; thresholds: AgeThresholds }) {
  const { t } = useI18n();
  const where = card.orderType === 'takeaway' ? (card.customerName ?? t('kitchen.takeaway')) : t('kitchen.table', { table: card.table ?? '' });
  return (
    <header className="kitchen-card-head">
      <strong className="kitchen-label">{card.label}</strong>
      <span>{where}</span>
      <Age sentAt={card.sentAt} orderType={card.orderType} thresholds={thresholds} />
    </header>
  );
}

/** A line's allergens, loud: a guest's safety depends on the cook seeing them. */
function Allergens({ line }: { line: KitchenCard['lines'][number] }) {
  const { t, locale } = useI18n();
  const names = (line.allergens ?? []).map((a) => allergenLabel(a, locale));
  const what = [names.join(', '), line.allergenNote ?? ''].filter(Boolean).join(' — ');
  if (what === '') return null;
  return (
    <p className="kitchen-allergens" data-testid="kitchen-allergens">
      <strong>{t('kitchen.allergens')}</strong> {what}
    </p>
  );
}

function TicketBody({ card }: { card: KitchenCard }) {
  const { t } = useI18n();
  return (
    <>
      {(card.addition || card.ticket.kind === 'fire') && (
        <p className="kitchen-tag" data-testid="kitchen-tag">
          {card.ticket.kind === 'fire' ? t('kitchen.fire', { course: card.ticket.course ?? '' }) : t('kitchen.addition')}
        </p>
      )}
      <ul className="kitchen-lines">
        {card.lines.map((line) => {
          const left = line.quantity - line.struck;
          return (
            <li key={line.lineId} data-testid="kitchen-line" data-struck={line.struck > 0 ? (left === 0 ? 'all' : 'some') : 'none'}>
              <span className={left === 0 ? 'kitchen-struck' : undefined}>
                {line.struck > 0 && left > 0 ? (
                  <>
                    <s>{line.quantity}</s> {left}
                  </>
                ) : (
                  line.quantity
                )}
                {' × '}
                {line.name}
              </span>
              {line.struck > 0 && <em className="kitchen-void">{t('kitchen.voided')}</em>}
              {line.seat !== null && <small>{t('kitchen.seat', { seat: line.seat })}</small>}
              {line.modifiers.length > 0 && <p className="kitchen-modifiers">{line.modifiers.join(', ')}</p>}
              <Allergens line={line} />
              {line.notes !== '' && <p className="kitchen-notes">{line.notes}</p>}
            </li>
          );
        })}
      </ul>
      {card.ticket.held.length > 0 && <p className="kitchen-held">{t('kitchen.toFollow', { items: card.ticket.held.map((h) => `${h.quantity} × ${h.name}`).join(', ') })}</p>}
    </>
  );
}

/**
 * One ticket; memoised on the ticket (cards are computed once per order version), so a bump
 * re-renders the bumped card only: the clock comes through a context, the digit to press from a
 * CSS counter (a ticket leaving does not re-render every card after it), and `onBump` is stable.
 */
const StationCard = memo(function StationCard(props: { card: KitchenCard; selected: boolean; thresholds: AgeThresholds; onBump: (card: KitchenCard) => void }) {
  const { card, selected, thresholds, onBump } = props;
  const { t } = useI18n();
  return (
    <li className={`kitchen-card kitchen-${card.status}${card.voided ? ' kitchen-card-voided' : ''}${selected ? ' kitchen-selected' : ''}`} data-testid="kitchen-card" data-status={card.status} data-order={card.orderId} data-station={card.stationId} data-voided={card.voided}>
      <Heading card={card} thresholds={thresholds} />
      <TicketBody card={card} />
      <button type="button" onClick={() => onBump(card)} data-testid="kitchen-bump">
        <kbd className="kitchen-digit" /> {card.status === 'new' ? t('kitchen.start') : t('kitchen.ready')}
      </button>
    </li>
  );
});

/**
 * The kitchen display: a station screen lists its tickets in arrival order (new, then being
 * prepared; a bump moves a ticket on, ready tickets leave the screen), with age timers, an all-day
 * count and keyboard / bump-bar keys; the expo screen lists orders with each station's state and
 * turns an order green when every station is ready. Pure view: data and actions come in as props.
 */
export function KitchenDisplay(props: KitchenDisplayProps) {
  const { orders, scope, now, alarm, onBump, onServe, onRecall } = props;
  const thresholds = props.thresholds ?? DEFAULT_AGE_THRESHOLDS;
  const keys = props.keys ?? DEFAULT_BUMP_KEYS;
  const { t } = useI18n();
  // The latest handler behind a stable function: a new `onBump` each render (the screen's arrow
  // function) would re-render every memoised card on every change.
  const bumpRef = useRef(onBump);
  bumpRef.current = onBump;
  const stableBump = useCallback((card: KitchenCard) => bumpRef.current(card), []);
  const cards = useMemo(() => (scope.kind === 'expo' ? [] : stationCards(orders, scope.stations)), [orders, scope]);
  const expo = useMemo(() => (scope.kind === 'expo' ? expoCards(orders) : []), [orders, scope]);
  const allDay = useMemo(() => allDayCounts(cards), [cards]);
  const count = scope.kind === 'expo' ? expo.length : cards.length;
  const [selected, setSelected] = useState<number | null>(null);
  useNewTicketBeep(scope.kind === 'expo' ? expo.map((c) => c.orderId) : cards.map((c) => c.key), props.sound ?? beep);

  const bumpAt = (index: number) => {
    if (scope.kind === 'expo') {
      const card = expo[index];
      if (card) onServe(card);
    } else {
      const card = cards[index];
      if (card) onBump(card);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA')) return;
      const action = keys[event.key];
      if (!action) return;
      event.preventDefault();
      const next = applyKitchenKey(action, selected, count);
      // After a bump nothing stays picked: the ticket may leave and another take its place.
      setSelected(next.bump !== null ? null : next.selected);
      if (next.bump !== null) bumpAt(next.bump);
      if (next.recall) onRecall();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <NowContext.Provider value={now}>
    <main className="kitchen" data-testid="kitchen-display" data-scope={scope.kind} aria-label={scope.kind === 'expo' ? t('kitchen.expoTitle') : t('kitchen.title')}>
      {alarm && (
        <p role="alert" className="kitchen-alarm" data-testid="kitchen-alarm">
          {t('kitchen.alarm', { seconds: SILENCE_ALARM_MS / 1000 })}
        </p>
      )}
      <div className="kitchen-toolbar">
        <h1>{scope.kind === 'expo' ? t('kitchen.expoTitle') : scope.stations.join(' · ')}</h1>
        <button type="button" onClick={onRecall} data-testid="kitchen-recall">
          {t('kitchen.recall')}
        </button>
        <span className="kitchen-hint">{t('kitchen.keysHint')}</span>
      </div>
      {count === 0 && <p className="kitchen-empty">{t('kitchen.empty')}</p>}
      <ol className="kitchen-cards">
        {scope.kind === 'expo'
          ? expo.map((card, i) => (
              <li key={card.orderId} className={`kitchen-card${card.complete ? ' kitchen-complete' : ''}${i === selected ? ' kitchen-selected' : ''}`} data-testid="expo-card" data-complete={card.complete} data-order={card.orderId}>
                <Heading card={card} thresholds={thresholds} />
                <ul className="kitchen-stations">
                  {card.tickets.map((ticket) => (
                    <li key={ticket.key} data-testid="expo-station" data-station={ticket.stationId} data-status={ticket.status}>
                      {ticket.stationId}: {t(`kitchen.status.${ticket.status}`)}
                    </li>
                  ))}
                </ul>
                <button type="button" onClick={() => onServe(card)} data-testid="expo-serve">
                  <kbd className="kitchen-digit" /> {t('kitchen.serve')}
                </button>
              </li>
            ))
          : cards.map((card, i) => <StationCard key={card.key} card={card} selected={i === selected} thresholds={thresholds} onBump={stableBump} />)}
      </ol>
      {scope.kind === 'stations' && allDay.length > 0 && (
        <aside className="kitchen-all-day" data-testid="kitchen-all-day" aria-label={t('kitchen.allDay')}>
          <h2>{t('kitchen.allDay')}</h2>
          <ul>
            {allDay.map((item) => (
              <li key={item.name} data-testid="all-day-item">
                <strong>{item.quantity}</strong> {item.name}
              </li>
            ))}
          </ul>
        </aside>
      )}
    </main>
    </NowContext.Provider>
  );
}
