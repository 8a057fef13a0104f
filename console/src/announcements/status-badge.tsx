import { t } from '../i18n';
import type { BroadcastStatus } from '../types';

export const StatusBadge = ({ status }: { status: BroadcastStatus }) => (
  <span class={`badge status-${status}`} data-testid="broadcast-status" data-status={status}>
    {t(`broadcastStatus.${status}`)}
  </span>
);
