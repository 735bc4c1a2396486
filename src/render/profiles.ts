/** The output profiles: one layout, painted for different uses (DESIGN.md, "Output profiles"). */
export type ProfileName = 'press' | 'office' | 'archive';

export interface Profile {
  name: ProfileName;
  /** colour of text and rules: K-only black for press, so text never registers out */
  ink: [number, number, number, number];
  /** tint of placeholder frames */
  placeholderInk: [number, number, number, number];
  /** how photos are converted for this profile */
  photoColour: 'grey' | 'rgb';
  /** the resolution photos are prepared at, ppi */
  photoPpi: number;
}

export const PROFILES: Record<ProfileName, Profile> = {
  press: { name: 'press', ink: [0, 0, 0, 100], placeholderInk: [0, 0, 0, 45], photoColour: 'grey', photoPpi: 200 },
  office: { name: 'office', ink: [0, 0, 0, 100], placeholderInk: [0, 0, 0, 45], photoColour: 'rgb', photoPpi: 150 },
  archive: { name: 'archive', ink: [0, 0, 0, 100], placeholderInk: [0, 0, 0, 45], photoColour: 'rgb', photoPpi: 200 },
};
