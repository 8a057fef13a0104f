/**
 * The layers, top-down (docs/architecture.md): an import may only point down this list.
 *   roles → http, jobs → engine → flows, edge → domain → store
 * plus the leaves everyone may use (config, logger, metrics, i18n, project-root), the tools and
 * the catalogue importer beside the roles, and no cycles anywhere.
 */
const layer = (name, path) => ({ name, path });
const ROLES = '^src/(roles|dev|tools)/';
const HTTP = '^src/http/';
const JOBS = '^src/jobs/';
const ENGINE = '^src/engine/';
const FLOWS = '^flows/';
const EDGE = '^src/edge/';
const DOMAIN = '^src/domain/';
const STORE = '^src/store/';

/** `from` may not import `to`. */
const forbid = (name, from, to, comment) => ({ name, comment, severity: 'error', from: { path: from }, to: { path: to } });

module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'A cycle makes two modules one; split what they share.', from: {}, to: { circular: true } },
    forbid('http-not-from-below', `${JOBS}|${ENGINE}|${FLOWS}|${EDGE}|${DOMAIN}|${STORE}`, HTTP, 'HTTP routes sit on top: nothing below imports them.'),
    forbid('jobs-not-from-below', `${HTTP}|${ENGINE}|${FLOWS}|${EDGE}|${DOMAIN}|${STORE}`, JOBS, 'Only the composition roots choose and start jobs.'),
    forbid('engine-not-from-below', `${FLOWS}|${EDGE}|${DOMAIN}|${STORE}`, ENGINE, 'Flows, clients and the domain never see the engine.'),
    forbid('flows-not-from-below', `${EDGE}|${DOMAIN}|${STORE}`, FLOWS, 'Flows are above the domain.'),
    forbid('flows-never-see-zalo', FLOWS, `${EDGE}|^src/dev/`, 'Flows never see Zalo.'),
    forbid('flows-never-see-redis', FLOWS, STORE, 'Flows reach Redis only through the domain.'),
    forbid('edge-not-from-below', `${DOMAIN}|${STORE}`, EDGE, 'The domain has no HTTP and no Zalo in it.'),
    forbid('domain-not-from-store', STORE, DOMAIN, 'The store is the bottom layer.'),
    forbid('src-not-from-roles', '^(src|flows)/(?!roles/|dev/|tools/)', ROLES, 'Only the roles, tools and dev servers compose the service.'),
    forbid('no-tests-in-src', '^(src|flows)/', '^(test|bench)/', 'Production code never imports tests or benchmarks.'),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^(src|flows)/',
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
