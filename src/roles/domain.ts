/**
 * The domain data both roles load once at start: the commune's profile, the procedure catalogue
 * and its search index. A malformed data file stops the process with the fields at fault.
 */
import type { Logger } from '../logger';
import { loadCatalogue, type ProcedureCatalogue } from '../domain/catalogue/catalogue';
import { createProcedureSearch } from '../domain/catalogue/procedure-search';
import { loadSearchVocabulary } from '../domain/catalogue/search-vocabulary';
import type { ProcedureFinder } from '../domain/catalogue/procedure-finder';
import { loadCommuneProfile, type CommuneProfile } from '../domain/commune/commune-profile';

export interface Domain {
  commune: CommuneProfile;
  catalogue: ProcedureCatalogue;
  search: ProcedureFinder;
}

export function loadDomain(logger: Logger): Domain {
  const commune = loadCommuneProfile();
  if (commune.samples.length) logger.warn({ samples: commune.samples }, 'data/commune.json still holds sample values: the commune should confirm them');
  const catalogue = loadCatalogue();
  const search = createProcedureSearch(catalogue.procedures, loadSearchVocabulary());
  logger.info({ procedures: catalogue.procedures.length }, 'catalogue loaded');
  return { commune, catalogue, search };
}
