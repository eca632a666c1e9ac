/**
 * Creating a zone from the picked estates or a suggestion: name (proposed from the sub-district),
 * sub-district (the members' common one), note. When the server finds the members not connected
 * (zone_disconnected) the planner may give a reason and save a split zone.
 */
import { Alert, App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ZONE_NAME_MAX_CHARS, ZONE_NOTE_MAX_CHARS } from '../../../../core/zones/zone-rules';
import { useAtlasStore } from '../../state/atlas-store';
import { unitOptions } from '../../shared/unit-options';
import { commonSubdistrictCode, majoritySubdistrict, nextZoneName } from './zone-naming';
import { useZoneFormStore } from './zone-form-store';
import { createZoneAndStore } from './zone-writes';

interface FormValues {
  name: string;
  subdistrictCode: string | null;
  note: string;
  splitReason: string;
}

const NO_VALUES: Partial<FormValues> = {};

export function CreateZoneModal() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const draft = useZoneFormStore((s) => s.draft);
  const closeDraft = useZoneFormStore((s) => s.closeDraft);
  const language = useAtlasStore((s) => s.language);
  const data = useAtlasStore((s) => s.data);
  const zones = useAtlasStore((s) => s.zones);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  // A refusal belongs to the draft it was for; a new draft starts without one.
  const [refusal, setRefusal] = useState<{ draft: unknown; code: string; message: string } | null>(null);
  const problem = refusal && refusal.draft === draft ? refusal : null;

  const members = useMemo(() => {
    const ids = new Set(draft?.estateIds ?? []);
    return (data?.estates.features ?? []).filter((f) => ids.has(f.id));
  }, [draft, data]);
  const subdistricts = useMemo(() => (data?.subdistricts.features ?? []).map((f) => f.properties), [data]);

  // Proposed when the draft opens; the form is rebuilt for each draft (destroyOnHidden), so a reload
  // or a language change does not overwrite what was typed.
  const proposed = useMemo<Partial<FormValues>>(() => {
    if (!draft) return NO_VALUES;
    const places = members.map((m) => m.properties);
    return {
      name: nextZoneName(
        majoritySubdistrict(places),
        language,
        (zones ?? []).map((z) => z.properties.name),
      ),
      subdistrictCode: commonSubdistrictCode(places, subdistricts),
      note: '',
      splitReason: '',
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft]);

  const split = problem?.code === 'zone_disconnected';
  const submit = async () => {
    if (!draft) return;
    const values = await form.validateFields();
    setSaving(true);
    const result = await createZoneAndStore(
      {
        name: values.name.trim(),
        estateIds: [...draft.estateIds],
        subdistrictCode: values.subdistrictCode ?? null,
        note: (values.note ?? '').trim() || null,
        ...(split ? { splitReason: (values.splitReason ?? '').trim() } : {}),
      },
      language,
    );
    setSaving(false);
    if (!result.ok) {
      setRefusal({ draft, code: result.code, message: result.message });
      return;
    }
    void message.success(t('zones.create.created', { name: result.value.properties.name }));
    const store = useAtlasStore.getState();
    store.clearPicked();
    if (!draft.fromSuggestion) store.openZone(result.value.id);
    closeDraft();
  };

  const names = members.map((m) => m.properties.name).join(language === 'zh' ? '、' : ', ');
  return (
    <Modal
      open={draft !== null}
      title={draft?.fromSuggestion ? t('zones.create.titleFromSuggestion') : t('zones.create.title')}
      okText={t('zones.create.save')}
      cancelText={t('zones.create.cancel')}
      onOk={() => void submit()}
      onCancel={closeDraft}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'zone-create-save' }}
      destroyOnHidden
    >
      <div data-testid="zone-create-dialog">
        <p className="atlas-secondary" data-testid="zone-create-members">
          {t('zones.create.members', { count: members.length, names })}
        </p>
        {problem ? (
          <Alert
            type={split ? 'warning' : 'error'}
            showIcon
            className="atlas-edit-alert"
            data-testid="zone-create-problem"
            title={split ? t('zones.create.splitTitle') : problem.message}
            description={split ? problem.message : undefined}
          />
        ) : null}
        <Form form={form} layout="vertical" className="atlas-suggest-form" requiredMark={false} initialValues={proposed} preserve={false}>
          <Form.Item
            name="name"
            label={t('zones.create.name')}
            rules={[{ required: true, whitespace: true, message: t('zones.create.nameRequired') }]}
          >
            <Input maxLength={ZONE_NAME_MAX_CHARS} data-testid="zone-create-name" />
          </Form.Item>
          <Form.Item name="subdistrictCode" label={t('zones.create.subdistrict')}>
            <Select
              allowClear
              placeholder={t('zones.create.subdistrictNone')}
              options={unitOptions(subdistricts)}
              data-testid="zone-create-subdistrict"
            />
          </Form.Item>
          <Form.Item name="note" label={t('zones.create.note')}>
            <Input.TextArea maxLength={ZONE_NOTE_MAX_CHARS} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="zone-create-note" />
          </Form.Item>
          {split ? (
            <Form.Item
              name="splitReason"
              label={t('zones.create.splitReason')}
              rules={[{ required: true, whitespace: true, message: t('zones.create.splitReasonRequired') }]}
            >
              <Input.TextArea
                maxLength={ZONE_NOTE_MAX_CHARS}
                autoSize={{ minRows: 2, maxRows: 4 }}
                data-testid="zone-create-split-reason"
              />
            </Form.Item>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}
