/**
 * The attribute form of the estate being drawn or edited (every ledger field of design.md §3),
 * in a side panel over the map. Land area is shown, never typed: it comes from the outline.
 */
import { Drawer, Form, Input, Select } from 'antd';
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LEDGER_FIELDS, ledgerField, maxCharsOf, type LedgerField } from '../../../../core/ledger-fields';
import type { CommunityCollection, SubdistrictCollection } from '../../api';
import { formatNumber, m2ToMu } from '../../shared/format';
import { unitOptions } from '../../shared/unit-options';
import type { Language } from '../../shared/i18n/languages';
import { FORM_LEDGER_FIELDS, ruleEligibility, type EstateFormValues, type FieldErrors, type FormField } from './form-model';
import { LedgerFieldControl, type LedgerFieldValue } from './LedgerFieldControl';

/** Width of the panel; the same as the estate panel it replaces while editing. */
export const FORM_PANEL_WIDTH_PX = 380;

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
  /** The community names are still loading (a tiled city loads them when the form first opens). */
  communitiesLoading?: boolean;
  language: Language;
  /** Shown above the fields (e.g. the holes warning). */
  notice?: ReactNode;
}

/** A sub-district's or community's select options. */
export function EstateFormPanel(props: EstateFormPanelProps) {
  const { t } = useTranslation();
  const { values, errors, onChange, language } = props;

  const set = (field: FormField, value: LedgerFieldValue) => onChange({ ...values, [field]: value });
  const item = (field: FormField, label: ReactNode, control: ReactNode, options: { required?: boolean; wide?: boolean } = {}) => (
    <Form.Item
      key={field}
      label={label}
      required={options.required}
      validateStatus={errors[field] ? 'error' : undefined}
      help={errors[field]}
      className={options.wide ? 'atlas-edit-form-wide' : undefined}
      data-testid={`form-item-${field}`}
    >
      {control}
    </Form.Item>
  );

  // A city has thousands of communities: their options are built when the sub-district changes, not on every keystroke.
  const { subdistricts, communities } = props;
  const subdistrictOptions = useMemo(() => unitOptions(subdistricts.features.map((f) => f.properties)), [subdistricts]);
  const communityOptions = useMemo(
    () =>
      unitOptions(
        communities.features
          .map((f) => f.properties)
          .filter((c) => !values.subdistrictCode || c.subdistrictCode === values.subdistrictCode),
      ),
    [communities, values.subdistrictCode],
  );
  const unitSelect = (field: 'subdistrictCode' | 'communityCode', label: string) =>
    item(
      field,
      label,
      <Select
        data-testid={field === 'subdistrictCode' ? 'form-subdistrict' : 'form-community'}
        allowClear
        value={values[field] ?? undefined}
        placeholder={t('form.auto')}
        options={field === 'subdistrictCode' ? subdistrictOptions : communityOptions}
        loading={field === 'communityCode' && props.communitiesLoading === true}
        onChange={(value: string | undefined) =>
          onChange(
            field === 'subdistrictCode'
              ? { ...values, subdistrictCode: value ?? null, communityCode: null }
              : { ...values, communityCode: value ?? null },
          )
        }
      />,
    );

  /** The registry's fields in ledger order: a control for each input field, the rest as the ledger derives them. */
  const controlOf = (field: LedgerField): ReactNode => {
    const label = field.label[language];
    const input = FORM_LEDGER_FIELDS.find((f) => f.key === field.key);
    if (input) {
      const wide = input.kind === 'text';
      const control = (
        <LedgerFieldControl
          field={input}
          value={values[input.key as FormField] as LedgerFieldValue}
          onChange={(value) => set(input.key as FormField, value)}
          language={language}
          placeholder={'required' in input ? t('form.required') : undefined}
        />
      );
      return item(input.key as FormField, label, control, { required: 'required' in input, wide });
    }
    if (field.key === 'subdistrict') return unitSelect('subdistrictCode', label);
    if (field.key === 'community') return unitSelect('communityCode', label);
    if (field.key === 'landAreaM2') return <LandArea key={field.key} label={label} landAreaM2={props.landAreaM2} language={language} />;
    if (field.key === 'eligible') return <EligibilityItems key={field.key} {...props} item={item} />;
    // district follows the sub-district; the override pair is part of the eligibility items.
    return null;
  };

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
          {LEDGER_FIELDS.map(controlOf)}
        </Form>
      </div>
    </Drawer>
  );
}

/** Land area: shown, never typed — it comes from the outline. */
function LandArea({ label, landAreaM2, language }: { label: string; landAreaM2: number; language: Language }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label}>
      <span data-testid="form-land-area">
        {t('units.m2', { value: formatNumber(landAreaM2, language) })}
        <span className="atlas-secondary"> ({t('units.mu', { value: formatNumber(m2ToMu(landAreaM2), language, 2) })})</span>
      </span>
    </Form.Item>
  );
}

type ItemFn = (field: FormField, label: ReactNode, control: ReactNode, options?: { required?: boolean; wide?: boolean }) => ReactNode;

/** Eligibility: the cut-off-year rule, or a planner's override with its reason. */
function EligibilityItems(props: EstateFormPanelProps & { item: ItemFn }) {
  const { t } = useTranslation();
  const { values, onChange, item } = props;
  const ruleIncluded = ruleEligibility(values.yearBuilt, props.cutoffYear);
  return (
    <>
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
          onChange={(value: EstateFormValues['eligibility']) => onChange({ ...values, eligibility: value })}
        />,
        { wide: true },
      )}
      {values.eligibility === 'rule' ? (
        <div className="atlas-edit-rule-hint atlas-edit-form-wide" data-testid="form-rule-hint">
          {t('form.ruleHint', { year: props.cutoffYear, result: ruleIncluded ? t('form.included') : t('form.excluded') })}
        </div>
      ) : (
        item(
          'eligibilityOverrideReason',
          t('form.overrideReason'),
          <Input.TextArea
            data-testid="form-override-reason"
            rows={2}
            maxLength={maxCharsOf(ledgerField('eligibilityOverrideReason'))}
            value={values.eligibilityOverrideReason ?? ''}
            placeholder={t('form.overrideReasonPlaceholder')}
            onChange={(e) => onChange({ ...values, eligibilityOverrideReason: e.target.value })}
          />,
          { required: true, wide: true },
        )
      )}
    </>
  );
}
