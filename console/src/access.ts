/**
 * Which pages a role sees. This only shapes the menu: the API decides what each token may do, and
 * a page a role reaches by its address still gets the API's 403.
 */
export const ROLES = ['admin', 'officer', 'team', 'onestop'] as const;
export type Role = (typeof ROLES)[number];

export interface Me {
  role: Role;
  name: string;
  /** A team token's village, or `commune` for the commune team. */
  village?: string;
}

export const PAGES = ['overview', 'announcements', 'tickets', 'dossiers', 'people', 'reports'] as const;
export type Page = (typeof PAGES)[number];

const OFFICE: readonly Role[] = ['admin', 'officer'];

const ALLOWED: Record<Page, readonly Role[]> = {
  overview: OFFICE,
  announcements: OFFICE,
  tickets: [...OFFICE, 'team'],
  dossiers: OFFICE,
  people: OFFICE,
  reports: OFFICE,
};

export const pagesFor = (role: Role): Page[] => PAGES.filter((page) => ALLOWED[page].includes(role));

export const isAdmin = (me: Me) => me.role === 'admin';

export const COMMUNE_TEAM = 'commune';
