// The signed-in person (GET /api/me), loaded once by the shell and shared by every page.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Me } from './api/endpoints';

export interface ProfileContextValue {
  me: Me;
  /** Replaces the profile after a PATCH /api/me. */
  setMe: (me: Me) => void;
}

export const ProfileContext = createContext<ProfileContextValue | null>(null);

/** Only for pages inside the signed-in shell (every route in routes.tsx). */
export function useProfile(): ProfileContextValue {
  const value = useContext(ProfileContext);
  if (!value) throw new Error('useProfile() outside the signed-in shell');
  return value;
}
