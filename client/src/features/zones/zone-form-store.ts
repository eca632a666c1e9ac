/** The zone being created (its members, picked on the map or taken from a suggestion); transient, so apart from the atlas store. */
import { create } from 'zustand';

export interface ZoneDraft {
  estateIds: readonly number[];
  fromSuggestion: boolean;
}

export interface ZoneFormState {
  draft: ZoneDraft | null;
  openDraft(draft: ZoneDraft): void;
  closeDraft(): void;
}

export const useZoneFormStore = create<ZoneFormState>()((set) => ({
  draft: null,
  openDraft: (draft) => set({ draft }),
  closeDraft: () => set({ draft: null }),
}));
