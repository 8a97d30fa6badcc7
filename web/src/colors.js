// Colours by ACLED event type (colour-blind-safe Okabe–Ito order), radius by fatalities.
export const TYPES = {
  'Battles': '#D55E00',
  'Explosions/Remote violence': '#E69F00',
  'Violence against civilians': '#CC79A7',
  'Protests': '#0072B2',
  'Riots': '#56B4E9',
  'Strategic developments': '#009E73',
};
export const OTHER = '#6b6b6b';
export const colorOf = (t) => TYPES[t] || OTHER;
export const radiusOf = (dead) => Math.min(22, 5 + 2.2 * Math.sqrt(dead || 0));
