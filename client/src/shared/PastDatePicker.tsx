/** A calendar day up to today (what the programme records: nothing happens ahead), never empty. */
import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

export interface PastDatePickerProps {
  value: Dayjs;
  onChange(value: Dayjs): void;
  ariaLabel: string;
  testId: string;
}

export function PastDatePicker({ value, onChange, ariaLabel, testId }: PastDatePickerProps) {
  return (
    <DatePicker
      size="small"
      value={value}
      allowClear={false}
      onChange={(next) => next && onChange(next)}
      disabledDate={(d) => d.isAfter(dayjs())}
      aria-label={ariaLabel}
      data-testid={testId}
    />
  );
}
