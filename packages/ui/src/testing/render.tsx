import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nProvider, type Locale } from '../i18n';

/** Renders inside the i18n provider the till uses (EUR, Paris time). */
export function renderUi(ui: ReactElement, locale: Locale = 'en'): RenderResult {
  return render(
    <I18nProvider locale={locale} currency="EUR" timeZone="Europe/Paris">
      {ui}
    </I18nProvider>,
  );
}
