/**
 * A dossier's body as the one-stop system PUTs it (code and updatedAt come from the route),
 * shared by the tests that push dossiers through the API. Kept out of any `.test.ts` file:
 * importing one would run its tests again in the importer.
 */
export const SAMPLE_DOSSIER = {
  procedureCode: '1.001193',
  status: 4,
  receivedAt: '2026-11-20T08:15:00+07:00',
  dueAt: '2026-11-25T17:00:00+07:00',
  applicantPhoneLast4: '6789',
};
