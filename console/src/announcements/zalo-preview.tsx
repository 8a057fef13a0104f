/**
 * The announcement as a follower's Zalo chat shows it: the Official Account's bubble, the image
 * above the text, the link as a button under it. Zalo carries an image or buttons in one message,
 * not both: with an image the link goes into the text, as the service sends it (textWithLink).
 */
import { t } from '../i18n';

export interface Draft {
  text: string;
  imageUrl: string;
  linkTitle: string;
  linkUrl: string;
}

const withLink = (text: string, title: string, url: string) => `${text}\n\n${title}: ${url}`;

export function ZaloPreview({ draft, oaName }: { draft: Draft; oaName: string }) {
  const hasLink = draft.linkTitle.trim() !== '' && draft.linkUrl.trim() !== '';
  const image = /^https:\/\//.test(draft.imageUrl.trim()) ? draft.imageUrl.trim() : '';
  const text = image && hasLink ? withLink(draft.text, draft.linkTitle.trim(), draft.linkUrl.trim()) : draft.text;
  return (
    <figure class="zalo-preview">
      <figcaption>{t('announcements.preview')}</figcaption>
      <div class="zalo-chat">
        <div class="zalo-oa">
          <span class="zalo-avatar" aria-hidden="true">
            {oaName.slice(0, 1)}
          </span>
          <span class="zalo-oa-name">{oaName}</span>
        </div>
        <div class="zalo-bubble">
          {image && <img src={image} alt={t('announcements.previewImage')} referrerpolicy="no-referrer" />}
          <p class="zalo-text">{text.trim() || <span class="muted">{t('announcements.previewEmpty')}</span>}</p>
          {hasLink && !image && (
            <span class="zalo-button" aria-label={t('announcements.previewButton', { title: draft.linkTitle.trim() })}>
              {draft.linkTitle.trim()}
            </span>
          )}
        </div>
      </div>
    </figure>
  );
}
