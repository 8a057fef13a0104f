/** The staff directory (admin): officers' Zalo ids and roles; add or change one, remove one. */
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { formatTime } from '../format';
import { useLoad } from '../load';
import type { StaffMember } from '../types';
import { ErrorNotice, Field, fieldError, Loading, Section, Select, TableWrap, RowAction } from '../ui';

export function Staff() {
  const staff = useLoad(() => api.get<{ staff: StaffMember[] }>('/staff'), []);
  const [form, setForm] = useState({ id: '', name: '', role: 'officer' as StaffMember['role'] });
  const [error, setError] = useState<unknown>();
  const save = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    try {
      await api.put(`/staff/${encodeURIComponent(form.id.trim())}`, { role: form.role, name: form.name });
      setForm({ id: '', name: '', role: 'officer' });
      staff.reload();
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (member: StaffMember) => {
    if (!confirm(t('people.removeConfirm', { name: member.name }))) return;
    try {
      await api.delete(`/staff/${encodeURIComponent(member.id)}`);
      staff.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <Section title={t('people.staff')}>
      <ErrorNotice error={staff.error} />
      {!staff.data ? (
        !staff.error && <Loading />
      ) : (
        <TableWrap label={t('people.staff')}>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">{t('people.name')}</th>
                <th scope="col">{t('people.zaloId')}</th>
                <th scope="col">{t('people.role')}</th>
                <th scope="col">{t('common.updated')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.staff.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td class="mono">{m.id}</td>
                  <td>{t(`roles.${m.role}`)}</td>
                  <td>{formatTime(m.updatedAt)}</td>
                  <td>
                    <RowAction label={t('people.remove')} named={t('people.removeNamed', { name: m.name })} onClick={() => remove(m)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <form class="inline-form" onSubmit={save}>
        <h3>{t('people.addStaff')}</h3>
        <div class="row">
          <Field
            label={t('people.zaloId')}
            inputMode="numeric"
            required
            value={form.id}
            onInput={(e) => setForm({ ...form, id: e.currentTarget.value })}
            error={fieldError(error, 'id')}
          />
          <Field
            label={t('people.name')}
            required
            value={form.name}
            onInput={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={fieldError(error, 'name')}
          />
          <Select
            label={t('people.role')}
            value={form.role}
            onChange={(role) => setForm({ ...form, role })}
            options={[
              { value: 'officer', label: t('roles.officer') },
              { value: 'admin', label: t('roles.admin') },
            ]}
          />
        </div>
        <ErrorNotice error={error} />
        <button type="submit" class="primary">
          {t('common.save')}
        </button>
      </form>
    </Section>
  );
}
