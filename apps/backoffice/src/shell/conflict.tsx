import { useShell } from './context';
import { FormMessage } from './field';

interface ConflictProps {
  /** What was changed (an item's name, a branch, a staff member). */
  what: string;
  id?: string;
  onReload: () => void;
  onOverwrite: () => void;
}

/**
 * A save refused with 409 (someone else saved a newer version since this page read it): the owner
 * either reloads what the server holds or overwrites it on purpose; never a silent overwrite.
 */
export function ConflictNotice({ what, id, onReload, onOverwrite }: ConflictProps) {
  const { i18n } = useShell();
  return (
    <div className="conflict" id={id} role="alert">
      <FormMessage error>{i18n.t('bo.menu.conflict', { item: what })}</FormMessage>
      <button type="button" onClick={onReload}>
        {i18n.t('bo.menu.reload')}
      </button>
      <button type="button" onClick={onOverwrite}>
        {i18n.t('bo.menu.overwrite')}
      </button>
    </div>
  );
}
