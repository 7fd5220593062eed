/** Where the public keys of device and hub tokens are published (RFC 8615 well-known URI). */
export const JWKS_PATH = '/.well-known/jwks.json';
