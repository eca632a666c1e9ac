/**
 * The ledger's totals row under the filtered rows (core/estate-totals.ts). The table's `summary`
 * must return a `<Table.Summary fixed>` element itself: rc-table pins the footer only when the
 * element's type is Summary, and a virtual table drops an unpinned one altogether.
 */
import { Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EstateSummary } from '../../../../core/api-contract';

export function LedgerTotalsRow({ totals, n }: { totals: EstateSummary; n(value: number): string }) {
  const { t } = useTranslation();
  return (
    <Table.Summary.Row className="atlas-ledger-totals" data-testid="ledger-totals">
      <Table.Summary.Cell index={0} colSpan={3}>
        <strong>{t('ledger.totals', { count: n(totals.estates) })}</strong>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={3} colSpan={4} />
      <Table.Summary.Cell index={7} align="right">
        <span data-testid="ledger-total-buildings">{n(totals.buildings)}</span>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={8} align="right">
        <span data-testid="ledger-total-households">{n(totals.households)}</span>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={9} align="right">
        <span data-testid="ledger-total-floor-area">{n(totals.floorAreaM2)}</span>
      </Table.Summary.Cell>
      <Table.Summary.Cell index={10} colSpan={5} />
    </Table.Summary.Row>
  );
}
