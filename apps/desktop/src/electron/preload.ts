import { contextBridge, ipcRenderer } from 'electron';
import { HOST_METHOD_NAMES, hostChannel } from '../host/methods.js';

/**
 * The only surface the renderer sees: one named function per contract method, each taking one
 * payload. No generic send/invoke, no ipcRenderer, no Node.
 */
const api = Object.fromEntries(
  HOST_METHOD_NAMES.map((method) => [method, (input: unknown) => ipcRenderer.invoke(hostChannel(method), input ?? {})]),
);
contextBridge.exposeInMainWorld('comandaHost', Object.freeze(api));
