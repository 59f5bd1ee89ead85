/**
 * Device names Windows reserves: no file may be called CON, NUL, COM1… — with any extension either
 * (the part before the first dot counts), in any case; Windows also reads ¹²³ as digits here.
 */
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i

/** The name with a _ in front when Windows reserves it (CON → _CON, nul.txt → _nul.txt), else unchanged. */
export const avoidReservedName = (name: string): string => (RESERVED.test(name) ? `_${name}` : name)
