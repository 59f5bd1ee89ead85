// Types of scripts/fuses.mjs for the TypeScript tests.
import type { FuseConfig, FuseState, FuseV1Options } from '@electron/fuses'

export declare const FUSE_DECISIONS: ReadonlyArray<{ fuse: FuseV1Options; on: boolean }>
export declare const FUSE_CONFIG: Readonly<FuseConfig>
export declare function applyFuses(electronBinary: string, options?: { resetAdHocDarwinSignature?: boolean }): Promise<FuseConfig<FuseState>>
