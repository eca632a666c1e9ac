/** The rows of a project's items or funding: a title with the totals, one line per row with its remove button, and the add form for planners. */
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface ProjectRowLine {
  id: number;
  label: string;
  detail: string;
}

export interface ProjectRowListProps {
  testId: string;
  title: string;
  lines: readonly ProjectRowLine[];
  /** Whether rows can be removed (the add form is `children`, given only to those who may write). */
  canEdit: boolean;
  busy: boolean;
  onRemove(id: number): void;
  children?: ReactNode;
}

export function ProjectRowList({ testId, title, lines, canEdit, busy, onRemove, children }: ProjectRowListProps) {
  const { t } = useTranslation();
  return (
    <section className="programme-rows" data-testid={testId}>
      <h4 className="programme-rows-title">{title}</h4>
      <ul className="programme-row-list">
        {lines.map((line) => (
          <li key={line.id}>
            <span>{line.label}</span>
            <span className="programme-note">{line.detail}</span>
            {canEdit ? (
              <Button type="link" size="small" danger disabled={busy} onClick={() => onRemove(line.id)}>
                {t('programme.rows.remove')}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {canEdit ? <div className="programme-form-row">{children}</div> : null}
    </section>
  );
}
