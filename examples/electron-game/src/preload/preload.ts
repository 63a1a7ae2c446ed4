// The preload (sandboxed, CommonJS): Electron glue only. It exposes `window.game` and nothing else of Electron or
// Node to the page; the checks live in game-bridge.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { createGameApi } from './game-bridge.js';

contextBridge.exposeInMainWorld(
  'game',
  createGameApi((channel, payload) => ipcRenderer.invoke(channel, payload)),
);
