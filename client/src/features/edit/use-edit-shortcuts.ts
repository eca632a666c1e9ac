/** Keyboard shortcuts of the workbench: N new, E edit, P add part, Ctrl+Z/Y undo/redo, Ctrl+S save, Esc cancel. */
import { useEffect, useRef } from 'react';
import type { ToolbarAction } from './edit-toolbar-actions';
import { useEditStore } from './edit-store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function useEditShortcuts(onAction: (action: ToolbarAction) => void): void {
  // The latest handler is read through a ref so the listener is added once.
  const onActionRef = useRef(onAction);
  useEffect(() => {
    onActionRef.current = onAction;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const current = useEditStore.getState().session;
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's' && current) {
        event.preventDefault();
        onActionRef.current('save');
        return;
      }
      if (isTyping(event.target) || document.querySelector('.ant-modal-wrap:not([style*="display: none"])')) return;
      if (current && mod && (key === 'z' || key === 'y')) {
        event.preventDefault();
        if (current.sketching) return;
        onActionRef.current(key === 'y' || event.shiftKey ? 'redo' : 'undo');
        return;
      }
      if (mod || event.altKey) return;
      // Terra Draw cancels a half-drawn polygon on Escape itself; Escape otherwise ends the session.
      if (key === 'escape' && current && !current.sketching) {
        // Escape leaves "add part" first; a second Escape ends the session.
        if (current.tool === 'draw' && current.history.present.length > 0) useEditStore.getState().setTool('select');
        else onActionRef.current('cancel');
      } else if (key === 'n' && !current) onActionRef.current('create');
      else if (key === 'e' && !current) onActionRef.current('edit');
      else if (key === 'p' && current && !current.sketching) onActionRef.current('addPart');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
