/**
 * Points are exchanged as numbers (7.5) and stored and summed as integer tenths (75), so no binary
 * floating-point error ever accumulates. Every allowed step (1, 0.5, 0.1) is whole tenths.
 */
export const toTenths = (points: number): number => Math.round(points * 10)

/** True when `points` lies on the 0.1 grid (allowing for the float representation of e.g. 0.3). */
export const isOnTenthGrid = (points: number): boolean => Math.abs(points * 10 - Math.round(points * 10)) < 1e-6

export const fromTenths = (tenths: number): number => tenths / 10

/** "7.5", "8" — how a score is shown to people. */
export const formatPoints = (points: number): string => String(Math.round(points * 10) / 10)
