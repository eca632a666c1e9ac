/** The right-hand panel over the map that the estate and facility panels share: no mask, the map stays usable. */
import { Drawer } from 'antd';
import type { ReactNode } from 'react';

/** Width of the panel over the map's right-hand side. */
export const ESTATE_PANEL_WIDTH_PX = 380;

export interface SidePanelProps {
  open: boolean;
  onClose(): void;
  /** The close button's accessible name, in the UI language. */
  closeLabel: string;
  title: ReactNode;
  children: ReactNode;
}

export function SidePanel({ open, onClose, closeLabel, title, children }: SidePanelProps) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      placement="right"
      mask={false}
      getContainer={false}
      size={ESTATE_PANEL_WIDTH_PX}
      rootClassName="atlas-estate-drawer"
      destroyOnHidden
      autoFocus={false}
      closable={{ 'aria-label': closeLabel }}
      title={title}
    >
      {children}
    </Drawer>
  );
}
