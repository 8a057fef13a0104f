/**
 * Asked when a sign-in link (#token=…) brings a token other than the one the tab is signed in
 * with: a link someone sent must not swap the officer's session without them noticing.
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import { t } from './i18n';

export function SwitchTokenPrompt({ onAnswer }: { onAnswer: (yes: boolean) => void }) {
  const id = useId();
  const panel = useRef<HTMLDivElement>(null);
  // The question takes the focus, as a dialog does, so a screen reader and the keyboard meet it first.
  useEffect(() => panel.current?.focus(), []);
  return (
    <div
      ref={panel}
      class="notice warning switch-token"
      role="alertdialog"
      aria-labelledby={`${id}-question`}
      aria-describedby={`${id}-why`}
      tabIndex={-1}
    >
      <p id={`${id}-question`} class="switch-token-question">
        {t('switchToken.question')}
      </p>
      <p id={`${id}-why`}>{t('switchToken.why')}</p>
      <div class="actions">
        <button type="button" class="primary" onClick={() => onAnswer(true)}>
          {t('switchToken.yes')}
        </button>
        <button type="button" onClick={() => onAnswer(false)}>
          {t('switchToken.no')}
        </button>
      </div>
    </div>
  );
}
