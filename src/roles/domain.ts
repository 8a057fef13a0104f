/**
 * The domain data both roles load once at start: the commune's profile, the procedure catalogue
 * and its search index. A malformed data file stops the process with the fields at fault.
 */
import type { Logger } from '../logger';
import { loadCatalogue, type ProcedureCatalogue } from '../domain/catalogue/catalogue';
import { createProcedureSearch } from '../domain/catalogue/procedure-search';
import { loadSearchVocabulary } from '../domain/catalogue/search-vocabulary';
import { loadEnglishNames } from '../domain/catalogue/english-names';
import type { ProcedureFinder } from '../domain/catalogue/procedure-finder';
import { loadCommuneProfile, unconfirmedValues, type CommuneProfile } from '../domain/commune/commune-profile';

export interface Domain {
  commune: CommuneProfile;
  catalogue: ProcedureCatalogue;
  search: ProcedureFinder;
}

export function loadDomain(logger: Logger): Domain {
  const commune = loadCommuneProfile();
  logUnconfirmed(logger, commune);
  const catalogue = loadCatalogue();
  const english = loadEnglishNames(new Set(catalogue.procedures.map((p) => p.code)));
  const search = createProcedureSearch(catalogue.procedures, loadSearchVocabulary(), english);
  logger.info({ procedures: catalogue.procedures.length }, 'catalogue loaded');
  return { commune, catalogue, search };
}

/**
 * What the commune has not confirmed: replies leave those values out (no address line, no call
 * button), so citizens get less than they should. In production that is a fault to fix, said loudly.
 */
function logUnconfirmed(logger: Logger, commune: CommuneProfile): void {
  const unconfirmed = unconfirmedValues(commune).map((v) => (v.note ? `${v.path}: ${v.note}` : v.path));
  if (unconfirmed.length === 0) return;
  const toConfirm = commune.villagesToConfirm.map((v) => `${v.name} (${v.formerCommune})`);
  const fields = { unconfirmed, villagesToConfirm: toConfirm };
  if (process.env.NODE_ENV === 'production') {
    logger.error(
      fields,
      `PRODUCTION WITH UNCONFIRMED COMMUNE DATA: ${unconfirmed.length} value(s) in data/commune.json are not confirmed by the commune and are withheld from citizens (${unconfirmed.map((u) => u.split(':')[0]).join(', ')}). Confirm them and remove them from "samples".`,
    );
  } else {
    logger.warn(fields, 'data/commune.json holds values the commune has not confirmed: replies leave them out until they are confirmed');
  }
}
