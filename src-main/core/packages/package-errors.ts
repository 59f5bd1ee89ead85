/**
 * Why a package was refused. Each reason has its own Chinese message (what happened and what to do),
 * and travels as the error's first detail so callers and tests can tell reasons apart.
 */
import { DomainError } from '../errors'

export type PackageProblem =
  | 'not-found'
  | 'not-zip'
  | 'truncated'
  | 'unsafe-path'
  | 'too-large'
  | 'encrypted'
  | 'no-manifest'
  | 'bad-manifest'
  | 'newer-format'
  | 'wrong-kind'
  | 'unlisted-file'
  | 'missing-file'
  | 'size-mismatch'
  | 'hash-mismatch'
  | 'auth-missing'
  | 'auth-failed'
  // The data inside (meeting-slice / slice-check) and what it is for.
  | 'bad-data'
  | 'newer-schema'
  | 'foreign-data'
  | 'wrong-meeting'
  | 'wrong-reviewer'
  | 'rubric-mismatch'
  | 'meeting-exists'
  | 'already-imported'

export class PackageError extends DomainError {
  constructor(
    readonly problem: PackageProblem,
    message: string,
  ) {
    super('IMPORT_INVALID', message, [problem])
    this.name = 'PackageError'
  }
}

export const packageError = (problem: PackageProblem, message: string): PackageError => new PackageError(problem, message)
