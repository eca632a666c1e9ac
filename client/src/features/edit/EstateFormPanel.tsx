/**
 * The attribute form of the estate being drawn or edited (every ledger field of design.md §3),
 * in a side panel over the map. Land area is shown, never typed: it comes from the outline.
 */
import { Drawer, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { HAZARD_LEVELS, PROPERTY_TYPES } from '../../../../core/estate';
import type { CommunityCollection, SubdistrictCollection } from '../../api';
import { formatNumber, m2ToMu } from '../../shared/format';
import type { Language } from '../../shared/i18n/languages';
import { ruleEligibility, type EstateFormValues, type FieldErrors, type FormField } from './form-model';

/** Width of the panel; the same as the estate panel it replaces while editing. */
export const FORM_PANEL_WIDTH_PX = 380;

const MESSAGE_FIELDS = ['name', 'yearBuilt', 'buildings', 'households', 'floorAreaM2', 'willingnessPct', 'eligibilityOverrideReason'] as const;
type MessageField = (typeof MESSAGE_FIELDS)[number];
function hasMessage(field: FormField): field is MessageField {
  return (MESSAGE_FIELDS as readonly string[]).includes(field);
}

export interface EstateFormPanelProps {
  open: boolean;
  isNew: boolean;
  values: EstateFormValues;
  onChange(values: EstateFormValues): void;
  /** Errors to show (the schema's, for touched fields or after a save attempt, and the server's). */
  errors: FieldErrors;
  landAreaM2: number;
  cutoffYear: number;
  subdistricts: SubdistrictCollection;
  communities: CommunityCollection;
  language: Language;
  /** Shown above the fields (e.g. the holes warning). */
  notice?: ReactNode;
}

export function EstateFormPanel(props: EstateFormPanelProps) {
  const { t } = useTranslation();
  const { values, errors, onChange, language } = props;
  const currentYear = new Date().getFullYear();

  const set = <K extends FormField>(field: K, value: EstateFormValues[K]) => onChange({ ...values, [field]: value });
  const message = (field: FormField): string | undefined => {
    const raw = errors[field];
    if (!raw) return undefined;
    return hasMessage(field) ? t(`form.errors.${field}`, { year: currentYear }) : raw;
  };
  const item = (field: FormField, label: ReactNode, control: ReactNode, required = false) => (
    <Form.Item
      key={field}
      label={label}
      required={required}
      validateStatus={errors[field] ? 'error' : undefined}
      help={message(field)}
      data-testid={`form-item-${field}`}
    >
      {control}
    </Form.Item>
  );
  const number = (field: 'yearBuilt' | 'buildings' | 'households' | 'floorAreaM2' | 'willingnessPct', options: { min?: number; max?: number; suffix?: string; precision?: number }) => (
    <InputNumber
      data-testid={`form-${field}`}
      value={values[field]}
      min={options.min}
      max={options.max}
      precision={options.precision}
      suffix={options.suffix}
      style={{ width: '100%' }}
      onChange={(value) => set(field, typeof value === 'number' ? value : null)}
    />
  );

  const communities = props.communities.features.filter(
    (f) => !values.subdistrictCode || f.properties.subdistrictCode === values.subdistrictCode,
  );
  const ruleIncluded = ruleEligibility(values.yearBuilt, props.cutoffYear);

  return (
    <Drawer
      open={props.open}
      placement="right"
      mask={false}
      getContainer={false}
      size={FORM_PANEL_WIDTH_PX}
      rootClassName="atlas-edit-drawer"
      closable={false}
      autoFocus={false}
      title={<span data-testid="edit-form-title">{props.isNew ? t('form.titleNew') : t('form.title')}</span>}
    >
      <div data-testid="edit-form">
        {props.notice}
        <Form layout="vertical" size="small" className="atlas-edit-form" component="div">
          {item('code', t('estate.fields.code'), <Input data-testid="form-code" value={values.code} onChange={(e) => set('code', e.target.value)} />)}
          {item(
            'name',
            t('estate.fields.name'),
            <Input data-testid="form-name" value={values.name} placeholder={t('form.required')} onChange={(e) => set('name', e.target.value)} />,
            true,
          )}
          {item('address', t('estate.fields.address'), <Input data-testid="form-address" value={values.address} onChange={(e) => set('address', e.target.value)} />)}
          <div className="atlas-edit-form-row">
            {item(
              'subdistrictCode',
              t('estate.fields.subdistrict'),
              <Select
                data-testid="form-subdistrict"
                allowClear
                value={values.subdistrictCode ?? undefined}
                placeholder={t('form.auto')}
                options={props.subdistricts.features.map((f) => ({ value: f.properties.code, label: f.properties.name }))}
                onChange={(value: string | undefined) => onChange({ ...values, subdistrictCode: value ?? null, communityCode: null })}
              />,
            )}
            {item(
              'communityCode',
              t('estate.fields.community'),
              <Select
                data-testid="form-community"
                allowClear
                value={values.communityCode ?? undefined}
                placeholder={t('form.auto')}
                options={communities.map((f) => ({ value: f.properties.code, label: f.properties.name }))}
                onChange={(value: string | undefined) => set('communityCode', value ?? null)}
              />,
            )}
          </div>
          <div className="atlas-edit-form-row">
            {item('yearBuilt', t('estate.fields.yearBuilt'), number('yearBuilt', { precision: 0 }))}
            {item('buildings', t('estate.fields.buildings'), number('buildings', { min: 0, precision: 0 }))}
          </div>
          <div className="atlas-edit-form-row">
            {item('households', t('estate.fields.households'), number('households', { min: 0, precision: 0 }))}
            {item('floorAreaM2', t('estate.fields.floorAreaM2'), number('floorAreaM2', { min: 0, suffix: 'm²' }))}
          </div>
          <Form.Item label={t('form.landArea')}>
            <span data-testid="form-land-area">
              {t('units.m2', { value: formatNumber(props.landAreaM2, language) })}
              <span className="atlas-secondary"> ({t('units.mu', { value: formatNumber(m2ToMu(props.landAreaM2), language, 2) })})</span>
            </span>
          </Form.Item>
          <div className="atlas-edit-form-row">
            {item(
              'propertyType',
              t('estate.fields.propertyType'),
              <Select
                data-testid="form-propertyType"
                allowClear
                value={values.propertyType ?? undefined}
                options={PROPERTY_TYPES.map((type) => ({ value: type, label: t(`estate.propertyType.${type}`) }))}
                onChange={(value: (typeof PROPERTY_TYPES)[number] | undefined) => set('propertyType', value ?? null)}
              />,
            )}
            {item(
              'hazardLevel',
              t('estate.fields.hazardLevel'),
              <Select
                data-testid="form-hazardLevel"
                value={values.hazardLevel}
                options={HAZARD_LEVELS.map((level) => ({ value: level, label: t(`estate.hazardLevel.${level}`) }))}
                onChange={(value: (typeof HAZARD_LEVELS)[number]) => set('hazardLevel', value)}
              />,
            )}
          </div>
          {item(
            'originalOwnerUnit',
            t('estate.fields.originalOwnerUnit'),
            <Input value={values.originalOwnerUnit} onChange={(e) => set('originalOwnerUnit', e.target.value)} />,
          )}
          <div className="atlas-edit-form-switches">
            {(['hasPropertyManagement', 'hasOwnersCommittee', 'urgent'] as const).map((field) => (
              <Form.Item key={field} label={t(`estate.fields.${field}`)} className="atlas-edit-switch">
                <Switch data-testid={`form-${field}`} size="small" checked={values[field]} onChange={(checked) => set(field, checked)} />
              </Form.Item>
            ))}
          </div>
          {item('willingnessPct', t('estate.fields.willingnessPct'), number('willingnessPct', { min: 0, max: 100, suffix: t('form.percent') }))}
          {item(
            'eligibility',
            t('form.eligibility'),
            <Select
              data-testid="form-eligibility"
              value={values.eligibility}
              options={[
                { value: 'rule', label: t('form.eligibilityRule') },
                { value: 'include', label: t('form.eligibilityInclude') },
                { value: 'exclude', label: t('form.eligibilityExclude') },
              ]}
              onChange={(value: EstateFormValues['eligibility']) => set('eligibility', value)}
            />,
          )}
          {values.eligibility === 'rule' ? (
            <div className="atlas-edit-rule-hint" data-testid="form-rule-hint">
              {t('form.ruleHint', { year: props.cutoffYear, result: ruleIncluded ? t('form.included') : t('form.excluded') })}
            </div>
          ) : (
            item(
              'eligibilityOverrideReason',
              t('form.overrideReason'),
              <Input.TextArea
                data-testid="form-override-reason"
                rows={2}
                value={values.eligibilityOverrideReason}
                placeholder={t('form.overrideReasonPlaceholder')}
                onChange={(e) => set('eligibilityOverrideReason', e.target.value)}
              />,
              true,
            )
          )}
          {item('notes', t('estate.fields.notes'), <Input.TextArea rows={2} value={values.notes} onChange={(e) => set('notes', e.target.value)} />)}
        </Form>
      </div>
    </Drawer>
  );
}
