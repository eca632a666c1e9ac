/** The right-hand drawer of the administrators' tools (users, audit trail, catalogues, stages): one size rule, one close label. */
import { Drawer } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface AdminDrawerProps {
  title: string;
  /** Width on a wide screen; a narrow one keeps a 24 px margin. */
  widthPx: number;
  open?: boolean;
  onClose(): void;
  extra?: ReactNode;
  children: ReactNode;
}

export function AdminDrawer({ title, widthPx, open = true, onClose, extra, children }: AdminDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={title}
      size={Math.min(widthPx, window.innerWidth - 24)}
      destroyOnHidden
      rootClassName="atlas-admin-drawer"
      closable={{ 'aria-label': t('estate.close') }}
      extra={extra}
    >
      {children}
    </Drawer>
  );
}
