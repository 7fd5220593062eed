// The till's end-to-end settings, shared: real Chromium on the built apps, a real sync server,
// one file at a time (each starts its own server and browser), long timeouts for waits.
export { default } from '../desktop/vitest.e2e.config';
