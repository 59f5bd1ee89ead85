/**
 * archive.write / archive.restore (the core's `archive` job). The error comes back as it is: a
 * restore over an existing meeting (CONFLICT) asks the organizer instead of showing an error.
 */
import { useCoreJob, type CoreJobOutcome } from '../../composables/useCoreJob'

/** The core's job kind for both directions (services/archive.ts): one archive job at a time. */
export const ARCHIVE_JOB_KIND = 'archive'

export type ArchiveOutcome<T> = CoreJobOutcome<T>

export const useArchiveJob = () => useCoreJob((kind) => kind === ARCHIVE_JOB_KIND)
